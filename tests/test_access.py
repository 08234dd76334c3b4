"""Every route × every role: each role reaches what it may and nothing more.

A new endpoint that no access.py under tests/ (tests/<package>/.../access.py) lists fails this test the day it is added.
"""

import importlib
import pkgutil

import pytest
from werkzeug.routing import IntegerConverter

import tests
from tests.access_kit import ROLES
from tests.kit import log_in, make_user


def _collect():
    rules, samples, states = {}, {}, {}
    for module in pkgutil.walk_packages(tests.__path__, "tests."):
        if module.ispkg or not module.name.endswith(".access"):
            continue
        access = importlib.import_module(module.name)
        rules.update(access.RULES)
        samples.update(getattr(access, "SAMPLES", {}))
        states.update(getattr(access, "STATE_SAMPLES", {}))
    return rules, samples, states


RULES, SAMPLES, STATE_SAMPLES = _collect()


def _routes(app):
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method


def _url(app, rule, sample=None):
    sample = sample or SAMPLES.get(rule.endpoint)
    if sample is not None:
        kwargs = sample()
    else:
        kwargs = {name: 999999 if isinstance(conv, IntegerConverter) else "onbekend"
                  for name, conv in rule._converters.items()}
    with app.test_request_context():
        from flask import url_for

        return url_for(rule.endpoint, **kwargs)


def test_every_endpoint_has_an_access_rule(app):
    missing = sorted({rule.endpoint for rule, _ in _routes(app)} - set(RULES))
    assert not missing, f"add these endpoints to a tests/<pkg>/access.py: {missing}"


def _check(failures, response, what, allowed, role):
    status = response.status_code
    if status >= 500:
        failures.append(f"{what}: {status}")
    elif allowed and status in (401, 403):
        failures.append(f"{what}: {status}, should be allowed")
    elif not allowed and role is None:
        is_login_redirect = status == 302 and "/login" in response.headers.get("Location", "")
        if not (is_login_redirect or status == 401):
            failures.append(f"{what}: {status}, anonymous should be sent to log in")
    elif not allowed and status != 403:
        failures.append(f"{what}: {status}, should be 403")


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value if r else "anonymous")
def test_each_role_reaches_only_what_it_may(app, role):
    failures = []
    client = app.test_client()
    user = make_user(roles=(role,)) if role is not None else None
    for rule, method in _routes(app):
        expected = RULES.get(rule.endpoint)
        if expected is None:
            continue
        cases = [(None, expected), *STATE_SAMPLES.get(rule.endpoint, [])]
        for sample, rule_for_sample in cases:
            if user is not None:
                log_in(client, user)  # again each time: a route may have logged the user out
            url = _url(app, rule, sample)
            _check(failures, client.open(url, method=method), f"{method} {url}", rule_for_sample.allows(role),
                   role)
    assert not failures, "\n".join(failures)


def test_every_post_route_refuses_a_request_without_csrf_token(app):
    """CSRF is on for the whole app: a POST without a token changes nothing."""
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        client = app.test_client()
        admin = make_user(roles=tuple(r for r in ROLES if r))
        app.config["WTF_CSRF_ENABLED"] = False
        log_in(client, admin)
        app.config["WTF_CSRF_ENABLED"] = True
        for rule, method in _routes(app):
            if method != "POST" or rule.rule.startswith("/api/"):
                continue
            response = client.post(_url(app, rule), data={})
            assert response.status_code == 400, f"POST {rule.rule} answered {response.status_code}"
            assert "Het formulier is verlopen" in response.get_data(as_text=True)
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value if r else "anonymous")
def test_a_post_never_shows_what_the_get_of_its_address_refuses(app, role):
    """Every role POSTs (with a valid session, an empty form) to every address it may not
    GET, for every sample and state: the answer is a refusal, never a page (a refused
    action must not render what the person may not see)."""
    failures = []
    client = app.test_client()
    user = make_user(roles=(role,)) if role is not None else None
    by_path = {}
    for rule, method in _routes(app):
        by_path.setdefault(rule.rule, {})[method] = rule
    for methods in by_path.values():
        if "GET" not in methods or "POST" not in methods:
            continue
        samples = [SAMPLES.get(methods["GET"].endpoint)]
        samples += [sample for sample, _rule in STATE_SAMPLES.get(methods["GET"].endpoint, [])]
        for sample in samples:
            if user is not None:
                log_in(client, user)
            url = _url(app, methods["GET"], sample)
            if client.get(url).status_code not in (302, 401, 403):
                continue
            response = client.post(url, data={"comment": "", "decision": "send_back"})
            if response.status_code == 200 or response.status_code >= 500:
                failures.append(f"POST {url}: {response.status_code} where GET is refused")
    assert not failures, "\n".join(failures)
