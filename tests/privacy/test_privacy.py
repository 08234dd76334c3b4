"""Privacy (issue 12): a person downloads what the platform holds about them and asks for
erasure; what the registry must keep stays, minimised."""

import io
import json

from pypdf import PdfReader
from sqlalchemy import func, select

from accounts.models import Role, User
from certification.teachers.models import Teacher
from compliance.models import MemberRole, SchoolMember
from core.extensions import db
from core.models import AuditEvent
from privacy.erasure import ERASED_NAME
from tests.certification.teachers import factories as registry
from tests.certification.teachers.factories import sanction
from tests.compliance import factories as schools
from tests.kit import DEFAULT_PASSWORD, log_in, make_user


def _teacher(client, **details):
    user = make_user(roles=(Role.teacher,), name="Tara <b>Tester</b>")
    teacher = registry.complete(registry.make_teacher(user, first_name="Tara", last_name="de Tester",
                                                      phone="0612345678", **details))
    log_in(client, user)
    return user, teacher


def test_the_download_holds_my_records_and_nobody_elses(app, client, plan):
    registry.make_teacher(first_name="Ander", last_name="Mens", phone="0699999999")
    user, teacher = _teacher(client)
    page = client.get("/account/privacy")
    assert page.status_code == 200 and "Diploma" in page.get_data(as_text=True)
    response = client.get("/account/privacy/mijn-gegevens.json")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.data)
    assert data["user"]["email"] == user.email and "password_hash" not in data["user"]
    assert data["records"]["teacher"][0]["phone"] == "0612345678"
    assert data["records"]["teacher_qualification"][0]["institution"] == "Codarts"
    assert {"teacher_vog", "code_of_conduct_signature", "user_role", "audit_event"} <= set(data["records"])
    assert "0699999999" not in response.get_data(as_text=True) and "Ander" not in response.get_data(as_text=True)
    pdf = client.get("/account/privacy/mijn-gegevens.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Tara <b>Tester</b>" in text and "0612345678" in text and "Codarts" in text  # markup stays text


def test_a_wrong_password_or_no_confirmation_erases_nothing(app, client, plan):
    user, teacher = _teacher(client)
    wrong = client.post("/account/privacy/verwijderen", data={"password": "niet goed", "confirm": "y"})
    assert wrong.status_code == 400 and "Het wachtwoord klopt niet" in wrong.get_data(as_text=True)
    unchecked = client.post("/account/privacy/verwijderen", data={"password": DEFAULT_PASSWORD})
    assert unchecked.status_code == 400 and "Vink aan dat je dit begrijpt" in unchecked.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, user.id).erased_at is None and db.session.get(Teacher, teacher.id) is not None


def test_erasure_removes_a_teacher_without_a_sanction_and_anonymises_the_account(app, client, plan):
    user, teacher = _teacher(client)
    email, teacher_id = user.email, teacher.id
    events_before = db.session.scalar(select(func.count()).select_from(AuditEvent))
    response = client.post("/account/privacy/verwijderen", data={"password": DEFAULT_PASSWORD, "confirm": "y"})
    assert response.status_code == 303
    db.session.expire_all()
    erased = db.session.get(User, user.id)
    assert erased.name == ERASED_NAME and email not in erased.email and erased.password_hash is None
    assert not erased.is_enabled and erased.erased_at is not None and erased.roles == set()
    assert db.session.get(Teacher, teacher_id) is None
    assert client.get("/account").status_code in (302, 401)  # logged out
    assert client.post("/login", data={"email": email, "password": DEFAULT_PASSWORD}).status_code != 302
    # The audit log is kept as it was, with one event more that holds counts, not data.
    actions = list(db.session.execute(select(AuditEvent.action).order_by(AuditEvent.id)).scalars())
    assert len(actions) == events_before + 1 and actions[-1] == "account.erased"
    last = db.session.execute(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).scalar_one()
    assert email not in json.dumps(last.details) and "0612345678" not in json.dumps(last.details)


def test_a_sanction_stays_in_the_register_minimised(app, client, plan):
    user, teacher = _teacher(client)
    sanction(teacher, "revoked")
    page = client.get("/account/privacy").get_data(as_text=True)
    assert "register moet een maatregel blijven tonen" in page
    client.post("/account/privacy/verwijderen", data={"password": DEFAULT_PASSWORD, "confirm": "y"})
    db.session.expire_all()
    kept = db.session.get(Teacher, teacher.id)
    assert (kept.first_name, kept.last_name, kept.sanction.value) == ("Tara", "de Tester", "revoked")
    assert kept.phone is None and kept.user_id is None and user.email not in kept.email
    assert kept.qualifications == [] and kept.vog_records == []
    public = client.get(f"/register/docenten/{kept.registration_number}")
    assert public.status_code == 200 and "de Tester" in public.get_data(as_text=True)


def test_the_only_owner_of_a_school_is_asked_to_hand_it_over_first(app, client, plan):
    owner = schools.make_owner()
    school = schools.make_school(owner)
    log_in(client, owner)
    page = client.get("/account/privacy").get_data(as_text=True)
    assert "Je bent de enige eigenaar van" in page
    refused = client.post("/account/privacy/verwijderen", data={"password": DEFAULT_PASSWORD, "confirm": "y"})
    assert refused.status_code == 400
    second = schools.make_owner()
    db.session.add(SchoolMember(school_id=school.id, user_id=second.id, role=MemberRole.owner))
    db.session.commit()
    assessment = schools.make_assessment(school, owner)
    assert client.post("/account/privacy/verwijderen", data={"password": DEFAULT_PASSWORD,
                                                             "confirm": "y"}).status_code == 303
    db.session.expire_all()
    assert [m.user_id for m in db.session.execute(select(SchoolMember)).scalars()] == [second.id]
    assert db.session.get(type(assessment), assessment.id).school_id == school.id  # the school's record stays
