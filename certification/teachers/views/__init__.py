"""The teacher registry's pages for people with an account: the teacher's own registration,
the admin's checks and the school's teacher list (the public lookup is `registry.views`)."""

from certification.teachers.views import admin, own, schools  # noqa: F401  (each module adds its views to bp)
from certification.teachers.views.blueprint import bp  # noqa: F401  (the blueprint, registered by the package's init_app)
