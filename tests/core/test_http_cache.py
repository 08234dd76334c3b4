"""Public answers a proxy may keep: ETag, Cache-Control and 304; nothing personal is cacheable."""

import json
import re

import pytest
from sqlalchemy import select

from accounts.models import Role
from certification.certificates import services as certificates
from certification.certificates.models import StatusList
from certification.certificates.signing import b64url_decode
from core.extensions import db
from tests.certification.certificates import factories
from tests.certification.teachers import factories as teacher_factories
from tests.compliance.test_queries import count_queries
from tests.kit import log_in, make_user


@pytest.fixture
def public_urls(app):
    factories.published_plan()
    certificate = factories.issue(name="Balletschool Cache", city="Utrecht")
    teacher_factories.code_version()
    teacher = teacher_factories.active_teacher()
    list_id = db.session.execute(select(StatusList.list_id)).scalars().first()
    return {
        "verify page": f"/verify/{certificate.number}",
        "verify API": f"/api/v1/certificates/{certificate.number}",
        "school search": "/register/scholen?q=ballet",
        "school search API": "/api/v1/registry/schools?q=ballet",
        "school page": f"/register/scholen/{certificate.school_id}",
        "teacher search": "/register/docenten?q=anna",
        "teacher search API": "/api/v1/registry/teachers?q=anna",
        "teacher page": f"/register/docenten/{teacher.registration_number}",
        "teacher API": f"/api/v1/registry/teachers/{teacher.registration_number}",
        "status list": f"/credentials/status/{list_id}",
        "JWKS": "/.well-known/jwks.json",
        "quality plan": "/kwaliteitsplan",
        "quality plan API": "/api/v1/quality-plan",
    }


def _max_age(response) -> int:
    match = re.fullmatch(r"public, max-age=(\d+)", response.headers["Cache-Control"])
    assert match, response.headers["Cache-Control"]
    return int(match.group(1))


def test_public_answers_are_cacheable_and_revalidate_with_304(app, public_urls):
    client = app.test_client()
    for name, url in public_urls.items():
        first = client.get(url)
        assert first.status_code == 200, name
        assert _max_age(first) > 0, name
        assert "Cookie" in first.headers.get("Vary", ""), name
        assert "Set-Cookie" not in first.headers, f"{name} starts a session"
        assert b"csrf_token" not in first.data, f"{name} carries a CSRF token"
        etag = first.headers["ETag"]
        again = client.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304, name
        assert again.data == b"", name
        assert again.headers["ETag"] == etag
        other = client.get(url, headers={"If-None-Match": '"something-else"'})
        assert other.status_code == 200 and other.data == first.data, name


def test_revocation_shows_quickly_verification_and_status_list_live_at_most_a_minute(app, public_urls):
    client = app.test_client()
    verify = client.get(public_urls["verify page"])
    assert _max_age(verify) <= 60
    assert _max_age(client.get(public_urls["verify API"])) <= 60
    status = client.get(public_urls["status list"])
    payload = json.loads(b64url_decode(status.get_data(as_text=True).split(".")[1]))
    # Bitstring Status List: `ttl` in milliseconds; the HTTP lifetime says the same
    assert payload["credentialSubject"]["ttl"] == _max_age(status) * 1000 <= 60_000


def test_a_suspension_changes_the_etag_so_a_revalidating_cache_gets_the_new_page(app, public_urls):
    client = app.test_client()
    url = public_urls["verify page"]
    before = client.get(url)
    certificate = certificates.find_certificate(url.rsplit("/", 1)[1])
    certificates.suspend_certificate(certificate, factories.make_admin(), "non_compliance", "Onderzoek.")
    after = client.get(url, headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200
    assert after.headers["ETag"] != before.headers["ETag"]
    assert "geschorst" in after.get_data(as_text=True).lower()


def test_a_304_reads_the_database_no_more_than_the_full_answer(app, public_urls):
    client = app.test_client()
    for name in ("teacher search", "school search", "verify page"):
        url = public_urls[name]
        with count_queries() as full:
            etag = client.get(url).headers["ETag"]
        with count_queries() as conditional:
            assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
        assert len(conditional) <= len(full), name


def test_pages_for_a_logged_in_user_are_never_stored(app, public_urls):
    client = app.test_client()
    log_in(client, make_user(roles=(Role.school_owner,)))
    for name in ("school search", "verify page", "quality plan", "school search API"):
        response = client.get(public_urls[name])
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "private, no-store", name
        assert "ETag" not in response.headers
    assert client.get("/scholen").headers["Cache-Control"] == "private, no-store"


def test_pages_with_a_csrf_token_or_a_form_are_never_stored(app, client):
    for url in ("/login", "/registreren", "/wachtwoord-vergeten"):
        response = client.get(url)
        assert response.headers["Cache-Control"] == "private, no-store", url
        assert "ETag" not in response.headers


def test_a_bad_search_is_not_cached(app, public_urls):
    response = app.test_client().get("/api/v1/registry/teachers?per_page=abc")
    assert response.status_code == 400
    assert response.headers["Cache-Control"] == "private, no-store"


def test_a_visitor_who_chose_a_language_keeps_the_page_privately(app, public_urls):
    client = app.test_client()
    client.post("/taal", data={"lang": "en"})
    client.get("/")  # Flask-Login writes its mark into the session once
    response = client.get(public_urls["school search"])
    assert response.headers["Cache-Control"] == "private, no-cache"
    assert '<html lang="en">' in response.get_data(as_text=True)
    again = client.get(public_urls["school search"], headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_a_visitor_without_login_switches_language_without_a_token(app):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        client = app.test_client()
        page = client.get("/melden?lang=nl")
        assert b"csrf_token" not in page.data
        response = client.post("/taal", data={"lang": "en", "next": "/melden"})
        assert response.status_code == 302
        assert b'<html lang="en">' in client.get("/melden").data
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
