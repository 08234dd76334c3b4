"""What the plan's pass rules say about the verdicts so far: one function, used by the
review page, the recommendation and the approver's page."""

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import select

from compliance.models import Assessment
from core.extensions import db
from core.i18n import lazy_text

MEETS, NOT_APPLICABLE = "meets", "not_applicable"


@dataclass
class Outcome:
    passed: bool
    complete: bool
    unjudged: int = 0
    mandatory_failing: int = 0
    weak_domains: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


def verdicts_by_criterion(assessment: Assessment) -> dict:
    from compliance.review.models import ReviewVerdict

    rows = db.session.execute(select(ReviewVerdict).where(ReviewVerdict.assessment_id == assessment.id)).scalars()
    return {row.criterion_id: row for row in rows}


def evaluate_pass_rules(assessment: Assessment, verdicts: dict | None = None) -> Outcome:
    """Apply `plan.pass_rules`: every mandatory criterion meets (or does not apply) when
    `all_mandatory_meet`, and in each domain at least `min_domain_share` of the criteria that
    apply meet. "Partly meets" does not count as meeting. Unjudged criteria fail."""
    verdicts = verdict_codes(assessment) if verdicts is None else verdicts
    rules = assessment.plan.pass_rules
    unjudged = mandatory_failing = 0
    per_domain: dict[str, list[int]] = {}
    for answer in assessment.answers:
        code = verdicts.get(answer.criterion_id)
        if code is None:
            unjudged += 1
        criterion = answer.criterion
        if criterion.mandatory and code not in (MEETS, NOT_APPLICABLE):
            mandatory_failing += 1
        if code != NOT_APPLICABLE:
            counts = per_domain.setdefault(criterion.domain.code, [0, 0])
            counts[0] += code == MEETS
            counts[1] += 1
    weak = [domain for domain, (met, total) in sorted(per_domain.items())
            if total and met / total < rules.min_domain_share]
    messages = []
    if unjudged:
        messages.append(ngettext("%(num)s eis heeft nog geen oordeel.", "%(num)s eisen hebben nog geen oordeel.",
                                 unjudged))
    if rules.all_mandatory_meet and mandatory_failing:
        messages.append(ngettext("%(num)s verplichte eis voldoet niet.", "%(num)s verplichte eisen voldoen niet.",
                                 mandatory_failing))
    if weak:
        messages.append(str(lazy_text("Te weinig eisen voldoen in domein %(domains)s (minimaal %(share)s%%).",
                               domains=", ".join(weak), share=round(rules.min_domain_share * 100))))
    passed = not unjudged and not weak and not (rules.all_mandatory_meet and mandatory_failing)
    if passed:
        messages.append(str(_l("Volgens de normen van het kwaliteitsplan voldoet de school.")))
    return Outcome(passed=passed, complete=not unjudged, unjudged=unjudged, mandatory_failing=mandatory_failing,
                   weak_domains=weak, messages=messages)


def verdict_codes(assessment: Assessment) -> dict[int, str]:
    return {criterion_id: row.verdict for criterion_id, row in verdicts_by_criterion(assessment).items()}
