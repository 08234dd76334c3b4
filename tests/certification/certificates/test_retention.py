"""Evidence retention (issue 12, Privacy): the plan says how long a school's evidence is kept
after its certificate ended; the daily job deletes what ran out and writes it in the audit log."""

from datetime import timedelta

from sqlalchemy import select

from certification.certificates import services as certificates
from compliance import services as compliance
from compliance.models import AssessmentStatus, Evidence
from core.dates import add_months, today
from core.extensions import db
from core.models import AuditEvent, utcnow
from core.retention import rules, run_retention
from core.storage import get_storage
from tests.certification.certificates import factories
from tests.compliance.factories import owner_of, pdf_bytes


def _certified_with(files: dict[str, bytes], school=None):
    """A certificate whose assessment's first answer carries `files`."""
    school = school or factories.make_school()
    owner = owner_of(school)
    assessment = compliance.start_assessment(school, by=owner)
    compliance.save_answer(assessment.answers[0], owner, compliance.AnswerInput(
        rating=2, narrative="Zo doen we het.", uploads=[compliance.Upload(n, d) for n, d in files.items()]))
    factories.judge(assessment)
    assessment.status, assessment.status_changed_at = AssessmentStatus.approved, utcnow()
    db.session.commit()
    return factories.issue(assessment=assessment)


def _revoke(certificate):
    pending = certificates.request_revocation(certificate, factories.make_admin(), "non_compliance", "Voldoet niet.")
    certificates.confirm_revocation(pending, factories.make_admin())


def _evidence_names():
    return sorted(db.session.execute(select(Evidence.original_filename)).scalars())


def test_evidence_is_deleted_when_the_plans_period_after_the_certificate_ran_out(app, plan, evidence_dir):
    months = plan.rules.retention.evidence_months_after_certificate
    assert months == 24  # the plan's rule, as data in the plan file
    old = _certified_with({"oud.pdf": pdf_bytes("oud"), "gedeeld.pdf": pdf_bytes("gedeeld")})
    school = old.school
    shared_sha = db.session.execute(select(Evidence.sha256).where(Evidence.original_filename == "gedeeld.pdf")) \
        .scalar_one()
    _revoke(old)
    # Another school holds a live certificate with a file of the same content: its copy stays.
    _certified_with({"ook-gedeeld.pdf": pdf_bytes("gedeeld")})
    # The school starts again and reuses one file in its new (draft) assessment: that one stays too.
    owner = owner_of(school)
    again = compliance.start_assessment(school, by=owner)
    # The renewal starts with the approved answers' files copied in; the school drops them all
    # and uploads one again.
    copied = [evidence.id for answer in again.answers for evidence in answer.evidence]
    assert copied, "a renewal starts with the last approved assessment's files"
    for answer in again.answers:
        if answer.evidence:
            compliance.save_answer(answer, owner, compliance.AnswerInput(
                rating=1, narrative="Opnieuw.", detach_evidence_ids=[evidence.id for evidence in answer.evidence]))
    compliance.save_answer(again.answers[0], owner, compliance.AnswerInput(
        rating=1, narrative="Opnieuw.", uploads=[compliance.Upload("nog-nodig.pdf", pdf_bytes("oud"))]))
    oud_sha = db.session.execute(select(Evidence.sha256).where(Evidence.original_filename == "oud.pdf")).scalar_one()

    ended = today()
    assert run_retention(add_months(ended, months) - timedelta(days=1))["evidence"] == 0
    assert _evidence_names() == ["gedeeld.pdf", "ook-gedeeld.pdf", "oud.pdf"]
    done = run_retention(add_months(ended, months))
    assert done["evidence"] == 1
    assert _evidence_names() == ["ook-gedeeld.pdf", "oud.pdf"]  # "oud.pdf" supports the new draft
    storage = get_storage()
    assert storage.exists(shared_sha) and storage.exists(oud_sha)  # still referred to by a row
    event = db.session.execute(select(AuditEvent).where(AuditEvent.action == "evidence.retention_deleted")) \
        .scalar_one()
    assert event.details["certificates"] == [old.number] and event.details["school_id"] == school.id
    assert run_retention(add_months(ended, months + 1))["evidence"] == 0  # nothing twice


def test_a_file_nobody_refers_to_leaves_the_store(app, plan, evidence_dir):
    certificate = _certified_with({"alleen.pdf": pdf_bytes("alleen")})
    sha = db.session.execute(select(Evidence.sha256)).scalar_one()
    _revoke(certificate)
    run_retention(add_months(today(), 24))
    assert not get_storage().exists(sha) and _evidence_names() == []


def test_other_packages_can_register_what_they_keep():
    assert {"evidence", "upload_temp_files"} <= {rule.name for rule in rules()}


def test_half_written_key_files_are_swept_too(app, runner, tmp_path):
    import os
    import time

    from certification.certificates.signing import current_key, key_folder

    current_key()
    folder = key_folder()
    crashed = folder / ".tmp-abc"
    crashed.write_bytes(b"-----BEGIN PRIVATE KEY-----")
    old = time.time() - 7 * 3600
    os.utime(crashed, (old, old))
    result = runner.invoke(args=["retention", "daily"])
    assert result.exit_code == 0 and "signing key temp files: 1" in result.output
    assert not crashed.exists() and any(path.suffix == ".pem" for path in folder.iterdir())
