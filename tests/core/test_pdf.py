"""Every PDF the platform makes stands on `core.pdf`: whichever renderer made it, it embeds the
same fonts and carries the same document information (title, author, creator), a language and
the viewer preference to show the title."""

import io

import pytest
from flask_babel import refresh
from pypdf import PdfReader

from certification.certificates.pdf import CertificateRenderer
from compliance.exports import AssessmentPdf
from core import pdf
from guidance import services as guidance
from guidance.materials import PosterRenderer
from privacy.pdf import PersonalDataPdf
from reporting.exports import SectorReportPdf
from tests.certification.certificates import factories

PERSONAL_DATA = {"user": {"email": "zoe@example.nl", "name": "Zoë Ünal"}, "records": {}, "emails": [],
                 "not_included": ["wachtwoord"]}
FIGURES = {"year": 2026, "suppressed_below": 5, "tables": []}


@pytest.fixture
def certificate(app):
    factories.published_plan()
    return factories.issue(name="Dansschool Zoë & Ünal")


def _renders(certificate) -> dict[str, bytes]:
    return {
        "certificate": CertificateRenderer().generate(certificate)[2],
        "poster": PosterRenderer("nl", guidance.contacts()).generate(certificate)[2],
        "assessment": AssessmentPdf().generate(certificate.assessment)[2],
        "sector report": SectorReportPdf().generate(FIGURES)[2],
        "personal data": PersonalDataPdf().generate(PERSONAL_DATA)[2],
    }


def _font_names(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])  # without a subset tag
    return names


def test_every_renderer_gives_the_same_fonts_and_document_information(app, certificate):
    regular, bold = pdf.fonts()
    with app.test_request_context("/"):
        renders = _renders(certificate)
    for name, data in renders.items():
        reader = PdfReader(io.BytesIO(data))
        info, catalog = reader.metadata, reader.trailer["/Root"]
        assert info.title, name
        assert info.author == pdf.author(), name
        assert info.creator == pdf.CREATOR and info["/Subject"] == pdf.CREATOR, name
        assert catalog["/Lang"] == "nl-NL", name
        assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"]), name
        fonts = _font_names(reader)
        assert regular in fonts and fonts <= {regular, bold}, (name, fonts)


def test_the_language_follows_the_visitor_unless_the_renderer_fixes_it(app, certificate):
    with app.test_request_context("/?lang=en"):
        refresh()  # the app context the fixture pushed has the locale of the last request
        personal = PdfReader(io.BytesIO(PersonalDataPdf().generate(PERSONAL_DATA)[2]))
        certificate_pdf = PdfReader(io.BytesIO(CertificateRenderer().generate(certificate)[2]))
    assert personal.trailer["/Root"]["/Lang"] == "en-GB"
    assert certificate_pdf.trailer["/Root"]["/Lang"] == "nl-NL"  # the certificate is Dutch with English beside it


def test_without_dejavu_every_document_falls_back_to_the_same_embedded_font(tmp_path):
    assert pdf.fonts(tmp_path, "NoSuchFont", "NoSuchFont-Bold") == (pdf.FALLBACK_FONT, pdf.FALLBACK_BOLD_FONT)
