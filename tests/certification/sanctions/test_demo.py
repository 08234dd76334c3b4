"""The demo shows a teacher under a temporary measure from a case, and dates nothing ahead."""

from sqlalchemy import func, select

from certification.cases.models import Case
from certification.sanctions.models import SanctionState, TeacherSanction
from certification.teachers.models import CpdRecord, Qualification, Teacher, TeacherStatus, VogRecord
from certification.teachers.services import today
from core.extensions import db


def test_demo_has_a_temporary_measure_from_a_case_and_no_record_dated_ahead(runner, client):
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    noor = db.session.execute(select(Teacher).where(Teacher.last_name == "Visser")).scalar_one()
    assert noor.status is TeacherStatus.temporary
    case = db.session.execute(select(Case)).scalar_one()
    assert case.teacher_id == noor.id and case.teacher_informed_at is None
    statuses = dict(db.session.execute(select(Teacher.last_name, Teacher.status)).all())
    assert statuses["Bakker"] is TeacherStatus.restricted and statuses["Jansen"] is TeacherStatus.revoked
    revocation = db.session.execute(select(TeacherSanction).where(TeacherSanction.kind == "revoked")).scalar_one()
    assert revocation.state is SanctionState.in_force and revocation.confirmed_by_id is not None
    for column in (CpdRecord.completed_on, VogRecord.issued_on, Qualification.obtained_on, TeacherSanction.starts_on,
                   Case.reported_on):
        assert db.session.scalar(select(func.max(column))) <= today(), column
    page = client.get(f"/register/docenten/{noor.registration_number}").get_data(as_text=True)
    assert "Tijdelijke maatregel" in page
