"""Comparing two versions: criteria added, removed and changed, and which fields changed."""

from accounts.models import Role
from standards.schema import load_plan_file
from standards.services import diff_plans, get_plan
from tests.standards.factories import SHIPPED, V11_CHANGES


def test_diff_lists_added_removed_and_changed_criteria(app, second_version):
    diff = diff_plans(get_plan("kwaliteitsplan-dans-veilig", "1.0", full=True), second_version)
    assert (diff.old_version, diff.new_version) == ("1.0", "1.1")
    assert [criterion["code"] for criterion in diff.added] == ["A7"]
    assert [criterion["code"] for criterion in diff.removed] == ["A6"]
    assert [(change.code, change.fields) for change in diff.changed] == [("B2", ["title.en", "evidence"])]
    assert [(c.path, c.old, c.new) for c in diff.plan_changes] == [("rules.certificate_validity_months", 36, 24)]
    assert not diff.is_empty


def test_diff_of_identical_plans_is_empty(app, published_plan):
    assert diff_plans(published_plan, load_plan_file(SHIPPED)).is_empty


def test_diff_names_nested_fields(write_plan):
    new = load_plan_file(write_plan("1.1", replace=[("minors_only: false", "minors_only: true")]))
    diff = diff_plans(load_plan_file(SHIPPED), new)
    assert [(change.code, change.fields) for change in diff.changed] == [("A1", ["applies_to.minors_only"])]


def test_diff_reports_scope_and_domain_changes(write_plan):
    old = load_plan_file(SHIPPED)
    new = load_plan_file(write_plan("1.1", replace=[
        ('      en: "Diversity and inclusion"\n', '      en: "Diversity, equity and inclusion"\n'),
        ("pass_rules: {all_mandatory_meet: true, min_domain_share: 0.75}",
         "pass_rules: {all_mandatory_meet: true, min_domain_share: 0.8}"),
        ("      en: \"Addressed to the Ministry", "      en: \"Aimed at the Ministry"),
    ]))
    diff = diff_plans(old, new)
    assert [(change.code, change.fields) for change in diff.domains_changed] == [("G", ["title.en"])]
    assert [(c.path, c.old, c.new) for c in diff.plan_changes if c.is_scalar] == [
        ("pass_rules.min_domain_share", 0.75, 0.8),
        ("out_of_scope[2.1].reason.en", old.out_of_scope[0].reason.en, new.out_of_scope[0].reason.en),
    ]
    assert not diff.added and not diff.removed and not diff.changed


# --- the command line ------------------------------------------------------------------------------

def test_cli_diff_between_stored_versions(runner, second_version):
    result = runner.invoke(args=["standards", "diff", "1.0", "1.1"])
    assert result.exit_code == 0, result.output
    assert "kwaliteitsplan-dans-veilig: 1.0 -> 1.1" in result.output
    assert "Criteria added (1):\n  + A7" in result.output
    assert "Criteria removed (1):\n  - A6" in result.output
    assert "~ B2: title.en, evidence" in result.output
    assert "~ rules.certificate_validity_months: 36 -> 24" in result.output


def test_cli_diff_between_a_version_and_a_file(runner, published_plan, write_plan):
    path = write_plan("1.1", replace=V11_CHANGES)
    result = runner.invoke(args=["standards", "diff", "1.0", str(path)])
    assert result.exit_code == 0, result.output
    assert "~ B2: title.en, evidence" in result.output
    same = runner.invoke(args=["standards", "diff", str(SHIPPED), "1.0"])
    assert "No differences." in same.output


def test_cli_diff_with_an_unknown_version(runner, published_plan):
    result = runner.invoke(args=["standards", "diff", "1.0", "9.9"])
    assert result.exit_code == 1
    assert "has no version '9.9' (stored versions: 1.0)" in result.output


def test_cli_diff_with_a_broken_file(runner, published_plan, write_plan):
    path = write_plan("1.1", replace=[('          en: "Studios you can see into"\n', "")])
    result = runner.invoke(args=["standards", "diff", "1.0", str(path)])
    assert result.exit_code == 1
    assert "B2.title.en: missing" in result.output


# --- the admin page --------------------------------------------------------------------------------

def test_admin_page_shows_what_changed(client, login, second_version):
    login(Role.admin)
    response = client.get("/beheer/kwaliteitsplan/vergelijken")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Van versie 1.0 naar versie 1.1" in html
    assert "A7" in html and "Erkenning voor wie iets is aangedaan" in html
    assert "<code>title.en</code>" in html and "<code>evidence</code>" in html
    assert "<code>rules.certificate_validity_months</code>" in html and "van 36 naar 24" in html


def test_admin_page_compares_the_chosen_versions(client, login, second_version):
    login(Role.admin)
    html = client.get("/beheer/kwaliteitsplan/vergelijken?van=1.1&naar=1.1").get_data(as_text=True)
    assert "Deze versies hebben dezelfde inhoud." in html


def test_admin_page_refuses_an_unknown_version_clearly(client, login, second_version):
    login(Role.admin)
    response = client.get("/beheer/kwaliteitsplan/vergelijken?van=1.0&naar=7")
    assert response.status_code == 400
    assert "Kies twee versies uit de lijst." in response.get_data(as_text=True)


def test_admin_page_with_a_single_version(client, login, published_plan):
    login(Role.admin)
    response = client.get("/beheer/kwaliteitsplan/vergelijken")
    assert response.status_code == 200
    assert "er valt nog niets te vergelijken" in response.get_data(as_text=True)


def test_only_admins_compare_versions(client, login, published_plan):
    assert client.get("/beheer/kwaliteitsplan/vergelijken").status_code == 302
    login(Role.assessor)
    assert client.get("/beheer/kwaliteitsplan/vergelijken").status_code == 403
