"""The review workflow's domain error."""

from compliance.errors import ComplianceError


class ReviewError(ComplianceError):
    """A refused review step; `message` is shown to the user (Dutch source, translated)."""
