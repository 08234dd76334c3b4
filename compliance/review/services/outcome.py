"""What the plan's pass rules say about the verdicts so far: one function, used by the
review page, the recommendation and the approver's page."""

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import select

from compliance.models import Assessment
from compliance.review.models import ReviewVerdict
from core.extensions import db
from core.i18n import lazy_text
from standards.vocabulary import localized

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


# --- conditions only for what may be conditioned ------------------------------------------------------

@dataclass(frozen=True)
class Blocker:
    """One reason the assessment cannot be approved (with conditions): a sentence naming the
    criterion or domain (plan codes and labels only, never user input)."""

    message: str
    criterion_code: str | None = None
    domain_code: str | None = None

    def __str__(self) -> str:
        return self.message


def certificate_blockers(assessment: Assessment, covered: set[int] | None = None,
                         verdicts: dict | None = None) -> list[Blocker]:
    """What stands between the verdicts and a certificate, by the rules of the plan the
    assessment is pinned to (`pass_rules` and `pass_rules.condition_rules`).

    Nothing when the pass rules are met. Otherwise each criterion that fails them must carry
    a finding grade the plan lets a corrective action settle (`settle_grades`) and be in
    `covered` (the ids of criteria with a corrective action that has a deadline); a domain
    under its minimum share blocks outright when `domain_below_share_blocks`. An empty list
    means "approve with conditions" may go ahead with those actions."""
    rows = verdicts_by_criterion(assessment) if verdicts is None else verdicts
    codes = {criterion_id: row.verdict for criterion_id, row in rows.items()}
    outcome = evaluate_pass_rules(assessment, codes)
    if outcome.passed:
        return []
    covered = covered or set()
    plan = assessment.plan
    rules, conditions = plan.pass_rules, plan.pass_rules.condition_rules
    labels = {grade.code: localized(grade.label) for grade in plan.finding_grades}
    allowed = ", ".join(labels.get(code, code) for code in conditions.settle_grades) or "—"
    blockers = []
    if outcome.unjudged:
        blockers.append(Blocker(ngettext("%(num)s eis heeft nog geen oordeel.",
                                         "%(num)s eisen hebben nog geen oordeel.", outcome.unjudged)))
    for answer in assessment.answers:
        criterion, row = answer.criterion, rows.get(answer.criterion_id)
        if row is None or row.verdict in (MEETS, NOT_APPLICABLE):
            continue
        fails_mandatory = rules.all_mandatory_meet and criterion.mandatory
        in_weak_domain = criterion.domain.code in outcome.weak_domains and not conditions.domain_below_share_blocks
        if not (fails_mandatory or in_weak_domain):
            continue
        code = criterion.code
        if row.finding_grade is None:
            text = lazy_text("%(code)s voldoet niet en heeft geen bevinding; met voorwaarden kan alleen bij: "
                             "%(allowed)s.", code=code, allowed=allowed)
        elif row.finding_grade not in conditions.settle_grades:
            text = lazy_text("%(code)s: een %(grade)s kan niet met een verbeteractie worden opgelost "
                             "(alleen: %(allowed)s).", code=code, allowed=allowed,
                             grade=labels.get(row.finding_grade, row.finding_grade).lower())
        elif answer.criterion_id not in covered:
            text = lazy_text("%(code)s voldoet niet en heeft nog geen verbeteractie met een termijn.", code=code)
        else:
            continue
        blockers.append(Blocker(str(text), criterion_code=code, domain_code=criterion.domain.code))
    if conditions.domain_below_share_blocks:
        for domain in outcome.weak_domains:
            text = lazy_text("Domein %(domain)s: minder dan %(share)s%% van de eisen voldoet; dat kan "
                             "niet met voorwaarden.", domain=domain, share=round(rules.min_domain_share * 100))
            blockers.append(Blocker(str(text), domain_code=domain))
    return blockers


def describe_blockers(blockers: list[Blocker]) -> str:
    return " ".join(str(blocker) for blocker in blockers)
