"""Schools link their teachers; the self-assessment shows each one's status and flags."""

import re
from datetime import timedelta

from sqlalchemy import select

from accounts.models import Role
from certification.teachers import services
from certification.teachers.models import Employment, Teacher, TeacherStatus
from core.extensions import db
from registry import teachers as register
from tests.certification.teachers import factories
from tests.compliance.factories import make_owner
from tests.kit import log_in, make_user


def test_a_school_owner_links_a_teacher_by_number(client, code):
    owner = make_owner()
    school = factories.make_school(owner)
    teacher = factories.active_teacher()
    log_in(client, owner)
    wrong = teacher.registration_number[:-1] + str((int(teacher.registration_number[-1]) + 3) % 10)
    response = client.post(f"/scholen/{school.id}/docenten/koppelen", data={
        "registration_number": wrong, "role": "Docent ballet", "works_with_minors": "y",
        "since": services.today().isoformat()})
    assert response.status_code == 400 and "tikfout" in response.get_data(as_text=True)
    response = client.post(f"/scholen/{school.id}/docenten/koppelen", data={
        "registration_number": teacher.registration_number.lower().replace("-", " "), "role": "Docent ballet",
        "works_with_minors": "y", "since": services.today().isoformat()})
    assert response.status_code == 302
    again = client.post(f"/scholen/{school.id}/docenten/koppelen", data={
        "registration_number": teacher.registration_number, "role": "Docent", "since": services.today().isoformat()})
    assert again.status_code == 400 and "al aan jullie school gekoppeld" in again.get_data(as_text=True)
    page = client.get(f"/scholen/{school.id}/docenten").get_data(as_text=True)
    assert teacher.name in page and "In orde" in page


def test_the_overview_flags_minors_without_an_active_registration(code):
    admin = make_user(roles=(Role.admin,))
    school = factories.make_school()
    fine = factories.active_teacher(first_name="Goed")
    pending = factories.make_teacher(first_name="Nog")
    adults_only = factories.make_teacher(first_name="Volwassenen")
    today = services.today()
    services.link_teacher(school, fine.registration_number, "Docent", True, today, by=admin)
    services.link_teacher(school, pending.registration_number, "Docent", True, today, by=admin)
    services.link_teacher(school, adults_only.registration_number, "Docent", False, today, by=admin)
    rows = {row.teacher.first_name: row for row in services.teachers_for_school(school)}
    assert rows["Nog"].minors_without_active and rows["Nog"].flagged
    assert not rows["Goed"].flagged and rows["Goed"].status is TeacherStatus.active
    assert not rows["Volwassenen"].minors_without_active
    assert list(rows)[0] == "Nog"  # flagged first


def test_a_vog_older_than_the_plan_allows_when_starting_at_a_school_is_flagged(code):
    admin = make_user(roles=(Role.admin,))
    teacher = factories.make_teacher()
    factories.complete(teacher, vog_days_ago=150)
    school = factories.make_school()
    services.link_teacher(school, teacher.registration_number, "Docent", True, services.today() + timedelta(days=60),
                          by=admin)
    (row,) = services.teachers_for_school(school)
    assert row.vog_too_old_at_start and row.flagged and not row.minors_without_active


def test_only_the_schools_members_link_teachers(client, code):
    school = factories.make_school()
    teacher = factories.active_teacher()
    log_in(client, make_owner())  # owner of another school
    data = {"registration_number": teacher.registration_number, "role": "Docent", "since": "2024-01-01"}
    assert client.post(f"/scholen/{school.id}/docenten/koppelen", data=data).status_code == 403
    assert client.get(f"/scholen/{school.id}/docenten").status_code == 403


def test_a_school_starts_a_registration_and_the_teacher_confirms_by_email(app, client, plan, mailbox):
    owner = make_owner()
    school = factories.make_school(owner)
    log_in(client, owner)
    response = client.post(f"/scholen/{school.id}/docenten/aanmelden", data={
        "nieuw-first_name": "Noor", "nieuw-last_name": "Peeters", "nieuw-email": "noor@example.nl",
        "nieuw-genres": ["jazz"], "nieuw-role": "Docent jazz", "nieuw-works_with_minors": "y",
        "nieuw-since": services.today().isoformat()})
    assert response.status_code == 302
    teacher = db.session.execute(select(Teacher).where(Teacher.email == "noor@example.nl")).scalar_one()
    assert teacher.user_id is None and teacher.status is TeacherStatus.pending
    (mail,) = [m for m in mailbox if m["To"] == "noor@example.nl"]
    link = re.search(r"http://dansveilig.test(/docent/uitnodiging/\S+)", mail.get_content()).group(1)

    someone_else = app.test_client()
    log_in(someone_else, make_user(roles=(Role.teacher,), email="iemand@example.nl"))
    refused = someone_else.post(link, follow_redirects=True)
    assert "Log in met het e-mailadres" in refused.get_data(as_text=True)

    noor = app.test_client()
    user = make_user(roles=(Role.school_owner,), email="noor@example.nl")
    log_in(noor, user)
    assert "Peeters" in noor.get(link).get_data(as_text=True)
    assert noor.post(link).status_code == 302
    db.session.expire_all()
    assert teacher.user_id == user.id and user.has_role(Role.teacher)
    assert noor.get("/docent").status_code == 200
    assert app.test_client().get("/docent/uitnodiging/kapot").status_code in (302, 400)


def test_inviting_a_teacher_who_is_already_registered_answers_as_for_a_new_one(client, teacher, mailbox):
    """Issue 12, finding 10 (the same habit): the school cannot tell whether an address is in the
    register; the registered teacher is asked by e-mail to give the school their number."""
    owner = make_owner()
    school = factories.make_school(owner)
    log_in(client, owner)
    answers = []
    for email in (teacher.email, "nog-niet-geregistreerd@example.nl"):
        response = client.post(f"/scholen/{school.id}/docenten/aanmelden", data={
            "nieuw-first_name": "A", "nieuw-last_name": "B", "nieuw-email": email, "nieuw-genres": ["jazz"],
            "nieuw-role": "Docent", "nieuw-since": services.today().isoformat()}, follow_redirects=True)
        html = response.get_data(as_text=True)
        answers.append((response.status_code, "A B krijgt een e-mail" in html))
        assert teacher.registration_number not in html
        ids = re.findall(r' id="([^"]+)"', html)
        assert len(ids) == len(set(ids)), "element ids repeat on the page"
    assert answers == [(200, True), (200, True)]
    (mail,) = [m for m in mailbox if m["To"] == teacher.email]
    assert school.name in mail["Subject"] and "registratienummer" in mail.get_content()
    assert db.session.execute(select(Teacher).where(Teacher.email == teacher.email)).scalars().all() == [teacher]


def test_self_registration_takes_over_a_registration_started_elsewhere(plan):
    from certification.teachers.importer import import_file

    import_file(b"first_name,last_name,email,genres\nOla,Berg,ola@example.nl,folk\n", "x.csv", "teachers")
    user = make_user(roles=(Role.teacher,), email="ola@example.nl")
    teacher = factories.make_teacher(user=user, first_name="Ola", last_name="Berg")
    assert db.session.execute(select(Teacher)).scalars().all() == [teacher] and teacher.user_id == user.id


def test_ending_an_employment(client, code):
    owner = make_owner()
    school = factories.make_school(owner)
    teacher = factories.active_teacher()
    employment = services.link_teacher(school, teacher.registration_number, "Docent", False, services.today(),
                                       by=owner)
    log_in(client, owner)
    assert client.post(f"/scholen/docenten/{employment.id}/ontkoppelen").status_code == 302
    db.session.expire_all()
    assert db.session.get(Employment, employment.id).until is not None
    assert services.teachers_for_school(school) == []


def test_public_schools_come_from_the_certificate_hook(code, monkeypatch):
    admin = make_user(roles=(Role.admin,))
    teacher = factories.active_teacher()
    school = factories.make_school(name="Dansschool Zichtbaar", city="Deventer")
    services.link_teacher(school, teacher.registration_number, "Docent", True, services.today(), by=admin)
    assert services.public_schools_for(teacher) == []
    assert register.search_registry(register.parse_search({"q": "deventer"})).total == 0
    monkeypatch.setattr("registry.search.teachers.listed_school_ids", lambda ids: set(ids))
    monkeypatch.setattr("certification.teachers.services.employment.listed_school_ids", lambda ids: set(ids))
    assert services.public_schools_for(teacher) == [school]
    services.refresh_status(teacher)
    db.session.commit()
    assert register.search_registry(register.parse_search({"q": "deventer"})).total == 1


def test_teacher_criteria_are_those_of_recommendation_5_1(plan):
    codes = {criterion.code for criterion in plan.criteria if services.is_teacher_criterion(criterion)}
    assert {"D1", "D3", "D5", "D7"} <= codes and "A1" not in codes
