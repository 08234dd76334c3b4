"""Evidence retention (AVG): what a school handed in is deleted once the certificate it
supported has ended (expired or revoked) longer ago than the plan's
`rules.retention.evidence_months_after_certificate`.

An evidence file is deleted only when every assessment it supports has such an ended
certificate: a file the school reused in a newer assessment, or one that supports an
assessment without a certificate (a draft, a rejection), stays. The answers' narratives and
the reviewers' verdicts stay (they are the certificate's history); the files and their rows
go, each with an audit event. Registered with `core.retention` by `init_app`.
"""

import time
from datetime import date

from sqlalchemy import delete, select

from certification.certificates.models import Certificate, CertificateStatus
from certification.certificates.signing import key_folder
from certification.stored_files import delete_unreferenced
from compliance.models import Answer, AnswerEvidence, Evidence
from compliance.review.models import CorrectiveAction
from core.audit import record_event
from core.dates import add_months
from core.extensions import db
from core.retention import RetentionRule, register
from core.storage import TEMP_FILE_MAX_AGE

ENDED = (CertificateStatus.expired, CertificateStatus.revoked)
CHUNK = 500


def _ran_out(on: date) -> dict[int, Certificate]:
    """{assessment_id: certificate} of ended certificates whose retention has run out."""
    certificates = db.session.execute(select(Certificate).where(Certificate.status.in_(ENDED))).scalars()
    return {certificate.assessment_id: certificate for certificate in certificates
            if add_months(certificate.status_changed_on,
                          certificate.plan.rules.retention.evidence_months_after_certificate) <= on}


def _linked_assessments(evidence_ids: list[int]) -> dict[int, set[int]]:
    """{evidence_id: the assessments it supports} (answers and corrective actions)."""
    linked: dict[int, set[int]] = {evidence_id: set() for evidence_id in evidence_ids}
    for start in range(0, len(evidence_ids), CHUNK):
        part = evidence_ids[start:start + CHUNK]
        for evidence_id, assessment_id in db.session.execute(
                select(AnswerEvidence.evidence_id, Answer.assessment_id)
                .join(Answer, Answer.id == AnswerEvidence.answer_id).where(AnswerEvidence.evidence_id.in_(part))):
            linked[evidence_id].add(assessment_id)
    wanted = set(evidence_ids)
    for assessment_id, ids in db.session.execute(select(CorrectiveAction.assessment_id, CorrectiveAction.evidence_ids)):
        for evidence_id in set(ids or ()) & wanted:
            linked[evidence_id].add(assessment_id)
    return linked


def purge_evidence(on: date) -> int:
    """Delete the evidence whose retention ran out on day `on`; returns how many files."""
    ran_out = _ran_out(on)
    if not ran_out:
        return 0
    candidates = list(db.session.execute(
        select(AnswerEvidence.evidence_id).join(Answer, Answer.id == AnswerEvidence.answer_id)
        .where(Answer.assessment_id.in_(list(ran_out))).distinct()).scalars())
    linked = _linked_assessments(candidates)
    doomed = [evidence_id for evidence_id, assessments in linked.items() if assessments and assessments <= set(ran_out)]
    shas = set()
    for evidence in db.session.execute(select(Evidence).where(Evidence.id.in_(doomed))).scalars() if doomed else ():
        certificates = sorted(ran_out[a].number for a in linked[evidence.id])
        record_event("evidence.retention_deleted", evidence, details={
            "school_id": evidence.school_id, "sha256": evidence.sha256, "size": evidence.size,
            "certificates": certificates, "ended_on": max(ran_out[a].status_changed_on for a in linked[evidence.id])})
        shas.add(evidence.sha256)
    if doomed:
        db.session.execute(delete(AnswerEvidence).where(AnswerEvidence.evidence_id.in_(doomed)))
        db.session.execute(delete(Evidence).where(Evidence.id.in_(doomed)))
    db.session.commit()
    # Files after the commit: a rollback must never leave rows that point at nothing. A file
    # another school (or a teacher) also stored stays while a row refers to it.
    delete_unreferenced(shas)
    return len(doomed)


def sweep_key_temp_files(on: date) -> int:
    """A crash while a key was written leaves `.tmp-*` (private key material) in the key folder."""
    cutoff, removed = time.time() - TEMP_FILE_MAX_AGE, 0
    for path in key_folder().glob(".tmp-*"):
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            pass
    return removed


def register_rules() -> None:
    register(RetentionRule("signing_key_temp_files", "Half-written signing-key files (.tmp-*) older than six hours.",
                           sweep_key_temp_files))
    register(RetentionRule("evidence", "Evidence files, the plan's retention.evidence_months_after_certificate "
                                       "months after the certificate they supported expired or was revoked.",
                           purge_evidence))
