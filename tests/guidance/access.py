"""Access rules for the step plans, the wegwijzer, the footer pages and their editor."""

from accounts.models import Role
from tests.access_kit import PUBLIC, roles

RULES = {
    "guidance.page": PUBLIC,
    "guidance.helper": PUBLIC,
    "guidance.about": PUBLIC,
    "guidance.admin_index": roles(Role.admin),
    "guidance.admin_edit": roles(Role.admin),
    "guidance.admin_history": roles(Role.admin),
    "guidance.admin_contact": roles(Role.admin),
}

SAMPLES = {
    "guidance.page": lambda: {"audience": "kinderen"},
    "guidance.about": lambda: {"slug": "privacy"},
    "guidance.admin_edit": lambda: {"audience": "ouders"},
    "guidance.admin_history": lambda: {"audience": "ouders"},
    "guidance.admin_contact": lambda: {"key": "kindertelefoon"},
}


def _number():
    from tests.certification.certificates import factories

    return {"number": factories.issue().number}


def _school():
    from tests.certification.certificates import factories

    return {"school_id": factories.issue().school_id, "language": "en"}


RULES.update({"guidance.badge": PUBLIC, "guidance.poster": PUBLIC})
SAMPLES.update({"guidance.badge": _number, "guidance.poster": _school})
