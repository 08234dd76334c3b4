"""The compliance package's domain errors."""

from core.errors import DomainError


class ComplianceError(DomainError):
    """A refused compliance action; `message` is shown to the user, `field` names the form
    field it belongs to when there is one."""


class InvalidTransition(ComplianceError):
    """The assessment's state does not allow this step."""


class IncompleteAssessment(ComplianceError):
    """Submission refused: `missing` lists what is still to be done."""

    def __init__(self, message, missing):
        super().__init__(message)
        self.missing = missing
