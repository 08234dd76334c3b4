"""The certificate as a PDF: one A4 page a school frames, in Dutch with English where it
helps, with the emblem, the school's name large and centred, and a QR code that leads to the
public verification page. A tagged PDF with its language set (see `tagging`).

Rendered on demand from the certificate's row, so nothing needs storing: the same
certificate gives the same bytes, and a certificate that is no longer valid says so on the
page itself. The QR code is the proof; the paper is only a copy.

Drawn straight on the canvas (no Platypus) and the QR code as vector squares: a certificate
takes a few milliseconds (`python -m bench.certificates`). Text is drawn as text, never
parsed as markup, so a name like "Zoë & Ünal <Noord>" comes out exactly as written.
"""

import io
from dataclasses import dataclass
from functools import cached_property

import segno
from babel.dates import format_date
from flask import current_app
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics

from certification.certificates.models import Certificate, CertificateStatus
from certification.certificates.tagging import TaggedCanvas
from core import emblem, pdf
from core.pdf import PDF_MIMETYPE

_NOTICES = {
    CertificateStatus.suspended: ("Let op: dit certificaat is geschorst sinds {nl}.",
                                  "Note: this certificate has been suspended since {en}."),
    CertificateStatus.revoked: ("Let op: dit certificaat is ingetrokken op {nl}.",
                                "Note: this certificate was revoked on {en}."),
    CertificateStatus.expired: ("Let op: dit certificaat is verlopen op {nl}.",
                                "Note: this certificate expired on {en}."),
}


@dataclass(frozen=True)
class Style:
    font: str
    size: float
    leading: float
    color: object


class CertificateRenderer:
    """`generate(certificate) -> (filename, mimetype, bytes)`.

    `story()` lists what goes on the page, top to bottom, as (kind, ...) blocks; `draw_*`
    put each kind on the canvas; `decorate()` draws the frame and footer of every page.
    Fonts, colours and metadata are the platform's (`core.pdf`)."""

    pagesize = A4
    margin = 22 * mm
    font_dir, font, bold_font = pdf.FONT_DIR, pdf.FONT, pdf.BOLD_FONT
    brand, ink, muted, rule, warning = pdf.BRAND, pdf.INK, pdf.MUTED, pdf.RULE, pdf.WARNING
    qr_size = 36 * mm
    label_share = 0.32

    def __init__(self, base_url: str | None = None, issuer: str | None = None):
        self.base_url = (base_url or current_app.config["BASE_URL"]).rstrip("/")
        self.issuer = issuer or pdf.author()
        self.width = self.pagesize[0] - 2 * self.margin

    # --- fonts and styles ----------------------------------------------------------------------

    @cached_property
    def fonts(self) -> tuple[str, str]:
        return pdf.fonts(self.font_dir, self.font, self.bold_font)

    @cached_property
    def styles(self) -> dict[str, Style]:
        regular, bold = self.fonts
        return {
            "body": Style(regular, 10.5, 14, self.ink),
            "english": Style(regular, 9.5, 12.5, self.muted),
            "title": Style(bold, 22, 27, self.brand),
            "subtitle": Style(regular, 12, 16, self.muted),
            "school": Style(bold, 30, 36, self.ink),
            "validity": Style(bold, 12, 16, self.brand),
            "label": Style(bold, 9.5, 12.5, self.ink),
            "heading": Style(bold, 12, 16, self.brand),
            "notice": Style(bold, 12, 16, self.warning),
            "url": Style(regular, 9.5, 12.5, self.brand),
            "footer": Style(regular, 8, 10, self.muted),
        }

    # --- what goes on the page -------------------------------------------------------------------

    @staticmethod
    def dates(day) -> tuple[str, str]:
        return format_date(day, "long", locale="nl_NL"), format_date(day, "long", locale="en_GB")

    def verification_url(self, certificate: Certificate) -> str:
        return f"{self.base_url}/verify/{certificate.number}"

    @staticmethod
    def place(item: dict) -> str:
        town = " ".join(filter(None, (item.get("postcode"), item.get("city"))))
        return ", ".join(part for part in (item.get("name"), item.get("address"), town) if part)

    def facts(self, certificate: Certificate) -> list[tuple[str, str, list[tuple[str, str]]]]:
        """(Dutch label, English label, [(style, text), ...]) per row."""
        plan = certificate.plan
        issued = self.dates(certificate.issued_on)
        places = [("body", self.place(item)) for item in certificate.scope or []] or [("body", "–")]
        plan_nl = f"{plan.title.get('nl', plan.code)}, versie {plan.version}"
        return [
            ("Certificaatnummer", "Certificate number", [("body", certificate.number)]),
            ("Afgegeven op", "Issued on", [("body", issued[0])]),
            ("Locaties", "Locations in scope", places),
            ("Kwaliteitsplan", "Quality plan", [("body", plan_nl)]),
            ("Uitgegeven door", "Issuer", [("body", self.issuer)]),
        ]

    def notice(self, certificate: Certificate) -> list[tuple]:
        status = certificate.effective_status()
        if status not in _NOTICES:
            return []
        nl, en = self.dates(certificate.effective_status_changed_on())
        dutch, english = _NOTICES[status]
        return [("notice", [dutch.format(nl=nl), english.format(en=en)])]

    def conditions(self, certificate: Certificate) -> list[tuple]:
        if not certificate.conditions:
            return []
        story = [("space", 10), ("text", "heading", "Afgegeven met voorwaarden"),
                 ("text", "english", "Issued with conditions"), ("space", 3)]
        for item in certificate.conditions:
            due = f" (uiterlijk / by {item['due_on']})" if item.get("due_on") else ""
            story.append(("text", "body", f"•  {item.get('text', '')}{due}"))
        return story

    def story(self, certificate: Certificate) -> list[tuple]:
        plan = certificate.plan
        title_nl, title_en = plan.title.get("nl", plan.code), plan.title.get("en", plan.code)
        valid_nl, valid_en = self.dates(certificate.valid_until)
        return [
            *self.notice(certificate),
            ("emblem", 24 * mm),
            ("space", 8),
            ("centre", "title", "Certificaat Dans Veilig Keurmerk", "H1"),
            ("centre", "subtitle", "Certificate · Dans Veilig quality mark", "P"),
            ("space", 16),
            ("centre", "body", f"{self.issuer} verklaart dat", "P"),
            ("space", 8),
            ("centre", "school", certificate.school.name, "H2"),
            ("space", 8),
            ("centre", "body", f"voldoet aan het {title_nl}, versie {plan.version}.", "P"),
            ("centre", "english", f"meets the {title_en}, version {plan.version}.", "P"),
            ("space", 8),
            ("centre", "validity", f"Geldig tot en met {valid_nl}", "P"),
            ("centre", "english", f"Valid until {valid_en}", "P"),
            ("space", 16),
            ("facts", self.facts(certificate)),
            *self.conditions(certificate),
            ("space", 14),
            ("verification", self.verification_url(certificate)),
        ]

    # --- drawing ---------------------------------------------------------------------------------

    def lines(self, style: str, text: str, width: float) -> list[str]:
        s = self.styles[style]
        return simpleSplit(str(text), s.font, s.size, width) or [""]

    def draw_lines(self, canvas, style: str, lines: list[str], x: float, y: float) -> float:
        """Draw from the top at `y`; return the y below the last line."""
        s = self.styles[style]
        canvas.setFont(s.font, s.size)
        canvas.setFillColor(s.color)
        for line in lines:
            y -= s.leading
            canvas.drawString(x, y + (s.leading - s.size) * 0.6, line)
        return y

    def draw_notice(self, canvas, y: float, texts: list[str]) -> float:
        style = self.styles["notice"]
        lines = [line for text in texts for line in self.lines("notice", text, self.width - 16)]
        height = len(lines) * style.leading + 12
        canvas.setStrokeColor(self.warning)
        canvas.setLineWidth(1.5)
        canvas.rect(self.margin, y - height, self.width, height, stroke=1, fill=0)
        self.draw_lines(canvas, "notice", lines, self.margin + 8, y - 6)
        return y - height - 14

    def draw_facts(self, canvas, y: float, rows) -> float:
        label_width = self.width * self.label_share
        value_x, value_width = self.margin + label_width, self.width - label_width
        canvas.setStrokeColor(self.rule)
        canvas.setLineWidth(0.4)
        for dutch, english, values in rows:
            y = self.page_room(canvas, y, 40)
            with canvas.tagged("P"):
                bottom_label = self.draw_lines(canvas, "english", [english], self.margin,
                                               self.draw_lines(canvas, "label", [dutch], self.margin, y))
            bottom_value = y
            with canvas.tagged("P"):
                for style, text in values:
                    bottom_value = self.draw_lines(canvas, style, self.lines(style, text, value_width - 4), value_x,
                                                   bottom_value)
            y = min(bottom_label, bottom_value) - 5
            with canvas.artifact():
                canvas.line(self.margin, y, self.margin + self.width, y)
            y -= 4
        return y

    def draw_qr(self, canvas, url: str, x: float, y: float) -> None:
        """The QR code as filled squares: one rectangle per run of dark modules in a row, in
        a coordinate system of one unit per module (whole numbers are quick to write)."""
        matrix = segno.make(url, error="m", micro=False, mask=0).matrix
        size = len(matrix)
        module = self.qr_size / size
        canvas.saveState()
        canvas.translate(x, y - self.qr_size)
        canvas.scale(module, module)
        path = canvas.beginPath()
        for row_index, row in enumerate(matrix):
            bottom = size - row_index - 1
            column = 0
            while column < size:
                if row[column]:
                    start = column
                    while column < size and row[column]:
                        column += 1
                    path.rect(start, bottom, column - start, 1)
                else:
                    column += 1
        canvas.setFillColor(colors.black)
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.restoreState()

    def draw_verification(self, canvas, y: float, url: str) -> float:
        y = self.page_room(canvas, y, self.qr_size + 8)
        with canvas.tagged("Figure", alt=f"QR-code naar {url}"):
            self.draw_qr(canvas, url, self.margin, y)
        text_x = self.margin + self.qr_size + 8 * mm
        text_width = self.width - self.qr_size - 8 * mm
        blocks = [("body", "Controleer of dit certificaat geldig is: scan de QR-code of ga naar"),
                  ("english", "Check that this certificate is valid: scan the QR code or go to"), ("url", url)]
        wrapped = [(style, self.lines(style, text, text_width)) for style, text in blocks]
        height = sum(len(lines) * self.styles[style].leading for style, lines in wrapped) + 4
        text_y = y - (self.qr_size - height) / 2
        for style, lines in wrapped:
            with canvas.tagged("P"):
                text_y = self.draw_lines(canvas, style, lines, text_x, text_y - (4 if style == "url" else 0))
        return y - self.qr_size

    def page_room(self, canvas, y: float, needed: float) -> float:
        """Start a new page when fewer than `needed` points are left."""
        if y - needed >= self.margin + 6 * mm:
            return y
        canvas.showPage()
        self.decorate(canvas)
        return self.pagesize[1] - self.margin

    def fit_school_name(self, name: str) -> str:
        """The school's name on one line where it fits at 20 pt or more (a style made to measure
        and kept), else wrapped at the largest size."""
        school = self.styles["school"]
        width = pdfmetrics.stringWidth(name, school.font, school.size)
        room = self.width - 8 * mm
        if width <= room:
            return "school"
        size = max(20, int(school.size * room / width))
        key = f"school-{size}"
        self.styles.setdefault(key, Style(school.font, size, size * 1.2, school.color))
        return key

    def draw_centred(self, canvas, style: str, lines: list[str], y: float) -> float:
        s = self.styles[style]
        canvas.setFont(s.font, s.size)
        canvas.setFillColor(s.color)
        for line in lines:
            y -= s.leading
            canvas.drawCentredString(self.pagesize[0] / 2, y + (s.leading - s.size) * 0.6, line)
        return y

    def draw_story(self, canvas, story: list[tuple]) -> None:
        y = self.pagesize[1] - self.margin
        for kind, *payload in story:
            if kind == "space":
                y -= payload[0]
            elif kind == "emblem":
                with canvas.artifact():
                    emblem.draw(canvas, (self.pagesize[0] - payload[0]) / 2, y - payload[0], payload[0])
                y -= payload[0]
            elif kind == "centre":
                style, text, role = payload
                if style == "school":
                    style = self.fit_school_name(text)
                lines = self.lines(style, text, self.width - 8 * mm)
                y = self.page_room(canvas, y, len(lines) * self.styles[style].leading)
                with canvas.tagged(role):
                    y = self.draw_centred(canvas, style, lines, y)
            elif kind == "text":
                style, text = payload
                lines = self.lines(style, text, self.width)
                y = self.page_room(canvas, y, len(lines) * self.styles[style].leading)
                with canvas.tagged("H3" if style == "heading" else "P"):
                    y = self.draw_lines(canvas, style, lines, self.margin, y)
            elif kind == "notice":
                with canvas.tagged("P"):
                    y = self.draw_notice(canvas, y, payload[0])
            elif kind == "facts":
                y = self.draw_facts(canvas, y, payload[0])
            elif kind == "verification":
                y = self.draw_verification(canvas, y, payload[0])

    def decorate(self, canvas) -> None:
        """The frame and footer of every page."""
        width, height = self.pagesize
        with canvas.artifact():
            canvas.setStrokeColor(self.brand)
            canvas.setLineWidth(3)
            canvas.rect(10 * mm, 10 * mm, width - 20 * mm, height - 20 * mm, stroke=1, fill=0)
            canvas.setLineWidth(0.75)
            canvas.rect(12.5 * mm, 12.5 * mm, width - 25 * mm, height - 25 * mm, stroke=1, fill=0)
            footer = self.styles["footer"]
            canvas.setFont(footer.font, footer.size)
            canvas.setFillColor(footer.color)
            canvas.drawString(self.margin, 15.5 * mm, f"Dans Veilig Keurmerk · {self.number}")
            canvas.drawRightString(width - self.margin, 15.5 * mm, f"{self.base_url}/verify/{self.number}")

    def generate(self, certificate: Certificate) -> tuple[str, str, bytes]:
        buffer = io.BytesIO()
        canvas = TaggedCanvas(buffer, pagesize=self.pagesize, invariant=1, pageCompression=1,
                              lang=pdf.language_tag("nl"))
        pdf.describe(canvas, f"Certificaat {certificate.number} {certificate.school.name}", self.issuer)
        self.number = certificate.number
        self.decorate(canvas)
        self.draw_story(canvas, self.story(certificate))
        canvas.showPage()
        canvas.save()
        return f"certificaat-{certificate.number}.pdf", PDF_MIMETYPE, buffer.getvalue()


def certificate_pdf(certificate: Certificate) -> tuple[str, str, bytes]:
    return CertificateRenderer().generate(certificate)
