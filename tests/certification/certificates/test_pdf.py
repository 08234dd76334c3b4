"""The PDF: A4, both languages, diacritics and markup characters as written, and a QR code
that reads back as the verification URL."""

import io

import pypdfium2
import zxingcpp
from pypdf import PdfReader

from certification.certificates.pdf import CertificateRenderer
from core.extensions import db
from tests.certification.certificates import factories


def _pdf(client, number):
    response = client.get(f"/verify/{number}/certificaat.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert f"certificaat-{number}.pdf" in response.headers["Content-Disposition"]
    return response.data


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _qr_codes(data: bytes) -> list[str]:
    page = pypdfium2.PdfDocument(data)[0]
    return [barcode.text for barcode in zxingcpp.read_barcodes(page.render(scale=2).to_pil())]


def test_anyone_downloads_the_pdf_with_both_languages_and_every_fact(client, certificate):
    data = _pdf(client, certificate.number)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4
    text = _text(data)
    for expected in ("Dansschool Zoë & Ünal", certificate.number, "Certificaat Dans Veilig Keurmerk",
                     "Certificate number", "Geldig tot en met", "Valid until", "Hoofdlocatie", "Amsterdam",
                     "versie 1.1", "version 1.1", "De Alliantie Dans Veilig"):
        assert expected in text, expected
    fonts = [font.get_object()["/BaseFont"] for font in reader.pages[0]["/Resources"]["/Font"].values()]
    assert any("DejaVuSans" in name for name in fonts), fonts  # embedded, so every Latin letter renders


def test_the_qr_code_reads_back_as_the_verification_url(client, certificate):
    assert _qr_codes(_pdf(client, certificate.number)) == [f"http://dansveilig.test/verify/{certificate.number}"]


def test_names_are_text_not_markup(plan, client):
    certificate = factories.issue(name="Studio <b>Vet</b> & Ritme", locations=(("Zaal <1>", "’s-Hertogenbosch"),))
    text = _text(_pdf(client, certificate.number))
    assert "Studio <b>Vet</b> & Ritme" in text
    assert "Zaal <1>" in text and "’s-Hertogenbosch" in text


def test_conditions_and_a_withdrawal_show_on_the_page(plan, client):
    certificate = factories.revoked(conditions=[{"text": "Stel een tweede vertrouwenspersoon aan.",
                                                 "due_on": "2027-01-31"}])
    text = _text(_pdf(client, certificate.number))
    assert "Afgegeven met voorwaarden" in text and "Stel een tweede vertrouwenspersoon aan." in text
    assert "Let op: dit certificaat is ingetrokken" in text and "this certificate was revoked" in text


def test_the_same_certificate_gives_the_same_bytes(client, certificate):
    assert _pdf(client, certificate.number) == _pdf(client, certificate.number)


def test_many_locations_flow_onto_a_second_page_and_the_qr_still_reads(plan, app):
    locations = tuple((f"Locatie {n} met een wat langere naam", f"Plaats {n}") for n in range(40))
    certificate = factories.issue(locations=locations)
    db.session.refresh(certificate)
    _name, _type, data = CertificateRenderer().generate(certificate)
    assert len(PdfReader(io.BytesIO(data)).pages) == 2
    document = pypdfium2.PdfDocument(data)
    found = [b.text for page in document for b in zxingcpp.read_barcodes(page.render(scale=2).to_pil())]
    assert found == [f"http://dansveilig.test/verify/{certificate.number}"]


def test_without_dejavu_the_page_falls_back_to_vera(certificate, tmp_path):
    class NoDejaVu(CertificateRenderer):
        font_dir = tmp_path
        font, bold_font = "NoSuchFont", "NoSuchFont-Bold"

    _name, _type, data = NoDejaVu().generate(certificate)
    assert "Zoë & Ünal" in _text(data)


def test_an_unknown_number_has_no_pdf(client, app):
    assert client.get("/verify/DV-2026-99999/certificaat.pdf").status_code == 404


def test_conditions_at_their_longest_render_within_a_fixed_budget(plan, app):
    """Issue 12, finding 3: every condition at its maximum, of line breaks or of one long
    word, costs bounded work (a generous budget that catches quadratic blow-up)."""
    import time

    from certification.certificates.services.issuing import MAX_CONDITION_CHARS

    worst = ["x" + "\n" * (MAX_CONDITION_CHARS - 2) + "y", "w" * MAX_CONDITION_CHARS,
             "ab\n" * (MAX_CONDITION_CHARS // 3)]
    certificate = factories.issue(conditions=[{"text": worst[n % 3]} for n in range(12)],
                                  locations=tuple((f"Locatie {n} " + "x" * 80, f"Plaats {n}") for n in range(40)))
    db.session.refresh(certificate)
    started = time.perf_counter()
    _name, _type, data = CertificateRenderer().generate(certificate)
    assert time.perf_counter() - started < 20
    assert data.startswith(b"%PDF")
def test_the_pdf_is_tagged_in_dutch_with_the_qr_code_described(client, certificate):
    reader = PdfReader(io.BytesIO(_pdf(client, certificate.number)))
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "nl-NL" and bool(catalog["/MarkInfo"]["/Marked"])
    document = catalog["/StructTreeRoot"]["/K"]
    roles = [kid.get_object()["/S"] for kid in document["/K"]]
    assert roles[0] == "/H1" and "/H2" in roles and "/Figure" in roles
    figure = next(kid.get_object() for kid in document["/K"] if kid.get_object()["/S"] == "/Figure")
    assert figure["/Alt"] == f"QR-code naar http://dansveilig.test/verify/{certificate.number}"
    assert reader.pages[0]["/StructParents"] == 0


def test_a_long_school_name_stays_whole_on_the_page(plan, client):
    name = "Stichting Balletacademie en Dansvereniging Het Spiegelpaleis van Noord-Brabant"
    certificate = factories.issue(name=name)
    text = _text(_pdf(client, certificate.number))
    assert all(word in text for word in name.split())
