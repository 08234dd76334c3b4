"""Who may do what with cases: a school's managers tell the alliance; only admins see a
case and act on it (the school sees a confirmation, never the case)."""

from accounts.permissions import is_admin
from compliance.permissions import is_member


def can_report_case(user, school) -> bool:
    return is_member(user, school)


def can_handle_cases(user) -> bool:
    return is_admin(user)
