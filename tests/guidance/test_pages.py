"""The public step plans: one per audience, in both languages, with every number a tel:
link and every organisation a link, the quick exit, and links from where people look."""

import re

import pytest

from guidance import content
from guidance.models import Audience
from guidance.readability import check

AUDIENCES = [audience.value for audience in Audience]


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_audience_has_a_page_in_both_languages(client, audience, lang):
    client.post("/taal", data={"lang": lang, "next": "/"})
    response = client.get(f"/melden/{audience}")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    title = content.shipped_page(Audience(audience)).title[lang]
    assert f"<h1>{title}</h1>" in body.replace("&#39;", "'")
    assert f'<html lang="{lang}">' in body


@pytest.mark.parametrize("audience", AUDIENCES)
def test_phone_numbers_are_tel_links_and_organisations_are_links(client, audience):
    body = client.get(f"/melden/{audience}").get_data(as_text=True)
    article = body[body.index("<article"):body.index("</article>")]
    text_only = re.sub(r"<a [^>]*>.*?</a>", "", article)
    assert not re.search(r"\b0[89]00-?\d{4}\b|\b112\b", text_only), "a phone number outside a link"
    for name in ("Mores", "Centrum Veilige Sport Nederland", "Veilig Thuis"):
        assert name not in re.sub(r"<[^>]+>", "", text_only), f"{name} named without a link"
    assert "[[" not in article


def test_the_childrens_page_links_the_kindertelefoon_and_112(client):
    body = client.get("/melden/kinderen").get_data(as_text=True)
    assert '<a href="tel:08000432" class="tel">0800-0432</a>' in body
    assert '<a href="https://www.kindertelefoon.nl"' in body
    assert '<a href="tel:112" class="tel">112</a>' in body


@pytest.mark.parametrize("audience", ["kinderen", "jongeren"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_shipped_pages_for_children_and_young_dancers_meet_their_reading_level(app, audience, lang):
    audience = Audience(audience)
    page = content.shipped_page(audience)
    text = content.plain_text(page.body[lang], content.shipped_contacts(), lang)
    result = check(text, lang, audience.reading_level)
    assert result.ok, f"{result.measure} {result.score:.1f} (target {result.target}): {result.longest}"


def test_the_childrens_page_in_dutch_stays_at_lix_30_or_below(app):
    text = content.plain_text(content.shipped_page(Audience.kinderen).body["nl"], content.shipped_contacts(), "nl")
    assert check(text, "nl", "child").score <= 30


def test_the_quick_exit_is_a_plain_link_and_its_script_is_a_file(client):
    body = client.get("/melden/kinderen").get_data(as_text=True)
    assert re.search(r'<a class="quick-exit" href="https://[^"]+" data-quick-exit', body)
    assert '<script src="/static/js/quick-exit.js" defer></script>' in body
    assert "<script>" not in body  # the CSP allows no inline script
    assert client.get("/static/js/quick-exit.js").status_code == 200


@pytest.mark.parametrize("url", ["/melden", "/"])
def test_melden_and_the_home_page_link_every_audience(client, url):
    body = client.get(url).get_data(as_text=True)
    for audience in AUDIENCES:
        assert f'href="/melden/{audience}"' in body


def test_melden_links_the_wegwijzer_and_calls(client):
    body = client.get("/melden").get_data(as_text=True)
    assert 'href="/melden/wegwijzer"' in body
    for number in ("tel:112", "tel:08000432", "tel:08002000", "tel:09008844"):
        assert f'href="{number}"' in body


def test_a_schools_public_page_links_every_audience(client, certified_school):
    body = client.get(f"/register/scholen/{certified_school.id}").get_data(as_text=True)
    for audience in AUDIENCES:
        assert f'href="/melden/{audience}"' in body
    assert 'href="tel:112"' in body


def test_an_unknown_audience_is_not_found(client):
    assert client.get("/melden/iedereen").status_code == 404


@pytest.mark.parametrize("slug", ["contact", "privacy", "toegankelijkheid", "colofon"])
def test_the_footer_pages_exist_and_are_linked_from_every_page(client, slug):
    assert client.get(f"/over/{slug}").status_code == 200
    assert f'href="/over/{slug}"' in client.get("/").get_data(as_text=True)


def test_the_active_menu_item_is_marked(client):
    body = client.get("/melden/ouders").get_data(as_text=True)
    assert 'href="/melden" aria-current="true"' in body
    assert 'href="/melden/ouders" aria-current="page"' in body
    assert 'href="/melden" aria-current="page"' in client.get("/melden").get_data(as_text=True)
    assert 'href="/over/privacy" aria-current="page"' in client.get("/over/privacy").get_data(as_text=True)


def test_every_page_has_the_emblem_and_favicon(client):
    body = client.get("/").get_data(as_text=True)
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in body
    assert 'src="/static/img/emblem.svg"' in body
    assert client.get("/static/favicon.svg").status_code == 200


def test_the_emblem_files_are_drawn_from_the_same_geometry_as_the_pdfs():
    from core import emblem

    assert (emblem.STATIC / "img" / "emblem.svg").read_text(encoding="utf-8") == emblem.svg()
    assert (emblem.STATIC / "favicon.svg").read_text(encoding="utf-8") == emblem.svg()
