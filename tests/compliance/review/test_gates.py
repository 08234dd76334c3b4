"""The gates before a certificate, in the services: conditions only for what the plan lets a
corrective action settle (recommendation, approval, issue_certificate), and the profile's
preconditions at submission and again at approval."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from certification.certificates import services as certificates
from certification.certificates.models import Certificate
from certification.teachers import services as registry
from compliance import services as compliance
from compliance.gates import ProfileIncomplete, unmet_profile_gates
from compliance.models import AssessmentStatus as S
from compliance.review import services
from compliance.review.models import Outcome
from core.extensions import db
from standards.services import get_plan
from tests.certification.teachers.factories import active_teacher, sanction
from tests.compliance import factories as cf
from tests.compliance.review import factories as rf

pytestmark = pytest.mark.usefixtures("plan")


def _judged(grades):
    """An assessment in review, every criterion meets except `grades` {index: (verdict, grade)}."""
    assessment, reviewer = rf.in_review()
    rf.judge_all(assessment, reviewer)
    for index, (verdict, grade) in grades.items():
        services.record_verdict(assessment, assessment.answers[index], reviewer, services.VerdictInput(verdict, grade))
    return assessment, reviewer


def _mandatory_indexes(assessment, n=1):
    return [i for i, answer in enumerate(assessment.answers) if answer.criterion.mandatory][:n]


def _recommend(assessment, reviewer, outcome, actions=()):
    return services.recommend(assessment, reviewer, services.RecommendationInput(outcome, "Zo is het.", list(actions)))


def _action_on(assessment, index):
    return services.ActionInput("Laat iedereen de gedragscode tekenen.", None, assessment.answers[index].criterion_id)


class TestConditions:
    def test_a_major_nonconformity_on_a_mandatory_criterion_cannot_be_conditioned(self):
        assessment, reviewer = rf.in_review()
        index = _mandatory_indexes(assessment)[0]
        rf.judge_all(assessment, reviewer)
        services.record_verdict(assessment, assessment.answers[index], reviewer,
                                services.VerdictInput("does_not_meet", "major_nonconformity"))
        code = assessment.answers[index].criterion.code
        with pytest.raises(services.ReviewError) as refused:
            _recommend(assessment, reviewer, Outcome.approve_with_conditions, [_action_on(assessment, index)])
        message = str(refused.value.message)
        assert f"{code}: een grote tekortkoming kan niet met een verbeteractie worden opgelost" in message
        assert "Kleine tekortkoming, Aandachtspunt" in message
        assert assessment.status is S.in_review

    def test_a_minor_nonconformity_with_an_action_on_it_may_be_conditioned_and_is_certified(self):
        assessment, reviewer = rf.in_review()
        index = _mandatory_indexes(assessment)[0]
        rf.judge_all(assessment, reviewer)
        services.record_verdict(assessment, assessment.answers[index], reviewer,
                                services.VerdictInput("partly_meets", "minor_nonconformity"))
        _recommend(assessment, reviewer, Outcome.approve_with_conditions, [_action_on(assessment, index)])
        certificate = services.approve_recommendation(assessment, rf.make_assessor())
        assert assessment.status is S.approved
        assert certificate.conditions[0]["criterion"] == assessment.answers[index].criterion.code

    def test_a_failing_criterion_needs_its_own_corrective_action(self):
        assessment, reviewer = rf.in_review()
        index = _mandatory_indexes(assessment)[0]
        rf.judge_all(assessment, reviewer)
        services.record_verdict(assessment, assessment.answers[index], reviewer,
                                services.VerdictInput("does_not_meet", "observation"))
        with pytest.raises(services.ReviewError, match="heeft nog geen verbeteractie met een termijn"):
            _recommend(assessment, reviewer, Outcome.approve_with_conditions, [rf.action()])

    def test_a_failing_criterion_without_a_grade_cannot_be_conditioned(self):
        assessment, reviewer = rf.in_review()
        index = _mandatory_indexes(assessment)[0]
        rf.judge_all(assessment, reviewer)
        services.record_verdict(assessment, assessment.answers[index], reviewer, services.VerdictInput("does_not_meet"))
        with pytest.raises(services.ReviewError, match="voldoet niet en heeft geen bevinding"):
            _recommend(assessment, reviewer, Outcome.approve_with_conditions, [_action_on(assessment, index)])

    def test_a_domain_under_its_minimum_share_blocks_conditions(self):
        assessment, reviewer = rf.in_review()
        rf.judge_all(assessment, reviewer)
        domain = assessment.answers[0].criterion.domain.code
        in_domain = [a for a in assessment.answers if a.criterion.domain.code == domain]
        for answer in in_domain:
            services.record_verdict(assessment, answer, reviewer, services.VerdictInput("partly_meets",
                                                                                        "minor_nonconformity"))
        actions = [services.ActionInput("Verbeter dit.", None, a.criterion_id) for a in in_domain]
        with pytest.raises(services.ReviewError) as refused:
            _recommend(assessment, reviewer, Outcome.approve_with_conditions, actions)
        assert f"Domein {domain}: minder dan 75% van de eisen voldoet; dat kan niet met voorwaarden." \
            in str(refused.value.message)

    def test_the_approval_checks_again_when_a_verdict_changed_after_the_recommendation(self):
        assessment, _reviewer = rf.recommended(Outcome.approve_with_conditions, [rf.action()])
        from compliance.review.models import ReviewVerdict

        row = db.session.execute(select(ReviewVerdict).where(
            ReviewVerdict.assessment_id == assessment.id,
            ReviewVerdict.criterion_id == assessment.answers[_mandatory_indexes(assessment)[0]].criterion_id)
        ).scalar_one()
        row.verdict, row.finding_grade = "does_not_meet", "major_nonconformity"  # as if changed behind its back
        db.session.commit()
        with pytest.raises(services.ReviewError, match="Goedkeuren kan niet: .*grote tekortkoming"):
            services.approve_recommendation(assessment, rf.make_assessor())
        db.session.expire_all()
        assert assessment.status is S.recommended
        assert db.session.scalar(select(func.count()).select_from(Certificate)) == 0

    def test_issue_certificate_refuses_a_major_nonconformity_whoever_calls_it(self):
        from tests.certification.certificates import factories as certs

        assessment = certs.approved_assessment()
        index = _mandatory_indexes(assessment)[0]
        code = assessment.answers[index].criterion.code
        from compliance.review.models import ReviewVerdict

        row = db.session.execute(select(ReviewVerdict).where(
            ReviewVerdict.assessment_id == assessment.id,
            ReviewVerdict.criterion_id == assessment.answers[index].criterion_id)).scalar_one()
        row.verdict, row.finding_grade = "does_not_meet", "major_nonconformity"
        db.session.commit()
        with pytest.raises(certificates.CertificateError) as refused:
            certificates.issue_certificate(assessment, certs.make_admin(),
                                           [{"text": "Los het op.", "criterion": code, "due_on": "2030-01-01"}])
        assert f"Geen certificaat: {code}: een grote tekortkoming" in str(refused.value.message)
        row.finding_grade = "minor_nonconformity"
        db.session.commit()
        certificate = certificates.issue_certificate(
            assessment, certs.make_admin(), [{"text": "Los het op.", "criterion": code, "due_on": "2030-01-01"}])
        assert certificate.number.startswith("DV-")

    def test_a_plan_version_without_the_rule_keeps_the_strict_default(self):
        old = get_plan("kwaliteitsplan-dans-veilig", "1.0")
        assert "conditions" not in old.pass_rules_json
        assert old.pass_rules.condition_rules.settle_grades == ["minor_nonconformity", "observation"]
        assert old.pass_rules.condition_rules.domain_below_share_blocks
        assert old.rules.preconditions.confidential_advisor and old.rules.preconditions.active_teachers_for_minors


class TestProfilePreconditions:
    def _filled(self, **school):
        owner = cf.make_owner()
        assessment = cf.make_assessment(cf.make_school(owner, **school), owner)
        rf.fill(assessment, owner)
        return assessment, owner

    def test_submission_is_refused_naming_every_unmet_gate(self):
        assessment, owner = self._filled()
        with pytest.raises(ProfileIncomplete) as refused:
            compliance.submit_assessment(assessment, by=owner)
        message = str(refused.value.message)
        assert "Er is geen vertrouwenspersoon vastgelegd" in message
        assert "Er is nog geen locatie vastgelegd" in message
        assert "geen docent gekoppeld die met minderjarigen werkt" in message
        assert [gate.code for gate in refused.value.gates] == ["advisor", "locations", "teachers"]
        assert assessment.status is S.draft

    def test_a_location_without_rooms_is_named(self):
        assessment, owner = self._filled(teaches_minors=False, age_groups=["adults"])
        cf.meet_gates(assessment.school, owner, location=False)
        compliance.add_location(assessment.school, "Studio Noord", "Noordweg 1", "1234 AB", "Utrecht", by=owner)
        with pytest.raises(ProfileIncomplete) as refused:
            compliance.submit_assessment(assessment, by=owner)
        assert "Studio Noord: Bij deze locatie zijn nog geen zalen beschreven." in str(refused.value.message)

    def test_an_advisor_without_a_way_to_reach_them_does_not_count(self):
        assessment, owner = self._filled(teaches_minors=False, age_groups=["adults"])
        cf.meet_gates(assessment.school, owner)
        assessment.school.advisor_email = assessment.school.advisor_phone = None
        db.session.commit()
        assert [gate.code for gate in unmet_profile_gates(assessment.school, assessment.plan)] == ["advisor"]

    def test_a_teacher_of_minors_without_an_active_registration_blocks(self):
        assessment, owner = self._filled()
        cf.meet_gates(assessment.school, owner)
        from tests.certification.teachers.factories import make_teacher

        newcomer = make_teacher(first_name="Nog", last_name="Niet")
        registry.link_teacher(assessment.school, newcomer.registration_number, "Docent", True,
                              registry.today() - timedelta(days=1), by=owner)
        with pytest.raises(ProfileIncomplete) as refused:
            compliance.submit_assessment(assessment, by=owner)
        assert "Nog Niet: Werkt met minderjarigen zonder actieve registratie (status: In behandeling)." \
            in str(refused.value.message)

    def test_a_school_that_meets_everything_submits_and_is_certified(self):
        assessment, reviewer = rf.recommended()
        certificate = services.approve_recommendation(assessment, rf.make_assessor())
        assert certificate is not None and assessment.status is S.approved

    def test_the_approval_checks_the_profile_again(self):
        assessment, _reviewer = rf.recommended()
        teacher = registry.teachers_for_school(assessment.school)[0].teacher
        sanction(teacher, "suspended", registry.today() + timedelta(days=30))
        with pytest.raises(services.ReviewError, match="Werkt met minderjarigen zonder actieve registratie"):
            services.approve_recommendation(assessment, rf.make_assessor())
        db.session.expire_all()
        assert assessment.status is S.recommended
        replacement = active_teacher()
        registry.link_teacher(assessment.school, replacement.registration_number, "Docent", True,
                              registry.today(), by=cf.owner_of(assessment.school))
        registry.end_employment(_employment_of(assessment.school, teacher), rf.make_admin())
        assert services.approve_recommendation(assessment, rf.make_assessor()) is not None


def _employment_of(school, teacher):
    return next(row.employment for row in registry.teachers_for_school(school) if row.teacher.id == teacher.id)
