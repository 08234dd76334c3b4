"""Input no handler can use gets a 400 with a message, never a 500 (issue 12, finding 9):
a NUL byte in a path, a query parameter or a form field (PostgreSQL refuses it in text), and
JSON nested too deeply to parse. Run on SQLite and on PostgreSQL (TEST_DATABASE_URL)."""

import io

import pytest
from werkzeug.routing import IntegerConverter, PathConverter, UnicodeConverter

from accounts.models import Role
from tests.kit import log_in, make_user
from tests.test_access import SAMPLES

NUL_MESSAGE = "NUL-teken"


@pytest.mark.parametrize("url", ["/api/v1/quality-plan/%00", "/kwaliteitsplan/%00", "/credentials/status/%00",
                                 "/verify?code=%00", "/register/docenten?q=a%00b", "/api/v1/registry/schools?city=%00",
                                 "/verify/DV-2026-%00", "/login?next=%00"])
def test_a_nul_byte_in_a_public_url_is_a_400_with_a_message(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert NUL_MESSAGE in response.get_data(as_text=True)


def test_a_nul_byte_anywhere_in_any_get_route_is_never_a_500(app, client):
    """Every GET route, each text part of its path and a query parameter: for a visitor and
    for an admin."""
    admin = make_user(roles=(Role.admin, Role.assessor, Role.school_owner, Role.teacher))
    failures = []
    for who in (None, admin):
        if who is not None:
            log_in(client, who)
        for rule in app.url_map.iter_rules():
            if "GET" not in rule.methods or rule.endpoint == "static":
                continue
            kwargs = SAMPLES[rule.endpoint]() if rule.endpoint in SAMPLES else {}
            texts = [name for name, conv in rule._converters.items() if type(conv) in (UnicodeConverter, PathConverter)]
            for name, conv in rule._converters.items():
                if isinstance(conv, IntegerConverter):
                    kwargs.setdefault(name, 999999)
            for name in texts:
                kwargs.setdefault(name, "x")
            with app.test_request_context():
                from flask import url_for

                urls = [url_for(rule.endpoint, **{**kwargs, name: "a\x00b"}) for name in texts]
                base = url_for(rule.endpoint, **{k: v for k, v in kwargs.items()}) if not texts or kwargs else None
            if base:
                urls.append(base + ("&" if "?" in base else "?") + "q=%00")
            for url in urls:
                status = client.get(url).status_code
                if status != 400:
                    failures.append(f"{url}: {status}")
    assert not failures, "\n".join(failures)


def test_a_nul_byte_in_a_form_field_is_a_400_not_a_500(client, user_factory):
    response = client.post("/registreren", data={"email": "a@example.nl", "name": "Ab\x00c", "password": "x" * 12,
                                                  "confirm": "x" * 12, "role": "teacher", "locale": "nl"})
    assert response.status_code == 400
    assert NUL_MESSAGE in response.get_data(as_text=True)
    response = client.post("/login", data={"email": "a\x00@example.nl", "password": "whatever"})
    assert response.status_code == 400
    response = client.post("/login", data={"email": "a@example.nl", "file": (io.BytesIO(b"%PDF"), "a\x00.pdf")},
                           content_type="multipart/form-data")
    assert response.status_code == 400


@pytest.mark.parametrize("depth", [10_000, 100_000])
def test_deeply_nested_json_is_a_400_with_a_message(client, depth):
    body = "[" * depth + "]" * depth
    response = client.post("/api/v1/verify", data=body, content_type="application/json")
    assert response.status_code == 400
    assert "te diep genest" in response.json["error"]
    nested = '{"credential": ' + "{\"a\": " * depth + "1" + "}" * depth + "}"
    assert client.post("/api/v1/verify", data=nested, content_type="application/json").status_code == 400


def test_a_nul_byte_in_json_is_a_400(client):
    response = client.post("/api/v1/verify", json={"credential": "a\x00b"})
    assert response.status_code == 400
    assert NUL_MESSAGE in response.json["error"]


def test_ordinary_json_still_reaches_the_view(client):
    response = client.post("/api/v1/verify", json={"credential": "a.b.c"})
    assert response.status_code == 200 and response.json["valid"] is False
