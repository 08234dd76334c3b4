"""Evidence: files checked by content, stored by SHA-256 outside the web root, one file for
several criteria, links, downloads only for those who may see the assessment."""

import hashlib
import io
from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from accounts.models import Role
from compliance import services
from compliance.filetypes import UnsupportedFile, detect
from compliance.models import Answer, AnswerEvidence, Evidence
from core.extensions import db
from core.models import AuditEvent
from tests.compliance import factories
from tests.kit import log_in


def _upload(client, answer, filename, data, **extra):
    fields = {f"a{answer.id}-rating": "2", f"a{answer.id}-narrative": "Zie het bewijs.",
              f"a{answer.id}-files": [(io.BytesIO(data), filename)], **extra}
    return client.post(f"/antwoorden/{answer.id}", data=fields, content_type="multipart/form-data")


def _evidence_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Evidence))


def test_an_uploaded_pdf_is_stored_by_its_sha256_outside_the_web_root(owner_client, assessment, evidence_dir):
    answer = assessment.answers[0]
    data = factories.pdf_bytes()
    assert _upload(owner_client, answer, "gedragscode.pdf", data).status_code == 303
    evidence = db.session.execute(select(Evidence)).scalar_one()
    digest = hashlib.sha256(data).hexdigest()
    assert (evidence.sha256, evidence.content_type, evidence.size) == (digest, "application/pdf", len(data))
    stored = evidence_dir / digest[:2] / digest[2:4] / digest
    assert stored.read_bytes() == data
    assert "static" not in stored.parts
    assert "evidence.uploaded" in db.session.scalars(select(AuditEvent.action)).all()
    page = owner_client.get(f"/zelfevaluaties/{assessment.id}/domein/A").get_data(as_text=True)
    assert "gedragscode.pdf" in page


def test_one_file_supports_two_criteria_and_is_stored_once(owner_client, assessment):
    first, second, third = assessment.answers[:3]
    _upload(owner_client, first, "beleid.pdf", factories.pdf_bytes())
    evidence = db.session.execute(select(Evidence)).scalar_one()
    response = owner_client.post(f"/antwoorden/{second.id}", data={
        f"a{second.id}-narrative": "Hetzelfde beleid.", f"a{second.id}-existing_evidence": str(evidence.id)})
    assert response.status_code == 303
    _upload(owner_client, third, "beleid-kopie.pdf", factories.pdf_bytes())  # same content, other name
    assert _evidence_count() == 1
    links = db.session.scalars(select(AnswerEvidence.answer_id).order_by(AnswerEvidence.answer_id)).all()
    assert links == [first.id, second.id, third.id]


def test_the_same_file_uploaded_twice_at_once_gets_a_message_not_an_error(owner_client, assessment):
    """Two uploads of one file for one school at the same moment: the second finds no row
    when it looks, and the first one's row is there when it writes."""
    answer, data = assessment.answers[0], factories.pdf_bytes()
    school_id, user_id = assessment.school_id, assessment.school.members[0].user_id

    def the_other_upload_wins(connection, cursor, statement, *args):
        if statement.startswith("INSERT INTO evidence") and not raced:
            raced.append(True)
            with db.engine.begin() as other:
                other.execute(Evidence.__table__.insert().values(
                    school_id=school_id, sha256=hashlib.sha256(data).hexdigest(), original_filename="beleid.pdf",
                    content_type="application/pdf", size=len(data), uploaded_by_id=user_id))

    raced = []
    event.listen(db.engine, "before_cursor_execute", the_other_upload_wins)
    try:
        response = _upload(owner_client, answer, "beleid.pdf", data)
    finally:
        event.remove(db.engine, "before_cursor_execute", the_other_upload_wins)
    assert raced and response.status_code == 400
    assert "op hetzelfde moment al" in response.get_data(as_text=True)
    assert _upload(owner_client, answer, "beleid.pdf", data).status_code == 303  # sent again: attached
    assert _evidence_count() == 1
    assert db.session.scalars(select(AnswerEvidence.answer_id)).all() == [answer.id]


def test_every_allowed_kind_is_accepted_by_its_content(owner_client, assessment):
    answer = assessment.answers[0]
    files = {"foto.jpg": b"\xff\xd8\xff\xe0" + b"\x00" * 64, "foto.png": factories.png_bytes(),
             "code.docx": factories.docx_bytes(), "lijst.xlsx": factories.xlsx_bytes(),
             "verslag.odt": factories.odt_bytes()}
    for name, data in files.items():
        assert _upload(owner_client, answer, name, data).status_code == 303, name
    kinds = set(db.session.scalars(select(Evidence.content_type)))
    assert kinds == {"image/jpeg", "image/png", "application/vnd.oasis.opendocument.text",
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@pytest.mark.parametrize("name, data", [
    ("beleid.pdf", factories.EXECUTABLE),
    ("beleid.pdf", b"<!doctype html><html><script>alert(1)</script></html>"),
    ("code.docx", b"PK\x03\x04this is not really a zip"),
    ("code.docx", factories._zip({"random.txt": b"hello"})),
    ("macro.docx", factories._zip({"[Content_Types].xml": b"x", "word/vbaProject.bin": b"x"})),
    ("leeg.pdf", b""),
])
def test_a_file_that_is_not_what_its_name_says_is_refused_and_nothing_is_lost(owner_client, assessment, name, data):
    answer = assessment.answers[0]
    owner_client.post(f"/antwoorden/{answer.id}", data={f"a{answer.id}-narrative": "Opgeslagen tekst."})
    response = _upload(owner_client, answer, name, data, **{f"a{answer.id}-narrative": "Nieuwe tekst."})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert name in html and "Nieuwe tekst." in html
    assert _evidence_count() == 0
    db.session.expire_all()
    assert db.session.get(Answer, answer.id).narrative == "Opgeslagen tekst."


def test_a_30_mb_upload_gets_a_friendly_413(owner_client, assessment):
    answer = assessment.answers[0]
    response = _upload(owner_client, answer, "groot.pdf", b"%PDF-1.4\n" + b"0" * (30 * 1024 * 1024))
    assert response.status_code == 413
    assert "een bestand mag hoogstens 20 MB zijn" in response.get_data(as_text=True)
    assert _evidence_count() == 0


def test_a_file_over_the_configured_limit_is_refused_by_the_service(app, owner_client, assessment):
    app.config["MAX_UPLOAD_MB"] = 1
    try:
        response = _upload(owner_client, assessment.answers[0], "scan.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 1))
    finally:
        app.config["MAX_UPLOAD_MB"] = 20
    assert response.status_code == 400 and "groter dan 1 MB" in response.get_data(as_text=True)


def test_links_count_as_evidence_and_can_be_removed(owner_client, assessment):
    answer = next(a for a in assessment.answers if a.criterion.mandatory)
    owner_client.post(f"/antwoorden/{answer.id}", data={
        f"a{answer.id}-rating": "2", f"a{answer.id}-narrative": "x" * 100,
        f"a{answer.id}-link_url": "plie.example.nl/gedragscode", f"a{answer.id}-link_title": "Onze gedragscode"})
    db.session.expire_all()
    saved = db.session.get(Answer, answer.id)
    assert [(link.url, link.title) for link in saved.links] == [("https://plie.example.nl/gedragscode",
                                                                 "Onze gedragscode")]
    assert not services.answer_problems(saved, assessment.plan)
    link_id = saved.links[0].id
    owner_client.post(f"/antwoorden/{answer.id}", data={
        f"a{answer.id}-rating": "2", f"a{answer.id}-narrative": "x" * 100, f"a{answer.id}-remove_links": str(link_id)})
    db.session.expire_all()
    assert db.session.get(Answer, answer.id).links == []


def test_a_file_is_detached_from_an_answer_but_kept_for_the_school(owner_client, assessment):
    answer = assessment.answers[0]
    _upload(owner_client, answer, "beleid.pdf", factories.pdf_bytes())
    evidence = db.session.execute(select(Evidence)).scalar_one()
    owner_client.post(f"/antwoorden/{answer.id}", data={
        f"a{answer.id}-narrative": "Zonder bestand.", f"a{answer.id}-remove_evidence": str(evidence.id)})
    assert db.session.scalar(select(func.count()).select_from(AnswerEvidence)) == 0
    assert _evidence_count() == 1


def test_downloads_go_to_members_and_admins_only_with_safe_headers(client, owner, assessment, login):
    answer = assessment.answers[0]
    log_in(client, owner)
    _upload(client, answer, "beleid.pdf", factories.pdf_bytes())
    _upload(client, answer, "code.docx", factories.docx_bytes())
    pdf, docx = db.session.scalars(select(Evidence).order_by(Evidence.id)).all()
    response = client.get(f"/zelfevaluaties/{assessment.id}/bewijs/{pdf.id}")
    assert response.status_code == 200 and response.data == factories.pdf_bytes()
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"].startswith("inline")
    assert response.mimetype == "application/pdf"
    response = client.get(f"/zelfevaluaties/{assessment.id}/bewijs/{docx.id}")
    assert response.headers["Content-Disposition"].startswith("attachment") and "code.docx" in \
        response.headers["Content-Disposition"]
    assert not any(Path("static").rglob(pdf.sha256))

    client.post("/logout")
    login(factories.make_owner())
    assert client.get(f"/zelfevaluaties/{assessment.id}/bewijs/{pdf.id}").status_code == 403
    client.post("/logout")
    login(Role.admin)
    assert client.get(f"/zelfevaluaties/{assessment.id}/bewijs/{pdf.id}").status_code == 200


def test_another_schools_file_cannot_be_fetched_or_attached_through_my_assessment(owner_client, assessment):
    other = factories.make_assessment()
    other_answer = other.answers[0]
    services.save_answer(other_answer, factories.owner_of(other.school), services.AnswerInput(
        rating=1, narrative="Van een andere school", uploads=[services.Upload("geheim.pdf", factories.pdf_bytes("x"))]))
    secret = db.session.execute(select(Evidence)).scalar_one()
    assert owner_client.get(f"/zelfevaluaties/{assessment.id}/bewijs/{secret.id}").status_code == 404
    mine = assessment.answers[0]
    response = owner_client.post(f"/antwoorden/{mine.id}", data={
        f"a{mine.id}-narrative": "Probeer", f"a{mine.id}-existing_evidence": str(secret.id)})
    assert response.status_code == 400
    assert db.session.scalar(select(func.count()).select_from(AnswerEvidence)) == 1


class TestDetect:
    def test_known_kinds(self):
        assert detect(factories.pdf_bytes(), "a.pdf").code == "pdf"
        assert detect(factories.png_bytes(), "a.png").code == "png"
        assert detect(factories.docx_bytes(), "a.docx").code == "docx"
        assert detect(factories.xlsx_bytes(), "a.xlsx").code == "xlsx"
        assert detect(factories.odt_bytes(), "a.odt").code == "odt"

    def test_a_zip_bomb_is_refused_before_unpacking(self):
        import zipfile

        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", b"wordprocessingml.document.main+xml")
            archive.writestr("word/document.xml", b"\x00" * (300 * 1024 * 1024))
        with pytest.raises(UnsupportedFile, match="te groot"):
            detect(buffer.getvalue(), "bom.docx")
