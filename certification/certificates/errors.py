"""The certificates package's domain errors."""

from core.errors import DomainError


class CertificateError(DomainError):
    """A refused certificate action; `message` is shown to the user (a lazy string in their
    language), `field` names the form field or query parameter it belongs to, if any."""


class InvalidCertificateTransition(CertificateError):
    """The certificate's state does not allow this step."""
