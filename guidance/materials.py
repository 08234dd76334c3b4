"""What a certified school hangs on its wall and puts on its website: an A4 poster (nl or en)
with the emblem, the school's confidential advisor, where to report and a QR code to the
school's public page; and a badge (SVG) that shows the certificate's live status. Both are
made on request from the register, so they change the moment the certificate does."""

import io
from datetime import date
from functools import cached_property
from xml.sax.saxutils import escape

from babel.dates import format_date
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from certification.certificates.models import Certificate, CertificateStatus
from certification.certificates.pdf import CertificateRenderer, Style
from certification.certificates.tagging import TaggedCanvas
from compliance.vocabulary import reporting_points
from core import emblem, pdf
from guidance.content import Contact

STATUS_WORDS = {
    CertificateStatus.active: {"nl": "Geldig tot {date}", "en": "Valid until {date}"},
    CertificateStatus.suspended: {"nl": "Geschorst", "en": "Suspended"},
    CertificateStatus.revoked: {"nl": "Ingetrokken", "en": "Revoked"},
    CertificateStatus.expired: {"nl": "Verlopen", "en": "Expired"},
}
STATUS_COLOURS = {CertificateStatus.active: "#1e6b34", CertificateStatus.suspended: "#8a5300",
                  CertificateStatus.revoked: "#b3003c", CertificateStatus.expired: "#4a4a5e"}
_LOCALES = {"nl": "nl_NL", "en": "en_GB"}


def status_line(certificate: Certificate, language: str, on: date | None = None) -> str:
    status = certificate.effective_status(on) if on else certificate.effective_status()
    return STATUS_WORDS[status][language].format(
        date=format_date(certificate.valid_until, "d MMM yyyy", locale=_LOCALES[language]))


def badge_svg(certificate: Certificate, language: str) -> str:
    """A 240 × 64 badge: the emblem, the mark's name, the live status and the number."""
    status = certificate.effective_status()
    line, colour = status_line(certificate, language), STATUS_COLOURS[status]
    label = {"nl": "Dans Veilig Keurmerk", "en": "Dans Veilig quality mark"}[language]
    title = escape(f"{label}: {line} ({certificate.number})")
    mark = emblem.svg().split("\n", 2)[2].rsplit("</svg>", 1)[0]  # the shapes without the outer <svg>
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="240" height="64" viewBox="0 0 240 64" role="img" '
            f'aria-label="{title}" lang="{language}"><title>{title}</title>'
            f'<rect x="1" y="1" width="238" height="62" rx="8" fill="#ffffff" stroke="#5b2a86" stroke-width="2"/>'
            f'<g transform="translate(6 6) scale(0.8125)">{mark}</g>'
            f'<g font-family="DejaVu Sans, Verdana, Arial, sans-serif">'
            f'<text x="64" y="23" font-size="13" font-weight="700" fill="#1b1b2f">{escape(label)}</text>'
            f'<text x="64" y="41" font-size="13" font-weight="700" fill="{colour}">{escape(line)}</text>'
            f'<text x="64" y="56" font-size="10.5" fill="#4a4a5e">{escape(certificate.number)}</text></g></svg>')


POSTER_TEXT = {
    "nl": {"title": "Voel je je niet veilig?", "subtitle": "Praat erover. Het is nooit jouw schuld.",
           "advisor": "Onze vertrouwenspersoon", "advisor_help": "Luistert naar je en vertelt niets door zonder "
           "dat jij dat wilt.", "no_advisor": "Vraag op de school wie de vertrouwenspersoon is.",
           "outside": "Hulp en melden buiten de school", "danger": "Direct gevaar? Bel 112.",
           "scan": "Scan voor onze pagina in het register van Dans Veilig:",
           "mark": "Deze school heeft het Dans Veilig Keurmerk · certificaat {number} · {status}",
           "no_mark": "Het keurmerk van deze school: {status} · certificaat {number}"},
    "en": {"title": "Don't feel safe?", "subtitle": "Talk about it. It is never your fault.",
           "advisor": "Our confidential advisor", "advisor_help": "Listens to you and tells nobody unless you "
           "want that.", "no_advisor": "Ask at the school who the confidential advisor is.",
           "outside": "Help and reporting outside the school", "danger": "Danger right now? Call 112.",
           "scan": "Scan for our page in the Dans Veilig register:",
           "mark": "This school holds the Dans Veilig quality mark · certificate {number} · {status}",
           "no_mark": "This school's quality mark: {status} · certificate {number}"},
}
POSTER_CONTACTS = ("kindertelefoon", "veilig_thuis", "politie")


class PosterRenderer(CertificateRenderer):
    """`generate(certificate, language, contacts) -> (filename, mimetype, bytes)`: one A4
    page, tagged, in the language asked for."""

    qr_size = 42 * mm

    def __init__(self, language: str, contacts: dict[str, Contact], base_url: str | None = None):
        super().__init__(base_url=base_url, issuer="-")
        self.language, self.contacts = language, contacts

    def text(self, canvas, style: str, value: str, y: float, role: str = "P", centre: bool = False) -> float:
        lines = self.lines(style, value, self.width - (8 * mm if centre else 0))
        with canvas.tagged(role):
            if centre:
                return self.draw_centred(canvas, style, lines, y)
            return self.draw_lines(canvas, style, lines, self.margin, y)

    def generate(self, certificate: Certificate) -> tuple[str, str, bytes]:
        words, language, school = POSTER_TEXT[self.language], self.language, certificate.school
        status = certificate.effective_status()
        buffer = io.BytesIO()
        canvas = TaggedCanvas(buffer, pagesize=A4, invariant=1, pageCompression=1, lang=pdf.language_tag(language))
        pdf.describe(canvas, f"{words['title']} · {school.name}")
        width, height = self.pagesize
        with canvas.artifact():
            canvas.setFillColor(colors.HexColor(emblem.PURPLE))
            canvas.rect(0, height - 70 * mm, width, 70 * mm, stroke=0, fill=1)
            if status.is_active:
                emblem.draw(canvas, (width - 30 * mm) / 2, height - 36 * mm, 30 * mm)
        y = height - 40 * mm
        for style, value, role in (("poster-title", words["title"], "H1"), ("poster-sub", words["subtitle"], "P")):
            y = self.text(canvas, style, value, y, role, centre=True)
        y = height - 82 * mm
        y = self.text(canvas, "school", school.name, y, "H2", centre=True) - 8
        y = self.text(canvas, "heading", words["advisor"], y, "H3") - 2
        if school.advisor_name:
            details = [school.advisor_name, *(v for v in (school.advisor_phone, school.advisor_email) if v)]
            y = self.text(canvas, "poster-big", " · ".join(details), y)
            y = self.text(canvas, "body", words["advisor_help"], y)
        else:
            y = self.text(canvas, "body", words["no_advisor"], y)
        y = self.text(canvas, "heading", words["outside"], y - 12, "H3") - 2
        points = [self.contacts[p["code"]] for p in reporting_points(school.school_type) if p["code"] in self.contacts]
        for contact in [*points, *(self.contacts[key] for key in POSTER_CONTACTS if key in self.contacts)]:
            reach = " · ".join(v for v in (contact.phone, contact.url.removeprefix("https://")) if v)
            y = self.text(canvas, "label", f"{contact.name[language]}: {reach}", y)
            y = self.text(canvas, "english", contact.purpose[language], y) - 3
        y = self.text(canvas, "poster-danger", words["danger"], y - 10)
        url = f"{self.base_url}/register/scholen/{school.id}"
        with canvas.tagged("Figure", alt=url):
            self.draw_qr(canvas, url, self.margin, 30 * mm + self.qr_size)
        text_x, text_width = self.margin + self.qr_size + 8 * mm, self.width - self.qr_size - 8 * mm
        with canvas.tagged("P"):
            bottom = self.draw_lines(canvas, "body", self.lines("body", words["scan"], text_width), text_x,
                                     30 * mm + self.qr_size - 10)
            self.draw_lines(canvas, "url", self.lines("url", url, text_width), text_x, bottom)
        line = (words["mark"] if status.is_active else words["no_mark"]).format(
            number=certificate.number, status=status_line(certificate, language))
        self.text(canvas, "footer-strong", line, 22 * mm, centre=True)
        canvas.showPage()
        canvas.save()
        return f"poster-{certificate.number}-{language}.pdf", pdf.PDF_MIMETYPE, buffer.getvalue()

    @cached_property
    def styles(self) -> dict[str, Style]:
        regular, bold = self.fonts
        return {**CertificateRenderer.styles.func(self),
                "poster-title": Style(bold, 34, 40, colors.white),
                "poster-sub": Style(regular, 16, 22, colors.white),
                "poster-big": Style(bold, 15, 20, self.ink),
                "poster-danger": Style(bold, 20, 26, self.warning),
                "footer-strong": Style(bold, 9.5, 12, self.brand)}
