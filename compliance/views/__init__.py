"""The school owner's pages: one blueprint, its views split by subject.

Every view follows the same pipeline: load the object (404), check permission (403),
validate the form, call one service, then flash, redirect or render.
"""

from compliance.views import assessments, changes, files, members, schools  # noqa: F401  (each module adds its views to bp)
from compliance.views.blueprint import bp  # noqa: F401  (the blueprint, registered by the package's init_app)
