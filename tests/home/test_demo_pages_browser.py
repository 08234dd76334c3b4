"""The pages real users see, with the demo's data: each demo user starts on their home and
follows its links and the menu (two clicks deep, each kind of page once). No serious or
critical axe-core violation at 320 px or 1280 px, no sideways scroll at 320 px, no
repeated element id."""

import re

import pytest

from tests.home.test_every_page_browser import WIDEST, _serious

USERS = ("admin@demo.dansveilig.nl", "assessor1@demo.dansveilig.nl", "eigenaar@demo.dansveilig.nl",
         "docent@demo.dansveilig.nl")
LINKS = """() => Array.from(document.querySelectorAll('a[href^="/"]')).map(a => a.getAttribute('href'))"""
# Hidden inputs (the CSRF token of each form) have no label to lose; every other id is unique.
DUPLICATE_IDS = """() => {
  const ids = Array.from(document.querySelectorAll('[id]:not(input[type=hidden])')).map(e => e.id);
  return ids.filter((id, i) => ids.indexOf(id) !== i); }"""
NOT_PAGES = re.compile(r"^/(static|api|verify/[^/]+/certificaat|credentials|\.well-known)|\.(pdf|xlsx|csv)(\?|$)"
                       r"|/bestand|/bewijs/|/export|/rapport/|#")


@pytest.fixture(autouse=True)
def _own_evidence_dir(evidence_dir):
    return evidence_dir


def _kind(path: str) -> str:
    return re.sub(r"\d+", "N", path.split("?")[0])


def test_demo_users_pages_pass_axe_and_fit_a_phone(page, runner):
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    failures, kinds = [], set()
    for email in USERS:
        page.context.clear_cookies()
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto("/login")
        page.fill("#email", email)
        page.fill("#password", "demo-password")
        page.locator("main form button[type=submit]").click()
        page.wait_for_url("**/start")
        queue, depth = ["/start"], {"/start": 0}
        while queue:
            path = queue.pop(0)
            if _kind(path) in kinds:
                continue
            kinds.add(_kind(path))
            page.set_viewport_size({"width": 1280, "height": 800})
            response = page.goto(path)
            kind = response.headers.get("content-type", "") if response is not None else ""
            if response is None or response.status >= 400 or "text/html" not in kind:
                continue
            failures += [f"{email} {path} 1280px: {v}" for v in _serious(page)]
            failures += [f"{email} {path}: repeated id {i}" for i in set(page.evaluate(DUPLICATE_IDS))]
            if depth[path] < 2:
                for link in page.evaluate(LINKS):
                    if link not in depth and not NOT_PAGES.search(link) and "/uitloggen" not in link:
                        depth[link] = depth[path] + 1
                        queue.append(link)
            page.set_viewport_size({"width": 320, "height": 640})
            if page.evaluate("document.documentElement.scrollWidth") > 320:
                failures.append(f"{email} {path}: scrolls sideways at 320 px ({page.evaluate(WIDEST)})")
            failures += [f"{email} {path} 320px: {v}" for v in _serious(page)]
    assert not failures, "\n".join(failures)
    assert len(kinds) > 30
