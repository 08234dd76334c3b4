"""A plan file is checked before anything uses it; every problem names its place."""

import pytest

from standards.schema import load_plan_file, validate_plan_file
from tests.standards.factories import SHIPPED

B2_TITLE_EN = '          en: "Studios you can see into"\n'
STRAY_CRITERION = """
criteria:
  - code: Z1
    title: {nl: "Los", en: "Loose"}
"""

BROKEN = {
    "missing text": ([(B2_TITLE_EN, "")], "B2.title.en: missing"),
    "empty text": ([(B2_TITLE_EN, '          en: "  "\n')], "B2.title.en: empty"),
    "duplicate criterion": ([("      - code: B3\n", "      - code: B2\n")], "B2: duplicate criterion code"),
    "duplicate domain": ([("  - code: C\n", "  - code: B\n")], "B: duplicate domain code"),
    "unknown recommendation": ([('recommendations: ["4.3"]', 'recommendations: ["7.1"]')],
                               "B2.recommendations #1: unknown recommendation code '7.1' (known: 1.1-1.3, 2.1-2.6, "
                               "3.1-3.7, 4.1-4.4, 5.1-5.10, 6.1-6.3)"),
    "nested list": ([('recommendations: ["4.3"]', 'recommendations: [["4.3"], ["4.3"]]')],
                    "B2.recommendations #1: must be text"),
    "unquoted recommendation": ([('recommendations: ["5.1", "5.10"]', 'recommendations: [5.1, 5.10]')],
                                'D1.recommendations #2: write it in quotes, e.g. "5.10"'),
    "criterion in no domain": ([("\nout_of_scope:\n", STRAY_CRITERION + "\nout_of_scope:\n")],
                               "Z1: criterion is in no domain"),
    "criterion under the wrong domain": ([("      - code: B3\n", "      - code: C13\n")],
                                         "C13: listed under domain B, but its code belongs to domain C"),
    "unknown field": ([("certificate_validity_months: 36", "certificate_validty_months: 36")],
                      "rules.certificate_validty_months: unknown field"),
    "unknown evidence": ([("evidence: [photo, document]", "evidence: [foto, document]")],
                         "B2.evidence #1: unknown kind of evidence 'foto'"),
    "unknown school type": ([("school_types: [dansschool,", "school_types: [balletschool,")],
                            "A1.applies_to.school_types #1: unknown school type 'balletschool'"),
    "wrong type": ([("mandatory: true", "mandatory: misschien")], "A1.mandatory: must be true or false"),
    "unquoted version": ([('version: "1.0"', "version: 1.0")], 'version: write it in quotes, e.g. "1.0"'),
    "duplicate key": ([(B2_TITLE_EN, B2_TITLE_EN + '          en: "Again"\n')], "duplicate key 'en'"),
    "recommendation not covered": ([('  - recommendation: "2.1"\n', '  - recommendation: "2.2"\n')],
                                   "recommendation 2.1 (Dance as a discipline of its own, not lumped in with the "
                                   "performing arts) is served by no criterion and not listed under out_of_scope"),
    "out of scope and served": ([('  - recommendation: "2.1"\n', '  - recommendation: "4.3"\n')],
                                "out_of_scope[4.3]: recommendation 4.3 is served by criteria B1"),
    "pass rule out of range": ([("min_domain_share: 0.75", "min_domain_share: 75")],
                               "pass_rules.min_domain_share: must be at most 1"),
}


def test_the_shipped_plan_is_valid():
    assert validate_plan_file(SHIPPED) == []
    document = load_plan_file(SHIPPED)
    assert document.code == "kwaliteitsplan-dans-veilig" and document.version == "1.0"
    assert [domain.code for domain in document.domains] == list("ABCDEFG")
    assert len(document.criteria()) == 45


@pytest.mark.parametrize("replace, expected", BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_plan_is_refused_naming_the_place(write_plan, replace, expected):
    errors = validate_plan_file(write_plan(replace=replace))
    assert any(expected in error for error in errors), errors


def test_a_domain_without_criteria(write_plan, shipped_text):
    head, tail = shipped_text.split("  - code: G\n")
    tail = tail.replace("    criteria:\n", "    criteria: []\n    later:\n", 1)
    errors = validate_plan_file(write_plan(text=head + "  - code: G\n" + tail))
    assert any(error.startswith("G.criteria: needs at least 1 item(s)") for error in errors), errors
    assert any(error.startswith("G.later: unknown field") for error in errors), errors


def test_problems_carry_the_line_number(write_plan, shipped_text):
    line = shipped_text[:shipped_text.index(B2_TITLE_EN)].count("\n") + 1
    errors = validate_plan_file(write_plan(replace=[(B2_TITLE_EN, "")]))
    assert errors == [f"B2.title.en: missing (line {line - 1})"]


def test_every_problem_is_reported_at_once(write_plan):
    errors = validate_plan_file(write_plan(replace=[
        (B2_TITLE_EN, ""),
        ("      - code: B3\n", "      - code: B4\n"),
        ("evidence: [photo, document]", "evidence: [x]"),
    ]))
    assert len(errors) == 3, errors


def test_a_yaml_syntax_error_names_the_line(write_plan, shipped_text):
    line = shipped_text[:shipped_text.index("  - code: B\n")].count("\n") + 2
    errors = validate_plan_file(write_plan(replace=[("  - code: B\n", "  - code: B\n   oops: [\n")]))
    assert len(errors) == 1
    assert errors[0].startswith(f"line {line}, column ") and "YAML syntax error" in errors[0], errors


@pytest.mark.parametrize("content, expected", [
    ("", "the file is empty"),
    ("- just\n- a list\n", "the file must hold a mapping at the top level"),
    ("code: [unclosed\n", "YAML syntax error"),
], ids=["empty", "list", "unclosed"])
def test_files_that_are_no_plan_at_all(write_plan, content, expected):
    errors = validate_plan_file(write_plan(text=content))
    assert len(errors) == 1 and expected in errors[0], errors


def test_a_missing_file(tmp_path):
    assert validate_plan_file(tmp_path / "nope.yaml") == [f"file not found: {tmp_path / 'nope.yaml'}"]


def test_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: caf\xe9\n".encode("latin-1"))
    assert validate_plan_file(path) == ["the file is not UTF-8 text; save it as UTF-8"]


# --- the command line ------------------------------------------------------------------------------

def test_cli_validate_accepts_the_shipped_plan(runner):
    result = runner.invoke(args=["standards", "validate", str(SHIPPED)])
    assert result.exit_code == 0, result.output
    assert "valid (kwaliteitsplan-dans-veilig 1.0: 7 domains, 45 criteria)" in result.output


def test_cli_validate_lists_the_problems_and_fails(runner, write_plan):
    path = write_plan(replace=[(B2_TITLE_EN, ""), ("      - code: B3\n", "      - code: B2\n")])
    result = runner.invoke(args=["standards", "validate", str(path)])
    assert result.exit_code == 1
    assert "not valid, 2 problems" in result.output
    assert "B2.title.en: missing" in result.output
    assert "B2: duplicate criterion code" in result.output


def test_cli_validate_a_missing_file(runner, tmp_path):
    result = runner.invoke(args=["standards", "validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 1
    assert "file not found" in result.output


def test_cli_validate_a_syntax_error(runner, write_plan):
    result = runner.invoke(args=["standards", "validate", str(write_plan(text="code: a\n  version: b\n"))])
    assert result.exit_code == 1
    assert "line 2, column 10: YAML syntax error" in result.output


def test_cli_validate_notes_a_file_name_that_does_not_match(runner, write_plan):
    result = runner.invoke(args=["standards", "validate", str(write_plan(name="concept.yaml"))])
    assert result.exit_code == 0
    assert "would be kwaliteitsplan-dans-veilig-1.0.yaml" in result.output


def test_version_1_1_carries_the_gates_before_a_certificate_and_the_criteria_of_1_0():
    from standards import PLANS_DIR

    newer = PLANS_DIR / "kwaliteitsplan-dans-veilig-1.1.yaml"
    assert validate_plan_file(newer) == []
    document, older = load_plan_file(newer), load_plan_file(SHIPPED)
    assert document.pass_rules.conditions.settle_grades == ["minor_nonconformity", "observation"]
    assert document.rules.certificate_preconditions.active_teachers_for_minors
    assert [c.model_dump() for c in document.criteria()] == \
        [c.model_dump() for c in older.criteria()]
    assert "conditions" not in older.as_dict()["pass_rules"]  # 1.0's content, and hash, stay as published


def test_a_settle_grade_that_is_not_a_finding_grade_is_refused(write_plan):
    errors = validate_plan_file(write_plan(replace=[(
        "pass_rules: {all_mandatory_meet: true, min_domain_share: 0.75}",
        "pass_rules: {all_mandatory_meet: true, min_domain_share: 0.75, "
        "conditions: {settle_grades: [minor_nonconformity, small_issue]}}")]))
    assert any("pass_rules.conditions.settle_grades: 'small_issue' is not one of the finding_grades" in error
               for error in errors), errors
