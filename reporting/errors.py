"""The reporting package's domain errors."""

from core.errors import DomainError


class ReportError(DomainError):
    """A rule refused the change; `message` is for the user, `field` the form field if one."""


class ReportInvalid(ReportError):
    """Several fields are refused at once: `errors` maps field → message."""

    def __init__(self, errors: dict):
        super().__init__(next(iter(errors.values())))
        self.errors = errors
