"""No N+1: the assessment pages run the same number of queries however much is filled in."""

from contextlib import contextmanager

from sqlalchemy import event

from compliance import services
from core.extensions import db
from tests.compliance import factories


@contextmanager
def count_queries():
    statements = []

    def listener(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", listener)


def _queries(client, url) -> int:
    with count_queries() as statements:
        assert client.get(url).status_code == 200
    return len(statements)


def test_assessment_pages_do_not_grow_with_answers_and_evidence(owner_client, owner, assessment):
    urls = [f"/zelfevaluaties/{assessment.id}", f"/zelfevaluaties/{assessment.id}/domein/A",
            f"/zelfevaluaties/{assessment.id}/indienen", f"/scholen/{assessment.school_id}/zelfevaluaties", "/scholen"]
    before = {url: _queries(owner_client, url) for url in urls}
    for index, answer in enumerate(assessment.answers[:8]):
        services.save_answer(answer, owner, services.AnswerInput(
            rating=2, narrative="Ingevuld " * 12, link_url="https://example.nl/a",
            uploads=[services.Upload(f"bewijs-{index}.pdf", factories.pdf_bytes(str(index)))]))
    factories.make_school(owner)
    after = {url: _queries(owner_client, url) for url in urls}
    assert after == before
