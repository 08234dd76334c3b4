"""Who may do what with monitoring reports and the sector figures: the one place for it.

- the school's members fill in, submit and answer questions on their school's reports;
- an assessor (never one with a conflict with the school) or an admin reads a submitted
  report, acknowledges it or asks questions;
- a monitor (the ministry, the alliance's board) and an admin read the sector figures and
  their exports, which never show a single school; the public sees only published years.
"""

from accounts.models import Role
from accounts.permissions import has_role, is_admin
from compliance.permissions import can_edit_school, is_member
from compliance.review.permissions import is_conflicted


def can_fill_in(user, report) -> bool:
    return can_edit_school(user, report.school_id)


def can_view_report(user, report) -> bool:
    return is_member(user, report.school_id) or can_review_report(user, report)


def can_review_report(user, report=None) -> bool:
    """Admins, and assessors without a conflict with the report's school."""
    if is_admin(user):
        return True
    if not has_role(user, Role.assessor):
        return False
    return report is None or not is_conflicted(user, report.school_id)


def can_see_figures(user) -> bool:
    return has_role(user, Role.monitor, Role.admin)


def can_publish_figures(user) -> bool:
    return is_admin(user)


def template_helpers() -> dict:
    return {"can_see_figures": can_see_figures, "can_review_report": can_review_report}
