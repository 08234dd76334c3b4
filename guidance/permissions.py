"""Who may edit the step plans and their contacts: the alliance office (admins)."""

from accounts.permissions import is_admin


def can_edit_guidance(user) -> bool:
    return is_admin(user)
