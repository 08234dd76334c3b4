"""Publishing stores an immutable copy; a change is a new version that retires the old one."""

import pytest
from sqlalchemy import func, select

from core.audit import verify_chain
from core.extensions import db
from core.models import AuditEvent
from standards.models import Criterion, PlanStatus, QualityPlan
from standards.schema import PlanRules, load_plan_file
from standards.services import StandardsError, applicable_criteria, current_plan, get_plan, list_versions, publish_plan
from tests.standards.factories import SHIPPED


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_publishing_stores_the_whole_plan(app, user_factory):
    from accounts.models import Role

    admin = user_factory(roles=(Role.admin,))
    result = publish_plan(SHIPPED, by=admin)
    plan = result.plan
    assert result.created and result.retired is None
    assert (plan.code, plan.version, plan.status) == ("kwaliteitsplan-dans-veilig", "1.0", PlanStatus.published)
    assert plan.published_by_id == admin.id and plan.published_at is not None
    assert [domain.code for domain in plan.domains] == list("ABCDEFG")
    assert len(plan.criteria) == 45 and plan.criteria[0].code == "A1" and plan.criteria[-1].code == "G3"
    b2 = plan.criterion("B2")
    assert b2.title == {"nl": "Studio's waar je in kunt kijken", "en": "Studios you can see into"}
    assert b2.evidence == ["photo", "document"] and b2.mandatory and b2.recommendations == ["4.3"]
    # What the database holds is exactly what the file says.
    assert plan.as_document() == load_plan_file(SHIPPED).as_dict()
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "quality_plan.published")).one()
    assert event.actor_id == admin.id and event.details["version"] == "1.0" and event.details["criteria"] == 45


def test_the_rules_are_typed(published_plan):
    rules = published_plan.rules
    assert isinstance(rules, PlanRules)
    assert rules.certificate_validity_months == 36
    assert rules.monitoring.grace_days == 30
    assert rules.vog.screening_profile_minors == "84"
    assert rules.cpd.min_points_by_category == {"social_safety": 12, "pedagogy": 12}
    assert published_plan.pass_rules.all_mandatory_meet and published_plan.pass_rules.min_domain_share == 0.75
    assert [point.value for point in published_plan.rating_scale] == [0, 1, 2, 3]
    assert [verdict.code for verdict in published_plan.verdicts][0] == "meets"
    assert published_plan.finding_grades[0].label.en == "Major nonconformity"


def test_publishing_the_same_content_again_changes_nothing(app, published_plan, write_plan):
    # Comments and layout are not content.
    same = write_plan(replace=[("# Kwaliteitsplan Dans Veilig, versie 1.0\n", "# reformatted\n\n")])
    result = publish_plan(same)
    assert not result.created and result.plan.id == published_plan.id
    assert _count(QualityPlan) == 1 and _count(Criterion) == 45
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)
                             .where(AuditEvent.action == "quality_plan.published")) == 1


def test_a_published_version_is_never_changed(app, published_plan, write_plan):
    changed = write_plan(replace=[("certificate_validity_months: 36", "certificate_validity_months: 24")])
    with pytest.raises(StandardsError) as refused:
        publish_plan(changed)
    assert "already published with different content" in str(refused.value.message)
    assert "new version number, e.g. 1.1" in str(refused.value.message)
    db.session.expire_all()
    assert get_plan("kwaliteitsplan-dans-veilig", "1.0").rules.certificate_validity_months == 36


def test_a_new_version_retires_the_old_one(app, published_plan, second_version):
    old = get_plan("kwaliteitsplan-dans-veilig", "1.0")
    assert old.status is PlanStatus.retired and old.retired_at is not None
    assert second_version.status is PlanStatus.published
    assert current_plan().id == second_version.id
    assert current_plan().rules.certificate_validity_months == 24
    # An assessment pinned to 1.0 still reads 1.0's rules and criteria.
    assert old.rules.certificate_validity_months == 36 and old.criterion("A6") is not None
    assert [plan.version for plan in list_versions()] == ["1.1", "1.0"]
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["quality_plan.published", "quality_plan.published", "quality_plan.retired"]
    assert verify_chain().ok


def test_an_older_version_than_the_newest_is_refused(app, published_plan, write_plan):
    with pytest.raises(StandardsError) as refused:
        publish_plan(write_plan("0.9"))
    assert "older than version 1.0" in str(refused.value.message)
    assert current_plan().version == "1.0"


def test_versions_sort_by_number_not_by_text(app, published_plan, write_plan):
    for version in ("1.2", "1.10"):
        publish_plan(write_plan(version))
    assert [plan.version for plan in list_versions()] == ["1.10", "1.2", "1.0"]
    assert current_plan().version == "1.10"


def test_stored_content_refuses_changes(app, published_plan):
    published_plan.title = {"nl": "Anders", "en": "Different"}
    with pytest.raises(RuntimeError, match="never changes"):
        db.session.commit()
    db.session.rollback()
    criterion = get_plan("kwaliteitsplan-dans-veilig", "1.0").criterion("A1")
    criterion.mandatory = False
    with pytest.raises(RuntimeError, match="never changes"):
        db.session.commit()
    db.session.rollback()


def test_only_one_version_is_published_per_plan(app, published_plan, write_plan):
    """The database itself refuses a second published version, whatever a process does."""
    from sqlalchemy.exc import IntegrityError

    from standards.services import _build_plan

    rogue = _build_plan(load_plan_file(write_plan("2.0")))
    rogue.status = PlanStatus.published
    db.session.add(rogue)
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_publishing_a_broken_file_is_refused(app, write_plan):
    from standards.errors import PlanFileError

    with pytest.raises(PlanFileError) as refused:
        publish_plan(write_plan(replace=[('          en: "Studios you can see into"\n', "")]))
    assert refused.value.errors == ["B2.title.en: missing (line 186)"]
    assert _count(QualityPlan) == 0


def test_applicable_criteria(published_plan):
    codes = lambda *args: [c.code for c in applicable_criteria(published_plan, *args)]  # noqa: E731
    with_minors, adults_only = codes("dansschool", True), codes("dansschool", False)
    # Minors-only criteria (e.g. D1, VOG for everyone working with minors) drop out without minors.
    assert "D1" in with_minors and "D1" not in adults_only
    assert set(adults_only) < set(with_minors)
    # Criteria for vocational programmes only (F7) do not apply to a dance school.
    assert "F7" not in with_minors and "F7" in codes("beroepsopleiding", False)
    assert with_minors == [c.code for c in published_plan.criteria if c.code in with_minors]  # plan order
    with pytest.raises(StandardsError, match="Unknown school type"):
        applicable_criteria(published_plan, "sportschool", True)


# --- first start ---------------------------------------------------------------------------------------

def test_first_start_publishes_the_shipped_plan_once(app, runner, monkeypatch):
    from core.cli import first_start_steps
    from standards.cli import publish_shipped_plans_step

    assert first_start_steps.count(publish_shipped_plans_step) == 1
    # As in production: only the first-start steps, without the demo data of other packages.
    monkeypatch.setitem(app.config, "APP_ENV", "production")
    result = runner.invoke(args=["setup", "first-start"])
    assert result.exit_code == 0, result.output
    # Every shipped version, oldest first: 1.1 adds the gates before a certificate.
    assert "Published quality plan kwaliteitsplan-dans-veilig 1.0." in result.output
    assert "Published quality plan kwaliteitsplan-dans-veilig 1.1." in result.output
    assert current_plan().version == "1.1"
    again = runner.invoke(args=["setup", "first-start"])
    assert again.exit_code == 0 and "Published quality plan" not in again.output
    assert _count(QualityPlan) == 2


def test_first_start_publishes_only_what_is_missing(app, tmp_path, write_plan):
    from standards.services import publish_shipped_plans

    write_plan("1.1", replace=[("certificate_validity_months: 36", "certificate_validity_months: 24")])
    write_plan("1.0")
    report = publish_shipped_plans(tmp_path)
    assert [result.plan.version for result in report.published] == ["1.0", "1.1"]
    assert current_plan().version == "1.1" and get_plan("kwaliteitsplan-dans-veilig", "1.0").is_retired
    assert publish_shipped_plans(tmp_path).published == []


def test_first_start_warns_about_an_edited_published_file(app, tmp_path, published_plan, write_plan):
    from standards.services import publish_shipped_plans

    write_plan(replace=[("certificate_validity_months: 36", "certificate_validity_months: 24")])
    report = publish_shipped_plans(tmp_path)
    assert report.published == []
    assert "already published with other content" in report.warnings[0]


# --- the command line ------------------------------------------------------------------------------

def test_cli_publish(runner, write_plan):
    result = runner.invoke(args=["standards", "publish", str(SHIPPED)])
    assert result.exit_code == 0, result.output
    assert "Published kwaliteitsplan-dans-veilig 1.0 (45 criteria)." in result.output

    again = runner.invoke(args=["standards", "publish", str(SHIPPED)])
    assert again.exit_code == 0
    assert "already published with identical content: nothing changed" in again.output

    changed = write_plan(replace=[("certificate_validity_months: 36", "certificate_validity_months: 24")])
    refused = runner.invoke(args=["standards", "publish", str(changed)])
    assert refused.exit_code == 1
    assert "already published with different content" in refused.output

    newer = runner.invoke(args=["standards", "publish", str(write_plan("1.1"))])
    assert newer.exit_code == 0
    assert "Version 1.0 is now retired" in newer.output

    versions = runner.invoke(args=["standards", "versions"])
    assert "1.1  published" in versions.output and "1.0  retired" in versions.output


def test_cli_publish_a_broken_or_missing_file(runner, write_plan, tmp_path):
    broken = runner.invoke(args=["standards", "publish", str(write_plan(replace=[("      - code: B3\n",
                                                                                    "      - code: B2\n")]))])
    assert broken.exit_code == 1
    assert "B2: duplicate criterion code" in broken.output
    missing = runner.invoke(args=["standards", "publish", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 1 and "file not found" in missing.output
    assert _count(QualityPlan) == 0


def test_cli_publish_on_behalf_of_an_admin(runner, user_factory):
    from accounts.models import Role

    admin = user_factory(roles=(Role.admin,))
    teacher = user_factory(roles=(Role.teacher,))
    refused = runner.invoke(args=["standards", "publish", str(SHIPPED), "--by", teacher.email])
    assert refused.exit_code == 1 and "is not an admin account" in refused.output
    result = runner.invoke(args=["standards", "publish", str(SHIPPED), "--by", admin.email])
    assert result.exit_code == 0
    assert current_plan().published_by_id == admin.id
