"""The admin's side: checks, VOG scans deleted after the check, sanctions, code of conduct
versions, the CPD catalogue, and the daily job."""

import io
from datetime import timedelta

import pytest
from sqlalchemy import select

from accounts.models import Role
from certification.teachers import services
from certification.teachers.models import CpdActivity, Teacher, TeacherStatus, VogRecord
from certification.teachers.services import RegistryError
from core.extensions import db
from core.models import AuditEvent
from core.storage import get_storage
from tests.certification.teachers import factories
from tests.kit import log_in, make_user


@pytest.fixture
def admin(app):
    return make_user(roles=(Role.admin,))


def test_the_vog_scan_is_deleted_after_the_check(app, teacher, admin):
    vog = services.add_vog(teacher, services.today(), "84", factories.pdf_upload("vog.pdf"), by=teacher.user)
    sha = vog.scan_sha256
    assert sha and get_storage(app).exists(sha)
    services.check_vog(vog, True, None, by=admin)
    assert vog.scan_sha256 is None and not get_storage(app).exists(sha)
    assert vog.checked_by_id == admin.id and vog.checked_at is not None
    event = db.session.execute(select(AuditEvent).where(AuditEvent.action == "teacher.vog_checked")).scalar_one()
    assert event.details["scan_deleted"] is True


def test_a_rejection_needs_a_reason_and_tells_the_teacher(teacher, admin, mailbox, app):
    item = services.add_qualification(teacher, "mbo", "ROC Dans", services.today(), factories.pdf_upload(),
                                      by=teacher.user)
    with pytest.raises(RegistryError, match="reden"):
        services.review_qualification(item, False, " ", by=admin)
    services.review_qualification(item, False, "Het diploma is onleesbaar.", by=admin)
    with pytest.raises(RegistryError, match="al beoordeeld"):
        services.review_qualification(item, True, None, by=admin)
    from core.mail import send_pending

    send_pending()
    assert any("onleesbaar" in m.get_content() for m in mailbox)


def test_vog_rules_come_from_the_plan(teacher):
    with pytest.raises(RegistryError, match="ouder dan 6 maanden"):
        services.add_vog(teacher, services.today() - timedelta(days=200), "84", None, by=teacher.user)
    services.add_vog(teacher, services.today() - timedelta(days=20), "84", None, by=teacher.user)
    with pytest.raises(RegistryError, match="wacht nog op controle"):
        services.add_vog(teacher, services.today(), "84", None, by=teacher.user)


def test_the_sanction_form_refuses_bad_input_with_a_message(client, active, admin):
    log_in(client, admin)
    response = client.post(f"/beheer/docenten/{active.id}/maatregel", data={
        "kind": "suspended", "category": "code_of_conduct", "note": "Onderzoek naar een melding",
        "starts_on": "2026-05-01", "until": "2026-04-01"})
    assert response.status_code == 400 and "einddatum" in response.get_data(as_text=True)
    assert "Onderzoek naar een melding" in response.get_data(as_text=True)  # what was typed stays
    assert client.post(f"/beheer/docenten/{active.id}/maatregel", data={"kind": "verbannen"}).status_code == 400
    assert client.post(f"/beheer/docenten/{active.id}/maatregel-opheffen",
                       data={"opheffen-reason": "Geen maatregel actief"}).status_code == 400


def test_the_teacher_page_with_both_sanction_forms_has_unique_ids(client, active, admin):
    import re

    factories.sanction(active, "restricted", by=admin)
    log_in(client, admin)
    html = client.get(f"/beheer/docenten/{active.id}").get_data(as_text=True)
    assert 'id="opheffen-reason"' in html
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "element ids repeat on the page"


def test_a_new_code_of_conduct_lapses_active_teachers_until_they_sign(client, active, admin):
    log_in(client, admin)
    response = client.post("/beheer/gedragscode", data={"version": "2.0", "text_nl": "Nieuw", "text_en": "New"})
    assert response.status_code == 302
    db.session.expire_all()
    assert active.status is TeacherStatus.lapsed
    assert client.post("/beheer/gedragscode", data={"version": "2.0", "text_nl": "x", "text_en": "y"}
                       ).status_code == 400
    code = services.current_code_version()
    services.sign_code(active, code.id, by=active.user)
    assert active.status is TeacherStatus.active
    with pytest.raises(RegistryError, match="al getekend"):
        services.sign_code(active, code.id, by=active.user)


def test_publishing_leaves_what_does_not_fit_in_the_request_to_the_daily_job(client, active, admin, monkeypatch):
    from certification.teachers.services import records

    monkeypatch.setattr(records, "PUBLISH_REFRESH_SECONDS", 0.0)  # as if the registry were too big for one request
    log_in(client, admin)
    response = client.post("/beheer/gedragscode", data={"version": "2.0", "text_nl": "Nieuw", "text_en": "New"},
                           follow_redirects=True)
    assert "Nog 1 actieve registratie vervalt vannacht" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Teacher, active.id).status is TeacherStatus.active
    services.run_daily()
    db.session.expire_all()
    assert db.session.get(Teacher, active.id).status is TeacherStatus.lapsed
    assert services.registrations_to_refresh() == 0


def test_the_cpd_catalogue(client, teacher, admin):
    log_in(client, admin)
    assert client.post("/beheer/bijscholing", data={"title": "Veilig lesgeven", "provider": "CVSN", "points": "6",
                                                    "category": "social_safety"}).status_code == 302
    assert client.post("/beheer/bijscholing", data={"title": "X", "provider": "Y", "points": "500",
                                                    "category": "social_safety"}).status_code == 400
    activity = db.session.execute(select(CpdActivity)).scalar_one()
    record = services.log_cpd(teacher, services.today(), by=teacher.user, activity_id=activity.id)
    assert (record.title, record.points, record.category) == ("Veilig lesgeven", 6, "social_safety")
    with pytest.raises(RegistryError, match="staat er al"):
        services.log_cpd(teacher, services.today(), by=teacher.user, activity_id=activity.id)
    assert client.post(f"/beheer/bijscholing/{activity.id}/intrekken").status_code == 302
    db.session.expire_all()
    with pytest.raises(RegistryError):
        services.log_cpd(teacher, services.today() - timedelta(days=1), by=teacher.user, activity_id=activity.id)


def test_admin_files_are_served_to_admins_only(app, client, teacher, admin):
    item = services.add_qualification(teacher, "hbo", "Codarts", services.today(), factories.pdf_upload(),
                                      by=teacher.user)
    log_in(client, admin)
    response = client.get(f"/beheer/docenten/bestand/diploma/{item.id}")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert client.get("/beheer/docenten/bestand/vog/424242").status_code == 404


def test_the_daily_job_lapses_expired_vogs_and_warns_once(app, runner, code, mailbox):
    teacher = factories.make_teacher()
    factories.complete(teacher, vog_days_ago=30)
    assert teacher.status is TeacherStatus.active
    vog = teacher.vog_records[0]
    # 36 months later, minus 30 days: within the 60-day warning window.
    vog.issued_on = services.today() - timedelta(days=3 * 365 - 30)
    db.session.commit()
    report = services.run_daily()
    assert report.vog_warnings == 1 and teacher.status is TeacherStatus.active
    assert services.run_daily().vog_warnings == 0  # once per deadline
    vog.issued_on = services.today() - timedelta(days=3 * 366)
    db.session.commit()
    result = runner.invoke(args=["registry", "daily"])
    assert result.exit_code == 0 and "Statuses changed: 1" in result.output
    db.session.expire_all()
    assert db.session.get(Teacher, teacher.id).status is TeacherStatus.lapsed


def test_a_suspension_ends_by_itself(active, admin):
    from certification.sanctions.services import impose_sanction

    impose_sanction(active, "suspended", "code_of_conduct", "Onderzoek naar een melding", by=admin,
                    starts_on=services.today() - timedelta(days=10), until=services.today() + timedelta(days=1))
    assert active.status is TeacherStatus.suspended
    services.run_daily(on=services.today() + timedelta(days=1))
    db.session.expire_all()
    assert db.session.get(Teacher, active.id).status is TeacherStatus.active


def test_admin_pages_render(client, active, admin):
    services.add_vog(active, services.today(), "84", factories.pdf_upload("vog.pdf"), by=active.user)
    log_in(client, admin)
    for url in ("/beheer/docenten", "/beheer/docenten?q=" + active.last_name, f"/beheer/docenten/{active.id}",
                "/beheer/bijscholing", "/beheer/gedragscode", "/beheer/docenten/import"):
        assert client.get(url).status_code == 200, url
    assert db.session.execute(select(VogRecord)).scalars().all()
    reject = client.post(f"/beheer/docenten/vog/{active.vog_records[0].id}/afwijzen", data={"reason": ""},
                         follow_redirects=True)
    assert "reden" in reject.get_data(as_text=True).lower()


def test_an_upload_too_large_or_of_the_wrong_kind_gets_a_message(client, teacher):
    log_in(client, teacher.user)
    response = client.post("/docent/vog", data={"issued_on": services.today().isoformat(), "screening_profile": "84",
                                                "scan": (io.BytesIO(b"GIF89a...."), "vog.gif")},
                           content_type="multipart/form-data")
    assert response.status_code == 400 and "PDF, JPEG of PNG" in response.get_data(as_text=True)
