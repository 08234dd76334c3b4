"""Every field at its maximum costs bounded work (issue 12, finding 3): a narrative of one
character, 19,990 newlines and another character made the PDF take 30 s and kill a gunicorn
worker (reportlab re-split one huge paragraph for every page: quadratic). Each export and
each page that shows the answers is made with every answer at its worst within a generous
fixed budget: it catches quadratic blow-up, not a slow machine."""

import time

import pytest

from compliance import services
from compliance.exports import AssessmentPdf, assessment_xlsx
from compliance.services.assessments import MAX_NARRATIVE_CHARS
from tests.compliance import factories

BUDGET_SECONDS = 20  # the whole assessment, every answer at its worst: about 6 s here, was over 300 s

WORST = [
    "x" + "\n" * (MAX_NARRATIVE_CHARS - 10) + "y",  # the reported one: nothing but line breaks
    "ab\n" * (MAX_NARRATIVE_CHARS // 3),  # thousands of one-word lines
    "x" * MAX_NARRATIVE_CHARS,  # one word wider than any page
    ("woord " * 3 + "\n\n") * (MAX_NARRATIVE_CHARS // 20),  # thousands of short paragraphs
    "<b>&amp;" * (MAX_NARRATIVE_CHARS // 8),  # markup-like text: escaped, and as long
]


@pytest.fixture
def worst_assessment(app):
    assessment = factories.make_assessment()
    owner = factories.owner_of(assessment.school)
    for index, answer in enumerate(assessment.answers):
        services.save_answer(answer, owner, services.AnswerInput(
            rating=2, narrative=WORST[index % len(WORST)][:MAX_NARRATIVE_CHARS]))
    return assessment


def _timed(make):
    started = time.perf_counter()
    result = make()
    return time.perf_counter() - started, result


def test_each_export_with_every_answer_at_its_worst_stays_within_budget(app, worst_assessment):
    with app.test_request_context():
        seconds, (_name, _type, pdf) = _timed(lambda: AssessmentPdf().generate(worst_assessment))
        assert pdf.startswith(b"%PDF")
        assert seconds < BUDGET_SECONDS, f"PDF took {seconds:.1f} s"
        seconds, (_name, _type, xlsx) = _timed(lambda: assessment_xlsx(worst_assessment))
        assert xlsx[:2] == b"PK"
        assert seconds < BUDGET_SECONDS, f"XLSX took {seconds:.1f} s"


def test_the_pages_that_show_the_answers_stay_within_budget(app, client, worst_assessment):
    from tests.kit import log_in

    log_in(client, factories.owner_of(worst_assessment.school))
    for url in (f"/zelfevaluaties/{worst_assessment.id}", f"/zelfevaluaties/{worst_assessment.id}/domein/A"):
        seconds, response = _timed(lambda url=url: client.get(url))
        assert response.status_code == 200, url
        assert seconds < BUDGET_SECONDS, f"{url} took {seconds:.1f} s"
