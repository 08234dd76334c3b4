"""What a visitor types never comes back as markup (issue 12, finding 1).

Markup sent in every query parameter the code reads, and in every text part of a path, to
every public page comes back escaped; and no code formats parameters into Flask-Babel's lazy
strings, which mark themselves safe.
"""

import ast
import re
from pathlib import Path

from werkzeug.routing import IntegerConverter, PathConverter, UnicodeConverter

from accounts.permissions import is_public_endpoint
from tests.core.test_translations import SOURCES as TRANSLATED_SOURCES
from tests.test_access import SAMPLES

ROOT = Path(__file__).resolve().parents[2]
SOURCES = tuple(name for name in TRANSLATED_SOURCES if name != "templates")
PAYLOAD = '<meta http-equiv="refresh" content="0;url=https://evil.example/">'
LAZY = {"_l", "lazy_gettext", "lazy_ngettext", "lazy_pgettext", "lazy_npgettext"}


def _python_files():
    for name in SOURCES:
        path = ROOT / name
        yield from (sorted(path.rglob("*.py")) if path.is_dir() else [path])


def _query_parameters() -> set[str]:
    """Every parameter name the code reads from a query string, found in the source, so a
    parameter added later is tested too."""
    pattern = re.compile(r"""(?:args\.get\(|args\[|_int\(args,\s*)["']([a-z_]+)["']""")
    names = {"q", "page", "per_page", "genre", "status", "city", "lang", "code", "next"}
    for path in _python_files():
        names.update(pattern.findall(path.read_text()))
    return names


def test_no_lazy_string_is_formatted_with_parameters():
    offenders = []
    for path in _python_files():
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in LAZY
                    and node.keywords):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, f"use core.i18n.lazy_text (or _()) instead of _l with parameters: {offenders}"


def _public_get_urls(app):
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or not is_public_endpoint(rule.endpoint) or rule.endpoint == "static":
            continue
        kwargs = SAMPLES[rule.endpoint]() if rule.endpoint in SAMPLES else {}
        tainted = {}
        for name, converter in rule._converters.items():
            kwargs.setdefault(name, 999999 if isinstance(converter, IntegerConverter) else "onbekend")
            if type(converter) in (UnicodeConverter, PathConverter):
                tainted[name] = PAYLOAD
        with app.test_request_context():
            from flask import url_for

            yield rule.endpoint, url_for(rule.endpoint, **kwargs)
            if tainted:
                yield rule.endpoint, url_for(rule.endpoint, **{**kwargs, **tainted})


def _unescaped(response) -> bool:
    if not response.mimetype.startswith("text/html"):
        return False  # JSON, PDF, XML: a browser does not run them as a page (nosniff)
    body = response.get_data(as_text=True).lower()
    return "<meta http-equiv" in body or "evil.example/\">" in body


def test_markup_in_every_parameter_of_every_public_page_comes_back_escaped(app, client):
    parameters = sorted(_query_parameters())
    assert {"genre", "status", "q", "city", "code"} <= set(parameters)
    failures, pages = [], 0
    for endpoint, url in _public_get_urls(app):
        pages += 1
        separator = "&" if "?" in url else "?"
        for name in parameters:
            response = client.get(f"{url}{separator}{name}={PAYLOAD}")
            if response.status_code >= 500:
                failures.append(f"{endpoint} {name}: {response.status_code}")
            elif _unescaped(response):
                failures.append(f"{endpoint} ?{name}=: markup came back unescaped")
        if PAYLOAD in url or "%3C" in url:
            response = client.get(url)
            if _unescaped(response) or response.status_code >= 500:
                failures.append(f"{endpoint} path {url}: {response.status_code}")
    assert pages > 10
    assert not failures, "\n".join(failures)


def test_the_genre_error_shows_the_typed_text_as_text(client):
    response = client.get("/register/docenten", query_string={"genre": PAYLOAD})
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "&lt;meta http-equiv=" in body
    assert "<meta http-equiv" not in body
