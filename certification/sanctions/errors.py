"""The sanctions' domain error: a RegistryError, so the teacher pages show it like theirs."""

from certification.teachers.errors import RegistryError


class SanctionError(RegistryError):
    """A refused sanction or objection step; `message` is shown to the user, `field` names
    the form field it belongs to."""
