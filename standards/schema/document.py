"""The shape of a quality-plan file as pydantic models.

The rules, scale, verdicts, grades and pass rules models double as the typed views that
`QualityPlan` hands to the rest of the platform (`plan.rules.certificate_validity_months`).
"""

import hashlib
import json
import re
from datetime import date
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    NonNegativeInt,
    PositiveInt,
    StringConstraints,
)

from standards.recommendations import RECOMMENDATIONS, describe_known_codes
from standards.vocabulary import CPD_CATEGORIES, EVIDENCE_KINDS, SCHOOL_TYPES

# --- field types -----------------------------------------------------------------------------

def _matches(pattern: str, what: str):
    regex = re.compile(pattern)

    def check(value: str) -> str:
        if not regex.fullmatch(value):
            raise ValueError(f"{value!r} is not a valid {what}")
        return value

    return AfterValidator(check)


def _one_of(vocabulary: dict, what: str):
    def check(value: str) -> str:
        if value not in vocabulary:
            raise ValueError(f"unknown {what} {value!r} (known: {', '.join(vocabulary)})")
        return value

    return AfterValidator(check)


def _no_number(example: str):
    """YAML reads an unquoted 5.10 as the number 5.1: insist on quotes for dotted codes."""

    def check(value):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            raise ValueError(f'write it in quotes, e.g. "{example}": unquoted, YAML reads it as the number {value} '
                             '(and 1.10 as 1.1)')
        return value

    return BeforeValidator(check)


def _known_recommendation(value: str) -> str:
    if value not in RECOMMENDATIONS:
        raise ValueError(f"unknown recommendation code {value!r} (known: {describe_known_codes()})")
    return value


def _number_as_text(value):
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
PlanCode = Annotated[NonEmpty, _matches(r"[a-z0-9]+(?:-[a-z0-9]+)*",
                                        "plan code (lower-case letters, digits and hyphens)")]
Version = Annotated[NonEmpty, _no_number("1.0"), _matches(r"\d+(?:\.\d+){0,2}", 'version (e.g. "1.0" or "1.2.1")')]
DomainCode = Annotated[NonEmpty, _matches(r"[A-Z]{1,3}", "domain code (one to three capital letters, e.g. B)")]
CriterionCode = Annotated[NonEmpty, _matches(r"[A-Z]{1,3}\d{1,2}",
                                             "criterion code (the domain's letters and a number, e.g. B2)")]
Slug = Annotated[NonEmpty, _matches(r"[a-z][a-z0-9_]*", "code (lower-case letters, digits and _)")]
RecommendationCode = Annotated[NonEmpty, _no_number("5.10"), AfterValidator(_known_recommendation)]
EvidenceKind = Annotated[NonEmpty, _one_of(EVIDENCE_KINDS, "kind of evidence")]
SchoolType = Annotated[NonEmpty, _one_of(SCHOOL_TYPES, "school type")]
CpdCategory = Annotated[NonEmpty, _one_of(CPD_CATEGORIES, "CPD category")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Model):
    """Bilingual text: both languages are required."""

    nl: NonEmpty
    en: NonEmpty


# --- rules: also the typed view QualityPlan.rules ---------------------------------------------------

class MonitoringRules(_Model):
    interval_months: PositiveInt
    grace_days: NonNegativeInt


class VogRules(_Model):
    max_age_months_at_start: PositiveInt
    renew_every_months: PositiveInt
    screening_profile_minors: Annotated[NonEmpty, BeforeValidator(_number_as_text)]


class CpdRules(_Model):
    cycle_months: PositiveInt
    min_points: NonNegativeInt
    min_points_by_category: dict[CpdCategory, NonNegativeInt] = Field(default_factory=dict)


class CertificatePreconditions(_Model):
    """What a school's profile must hold before it is certified, checked at submission and
    again at approval. A plan version that does not say (1.0) gets all of them."""

    confidential_advisor: bool = True  # name, how to reach them, internal or external
    locations_with_rooms: bool = True  # at least one location, each with its rooms described
    active_teachers_for_minors: bool = True  # a school teaching minors: >= 1 such teacher, all active
class RetentionRules(_Model):
    """How long the platform keeps what a school handed in once its certificate has ended
    (expired or revoked), in months; then the daily job deletes it (AVG: no longer than needed).
    The defaults hold for plan copies published before the rule existed."""

    evidence_months_after_certificate: PositiveInt = 24
    monitoring_months_after_certificate: PositiveInt = 24


class PlanRules(_Model):
    """The periods and thresholds other packages take from the plan, never from a constant."""

    certificate_validity_months: PositiveInt
    monitoring: MonitoringRules
    renewal_window_months: PositiveInt
    corrective_action_months: PositiveInt
    vog: VogRules
    cpd: CpdRules
    small_cell_threshold: PositiveInt
    min_narrative_chars_mandatory: NonNegativeInt
    certificate_preconditions: CertificatePreconditions | None = None

    @property
    def preconditions(self) -> CertificatePreconditions:
        """The plan's preconditions, or all of them for a version written before they existed."""
        return self.certificate_preconditions or CertificatePreconditions()
    retention: RetentionRules = Field(default_factory=RetentionRules)


class ScalePoint(_Model):
    value: NonNegativeInt
    label: Text


class Verdict(_Model):
    code: Slug
    label: Text


class FindingGrade(_Model):
    code: Slug
    label: Text


# A plan version that does not say which failing criteria a corrective action may settle
# (1.0) gets this strict reading: only minor nonconformities and observations; a domain under
# its minimum share, a major nonconformity or a failing criterion without a grade blocks.
DEFAULT_SETTLE_GRADES = ("minor_nonconformity", "observation")


class ConditionRules(_Model):
    """When "approve with conditions" is allowed: every criterion that fails the pass rules
    carries one of `settle_grades` and a corrective action with a deadline."""

    settle_grades: list[Slug] = Field(default_factory=lambda: list(DEFAULT_SETTLE_GRADES))
    domain_below_share_blocks: bool = True


class PassRules(_Model):
    all_mandatory_meet: bool
    min_domain_share: Annotated[float, Field(ge=0, le=1)]
    conditions: ConditionRules | None = None

    @property
    def condition_rules(self) -> ConditionRules:
        return self.conditions or ConditionRules()


# --- criteria and domains ---------------------------------------------------------------------------

class AppliesTo(_Model):
    school_types: list[SchoolType] = Field(min_length=1)
    minors_only: bool = False


class CriterionSpec(_Model):
    code: CriterionCode
    title: Text
    requirement: Text
    guidance: Text
    evidence: list[EvidenceKind] = Field(min_length=1)
    mandatory: bool
    applies_to: AppliesTo
    recommendations: list[RecommendationCode] = Field(min_length=1)


class DomainSpec(_Model):
    code: DomainCode
    title: Text
    description: Text
    criteria: list[CriterionSpec] = Field(min_length=1)


class OutOfScope(_Model):
    recommendation: RecommendationCode
    reason: Text


class PlanDocument(_Model):
    """One version of a quality plan, exactly as its YAML file describes it."""

    code: PlanCode
    version: Version
    title: Text
    introduction: Text
    valid_from: date
    rules: PlanRules
    rating_scale: list[ScalePoint] = Field(min_length=2)
    verdicts: list[Verdict] = Field(min_length=1)
    finding_grades: list[FindingGrade] = Field(min_length=1)
    pass_rules: PassRules
    domains: list[DomainSpec] = Field(min_length=1)
    out_of_scope: list[OutOfScope] = Field(default_factory=list)

    def criteria(self) -> list[CriterionSpec]:
        return [criterion for domain in self.domains for criterion in domain.criteria]

    def traced_recommendations(self) -> set[str]:
        return {code for criterion in self.criteria() for code in criterion.recommendations}

    def as_dict(self) -> dict:
        data = self.model_dump(mode="json")
        # Keys that later versions added stay out when a file leaves them out, so that the
        # content (and hash) of a version written before them is what it always was.
        for section, key in (("rules", "certificate_preconditions"), ("pass_rules", "conditions")):
            if data[section].get(key) is None:
                data[section].pop(key, None)
        return data

    def content_hash(self) -> str:
        return content_hash(self.as_dict())


def content_hash(document: dict) -> str:
    """Identity of a plan's content: the same for the same plan, whatever the YAML layout."""
    encoded = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def version_key(version: str) -> tuple[int, ...]:
    """Sort key for versions: 1.9 before 1.10."""
    try:
        return tuple(int(part) for part in str(version).split("."))
    except ValueError:
        return (-1,)
