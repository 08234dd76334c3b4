"""A teacher's registration status, derived and never typed in.

`derive_status(teacher, rules, today)` is the one place that decides it: pure (no
database, no clock), so the services, the daily job and the tests all get the same answer.
Each requirement is a small function returning a `Check`; the periods and thresholds come
from the quality plan (`rules.vog`, `rules.cpd`) through `RegistryRules`.

- pending: never been complete; active: every check met; lapsed: was active, a check no
  longer met (VOG too old, current code of conduct not signed, CPD short at a cycle's end);
- restricted, suspended (until a date) and revoked are an admin's sanction and win over
  the rest while they apply.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l

from certification.teachers.models import Review, Sanction, TeacherStatus
from core.dates import add_months
from core.i18n import lazy_text


@dataclass(frozen=True)
class RegistryRules:
    """What the status needs from the outside world: the quality plan's VOG and CPD rules
    (standards.schema.VogRules / CpdRules, or anything with the same attributes) and the
    code of conduct currently in force."""

    vog: object
    cpd: object
    code_version_id: int | None = None
    code_version: str | None = None


@dataclass(frozen=True)
class Check:
    code: str
    met: bool
    message: str = ""
    deadline: date | None = None  # when a met check stops being met, if nothing changes


@dataclass(frozen=True)
class StatusReport:
    status: TeacherStatus
    until: date | None = None
    checks: tuple[Check, ...] = field(default_factory=tuple)

    @property
    def missing(self) -> list[Check]:
        return [check for check in self.checks if not check.met]

    def check(self, code: str) -> Check | None:
        return next((check for check in self.checks if check.code == code), None)


# --- the rules, one function each ---------------------------------------------------------------

def qualification_check(teacher) -> Check:
    if any(q.review is Review.approved for q in teacher.qualifications):
        return Check("qualification", True)
    if any(q.review is Review.pending for q in teacher.qualifications):
        return Check("qualification", False, _l("Je diploma wacht op controle door de alliantie."))
    return Check("qualification", False, _l("Voeg een diploma of certificaat toe dat de alliantie kan controleren."))


def latest_checked_vog(teacher):
    checked = [vog for vog in teacher.vog_records if vog.review is Review.approved]
    return max(checked, key=lambda vog: vog.issued_on, default=None)


def vog_check(teacher, rules: RegistryRules, today: date) -> Check:
    """No older than `max_age_months_at_start` when the registration is first complete;
    after that valid for `renew_every_months` from its date of issue."""
    vog = latest_checked_vog(teacher)
    if vog is None:
        pending = any(v.review is Review.pending for v in teacher.vog_records)
        return Check("vog", False, _l("Je VOG wacht op controle door de alliantie.") if pending
                     else _l("Geef de datum van je VOG door en laat het origineel controleren."))
    if teacher.activated_on is None:
        fresh_until = add_months(vog.issued_on, rules.vog.max_age_months_at_start)
        if today >= fresh_until:
            return Check("vog", False, lazy_text("Je VOG is ouder dan %(months)s maanden. Vraag een nieuwe aan.",
                                          months=rules.vog.max_age_months_at_start))
    valid_until = add_months(vog.issued_on, rules.vog.renew_every_months)
    if today >= valid_until:
        return Check("vog", False, _l("Je VOG is verlopen. Vraag een nieuwe aan en geef die door."),
                     deadline=valid_until)
    return Check("vog", True, deadline=valid_until)


def code_of_conduct_check(teacher, rules: RegistryRules) -> Check:
    if rules.code_version_id is None:
        return Check("code_of_conduct", False, _l("De alliantie heeft nog geen gedragscode gepubliceerd."))
    if any(s.version_id == rules.code_version_id for s in teacher.signatures):
        return Check("code_of_conduct", True)
    if teacher.signatures:
        return Check("code_of_conduct", False, _l("Er is een nieuwe versie van de gedragscode. Lees en teken die."))
    return Check("code_of_conduct", False, _l("Lees en teken de gedragscode."))


def cpd_points(teacher, start: date, end: date) -> dict[str, int]:
    """Approved points completed in [start, end), per category, with the sum under "total"."""
    points = {"total": 0}
    for record in teacher.cpd_records:
        if record.review is Review.approved and start <= record.completed_on < end:
            points["total"] += record.points
            points[record.category] = points.get(record.category, 0) + record.points
    return points


def cpd_shortfall(points: dict[str, int], cpd_rules) -> dict[str, int]:
    """What is missing against the plan's minimums: {"total": n, category: n, ...}."""
    short = {}
    if points.get("total", 0) < cpd_rules.min_points:
        short["total"] = cpd_rules.min_points - points.get("total", 0)
    for category, minimum in cpd_rules.min_points_by_category.items():
        if points.get(category, 0) < minimum:
            short[category] = minimum - points.get(category, 0)
    return short


def cpd_cycle(teacher, rules: RegistryRules, today: date) -> tuple[date, date] | None:
    """The running cycle [start, end): cycles of `cycle_months` from the day the
    registration was first complete."""
    if teacher.activated_on is None:
        return None
    months = rules.cpd.cycle_months
    start = teacher.activated_on
    while add_months(start, months) <= today:
        start = add_months(start, months)
    return start, add_months(start, months)


def cpd_check(teacher, rules: RegistryRules, today: date) -> Check:
    """At the end of each cycle the points earned in it must meet the plan's minimums. A
    teacher who fell short is in order again once the points of the last `cycle_months`
    (catch-up included) meet them."""
    cycle = cpd_cycle(teacher, rules, today)
    if cycle is None or cycle[0] == teacher.activated_on:
        return Check("cpd", True, deadline=cycle[1] if cycle else None)
    previous_start = add_months(cycle[0], -rules.cpd.cycle_months)
    if not cpd_shortfall(cpd_points(teacher, previous_start, cycle[0]), rules.cpd):
        return Check("cpd", True, deadline=cycle[1])
    window_start = add_months(today, -rules.cpd.cycle_months)
    if not cpd_shortfall(cpd_points(teacher, window_start, today + timedelta(days=1)), rules.cpd):
        return Check("cpd", True, deadline=cycle[1])
    return Check("cpd", False, lazy_text(
            "Je hebt in de vorige periode van %(months)s maanden te weinig bijscholingspunten "
                                  "gehaald. Haal de ontbrekende punten in.", months=rules.cpd.cycle_months))


def cpd_on_track(teacher, rules: RegistryRules, today: date) -> bool:
    """Public: the CPD rule is met and the running cycle has at least its share so far of
    the points the plan asks for."""
    if not cpd_check(teacher, rules, today).met:
        return False
    cycle = cpd_cycle(teacher, rules, today)
    if cycle is None:
        return True
    share = (today - cycle[0]).days / max(1, (cycle[1] - cycle[0]).days)
    points = cpd_points(teacher, cycle[0], cycle[1])
    expected = {"total": int(rules.cpd.min_points * share)}
    expected.update({category: int(minimum * share) for category, minimum in rules.cpd.min_points_by_category.items()})
    return all(points.get(key, 0) >= minimum for key, minimum in expected.items())


def active_sanction(teacher, today: date) -> Sanction | None:
    if teacher.sanction is None or (teacher.sanction_from and today < teacher.sanction_from):
        return None
    if teacher.sanction is not Sanction.revoked and teacher.sanction_until and today >= teacher.sanction_until:
        return None
    return teacher.sanction


# --- the status ---------------------------------------------------------------------------------

def derive_status(teacher, rules: RegistryRules | None, today: date) -> StatusReport:
    """The registration status of `teacher` on `today` under `rules` (None: no quality plan
    has been published, so nobody can be active yet)."""
    if rules is None:
        checks = (Check("plan", False, _l("Er is nog geen kwaliteitsplan gepubliceerd.")),)
    else:
        checks = (qualification_check(teacher), vog_check(teacher, rules, today),
                  code_of_conduct_check(teacher, rules), cpd_check(teacher, rules, today))
    sanction = active_sanction(teacher, today)
    if sanction is not None:
        until = teacher.sanction_until if sanction is not Sanction.revoked else None
        return StatusReport(sanction.status, until, checks)
    if all(check.met for check in checks):
        return StatusReport(TeacherStatus.active, None, checks)
    if teacher.activated_on is None:
        return StatusReport(TeacherStatus.pending, None, checks)
    return StatusReport(TeacherStatus.lapsed, None, checks)
