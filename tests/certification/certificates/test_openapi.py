"""/api/v1/openapi.json describes every public API endpoint, and what they answer matches it.

Every path in the document needs a sample below (a path without one fails), which calls it
with real data and checks each response against the schema for its status code."""

import json
import re
from datetime import date

import jsonschema
import pytest

from core import openapi
from tests.certification.certificates import factories


def _fixtures():
    from certification.certificates import credentials

    certificate = factories.issue(name="Dansschool Zoë & Ünal")
    factories.revoked(name="Studio Ingetrokken")
    factories.issue(on=date(2020, 1, 1), name="Balletschool Verlopen")
    return {"certificate": certificate, "token": credentials.credential_jwt(certificate)}


def _teacher_number():
    from tests.certification.teachers import factories as teacher_factories

    return teacher_factories.active_teacher().registration_number


def _published_year(data):
    from reporting import services
    from tests.reporting import factories as reporting_factories

    year = reporting_factories.submitted_report().year
    services.publish_year(year, factories.make_admin())
    return f"/api/v1/sector/figures?year={year}"


# path template -> [(method, url or callable(data) -> url, request kwargs or callable(data) -> kwargs)]
SAMPLES = {
    "/api/v1/openapi.json": [("get", "/api/v1/openapi.json", {})],
    "/api/v1/quality-plan": [("get", "/api/v1/quality-plan", {}), ("get", "/api/v1/quality-plan?code=x", {})],
    "/api/v1/quality-plan/{version}": [("get", "/api/v1/quality-plan/1.0", {}),
                                       ("get", "/api/v1/quality-plan/9.9", {})],
    "/api/v1/certificates/{number}": [("get", lambda d: f"/api/v1/certificates/{d['certificate'].number}", {}),
                                      ("get", "/api/v1/certificates/DV-2026-99999", {})],
    "/api/v1/certificates/{number}/credential": [
        ("get", lambda d: f"/api/v1/certificates/{d['certificate'].number}/credential", {}),
        ("get", "/api/v1/certificates/DV-2026-99999/credential", {})],
    "/api/v1/verify": [("post", "/api/v1/verify", lambda d: {"data": d["token"], "content_type": "application/jwt"}),
                       ("post", "/api/v1/verify", {"data": "garbage"}),
                       ("post", "/api/v1/verify", lambda d: {"json": {"credential": d["token"]}})],
    "/api/v1/registry/schools": [("get", "/api/v1/registry/schools", {}),
                                 ("get", "/api/v1/registry/schools?q=zoë&genre=ballet&per_page=1", {}),
                                 ("get", "/api/v1/registry/schools?per_page=1000", {})],
    "/.well-known/jwks.json": [("get", "/.well-known/jwks.json", {})],
    "/credentials/status/{list_id}": [
        ("get", lambda d: f"/credentials/status/{d['certificate'].revocation_list.list_id}", {}),
        ("get", "/credentials/status/none", {})],
    "/api/v1/sector/figures": [("get", "/api/v1/sector/figures", {}), ("get", _published_year, {}),
                               ("get", "/api/v1/sector/figures?year=1999", {}),
                               ("get", "/api/v1/sector/figures?year=19x9", {})],
    # The teacher registry's paths, for when its fragment joins the document.
    "/api/v1/registry/teachers": [("get", "/api/v1/registry/teachers", {}),
                                  ("get", "/api/v1/registry/teachers?per_page=0", {})],
    "/api/v1/registry/teachers/{registration_number}": [
        ("get", lambda d: f"/api/v1/registry/teachers/{_teacher_number()}", {}),
        ("get", "/api/v1/registry/teachers/D-0000000", {})],
}


def _schema_for(document, path, method, status, mimetype):
    responses = document["paths"][path][method]["responses"]
    response = responses.get(str(status))
    assert response is not None, f"{method.upper()} {path} answered {status}, which the document does not list"
    content = response.get("content", {})
    assert mimetype in content, f"{method.upper()} {path} {status} answered {mimetype}, documented: {list(content)}"
    return content[mimetype]["schema"]


def test_the_document_is_public_and_well_formed(client, app):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json
    assert document["openapi"].startswith("3.1") and document["servers"] == [{"url": "http://dansveilig.test"}]
    for schema in document["components"]["schemas"].values():
        jsonschema.Draft202012Validator.check_schema(schema)
    text = json.dumps(document)
    for name in re.findall(r'"#/components/schemas/([^"]+)"', text):
        assert name in document["components"]["schemas"], f"$ref to a missing schema {name}"
    for path, item in document["paths"].items():
        for method, operation in item.items():
            assert operation["responses"], f"{method} {path}"
    assert {"/api/v1/quality-plan", "/api/v1/certificates/{number}", "/api/v1/registry/schools",
            "/api/v1/verify", "/.well-known/jwks.json"} <= set(document["paths"])


def test_fragments_may_not_contradict_each_other():
    with pytest.raises(openapi.OpenAPIConflict):
        openapi.merge([("a", {"paths": {"/x": {}}}), ("b", {"paths": {"/x": {}}})])
    with pytest.raises(openapi.OpenAPIConflict):
        openapi.merge([("a", {"components": {"schemas": {"Error": {"type": "string"}}}})])


def test_every_response_matches_the_document(client, plan):
    document = client.get("/api/v1/openapi.json").json
    missing = sorted(set(document["paths"]) - set(SAMPLES))
    assert not missing, f"add samples for these paths to tests/certification/certificates/test_openapi.py: {missing}"
    data = _fixtures()
    checked = 0
    for path in document["paths"]:
        for method, url, kwargs in SAMPLES[path]:
            url = url(data) if callable(url) else url
            kwargs = kwargs(data) if callable(kwargs) else kwargs
            response = client.open(url, method=method.upper(), **kwargs)
            schema = _schema_for(document, path, method, response.status_code, response.mimetype)
            if response.mimetype == "application/json":
                jsonschema.validate(response.json, {**schema, "components": document["components"]},
                                    cls=jsonschema.Draft202012Validator,
                                    format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
            else:
                jsonschema.validate(response.get_data(as_text=True), schema)
            checked += 1
    assert checked >= len(document["paths"])
