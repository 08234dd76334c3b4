"""Who may do what in the teacher registry, in one place.

- a teacher keeps their own registration (role teacher, or anyone whose account a
  registration is linked to);
- an admin checks what teachers hand in, keeps the CPD catalogue and the code of conduct,
  sets sanctions, imports and exports;
- a school's members (compliance.permissions.can_edit_school) link the teachers the school
  employs and start registrations for new ones;
- everyone may search the public registry (the views are marked @public).
"""

from accounts.models import Role
from accounts.permissions import has_role, is_admin
from compliance.permissions import can_edit_school, can_view_school


def can_keep_registration(user) -> bool:
    return has_role(user, Role.teacher)


def can_manage_registry(user) -> bool:
    return is_admin(user)


def can_manage_school_teachers(user, school) -> bool:
    return can_edit_school(user, school)


def can_view_school_teachers(user, school) -> bool:
    return can_view_school(user, school)


def owns_record(user, record) -> bool:
    """The teacher a qualification, VOG or CPD record belongs to."""
    teacher = getattr(record, "teacher", None)
    return bool(teacher is not None and user is not None and getattr(user, "is_authenticated", False)
                and teacher.user_id == user.id)


def template_helpers() -> dict:
    return {"can_manage_registry": can_manage_registry, "can_keep_registration": can_keep_registration,
            "can_manage_school_teachers": can_manage_school_teachers}
