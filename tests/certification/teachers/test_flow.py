"""The issue's "done when": a teacher registers, adds a qualification, a VOG and CPD, signs
the code of conduct and becomes active once an admin has checked; the public finds them."""

import io
from datetime import timedelta

from sqlalchemy import select

from accounts.models import Role
from certification.teachers import services
from certification.teachers.models import CpdRecord, Qualification, Teacher, TeacherStatus, VogRecord
from core.extensions import db
from core.models import AuditEvent
from tests.certification.teachers.factories import PDF
from tests.kit import log_in, make_user


def _file(name="bewijs.pdf", data=PDF):
    return (io.BytesIO(data), name)


def test_a_teacher_becomes_active_once_an_admin_has_checked(app, client, code, mailbox):
    user = make_user(roles=(Role.teacher,), name="Fenna Kramer")
    log_in(client, user)
    response = client.post("/docent/aanmelden", data={"first_name": "Fenna", "last_name": "Kramer",
                                                      "genres": ["ballet", "modern"]})
    assert response.status_code == 302
    teacher = db.session.execute(select(Teacher).where(Teacher.user_id == user.id)).scalar_one()
    assert teacher.status is TeacherStatus.pending and teacher.registration_number.startswith("D-")

    today = services.today()
    assert client.post("/docent/diplomas", data={"kind": "hbo", "institution": "Codarts",
                                                 "obtained_on": "2015-06-30", "evidence": _file()},
                       content_type="multipart/form-data").status_code == 302
    assert client.post("/docent/vog", data={"issued_on": (today - timedelta(days=10)).isoformat(),
                                            "screening_profile": "84", "scan": _file("vog.pdf")},
                       content_type="multipart/form-data").status_code == 302
    assert client.post("/docent/bijscholing", data={"title": "EHBO bij dansblessures", "provider": "Rode Kruis",
                                                    "points": "4", "category": "health",
                                                    "completed_on": today.isoformat(), "proof": _file()},
                       content_type="multipart/form-data").status_code == 302
    assert client.post("/docent/gedragscode", data={"version_id": str(code.id), "agree": "y"}).status_code == 302
    db.session.expire_all()
    assert teacher.status is TeacherStatus.pending  # nothing checked yet
    public_page = app.test_client().get("/register/docenten?q=kramer").get_data(as_text=True)
    assert teacher.registration_number not in public_page

    admin_client = app.test_client()
    log_in(admin_client, make_user(roles=(Role.admin,)))
    queue = admin_client.get("/beheer/docenten").get_data(as_text=True)
    assert "Fenna Kramer" in queue
    for kind, model in (("diplomas", Qualification), ("vog", VogRecord), ("bijscholing", CpdRecord)):
        item = db.session.execute(select(model).where(model.teacher_id == teacher.id)).scalar_one()
        assert admin_client.post(f"/beheer/docenten/{kind}/{item.id}/goedkeuren").status_code == 302
    db.session.expire_all()
    assert teacher.status is TeacherStatus.active
    assert any("Actief" in message["Subject"] for message in mailbox)
    actions = set(db.session.execute(select(AuditEvent.action)).scalars())
    assert {"teacher.registered", "teacher.vog_checked", "teacher.status_changed", "teacher.code_signed"} <= actions

    public = app.test_client()
    page = public.get("/register/docenten?q=fenna kram").get_data(as_text=True)
    assert teacher.registration_number in page
    api = public.get(f"/api/v1/registry/teachers?q={teacher.registration_number}").get_json()
    assert api["items"][0]["status"] == "active" and api["total"] == 1


def test_bad_input_on_the_teacher_pages_gets_a_message_not_a_500(client, teacher):
    log_in(client, teacher.user)
    future = (services.today() + timedelta(days=5)).isoformat()
    response = client.post("/docent/vog", data={"issued_on": future, "screening_profile": "84"},
                           content_type="multipart/form-data")
    assert response.status_code == 400 and "in de toekomst" in response.get_data(as_text=True)
    response = client.post("/docent/diplomas", data={"kind": "hbo", "institution": "X", "obtained_on": "2020-01-01",
                                                     "evidence": _file("diploma.exe", b"MZ\x90\x00rubbish")},
                           content_type="multipart/form-data")
    assert response.status_code == 400 and "PDF, JPEG of PNG" in response.get_data(as_text=True)
    response = client.post("/docent/diplomas", data={"kind": "nonsense", "institution": "", "obtained_on": "gisteren"},
                           content_type="multipart/form-data")
    assert response.status_code == 400
    response = client.post("/docent/bijscholing", data={"title": "Zelf gedaan", "points": "5", "category": "health",
                                                        "completed_on": services.today().isoformat()},
                           content_type="multipart/form-data")
    assert response.status_code == 400 and "bewijs" in response.get_data(as_text=True)
    response = client.post("/docent/gedragscode", data={"version_id": "abc", "agree": "y"})
    assert response.status_code in (200, 400)


def test_a_teacher_without_a_registration_is_sent_to_register(client, plan):
    log_in(client, make_user(roles=(Role.teacher,), name="Nieuwe Docent"))
    page = client.get("/docent")
    assert page.status_code == 200 and "Jezelf toevoegen aan het docentenregister" in page.get_data(as_text=True)
    assert client.post("/docent/vog", data={}).status_code == 302
    assert client.post("/docent/aanmelden", data={"first_name": "", "last_name": "X"}).status_code == 400
