"""The review blueprint: the assessor's queue and pages, the school's answers, conflict
declarations and the public list of assessors. Each view: load (404), check (403),
validate, call one service, flash/redirect/render."""

from compliance.review.views import assessor, conflicts, school  # noqa: F401  (each module adds its views to bp)
from compliance.review.views.blueprint import bp  # noqa: F401  (the blueprint, registered by the package's init_app)
