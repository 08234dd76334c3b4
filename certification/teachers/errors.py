"""The teacher registry's domain errors."""


class RegistryError(Exception):
    """A refused registry action; `message` is shown to the user (lazy, in their language),
    `field` names the form field it belongs to when there is one."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


class InvalidRegistrationNumber(RegistryError):
    """A registration number that is malformed or whose check digit does not match."""
