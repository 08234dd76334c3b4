"""The teacher registry's domain errors."""

from core.errors import DomainError


class RegistryError(DomainError):
    """A refused registry action; `message` is shown to the user (lazy, in their language),
    `field` names the form field it belongs to when there is one."""


class InvalidRegistrationNumber(RegistryError):
    """A registration number that is malformed or whose check digit does not match."""
