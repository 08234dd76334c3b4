"""The guidance package's domain error."""


class GuidanceError(Exception):
    """A refused edit; `message` is shown to the editor, `field` names the form field."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field
