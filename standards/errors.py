"""The standards package's domain errors."""

from core.errors import DomainError


class StandardsError(DomainError):
    """A refused quality-plan action; `message` says what is wrong and what to do."""


class PlanFileError(StandardsError):
    """A plan file that cannot be used; `errors` names each place ("B2.title.en: missing")."""

    def __init__(self, path, errors: list[str]):
        self.path = str(path)
        self.errors = list(errors)
        count = len(self.errors)
        super().__init__(f"{self.path} is not a valid quality plan ({count} problem{'s' if count != 1 else ''}):\n"
                         + "\n".join(f"  {error}" for error in self.errors))
