"""Every step of the review and every refusal, through the services."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from compliance.models import AssessmentStatus as S
from compliance.models import MemberRole, SchoolMember
from compliance.review import services
from compliance.review.models import ActionStatus, Outcome, Relation
from compliance.review.permissions import can_approve
from core.dates import today
from core.extensions import db
from core.models import AuditEvent
from notifications import Notification
from tests.compliance.factories import make_owner, owner_of, pdf_bytes
from tests.compliance.review import factories as rf

pytestmark = pytest.mark.usefixtures("plan")


def _notified(user, kind):
    return db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == user.id, Notification.kind == kind))


def _events(assessment, action):
    return db.session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.object_type == "assessment", AuditEvent.object_id == str(assessment.id),
        AuditEvent.action == action))


class TestConflicts:
    def test_a_declared_conflict_keeps_the_assessor_from_assignment(self):
        assessment = rf.submitted_assessment()
        assessor = rf.make_assessor()
        services.declare_conflict(assessor, Relation.teacher, date(2020, 1, 1), school=assessment.school)
        assert assessor not in services.eligible_reviewers(assessment)
        with pytest.raises(services.ReviewError):
            services.assign_reviewer(assessment, assessor, rf.make_admin())

    def test_a_member_of_the_school_is_conflicted_whatever_the_role(self):
        assessment = rf.submitted_assessment()
        assessor = rf.make_assessor()
        db.session.add(SchoolMember(school_id=assessment.school_id, user_id=assessor.id, role=MemberRole.manager))
        db.session.commit()
        with pytest.raises(services.ReviewError):
            services.assign_reviewer(assessment, assessor, rf.make_admin())

    def test_withdrawn_declaration_stays_on_record_but_no_longer_counts(self):
        assessor = rf.make_assessor()
        declaration = services.declare_conflict(assessor, Relation.other, date(2021, 5, 1), organisation="Stichting X")
        assert services.public_register()[0].declarations[0].organisation == "Stichting X"
        services.withdraw_conflict(declaration, assessor)
        assert declaration.withdrawn_at is not None and services.public_register()[0].declarations == []
        with pytest.raises(services.ReviewError):
            services.withdraw_conflict(declaration, assessor)

    def test_only_assessors_declare_and_only_their_own_is_withdrawn(self):
        with pytest.raises(services.ReviewError):
            services.declare_conflict(make_owner(), Relation.other, date(2021, 1, 1), organisation="X")
        declaration = services.declare_conflict(rf.make_assessor(), Relation.other, date(2021, 1, 1),
                                                organisation="X")
        with pytest.raises(services.ReviewError):
            services.withdraw_conflict(declaration, rf.make_assessor())


class TestReview:
    def test_submission_notifies_admins_and_assignment_the_reviewer(self, mailbox):
        admin = rf.make_admin()
        assessment = rf.submitted_assessment()
        assert _notified(admin, "assessment_submitted") == 1
        reviewer = rf.make_assessor()
        services.assign_reviewer(assessment, reviewer, admin)
        assert assessment.status is S.in_review and assessment.reviewer_id == reviewer.id
        assert _notified(reviewer, "assigned") == 1
        assert _events(assessment, "assessment.review_started") == 1

    def test_assignment_is_refused_in_the_wrong_state_and_by_a_non_admin(self):
        assessment, reviewer = rf.in_review()
        with pytest.raises(services.ReviewError):
            services.assign_reviewer(assessment, rf.make_assessor(), rf.make_admin())
        fresh = rf.submitted_assessment()
        with pytest.raises(services.ReviewError):
            services.assign_reviewer(fresh, rf.make_assessor(), reviewer)

    def test_verdicts_come_from_the_plan_and_only_from_the_reviewer(self):
        assessment, reviewer = rf.in_review()
        answer = assessment.answers[0]
        with pytest.raises(services.ReviewError):
            services.record_verdict(assessment, answer, reviewer, services.VerdictInput("prima"))
        with pytest.raises(services.ReviewError):
            services.record_verdict(assessment, answer, rf.make_assessor(), services.VerdictInput("meets"))
        row = services.record_verdict(assessment, answer, reviewer, services.VerdictInput(
            "partly_meets", "minor_nonconformity", "Notulen ontbreken.", True))
        assert row.finding_grade == "minor_nonconformity" and row.visible_to_school

    def test_information_request_reopens_only_the_chosen_criteria(self):
        assessment, reviewer = rf.in_review()
        owner = owner_of(assessment.school)
        first, second = assessment.answers[0], assessment.answers[1]
        services.request_information(assessment, reviewer, {first.id: "Waar zijn de notulen?"})
        assert assessment.status is S.information_requested
        assert first.reopened and first.is_editable_by_school and not second.is_editable_by_school
        assert _notified(owner, "information_requested") == 1
        with pytest.raises(services.ReviewError):  # not answered yet
            services.resubmit_assessment(assessment, owner)
        with pytest.raises(services.ReviewError):  # not reopened
            services.answer_question(assessment, second, owner, "Hier.")
        with pytest.raises(services.ReviewError):  # not the school
            services.answer_question(assessment, first, reviewer, "Hier.")
        from compliance.services import Upload

        services.answer_question(assessment, first, owner, "De notulen staan erbij.",
                                 [Upload("notulen.pdf", pdf_bytes("Notulen"))])
        assert "notulen.pdf" in {e.original_filename for e in first.evidence}
        services.resubmit_assessment(assessment, owner)
        assert assessment.status is S.in_review and not first.reopened
        assert _notified(reviewer, "resubmitted") == 1
        assert [m.from_school for m in services.threads(assessment)[first.id]] == [False, True]

    def test_information_request_refused_in_the_wrong_state(self):
        assessment = rf.submitted_assessment()
        with pytest.raises(services.ReviewError):
            services.request_information(assessment, rf.make_assessor(), {assessment.answers[0].id: "?"})

    def test_site_visit(self):
        assessment, reviewer = rf.in_review()
        visit = services.record_site_visit(assessment, reviewer, today(), False, ["Studio 1"], "Glazen wand.")
        assert not visit.announced and _events(assessment, "review.site_visit_recorded") == 1
        with pytest.raises(services.ReviewError):
            services.record_site_visit(assessment, reviewer, today() + timedelta(days=1), True, [], "x")

    def test_a_visit_half_an_hour_after_dutch_midnight_is_today_whatever_the_servers_date(self, monkeypatch):
        assessment, reviewer = rf.in_review()
        monkeypatch.setattr("core.dates.utcnow", lambda: datetime(2026, 11, 30, 23, 30, tzinfo=UTC))  # 00:30 in NL
        visit = services.record_site_visit(assessment, reviewer, date(2026, 12, 1), True, ["Studio 1"], "Gezien.")
        assert visit.visited_on == date(2026, 12, 1)

    def test_pass_rules_count_mandatory_criteria_that_do_not_meet(self):
        assessment, reviewer = rf.in_review()
        mandatory = [a for a in assessment.answers if a.criterion.mandatory][:2]
        rf.judge_all(assessment, reviewer)
        for answer in mandatory:
            services.record_verdict(assessment, answer, reviewer, services.VerdictInput("does_not_meet"))
        outcome = services.evaluate_pass_rules(assessment)
        assert not outcome.passed and outcome.mandatory_failing == 2
        assert "2 verplichte eisen voldoen niet." in outcome.messages
        with pytest.raises(services.ReviewError):
            services.recommend(assessment, reviewer, services.RecommendationInput(Outcome.approve, "Goed."))

    def test_recommendation_needs_every_verdict_and_conditions_need_actions(self):
        assessment, reviewer = rf.in_review()
        with pytest.raises(services.ReviewError):
            services.recommend(assessment, reviewer, services.RecommendationInput(Outcome.reject, "Nee."))
        rf.judge_all(assessment, reviewer)
        with pytest.raises(services.ReviewError):
            services.recommend(assessment, reviewer,
                               services.RecommendationInput(Outcome.approve_with_conditions, "Ja, mits."))
        approver = rf.make_assessor()
        recommendation = services.recommend(assessment, reviewer, services.RecommendationInput(
            Outcome.approve_with_conditions, "Ja, mits.", [rf.action()]))
        assert assessment.status is S.recommended
        assert recommendation.actions[0].due_on == services.default_due_on(assessment)
        assert _notified(approver, "recommendation_ready") == 1 and _notified(reviewer, "recommendation_ready") == 0


class TestDecision:
    def test_the_reviewer_cannot_approve_their_own_recommendation(self):
        assessment, reviewer = rf.recommended()
        with pytest.raises(services.ReviewError, match="eigen advies"):
            services.approve_recommendation(assessment, reviewer)

    def test_a_conflicted_assessor_and_a_member_of_the_school_are_refused(self):
        from accounts.models import Role
        from tests.kit import make_user

        assessment, _reviewer = rf.recommended()
        conflicted = rf.make_assessor()
        services.declare_conflict(conflicted, Relation.relative, date(2010, 1, 1), school=assessment.school)
        member = make_user(roles=(Role.assessor, Role.admin))
        db.session.add(SchoolMember(school_id=assessment.school_id, user_id=member.id, role=MemberRole.manager))
        db.session.commit()
        for person in (conflicted, member, rf.make_admin()):
            assert not can_approve(person, assessment)
            with pytest.raises(services.ReviewError):
                services.approve_recommendation(assessment, person)
        assert assessment.status is S.recommended

    def test_approval_issues_the_certificate_and_tells_the_school(self):
        pytest.importorskip("certification.certificates.services")
        from certification.certificates.models import Certificate

        assessment, reviewer = rf.recommended(Outcome.approve_with_conditions, [rf.action()])
        certificate = services.approve_recommendation(assessment, rf.make_assessor())
        assert assessment.status is S.approved and certificate.assessment_id == assessment.id
        assert db.session.scalar(select(func.count()).select_from(Certificate)) == 1
        assert services.actions_of(assessment)[0].status is ActionStatus.open
        assert _notified(owner_of(assessment.school), "decision") == 1
        with pytest.raises(services.ReviewError):  # decided already
            services.approve_recommendation(assessment, rf.make_assessor())

    def test_rejection_confirmed(self):
        assessment, reviewer = rf.in_review()
        rf.judge_all(assessment, reviewer, "does_not_meet")
        services.recommend(assessment, reviewer, services.RecommendationInput(Outcome.reject, "Onvoldoende."))
        services.approve_recommendation(assessment, rf.make_assessor())
        assert assessment.status is S.rejected and _events(assessment, "assessment.rejected") == 1

    def test_send_back_needs_a_comment_and_reopens_the_review(self):
        assessment, reviewer = rf.recommended(Outcome.approve_with_conditions, [rf.action()])
        approver = rf.make_assessor()
        with pytest.raises(services.ReviewError):
            services.send_back_recommendation(assessment, approver, "")
        services.send_back_recommendation(assessment, approver, "Kijk A1 nog eens na.")
        assert assessment.status is S.in_review and _notified(reviewer, "sent_back") == 1
        assert services.current_recommendation(assessment).actions[0].status is ActionStatus.dropped


class TestCorrectiveActions:
    def _approved(self, due_on):
        assessment, reviewer = rf.recommended(Outcome.approve_with_conditions, [rf.action(due_on=due_on)])
        services.approve_recommendation(assessment, rf.make_assessor())
        return assessment, reviewer, services.actions_of(assessment)[0]

    def test_school_reports_and_reviewer_closes(self):
        assessment, reviewer, action = self._approved(None)
        owner = owner_of(assessment.school)
        with pytest.raises(services.ReviewError):
            services.close_action(action, reviewer)  # not reported yet
        with pytest.raises(services.ReviewError):
            services.report_action(action, reviewer, "Gedaan.")  # not the school
        services.report_action(action, owner, "Training gegeven op 3 maart.")
        with pytest.raises(services.ReviewError):
            services.close_action(action, rf.make_assessor())  # not the reviewer
        services.close_action(action, reviewer)
        assert action.status is ActionStatus.closed and action.closed_by_id == reviewer.id

    def test_daily_job_reminds_once(self, mailbox):
        assessment, reviewer, action = self._approved(today() + timedelta(days=10))
        owner = owner_of(assessment.school)
        assert services.run_daily().due == 1
        assert services.run_daily().due == 0
        assert _notified(owner, "action_due") == 1
        report = services.run_daily(on=action.due_on + timedelta(days=1))
        assert report.overdue == 1 and services.run_daily(on=action.due_on + timedelta(days=2)).overdue == 0
        assert _notified(reviewer, "action_overdue") == 1
