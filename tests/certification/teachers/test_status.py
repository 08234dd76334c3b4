"""derive_status(): one test per rule, on plain objects (the function is pure)."""

from datetime import date, timedelta
from types import SimpleNamespace as NS

import pytest

from certification.teachers.models import QualificationKind, Review, Sanction, TeacherStatus
from certification.teachers.status import RegistryRules, add_months, cpd_on_track, derive_status, qualification_check

TODAY = date(2026, 6, 15)
VOG = NS(max_age_months_at_start=6, renew_every_months=36, screening_profile_minors="84")
CPD = NS(cycle_months=36, min_points=60, min_points_by_category={"social_safety": 12, "pedagogy": 12})
RULES = RegistryRules(vog=VOG, cpd=CPD, code_version_id=2, code_version="2.0")


def qualification(review=Review.approved):
    return NS(kind=QualificationKind.hbo, review=review)


def vog(issued_on, review=Review.approved, profile="84"):
    return NS(issued_on=issued_on, review=review, screening_profile=profile)


def cpd(completed_on, points, category="craft", review=Review.approved):
    return NS(completed_on=completed_on, points=points, category=category, review=review)


def teacher(**overrides):
    values = dict(qualifications=[qualification()], vog_records=[vog(TODAY - timedelta(days=30))],
                  signatures=[NS(version_id=2)], cpd_records=[], activated_on=None, sanction=None,
                  sanction_from=None, sanction_until=None)
    values.update(overrides)
    return NS(**values)


def full_cycle(start, end):
    """Enough approved points between start and end, spread over the categories."""
    middle = start + (end - start) / 2
    return [cpd(middle, 36), cpd(middle, 12, "social_safety"), cpd(middle, 12, "pedagogy")]


def test_complete_registration_is_active():
    report = derive_status(teacher(), RULES, TODAY)
    assert report.status is TeacherStatus.active and not report.missing


def test_nothing_yet_is_pending():
    report = derive_status(teacher(qualifications=[], vog_records=[], signatures=[]), RULES, TODAY)
    assert report.status is TeacherStatus.pending
    assert {check.code for check in report.missing} == {"qualification", "vog", "code_of_conduct"}


@pytest.mark.parametrize("review", [Review.pending, Review.rejected])
def test_a_qualification_counts_only_once_verified(review):
    report = derive_status(teacher(qualifications=[qualification(review)]), RULES, TODAY)
    assert report.status is TeacherStatus.pending
    assert not qualification_check(teacher(qualifications=[qualification(review)])).met


def test_an_unchecked_vog_does_not_count():
    report = derive_status(teacher(vog_records=[vog(TODAY, Review.pending)]), RULES, TODAY)
    assert report.status is TeacherStatus.pending and report.check("vog").met is False


def test_vog_older_than_six_months_at_registration_is_not_enough():
    fresh = add_months(TODAY, -6) + timedelta(days=1)
    assert derive_status(teacher(vog_records=[vog(fresh)]), RULES, TODAY).status is TeacherStatus.active
    stale = add_months(TODAY, -6)
    assert derive_status(teacher(vog_records=[vog(stale)]), RULES, TODAY).status is TeacherStatus.pending


def test_vog_of_an_active_teacher_lapses_after_the_renewal_period():
    issued = date(2023, 1, 10)
    active = teacher(vog_records=[vog(issued)], activated_on=date(2023, 2, 1),
                     cpd_records=full_cycle(date(2023, 2, 1), date(2026, 2, 1)))
    assert derive_status(active, RULES, date(2026, 1, 9)).status is TeacherStatus.active
    report = derive_status(active, RULES, date(2026, 1, 10))
    assert report.status is TeacherStatus.lapsed and report.check("vog").met is False


def test_a_renewed_vog_makes_a_lapsed_teacher_active_again():
    lapsed = teacher(vog_records=[vog(date(2023, 1, 10)), vog(TODAY - timedelta(days=3))],
                     activated_on=date(2023, 2, 1), cpd_records=full_cycle(date(2023, 2, 1), date(2026, 2, 1)))
    assert derive_status(lapsed, RULES, TODAY).status is TeacherStatus.active


def test_a_new_code_of_conduct_asks_for_a_new_signature():
    signed_old = teacher(signatures=[NS(version_id=1)], activated_on=TODAY - timedelta(days=10))
    report = derive_status(signed_old, RULES, TODAY)
    assert report.status is TeacherStatus.lapsed and report.check("code_of_conduct").met is False
    assert derive_status(teacher(signatures=[NS(version_id=1), NS(version_id=2)]), RULES, TODAY).status \
        is TeacherStatus.active


def test_without_a_published_code_nobody_is_active():
    rules = RegistryRules(vog=VOG, cpd=CPD, code_version_id=None)
    assert derive_status(teacher(), rules, TODAY).status is TeacherStatus.pending


def test_cpd_is_not_asked_in_the_first_cycle():
    started = add_months(TODAY, -35)
    assert derive_status(teacher(activated_on=started), RULES, TODAY).status is TeacherStatus.active


def test_cpd_short_at_the_end_of_a_cycle_lapses():
    started = date(2023, 6, 1)
    short = [cpd(date(2024, 1, 1), 50), cpd(date(2024, 1, 1), 12, "social_safety")]  # pedagogy missing
    report = derive_status(teacher(activated_on=started, cpd_records=short), RULES, date(2026, 6, 1))
    assert report.status is TeacherStatus.lapsed and report.check("cpd").met is False
    enough = derive_status(teacher(activated_on=started, cpd_records=full_cycle(started, date(2026, 6, 1))),
                           RULES, date(2026, 6, 1))
    assert enough.status is TeacherStatus.active


def test_cpd_points_count_only_when_approved():
    started = date(2023, 6, 1)
    records = [cpd(r.completed_on, r.points, r.category, Review.pending) for r in full_cycle(started,
                                                                                                date(2026, 6, 1))]
    assert derive_status(teacher(activated_on=started, cpd_records=records), RULES, date(2026, 6, 2)).status \
        is TeacherStatus.lapsed


def test_catching_up_cpd_makes_a_lapsed_teacher_active_again():
    started = date(2023, 6, 1)
    catch_up = [cpd(date(2026, 7, 1), 36), cpd(date(2026, 7, 1), 12, "social_safety"),
                cpd(date(2026, 7, 1), 12, "pedagogy")]
    assert derive_status(teacher(activated_on=started, cpd_records=catch_up), RULES, date(2026, 7, 2)).status \
        is TeacherStatus.active


@pytest.mark.parametrize("kind", [Sanction.restricted, Sanction.revoked])
def test_a_sanction_wins_over_everything(kind):
    report = derive_status(teacher(sanction=kind, sanction_from=TODAY), RULES, TODAY)
    assert report.status is kind.status


def test_a_suspension_lasts_until_its_end_date():
    suspended = teacher(sanction=Sanction.suspended, sanction_from=TODAY, sanction_until=TODAY + timedelta(days=30))
    report = derive_status(suspended, RULES, TODAY)
    assert report.status is TeacherStatus.suspended and report.until == TODAY + timedelta(days=30)
    assert derive_status(suspended, RULES, TODAY + timedelta(days=30)).status is TeacherStatus.active


def test_a_sanction_starting_later_does_not_apply_yet():
    later = teacher(sanction=Sanction.revoked, sanction_from=TODAY + timedelta(days=1))
    assert derive_status(later, RULES, TODAY).status is TeacherStatus.active


def test_a_revocation_never_ends():
    revoked = teacher(sanction=Sanction.revoked, sanction_from=TODAY, sanction_until=TODAY + timedelta(days=1))
    assert derive_status(revoked, RULES, TODAY + timedelta(days=400)).status is TeacherStatus.revoked


def test_without_a_quality_plan_nobody_is_active():
    assert derive_status(teacher(), None, TODAY).status is TeacherStatus.pending


def test_cpd_on_track_compares_with_the_share_of_the_cycle_so_far():
    started = TODAY - timedelta(days=548)  # half a cycle
    assert not cpd_on_track(teacher(activated_on=started), RULES, TODAY)
    half = [cpd(TODAY - timedelta(days=10), 20), cpd(TODAY, 6, "social_safety"), cpd(TODAY, 6, "pedagogy")]
    assert cpd_on_track(teacher(activated_on=started, cpd_records=half), RULES, TODAY)


def test_add_months_keeps_the_end_of_the_month():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 3, 15), -6) == date(2023, 9, 15)
