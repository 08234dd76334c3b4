"""Every page the access test knows, as each role that may open it, in a real browser:
axe-core finds no serious or critical WCAG 2.1 AA violation at 320 px and at 1280 px, and
no page scrolls sideways at 320 px.

One browser page per role is reused for all its pages, and a page that several roles may
open is checked once (as the first role that may), which keeps the run short."""

from flask import url_for
from werkzeug.routing import IntegerConverter

from accounts.models import Role
from tests.access_kit import ROLES
from tests.kit import DEFAULT_PASSWORD, make_user
from tests.test_access import RULES, SAMPLES

SERIOUS = ("serious", "critical")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SKIP = {"static", "accounts.logout"}  # not pages


def _serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
    return [f"{v['id']} ({v['impact']}, {len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
            for v in results.response["violations"] if v.get("impact") in SERIOUS]


WIDEST = """() => Array.from(document.querySelectorAll('body *'))
  .filter(el => el.getBoundingClientRect().right > 320 || el.scrollWidth > 320)
  .slice(-6).map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className ? '.' + el.className : ''))
  .join(', ')"""


def _pages(app):
    """(endpoint, url) of every GET page, with sample objects where the access test has them."""
    pages = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in SKIP or rule.rule.startswith(("/api/", "/.well-known",
                                                                                         "/credentials")):
            continue
        if rule.endpoint not in RULES:
            continue
        kwargs = SAMPLES[rule.endpoint]() if rule.endpoint in SAMPLES else {
            name: 999999 if isinstance(conv, IntegerConverter) else "onbekend"
            for name, conv in rule._converters.items()}
        with app.test_request_context():
            pages.append((rule.endpoint, url_for(rule.endpoint, **kwargs)))
    return pages


def _log_in(page, user):
    page.goto("/login")
    page.fill("#email", user.email)
    page.fill("#password", DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/start")


def test_every_page_passes_axe_and_fits_320px_for_every_role(page, app):
    pages = _pages(app)
    seen, failures = set(), []
    for role in ROLES:
        page.context.clear_cookies()
        if role is not None:
            _log_in(page, make_user(roles=(role,)))
        for endpoint, url in pages:
            if not RULES[endpoint].allows(role) or url in seen:
                continue
            seen.add(url)
            head = page.request.head(url)  # files and JSON are not pages
            if "text/html" not in (head.headers.get("content-type") or ""):
                continue
            page.set_viewport_size({"width": 1280, "height": 800})
            page.goto(url)
            who = role.value if role else "anonymous"
            failures += [f"{who} {url} 1280px: {v}" for v in _serious(page)]
            page.set_viewport_size({"width": 320, "height": 640})
            if page.evaluate("document.documentElement.scrollWidth") > 320:
                failures.append(f"{who} {url}: scrolls sideways at 320 px ({page.evaluate(WIDEST)})")
            failures += [f"{who} {url} 320px: {v}" for v in _serious(page)]
    assert not failures, "\n".join(failures)
    assert len(seen) > 40  # the walk really walked
    assert Role.admin in ROLES
