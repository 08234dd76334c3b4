"""The teacher registry's answers to compliance's events (compliance.signals)."""

from certification.teachers.services import is_teacher_criterion, teachers_for_school
from compliance.signals import teacher_panel_requested


def teacher_panel(school, *, criteria):
    """The school's teachers for an assessment page that shows a criterion about teachers
    (recommendation 5.1): the school's, the reviewer's and the approver's pages show the
    same live panel."""
    if any(is_teacher_criterion(criterion) for criterion in criteria):
        return teachers_for_school(school)
    return None


def connect() -> None:
    teacher_panel_requested.connect(teacher_panel)
