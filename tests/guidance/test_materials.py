"""The poster a certified school hangs up and the badge it embeds: both follow the
certificate's status as it changes."""

import io
import xml.etree.ElementTree as ET

import pypdfium2
import zxingcpp
from pypdf import PdfReader

from tests.certification.certificates import factories


def _text(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_badge_shows_the_live_status(client, plan):
    certificate = factories.issue()
    response = client.get(f"/verify/{certificate.number}/badge.svg")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    svg = ET.fromstring(response.data)  # noqa: S314  (our own output, parsed to prove it is well-formed)
    title = svg.find("{http://www.w3.org/2000/svg}title").text
    assert title.startswith("Dans Veilig Keurmerk: Geldig tot") and certificate.number in title
    from certification.certificates import services

    services.suspend_certificate(certificate, factories.make_admin(), "non_compliance", "Klacht wordt onderzocht.")
    body = client.get(f"/verify/{certificate.number}/badge.svg").get_data(as_text=True)
    assert "Geschorst" in body and "Geldig tot" not in body
    english = client.get(f"/verify/{certificate.number}/badge.svg?lang=en").get_data(as_text=True)
    assert "Suspended" in english and 'lang="en"' in english


def test_an_unknown_number_has_no_badge(client, app):
    assert client.get("/verify/DV-2026-99999/badge.svg").status_code == 404


def test_the_poster_names_the_advisor_and_where_to_report_and_links_the_school(client, plan):
    certificate = factories.issue(name="Dansschool De Pirouette")
    response = client.get(f"/register/scholen/{certificate.school_id}/poster-nl.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = _text(response.data)
    for expected in ("Voel je je niet veilig?", "Dansschool De Pirouette", "Vera Vertrouwen", "030 123 45 67",
                     "Mores", "0800-0432", "0800-2000", "0900-8844", "112", certificate.number):
        assert expected in text, expected
    page = pypdfium2.PdfDocument(response.data)[0]
    codes = [code.text for code in zxingcpp.read_barcodes(page.render(scale=2).to_pil())]
    assert codes == [f"http://dansveilig.test/register/scholen/{certificate.school_id}"]
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 1 and reader.trailer["/Root"]["/Lang"] == "nl-NL"


def test_the_english_poster_is_in_english(client, plan):
    certificate = factories.issue()
    data = client.get(f"/register/scholen/{certificate.school_id}/poster-en.pdf").data
    text = _text(data)
    assert "Don't feel safe?" in text and "Our confidential advisor" in text
    assert PdfReader(io.BytesIO(data)).trailer["/Root"]["/Lang"] == "en-GB"


def test_a_revoked_schools_poster_no_longer_claims_the_mark(client, plan):
    certificate = factories.revoked()
    text = _text(client.get(f"/register/scholen/{certificate.school_id}/poster-nl.pdf").data)
    assert "Ingetrokken" in text and "heeft het Dans Veilig Keurmerk" not in text
    assert "Vera Vertrouwen" in text  # where to go stays on the wall


def test_no_poster_for_a_school_outside_the_register_or_an_unknown_language(client, plan):
    school = factories.make_school()
    assert client.get(f"/register/scholen/{school.id}/poster-nl.pdf").status_code == 404
    certificate = factories.issue()
    assert client.get(f"/register/scholen/{certificate.school_id}/poster-de.pdf").status_code == 404


def test_the_schools_certificate_page_offers_the_posters_and_the_badge_snippet(client, plan, login):
    from accounts.models import Role

    certificate = factories.issue()
    login(Role.admin)
    body = client.get(f"/scholen/{certificate.school_id}/certificaten").get_data(as_text=True)
    assert f'href="/register/scholen/{certificate.school_id}/poster-nl.pdf"' in body
    assert f'href="/register/scholen/{certificate.school_id}/poster-en.pdf"' in body
    snippet = (f'&lt;a href="http://dansveilig.test/verify/{certificate.number}"&gt;&lt;img '
               f'src="http://dansveilig.test/verify/{certificate.number}/badge.svg"')
    assert snippet in body
