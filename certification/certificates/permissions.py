"""Who may do what with certificates, in one place.

- everyone may verify a certificate, download its PDF and credential, and search the
  register of schools (those views are marked @public);
- a school's members (and admins) see the school's certificates;
- admins suspend, reinstate and ask for a revocation; a revocation takes effect only when
  a different admin confirms it (the service enforces that too).
"""

from accounts.permissions import is_admin
from compliance.permissions import can_view_school


def can_manage_certificates(user) -> bool:
    return is_admin(user)


def can_confirm_revocation(user, pending) -> bool:
    """Any admin but the one who asked."""
    return is_admin(user) and pending.is_open and pending.requested_by_id != user.id


def can_view_school_certificates(user, school) -> bool:
    return can_view_school(user, school)


def template_helpers() -> dict:
    return {"can_manage_certificates": can_manage_certificates, "can_confirm_revocation": can_confirm_revocation,
            "can_view_school_certificates": can_view_school_certificates}
