"""The guidance package's domain error."""

from core.errors import DomainError


class GuidanceError(DomainError):
    """A refused edit; `message` is shown to the editor, `field` names the form field."""
