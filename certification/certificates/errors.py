"""The certificates package's domain errors."""


class CertificateError(Exception):
    """A refused certificate action; `message` is shown to the user (a lazy string in their
    language), `field` names the form field or query parameter it belongs to, if any."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


class InvalidCertificateTransition(CertificateError):
    """The certificate's state does not allow this step."""
