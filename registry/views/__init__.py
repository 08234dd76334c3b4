"""The public pages, all on one blueprint (`registry.blueprint.bp`)."""

from registry.blueprint import bp
from registry.views import schools, teachers  # noqa: F401  (their routes hang on bp)

__all__ = ["bp"]
