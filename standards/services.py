"""Quality-plan rules: publishing immutable versions, and reading them back.

Other packages ask the plan, never a constant, for its periods and thresholds:

    plan = current_plan()                     # the published version of the alliance's plan
    plan.rules.certificate_validity_months    # typed (standards.schema.PlanRules)
    plan.pass_rules.min_domain_share
    applicable_criteria(plan, "dansschool", teaches_minors=True)

An assessment pins the plan it started on (`get_plan(code, version)` or by id) and keeps
reading that version after a newer one is published.
"""

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from core.audit import record_event
from core.extensions import db
from core.models import utcnow
from standards import DEFAULT_PLAN_CODE, PLANS_DIR
from standards.diffing import PlanDiff, diff_plans  # noqa: F401  (part of this module's API)
from standards.errors import PlanFileError, StandardsError  # noqa: F401
from standards.models import Criterion, Domain, PlanStatus, QualityPlan
from standards.schema import PlanDocument, load_plan_file, validate_plan_file, version_key  # noqa: F401
from standards.vocabulary import SCHOOL_TYPES

_VISIBLE = (PlanStatus.published, PlanStatus.retired)


@dataclass
class PublishResult:
    plan: QualityPlan
    created: bool
    retired: QualityPlan | None = None


# --- reading ----------------------------------------------------------------------------------------

def _with_contents(query, full: bool):
    if full:
        query = query.options(selectinload(QualityPlan.domains).selectinload(Domain.criteria))
    return query


def current_plan(code: str = DEFAULT_PLAN_CODE, *, full: bool = False) -> QualityPlan | None:
    """The published version of plan `code`, or None before the first publication.
    `full=True` loads domains and criteria up front (for pages that show them all)."""
    query = select(QualityPlan).where(QualityPlan.code == code, QualityPlan.status == PlanStatus.published)
    return db.session.execute(_with_contents(query, full)).scalar_one_or_none()


def get_plan(code: str, version: str, *, full: bool = False, include_drafts: bool = False) -> QualityPlan | None:
    """One stored version, current or retired (retired versions stay readable)."""
    query = select(QualityPlan).where(QualityPlan.code == code, QualityPlan.version == version)
    if not include_drafts:
        query = query.where(QualityPlan.status.in_(_VISIBLE))
    return db.session.execute(_with_contents(query, full)).scalar_one_or_none()


def list_versions(code: str = DEFAULT_PLAN_CODE) -> list[QualityPlan]:
    """Published and retired versions of plan `code`, newest first."""
    plans = db.session.execute(
        select(QualityPlan).where(QualityPlan.code == code, QualityPlan.status.in_(_VISIBLE))).scalars().all()
    return sorted(plans, key=lambda plan: version_key(plan.version), reverse=True)


def applicable_criteria(plan: QualityPlan, school_type: str, teaches_minors: bool) -> list[Criterion]:
    """The criteria a school of `school_type` has to meet, in plan order. Criteria marked
    `minors_only` count only for schools that teach minors (recommendation 5.1)."""
    if school_type not in SCHOOL_TYPES:
        raise StandardsError(f"Unknown school type {school_type!r}; known: {', '.join(SCHOOL_TYPES)}.")
    return [criterion for criterion in plan.criteria if criterion.applies(school_type, teaches_minors)]


# --- publishing ----------------------------------------------------------------------------------

def _document(source) -> PlanDocument:
    return source if isinstance(source, PlanDocument) else load_plan_file(source)


def _next_version(version: str) -> str:
    parts = version.split(".")
    parts[-1] = str(int(parts[-1]) + 1)
    return ".".join(parts)


def _build_plan(document: PlanDocument) -> QualityPlan:
    data = document.as_dict()
    plan = QualityPlan(
        code=document.code, version=document.version, title=data["title"], introduction=data["introduction"],
        valid_from=document.valid_from, rules_json=data["rules"], rating_scale_json=data["rating_scale"],
        verdicts_json=data["verdicts"], finding_grades_json=data["finding_grades"],
        pass_rules_json=data["pass_rules"], out_of_scope=data["out_of_scope"], content_hash=document.content_hash(),
    )
    for domain_position, domain_data in enumerate(data["domains"]):
        domain = Domain(code=domain_data["code"], position=domain_position, title=domain_data["title"],
                        description=domain_data["description"])
        for position, item in enumerate(domain_data["criteria"]):
            domain.criteria.append(Criterion(
                plan=plan, code=item["code"], domain_position=domain_position, position=position,
                title=item["title"], requirement=item["requirement"], guidance=item["guidance"],
                evidence=item["evidence"], mandatory=item["mandatory"],
                school_types=item["applies_to"]["school_types"], minors_only=item["applies_to"]["minors_only"],
                recommendations=item["recommendations"]))
        plan.domains.append(domain)
    return plan


def publish_plan(source, by=None) -> PublishResult:
    """Store a published, immutable copy of a plan version and retire the version it replaces.

    `source` is a path to a plan file or a parsed PlanDocument. Publishing the same code and
    version again with identical content changes nothing (`created` is False); with other
    content it is refused, because a published version never changes: a change is a new
    version. A version lower than one already stored is refused too.
    """
    document = _document(source)
    digest = document.content_hash()
    session = db.session
    # Lock this plan's versions: on PostgreSQL concurrent publications queue up here.
    stored = session.execute(select(QualityPlan).where(QualityPlan.code == document.code)
                             .with_for_update()).scalars().all()
    same = next((plan for plan in stored if plan.version == document.version), None)
    if same is not None:
        if same.content_hash == digest:
            session.commit()  # nothing of ours changed; ends the transaction and its lock
            return PublishResult(same, created=False)
        session.rollback()
        raise StandardsError(
            f"Version {document.version} of {document.code} is already published with different content. "
            f"A published version never changes: give the changed plan a new version number, "
            f"e.g. {_next_version(max((p.version for p in stored), key=version_key))}.")
    newest = max(stored, key=lambda plan: version_key(plan.version), default=None)
    if newest is not None and version_key(document.version) < version_key(newest.version):
        session.rollback()
        raise StandardsError(f"Version {document.version} of {document.code} is older than version "
                             f"{newest.version}, which is already stored; publish it under a higher version number.")

    now = utcnow()
    retired = next((plan for plan in stored if plan.status is PlanStatus.published), None)
    try:
        if retired is not None:
            retired.status = PlanStatus.retired
            retired.retired_at = now
            session.flush()  # before the new row, for the one-published-version index
        plan = _build_plan(document)
        plan.status = PlanStatus.published
        plan.published_at = now
        plan.published_by_id = getattr(by, "id", by)
        session.add(plan)
        session.flush()
        record_event("quality_plan.published", plan, actor=by, details={
            "code": plan.code, "version": plan.version, "content_hash": digest,
            "criteria": len(document.criteria()), "retired_version": retired.version if retired else None})
        if retired is not None:
            record_event("quality_plan.retired", retired, actor=by, details={
                "code": retired.code, "version": retired.version, "replaced_by": plan.version})
        session.commit()
    except IntegrityError:
        session.rollback()
        raise StandardsError(f"{document.code} {document.version} was published by someone else at the same "
                             "moment; check `flask standards versions` and try again if needed.")
    return PublishResult(plan, created=True, retired=retired)


@dataclass
class ShippedReport:
    published: list[PublishResult]
    warnings: list[str]


def publish_shipped_plans(directory: Path = PLANS_DIR, by=None) -> ShippedReport:
    """Publish every plan file in `directory` that the database does not hold yet, oldest
    version first (the first-start step of `make run`). A broken file raises PlanFileError."""
    files = sorted(Path(directory).glob("*.yaml"))
    documents = sorted(((path, load_plan_file(path)) for path in files),
                       key=lambda item: (item[1].code, version_key(item[1].version)))
    report = ShippedReport([], [])
    for path, document in documents:
        stored = get_plan(document.code, document.version, include_drafts=True)
        if stored is not None:
            if stored.content_hash != document.content_hash():
                report.warnings.append(
                    f"{path.name}: version {document.version} is already published with other content; the "
                    "published copy stays as it is. Give the changed plan a new version number.")
            continue
        newest = list_versions(document.code)[:1]
        if newest and version_key(document.version) < version_key(newest[0].version):
            report.warnings.append(f"{path.name}: not published, because version {newest[0].version} of "
                                   f"{document.code} is newer.")
            continue
        report.published.append(publish_plan(document, by=by))
    return report


def resolve_plan(ref: str, code: str = DEFAULT_PLAN_CODE):
    """A plan named on the command line: a path to a plan file, or a stored version of `code`."""
    path = Path(ref)
    if ref.endswith((".yaml", ".yml")) or path.exists():
        return load_plan_file(path)
    plan = get_plan(code, ref, full=True)
    if plan is None:
        known = ", ".join(plan.version for plan in list_versions(code)) or "none yet"
        raise StandardsError(f"{code} has no version {ref!r} (stored versions: {known}), and no file of that name "
                             "exists.")
    return plan
