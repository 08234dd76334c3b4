"""Published quality plans: QualityPlan → Domain → Criterion.

A stored plan is an immutable copy of one version of a plan file. Only its lifecycle
(published → retired) changes; its content never does, because assessments are pinned to
the version they started on. Bilingual texts are JSON {"nl": ..., "en": ...}.
"""

import enum
from datetime import date, datetime
from functools import cached_property

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    event,
    inspect,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.extensions import db
from core.models import UTCDateTime, utcnow
from standards.schema import FindingGrade, PassRules, PlanRules, ScalePoint, Verdict


class PlanStatus(enum.Enum):
    draft = "draft"
    published = "published"
    retired = "retired"


class QualityPlan(db.Model):
    __tablename__ = "quality_plan"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(80))
    version: Mapped[str] = mapped_column(String(20))
    status: Mapped[PlanStatus] = mapped_column(Enum(PlanStatus, native_enum=False, length=20),
                                               default=PlanStatus.draft)
    title: Mapped[dict] = mapped_column(JSON)
    introduction: Mapped[dict] = mapped_column(JSON)
    valid_from: Mapped[date] = mapped_column(Date)
    # The plan's rules, scale, verdicts, grades and pass rules as written in the file; read
    # them through the typed properties below (`plan.rules.certificate_validity_months`).
    rules_json: Mapped[dict] = mapped_column("rules", JSON)
    rating_scale_json: Mapped[list] = mapped_column("rating_scale", JSON)
    verdicts_json: Mapped[list] = mapped_column("verdicts", JSON)
    finding_grades_json: Mapped[list] = mapped_column("finding_grades", JSON)
    pass_rules_json: Mapped[dict] = mapped_column("pass_rules", JSON)
    out_of_scope: Mapped[list] = mapped_column(JSON, default=list)
    content_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    domains: Mapped[list["Domain"]] = relationship(back_populates="plan", order_by="Domain.position",
                                                   cascade="all, delete-orphan")
    criteria: Mapped[list["Criterion"]] = relationship(
        viewonly=True, order_by=lambda: [Criterion.domain_position, Criterion.position])

    __table_args__ = (
        UniqueConstraint("code", "version", name="uq_quality_plan_code_version"),
        Index("ix_quality_plan_code_status", "code", "status"),
        # At most one published version per plan: two concurrent publishes cannot both win.
        Index("uq_quality_plan_one_published", "code", unique=True,
              sqlite_where=text("status = 'published'"), postgresql_where=text("status = 'published'")),
    )

    @cached_property
    def rules(self) -> PlanRules:
        return PlanRules.model_validate(self.rules_json)

    @cached_property
    def rating_scale(self) -> list[ScalePoint]:
        return [ScalePoint.model_validate(point) for point in self.rating_scale_json]

    @cached_property
    def verdicts(self) -> list[Verdict]:
        return [Verdict.model_validate(verdict) for verdict in self.verdicts_json]

    @cached_property
    def finding_grades(self) -> list[FindingGrade]:
        return [FindingGrade.model_validate(grade) for grade in self.finding_grades_json]

    @cached_property
    def pass_rules(self) -> PassRules:
        return PassRules.model_validate(self.pass_rules_json)

    @property
    def is_published(self) -> bool:
        return self.status is PlanStatus.published

    @property
    def is_retired(self) -> bool:
        return self.status is PlanStatus.retired

    def criterion(self, code: str) -> "Criterion | None":
        return next((criterion for criterion in self.criteria if criterion.code == code), None)

    def as_document(self) -> dict:
        """The plan in the shape of its file (`PlanDocument.as_dict()`): for the API and diffs."""
        return {
            "code": self.code,
            "version": self.version,
            "title": dict(self.title),
            "introduction": dict(self.introduction),
            "valid_from": self.valid_from.isoformat(),
            "rules": self.rules_json,
            "rating_scale": self.rating_scale_json,
            "verdicts": self.verdicts_json,
            "finding_grades": self.finding_grades_json,
            "pass_rules": self.pass_rules_json,
            "domains": [domain.as_document() for domain in self.domains],
            "out_of_scope": self.out_of_scope,
        }

    def __repr__(self) -> str:
        return f"<QualityPlan {self.code} {self.version} {self.status.value}>"


class Domain(db.Model):
    __tablename__ = "quality_plan_domain"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("quality_plan.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(10))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[dict] = mapped_column(JSON)
    description: Mapped[dict] = mapped_column(JSON)

    plan: Mapped[QualityPlan] = relationship(back_populates="domains")
    criteria: Mapped[list["Criterion"]] = relationship(back_populates="domain", order_by="Criterion.position",
                                                       cascade="all, delete-orphan")

    __table_args__ = (UniqueConstraint("plan_id", "code", name="uq_quality_plan_domain_plan_id_code"),)

    def as_document(self) -> dict:
        return {"code": self.code, "title": dict(self.title), "description": dict(self.description),
                "criteria": [criterion.as_document() for criterion in self.criteria]}

    def __repr__(self) -> str:
        return f"<Domain {self.code}>"


class Criterion(db.Model):
    __tablename__ = "quality_plan_criterion"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("quality_plan.id", ondelete="CASCADE"))
    domain_id: Mapped[int] = mapped_column(ForeignKey("quality_plan_domain.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(10))
    domain_position: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[dict] = mapped_column(JSON)
    requirement: Mapped[dict] = mapped_column(JSON)
    guidance: Mapped[dict] = mapped_column(JSON)
    evidence: Mapped[list] = mapped_column(JSON)
    mandatory: Mapped[bool] = mapped_column(Boolean)
    school_types: Mapped[list] = mapped_column(JSON)
    minors_only: Mapped[bool] = mapped_column(Boolean, default=False)
    recommendations: Mapped[list] = mapped_column(JSON)

    plan: Mapped[QualityPlan] = relationship()
    domain: Mapped[Domain] = relationship(back_populates="criteria")

    __table_args__ = (UniqueConstraint("plan_id", "code", name="uq_quality_plan_criterion_plan_id_code"),)

    @property
    def applies_to(self) -> dict:
        return {"school_types": list(self.school_types), "minors_only": self.minors_only}

    def as_document(self) -> dict:
        return {"code": self.code, "title": dict(self.title), "requirement": dict(self.requirement),
                "guidance": dict(self.guidance), "evidence": list(self.evidence), "mandatory": self.mandatory,
                "applies_to": self.applies_to, "recommendations": list(self.recommendations)}

    def applies(self, school_type: str, teaches_minors: bool) -> bool:
        """Whether a school of this type has to meet the criterion; a `minors_only`
        criterion counts only for schools that teach minors."""
        return school_type in self.school_types and (teaches_minors or not self.minors_only)

    def __repr__(self) -> str:
        return f"<Criterion {self.code}>"


# --- immutability ------------------------------------------------------------------------------------

_PLAN_LIFECYCLE_FIELDS = {"status", "retired_at"}


@event.listens_for(QualityPlan, "before_update")
def _refuse_plan_content_change(mapper, connection, target):
    state = inspect(target)
    changed = {attr.key for attr in mapper.column_attrs if state.attrs[attr.key].history.has_changes()}
    if changed - _PLAN_LIFECYCLE_FIELDS:
        raise RuntimeError(f"a stored quality plan never changes ({', '.join(sorted(changed))}); "
                           "publish a new version instead")


@event.listens_for(Domain, "before_update")
@event.listens_for(Criterion, "before_update")
def _refuse_content_change(mapper, connection, target):
    raise RuntimeError("a stored quality plan never changes; publish a new version instead")
