"""The reporting package's domain errors."""


class ReportError(Exception):
    """A rule refused the change; `message` is for the user, `field` the form field if one."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


class ReportInvalid(ReportError):
    """Several fields are refused at once: `errors` maps field → message."""

    def __init__(self, errors: dict):
        super().__init__(next(iter(errors.values())))
        self.errors = errors
