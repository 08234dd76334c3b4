"""A school tells the alliance about a serious report on a registered teacher: only admins
see the case, a temporary measure can be taken from it, and the teacher hears nothing from
the platform until an admin decides so."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from certification.cases import services as cases
from certification.cases.models import Case, CaseStatus
from certification.teachers.errors import RegistryError
from certification.teachers.models import TeacherStatus
from certification.teachers.services import today
from core.extensions import db
from notifications import Notification
from tests.certification.teachers import factories
from tests.compliance.factories import make_owner
from tests.kit import log_in, sent_to

ACTIONS = "Gesprek met de danser en de ouders; de docent geeft voorlopig geen les aan de jeugdgroep."


@pytest.fixture
def owner(app):
    return make_owner(name="Sara Schoolhouder")


@pytest.fixture
def school(owner, plan):
    return factories.make_school(owner, name="Dansstudio Plié")


def _report(school, teacher, by, **overrides):
    values = dict(registration_number=teacher.registration_number, report_kind="sexual",
                  reported_on=today() - timedelta(days=2), actions_taken=ACTIONS, referred_to=["police"])
    values.update(overrides)
    return cases.report_case(school, values["registration_number"], values["report_kind"], values["reported_on"],
                             values["actions_taken"], values["referred_to"], by=by)


def test_a_report_becomes_a_case_for_admins_and_the_teacher_hears_nothing(active, admin, owner, school, mailbox):
    case = _report(school, active, owner)
    assert case.status is CaseStatus.new and [e.action for e in case.events] == ["reported"]
    admin_messages = db.session.execute(select(Notification).where(Notification.user_id == admin.id)).scalars().all()
    assert [n.text for n in admin_messages] == ["Dansstudio Plié meldt de alliantie een ernstige zaak over een "
                                                "geregistreerde docent."]
    assert sent_to(mailbox, active.email) == []
    assert db.session.execute(select(Notification).where(Notification.user_id == active.user_id)).first() is None
    assert any("Dansstudio Plié" in m["Subject"] for m in sent_to(mailbox, admin.email))


@pytest.mark.parametrize("overrides, field, message", [
    ({"registration_number": "D-1234568"}, "registration_number", "laatste cijfer klopt niet"),
    ({"registration_number": "12345"}, "registration_number", "ziet eruit als D-1234566"),
    ({"report_kind": "roddel"}, "report_kind", "soort gedrag"),
    ({"reported_on": None}, "reported_on", "datum"),
    ({"reported_on": "tomorrow"}, "reported_on", "toekomst"),
    ({"actions_taken": "Niets."}, "actions_taken", "minstens 20 tekens"),
    ({"referred_to": ["fbi"]}, "referred_to", "uit de lijst"),
])
def test_bad_reports_are_refused_by_field(active, owner, school, overrides, field, message):
    if overrides.get("reported_on") == "tomorrow":
        overrides["reported_on"] = today() + timedelta(days=1)
    with pytest.raises(cases.CaseError, match=message) as raised:
        _report(school, active, owner, **overrides)
    assert raised.value.field == field
    assert db.session.execute(select(Case)).first() is None


def test_only_the_schools_managers_report(active, school):
    with pytest.raises(cases.CaseError, match="beheert"):
        _report(school, active, make_owner())


def test_a_temporary_measure_from_the_case_and_telling_the_teacher_later(client, active, admin, owner, school,
                                                                         mailbox):
    case = _report(school, active, owner)
    with pytest.raises(cases.CaseError, match="geen maatregel"):
        cases.inform_teacher(case, admin)
    sanction = cases.take_measure(case, "investigation", "Onderzoek gestart na melding van de school.", by=admin)
    assert active.status is TeacherStatus.temporary and sanction.case_id == case.id
    assert sent_to(mailbox, active.email) == []  # not yet
    page = client.get(f"/register/docenten/{active.registration_number}").get_data(as_text=True)
    assert "Tijdelijke maatregel" in page and "Dansstudio" not in page
    cases.inform_teacher(case, admin)
    [mail] = sent_to(mailbox, active.email)
    assert "Tijdelijke maatregel" in mail["Subject"] and "Dansstudio" not in mail.get_content()
    with pytest.raises(cases.CaseError, match="al ingelicht"):
        cases.inform_teacher(case, admin)
    cases.close_case(case, "Onderzoek afgerond, zie het dossier.", admin)
    assert [e.action for e in case.events] == ["reported", "measure", "teacher_informed", "closed"]
    with pytest.raises(cases.CaseError, match="gesloten"):
        cases.add_note(case, "Nog iets toevoegen aan de zaak.", admin)


def test_a_bad_measure_leaves_the_case_as_it_was(active, admin, owner, school):
    case = _report(school, active, owner)
    with pytest.raises(RegistryError, match="reden"):
        cases.take_measure(case, "roddel", "Onderzoek gestart na melding van de school.", by=admin)
    db.session.expire_all()
    case = db.session.get(Case, case.id)
    assert [e.action for e in case.events] == ["reported"] and case.status is CaseStatus.new


def test_the_school_reports_through_the_page_and_cannot_see_cases(client, active, owner, school):
    log_in(client, owner)
    url = f"/scholen/{school.id}/melden-aan-alliantie"
    assert client.get(url).status_code == 200
    number = active.registration_number
    typo = number[:-1] + str((int(number[-1]) + 1) % 10)  # one digit off: the check digit catches it
    response = client.post(url, data={"registration_number": typo, "report_kind": "verbal",
                                      "reported_on": today().isoformat(), "actions_taken": ACTIONS})
    text = response.get_data(as_text=True)
    assert response.status_code == 400 and "klopt niet" in text and "jeugdgroep" in text
    response = client.post(url, data={"registration_number": active.registration_number, "report_kind": "verbal",
                                      "reported_on": today().isoformat(), "actions_taken": ACTIONS,
                                      "referred_to": ["veilig_thuis", "confidential_advisor"]})
    assert response.status_code == 303
    case = db.session.execute(select(Case)).scalar_one()
    assert case.referred_to == ["veilig_thuis", "confidential_advisor"]
    assert client.get("/beheer/zaken").status_code == 403
    assert client.get(f"/beheer/zaken/{case.id}").status_code == 403
    assert client.post(f"/scholen/{factories.make_school().id}/melden-aan-alliantie").status_code == 403


def test_the_admin_handles_the_case_through_the_pages(client, active, admin, owner, school, mailbox):
    case = _report(school, active, owner)
    log_in(client, admin)
    listing = client.get("/beheer/zaken").get_data(as_text=True)
    assert "Dansstudio Plié" in listing and active.registration_number in listing
    response = client.post(f"/beheer/zaken/{case.id}/maatregel", data={
        "measure-category": "", "measure-note": "Onderzoek gestart na melding."})
    assert response.status_code == 400 and "Onderzoek gestart na melding." in response.get_data(as_text=True)
    response = client.post(f"/beheer/zaken/{case.id}/maatregel", data={
        "measure-category": "investigation", "measure-note": "Onderzoek gestart na melding.",
        "measure-tell_teacher": "y"})
    assert response.status_code == 303
    assert [m["Subject"] for m in sent_to(mailbox, active.email)] == [
        f"Besluit over je registratie {active.registration_number}: Tijdelijke maatregel"]
    page = client.get(f"/beheer/zaken/{case.id}").get_data(as_text=True)
    assert "Tijdelijke maatregel genomen" in page and "Docent ingelicht" in page and "jeugdgroep" in page
    response = client.post(f"/beheer/zaken/{case.id}/notitie", data={"note-note": "kort"})
    assert response.status_code == 400
    response = client.post(f"/beheer/zaken/{case.id}/docent-inlichten", follow_redirects=True)
    assert "De docent is al ingelicht." in response.get_data(as_text=True)  # refused, with a message


def test_the_way_in_for_the_school_and_for_admins(client, active, owner, school, admin):
    log_in(client, owner)
    page = client.get(f"/scholen/{school.id}/docenten").get_data(as_text=True)
    assert f"/scholen/{school.id}/melden-aan-alliantie" in page and "/beheer/zaken" not in page
    client.post("/logout")
    log_in(client, admin)
    assert "/beheer/zaken" in client.get("/beheer/docenten").get_data(as_text=True)
    assert f"/scholen/{school.id}/melden-aan-alliantie" not in client.get(f"/scholen/{school.id}/docenten").get_data(
        as_text=True)  # an admin handles cases; the school reports them


def test_a_case_does_not_soften_a_heavier_sanction(active, admin, owner, school):
    from certification.sanctions.services import impose_sanction

    impose_sanction(active, "suspended", "code_of_conduct", "Eerdere schending van de gedragscode.", by=admin,
                    until=today() + timedelta(days=60))
    case = _report(school, active, owner)
    with pytest.raises(cases.CaseError, match="al een maatregel"):
        cases.take_measure(case, "investigation", "Onderzoek gestart na melding van de school.", by=admin)
    assert active.status is TeacherStatus.suspended
