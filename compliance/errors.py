"""The compliance package's domain errors."""


class ComplianceError(Exception):
    """A refused compliance action; `message` is shown to the user, `field` names the form
    field it belongs to when there is one."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


class InvalidTransition(ComplianceError):
    """The assessment's state does not allow this step."""


class IncompleteAssessment(ComplianceError):
    """Submission refused: `missing` lists what is still to be done."""

    def __init__(self, message, missing):
        super().__init__(message)
        self.missing = missing
