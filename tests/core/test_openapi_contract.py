"""The public API answers as its OpenAPI document says (issue 12, finding 13): schemathesis
generates requests from /api/v1/openapi.json, fitting it and not, and checks every answer
against the document (no 5xx, documented status codes and content types, response schemas,
`Allow` on 405, data the document forbids refused, data it allows accepted). Examples are
bounded to keep the run short; `pytest -m schemathesis` runs it on its own."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import negative_data_rejection, positive_data_acceptance
from schemathesis.core import deserialization
from schemathesis.generation.modes import GenerationMode

from tests.certification.certificates import factories as certificate_factories

MAX_EXAMPLES = 12


def _compact_jws(ctx, response):
    """A signed credential or status list is a string (its schema is a pattern). schemathesis
    counts application/jwt as a kind of JSON, so this reader must come before its JSON one."""
    if response.headers.get("content-type", [""])[0].startswith("application/json"):
        return response.json()
    return response.content.decode("ascii")


_READERS = deserialization._DESERIALIZERS
_others = dict(_READERS)
_READERS.clear()
schemathesis.deserializer("application/jwt", "application/vc+jwt")(_compact_jws)
_READERS.update({k: v for k, v in _others.items() if k not in _READERS})


def _excluded(operation, mode) -> list:
    if operation.path == "/api/v1/registry/teachers/{registration_number}":
        # A check digit is beyond what a schema can say: most well-formed numbers are refused
        # with a 400, as the document states.
        return [positive_data_acceptance]
    if operation.path == "/api/v1/verify" and mode is GenerationMode.NEGATIVE:
        # Any body is answered with valid: false, as the document states: nothing is refused.
        return [negative_data_rejection]
    return []


def _property(operation, mode):
    excluded = _excluded(operation, mode)

    @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case):
        case.call_and_validate(excluded_checks=excluded)

    return check


def _operations(app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.schemathesis
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=str)
def test_the_api_answers_as_its_document_says(app, mode):
    certificate_factories.issue()  # a plan, a school in the register and a certificate to find
    operations = _operations(app)
    assert len(operations) >= 8
    for operation in operations:
        check = _property(operation, mode)
        try:
            check()
        except Unsatisfiable:
            # Nothing to get wrong (no parameters, no body): nothing negative to send.
            assert mode is GenerationMode.NEGATIVE, operation.label


# --- what the probe found, each on its own (they also fail the run above) -----------------------

def _document(client) -> dict:
    return client.get("/api/v1/openapi.json").json


def test_a_405_says_which_methods_are_allowed(client):
    for url, accept in (("/api/v1/verify", "application/json"), ("/logout", "text/html")):
        response = client.get(url, headers={"Accept": accept})
        assert response.status_code == 405
        assert "POST" in response.headers["Allow"]


def test_an_unknown_lang_is_refused_by_the_api(client):
    response = client.get("/api/v1/registry/schools", query_string={"lang": "de"})
    assert response.status_code == 400 and response.json["parameter"] == "lang"
    assert client.get("/api/v1/registry/schools", query_string={"lang": "en"}).status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/registry/schools", "/api/v1/registry/teachers"])
def test_the_page_maximum_is_stated_and_is_the_one_applied(client, path):
    (page,) = [p for p in _document(client)["paths"][path]["get"]["parameters"] if p["name"] == "page"]
    maximum = page["schema"]["maximum"]
    for per_page in (1, 100):
        assert client.get(path, query_string={"page": maximum, "per_page": per_page}).status_code == 200
        assert client.get(path, query_string={"page": maximum + 1, "per_page": per_page}).status_code == 400


def _examples(node, where=""):
    if isinstance(node, dict):
        if "example" in node:
            yield where, node
        for key, value in node.items():
            yield from _examples(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _examples(value, f"{where}/{index}")


def test_every_example_in_the_document_passes_its_own_checks(client):
    import re

    from certification.teachers.numbers import parse_number

    examples = list(_examples(_document(client)))
    assert examples
    for where, schema in examples:
        if "pattern" in schema:
            assert re.search(schema["pattern"], schema["example"]), where
        if "registration_number" in where:
            assert parse_number(schema["example"]) == schema["example"], where


def test_verify_documents_every_answer_it_gives(app, client):
    responses = _document(client)["paths"]["/api/v1/verify"]["post"]["responses"]
    assert {"200", "400", "405", "413"} <= set(responses)
    assert client.post("/api/v1/verify", data="[" * 5000, content_type="application/json").status_code == 400
    limit = app.config["MAX_CONTENT_LENGTH"]
    app.config["MAX_CONTENT_LENGTH"] = 1000
    try:
        response = client.post("/api/v1/verify", data="x" * 2000, content_type="application/jwt")
        assert response.status_code == 413 and "error" in response.json
    finally:
        app.config["MAX_CONTENT_LENGTH"] = limit
