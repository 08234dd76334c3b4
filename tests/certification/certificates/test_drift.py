"""After the certificate: when a linked teacher's registration stops being active, the school's
managers are told, its pages flag it, and the daily job lists certified schools teaching
minors without an active teacher of minors."""

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from certification.certificates.drift import schools_without_active_teacher
from certification.teachers import services as registry
from core.dates import start_of, today
from core.extensions import db
from core.models import OutboxMessage
from notifications import Notification
from tests.certification.certificates import factories
from tests.certification.teachers.factories import sanction as impose
from tests.compliance.factories import owner_of
from tests.kit import log_in

pytestmark = pytest.mark.usefixtures("plan")


def _only_teacher(certificate):
    return registry.teachers_for_school(certificate.school)[0].teacher


def _notes(user, kind):
    return db.session.execute(select(Notification).where(Notification.user_id == user.id,
                                                         Notification.kind == kind)).scalars().all()


@pytest.mark.parametrize("sanction", ["restricted", "suspended", "revoked"])
def test_managers_are_told_in_their_language_when_a_teacher_is_sanctioned(sanction):
    from accounts.models import Role
    from tests.kit import make_user

    owner = make_user(roles=(Role.school_owner,), locale="en")
    certificate = factories.issue(owner=owner, name="Dansschool Plié")
    teacher = _only_teacher(certificate)
    until = registry.today() + timedelta(days=30) if sanction == "suspended" else None
    impose(teacher, sanction, until)
    [note] = _notes(owner, "teacher_not_active")
    assert teacher.name in note.text and "Dansschool Plié" in note.text
    mail = db.session.execute(select(OutboxMessage).where(OutboxMessage.recipient == owner.email)
                              .order_by(OutboxMessage.id.desc())).scalars().first()
    label = {"restricted": "Restricted", "suspended": "Suspended", "revoked": "Struck off"}[sanction]
    assert "is no longer active" in mail.subject and mail.subject.endswith(label), mail.subject


def test_a_lapse_is_told_too_and_a_new_registration_is_not():
    certificate = factories.issue()
    owner = owner_of(certificate.school)
    teacher = _only_teacher(certificate)
    for vog in teacher.vog_records:
        vog.issued_on = registry.today() - timedelta(days=4 * 365)
    registry.refresh_status(teacher)
    db.session.commit()
    assert teacher.status.value == "lapsed"
    assert len(_notes(owner, "teacher_not_active")) == 1
    from tests.certification.teachers.factories import make_teacher

    newcomer = make_teacher()
    registry.link_teacher(certificate.school, newcomer.registration_number, "Docent", False, registry.today(),
                          by=owner)
    assert len(_notes(owner, "teacher_not_active")) == 1  # pending is not news: it never was active


def test_the_overview_and_the_admin_page_flag_the_school(client):
    certificate = factories.issue(name="Dansschool Plié")
    teacher = _only_teacher(certificate)
    admin = factories.make_admin()
    log_in(client, admin)
    page = client.get(f"/beheer/certificaten/{certificate.number}").get_data(as_text=True)
    assert "In orde: vertrouwenspersoon, locaties met zalen en docenten" in page
    impose(teacher, "suspended", registry.today() + timedelta(days=30), admin)
    page = client.get(f"/beheer/certificaten/{certificate.number}").get_data(as_text=True)
    assert "deze school voldoet vandaag niet meer aan alle voorwaarden" in page
    assert f"{teacher.name}</strong>: Werkt met minderjarigen zonder actieve registratie (status: Geschorst)." in page
    log_in(client, owner_of(certificate.school))
    overview = client.get(f"/scholen/{certificate.school_id}/docenten").get_data(as_text=True)
    assert "Geeft les aan minderjarigen zonder actieve registratie." in overview
    assert "Status ‘Geschorst’ sinds" in overview


def test_the_admin_page_shows_a_missing_advisor_today(client):
    certificate = factories.issue()
    certificate.school.advisor_name = None
    db.session.commit()
    log_in(client, factories.make_admin())
    page = client.get(f"/beheer/certificaten/{certificate.number}").get_data(as_text=True)
    assert "Er is geen vertrouwenspersoon vastgelegd" in page


def test_daily_lists_certified_schools_without_an_active_teacher_and_tells_the_admins_once(runner):
    fine = factories.issue(name="Dansschool In Orde")
    drifted = factories.issue(name="Dansschool Zonder Docent")
    adults = factories.issue(name="Dansschool Volwassenen", teaches_minors=False, age_groups=["adults"])
    admin = factories.make_admin()
    impose(_only_teacher(drifted), "revoked")
    assert [school.name for school in schools_without_active_teacher()] == ["Dansschool Zonder Docent"]
    assert fine.school and adults.school
    result = runner.invoke(args=["certificates", "daily"])
    assert result.exit_code == 0, result.output
    assert f"No active teacher of minors: Dansschool Zonder Docent (school {drifted.school_id})." in result.output
    assert "Dansschool In Orde" not in result.output
    assert len(_notes(admin, "schools_without_active_teacher")) == 1
    assert runner.invoke(args=["certificates", "daily"]).exit_code == 0
    assert len(_notes(admin, "schools_without_active_teacher")) == 1  # once a day


def test_the_admins_day_is_the_dutch_calendar_day(runner):
    """"Once a day" counts Dutch days: a message sent half an hour after midnight in the
    Netherlands (still the evening before in UTC) is today's; one sent a minute before that
    midnight is yesterday's, and the daily job tells the admins again."""
    drifted = factories.issue(name="Dansschool Zonder Docent")
    admin = factories.make_admin()
    impose(_only_teacher(drifted), "revoked")

    def sent_at(moment):
        db.session.execute(update(Notification).where(Notification.kind == "schools_without_active_teacher")
                           .values(created_at=moment))
        db.session.commit()

    assert runner.invoke(args=["certificates", "daily"]).exit_code == 0
    sent_at(start_of(today()) + timedelta(minutes=30))
    assert runner.invoke(args=["certificates", "daily"]).exit_code == 0
    assert len(_notes(admin, "schools_without_active_teacher")) == 1
    sent_at(start_of(today()) - timedelta(minutes=1))
    assert runner.invoke(args=["certificates", "daily"]).exit_code == 0
    assert len(_notes(admin, "schools_without_active_teacher")) == 2
