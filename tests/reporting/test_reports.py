"""The school's annual monitoring report: saved over several visits, refused when free text
holds personal data or counts contradict each other, submitted, then acknowledged or
questioned by an assessor or admin; an acknowledged report is read-only."""


import pytest
from sqlalchemy import select

from accounts.models import Role
from compliance.models import MemberRole, SchoolMember
from core.dates import add_months
from core.extensions import db
from core.models import OutboxMessage
from notifications import Notification
from reporting import services
from reporting.errors import ReportError, ReportInvalid
from reporting.models import ReportStatus
from tests.kit import make_user
from tests.reporting import factories


@pytest.fixture
def report(app):
    return factories.open_report(genres=["urban", "ballet"])


def test_a_report_is_saved_over_several_visits(report):
    owner = factories.owner_of(report.school)
    services.save_report(report, factories.filled_counts(n=3), {"survey_held": "yes"}, owner)
    db.session.expire_all()
    assert report.count_map()[("genre", "verbal", "urban")] == 3
    services.save_report(report, factories.filled_counts(n=4), {"survey_held": "yes", "code_discussed": "no"}, owner)
    db.session.expire_all()
    assert report.count_map()[("channel", "verbal", "advisor")] == 4
    assert report.answer_map() == {"survey_held": "yes", "code_discussed": "no"}
    assert report.status is ReportStatus.open


def test_free_text_with_personal_data_is_refused_and_nothing_is_saved(report):
    owner = factories.owner_of(report.school)
    with pytest.raises(ReportInvalid) as refused:
        services.save_report(report, {}, {"advisor_themes": "Contact via piet@example.nl",
                                          "survey_outcome": "Geboren 01-02-2010"}, owner)
    assert "e-mailadres" in refused.value.errors["advisor_themes"]
    assert "datum" in refused.value.errors["survey_outcome"]
    db.session.rollback()
    assert report.answer_map() == {}


def test_counts_that_contradict_each_other_are_refused(report):
    owner = factories.owner_of(report.school)
    counts = factories.filled_counts(n=3) | {("follow_up", "verbal", "handled"): 2}
    with pytest.raises(ReportInvalid) as refused:
        services.save_report(report, counts, {}, owner)
    assert "kloppen niet" in refused.value.errors["total-verbal"]
    with pytest.raises(ReportInvalid) as refused:
        services.save_report(report, {("genre", "verbal", "urban"): "-1"}, {}, owner)
    assert "heel getal" in refused.value.errors["genre-verbal-urban"]


def test_submit_needs_the_measures_and_files_the_year_on_the_certificate(report):
    owner = factories.owner_of(report.school)
    due = report.certificate.monitoring_due_on
    with pytest.raises(ReportError):
        services.submit_report(report, owner)
    services.save_report(report, factories.filled_counts(), factories.ANSWERS, owner)
    services.submit_report(report, owner)
    assert report.status is ReportStatus.submitted
    assert report.certificate.monitoring_due_on == add_months(due, 12)
    with pytest.raises(ReportError):
        services.save_report(report, {}, factories.ANSWERS, owner)


def test_an_assessor_asks_questions_the_school_answers_and_the_report_is_acknowledged(app):
    report = factories.submitted_report()
    owner, assessor = factories.owner_of(report.school), factories.make_assessor()
    with pytest.raises(ReportError):
        services.ask_questions(report, assessor, "Mail mij op a@b.nl")
    services.ask_questions(report, assessor, "Waarom is de respons zo laag?")
    assert report.status is ReportStatus.questions
    services.save_report(report, factories.filled_counts(), factories.ANSWERS | {"survey_response_rate": "70"}, owner)
    services.answer_questions(report, owner, "We hebben het opnieuw geteld.")
    services.submit_report(report, owner)
    services.acknowledge_report(report, assessor)
    assert report.status is ReportStatus.acknowledged
    assert [message.is_question for message in report.messages] == [True, False]
    with pytest.raises(ReportError):
        services.save_report(report, {}, factories.ANSWERS, owner)


def test_only_reviewers_acknowledge(app):
    report = factories.submitted_report()
    with pytest.raises(ReportError):
        services.acknowledge_report(report, factories.owner_of(report.school))
    with pytest.raises(ReportError):
        services.acknowledge_report(report, factories.make_monitor())
    services.acknowledge_report(report, factories.make_admin())
    assert report.status is ReportStatus.acknowledged


def test_due_for_school_names_the_open_report(report):
    due = services.due_for_school(report.school_id)
    assert [item.report for item in due["due"]] == [report]
    assert due["reports"] == [report]


def test_the_schools_managers_are_told_of_questions_in_their_language(app):
    report = factories.submitted_report(name="Dansschool Vraag")
    english = make_user(roles=(Role.school_owner,), locale="en")
    db.session.add(SchoolMember(school_id=report.school_id, user_id=english.id, role=MemberRole.manager))
    db.session.commit()
    services.ask_questions(report, factories.make_assessor(), "Waarom is de respons zo laag?")
    notes = db.session.execute(select(Notification).where(Notification.kind == "report_questions")).scalars().all()
    assert len(notes) == 2 and all(f"/jaarverslagen/{report.id}" == note.link for note in notes)
    subjects = {mail.recipient: mail.subject for mail in db.session.execute(
        select(OutboxMessage).where(OutboxMessage.subject.contains("Dansschool Vraag"))).scalars()}
    owner = factories.owner_of(report.school)
    assert f"vragen bij het jaarverslag {report.year} van Dansschool Vraag" in subjects[owner.email]
    assert "Dansschool Vraag" in subjects[english.email] and "questions" in subjects[english.email]
