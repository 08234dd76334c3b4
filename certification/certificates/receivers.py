"""The certificates' reactions to compliance's events (compliance.signals)."""

from certification.certificates.services import issue_certificate
from compliance.signals import recommendation_approved


def issue_for_approved(assessment, *, by, conditions):
    """An approved recommendation issues the school's certificate in the same transaction;
    the corrective actions (`conditions`) become its conditions."""
    return issue_certificate(assessment, by, conditions)


def connect() -> None:
    recommendation_approved.connect(issue_for_approved)
