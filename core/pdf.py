"""What every PDF the platform makes shares, so a certificate, an assessment export, the sector
report and a person's own data look and read as one publisher's documents.

- Fonts: DejaVu Sans (Debian's fonts-dejavu-core) covers every Latin letter a school's or a
  person's name may hold; where it is not installed, Vera, which ships with reportlab. Both
  are embedded; the PDF base fonts (Helvetica) are not and do not encode every accent.
- The brand colours.
- Metadata: title, author (the issuer), subject and creator, and the document's language in
  the catalogue (/Lang), in the visitor's language unless the renderer says otherwise; viewers
  show the title, not the file name (DisplayDocTitle).
- Tagged output as far as reportlab allows: pages drawn straight on the canvas (the
  certificate, the poster) use `certification.certificates.tagging.TaggedCanvas`, a
  `DocumentCanvas` with a structure tree. Platypus documents (`DocumentPdf`) carry the
  language and title but no structure tree: platypus cannot tag its flowables.
"""

import io
from functools import cached_property
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from flask import current_app
from flask_babel import get_locale
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFObject
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate, TableStyle

PDF_MIMETYPE = "application/pdf"
CREATOR = "Dans Veilig Keurmerk"
DEFAULT_AUTHOR = "De Alliantie Dans Veilig"

BRAND = colors.HexColor("#3f1d5e")
INK = colors.HexColor("#1b1b2f")
MUTED = colors.HexColor("#4a4a5e")
RULE = colors.HexColor("#c8c8d4")
LINE = colors.HexColor("#8c8ca1")  # the thin line under a table row
WARNING = colors.HexColor("#a3123a")

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT, BOLD_FONT = "DejaVuSans", "DejaVuSans-Bold"
FALLBACK_FONT, FALLBACK_BOLD_FONT = "Vera", "VeraBd"
_LANGUAGE_TAGS = {"nl": "nl-NL", "en": "en-GB"}


def _registered(name: str, path: Path) -> bool:
    if name in pdfmetrics.getRegisteredFontNames():
        return True
    if not path.is_file():
        return False
    pdfmetrics.registerFont(TTFont(name, str(path)))
    return True


def fonts(font_dir: Path = FONT_DIR, font: str = FONT, bold_font: str = BOLD_FONT) -> tuple[str, str]:
    """The registered (regular, bold) font names: DejaVu Sans from `font_dir`, else Vera."""
    if not (_registered(font, font_dir / "DejaVuSans.ttf")
            and _registered(bold_font, font_dir / "DejaVuSans-Bold.ttf")):
        folder = Path(reportlab.__file__).parent / "fonts"
        _registered(FALLBACK_FONT, folder / "Vera.ttf")
        _registered(FALLBACK_BOLD_FONT, folder / "VeraBd.ttf")
        font, bold_font = FALLBACK_FONT, FALLBACK_BOLD_FONT
    # So that <b> in a paragraph's markup picks the bold face.
    pdfmetrics.registerFontFamily(font, normal=font, bold=bold_font, italic=font, boldItalic=bold_font)
    return font, bold_font


def language_tag(language: str | None = None) -> str:
    """The document language for /Lang: `language` ("nl", "en") or the visitor's."""
    return _LANGUAGE_TAGS.get(language or str(get_locale() or "nl"), "nl-NL")


def author() -> str:
    return current_app.config.get("CERTIFICATE_ISSUER_NAME") or DEFAULT_AUTHOR


def describe(canvas: Canvas, title: str, author_name: str | None = None) -> None:
    """The document information every PDF carries, on a canvas."""
    canvas.setTitle(str(title))
    canvas.setAuthor(author_name or author())
    canvas.setSubject(CREATOR)
    canvas.setCreator(CREATOR)


class PDFTrue(PDFObject):
    def format(self, document):
        return b"true"


class DocumentCanvas(Canvas):
    """A canvas whose document shows its title in the viewer's title bar (PDF/UA asks it) and
    that starts each page in the platform's font, so no unembedded Helvetica is listed."""

    def __init__(self, *args, **kwargs):
        if not kwargs.get("initialFontName"):  # platypus passes None
            kwargs["initialFontName"] = fonts()[0]
        super().__init__(*args, **kwargs)

    def save(self):
        self._doc.Catalog.ViewerPreferences = PDFDictionary({"DisplayDocTitle": PDFTrue()})
        super().save()


class DocumentPdf:
    """An A4 document laid out by platypus. Subclasses give `story(obj)` and a `generate(obj)`
    that returns `(filename, mimetype, self.build(story, title))`."""

    pagesize = A4
    margin = 18 * mm

    @cached_property
    def _fonts(self) -> tuple[str, str]:
        return fonts()

    @property
    def font(self) -> str:
        return self._fonts[0]

    @property
    def bold_font(self) -> str:
        return self._fonts[1]

    def styles(self) -> dict[str, ParagraphStyle]:
        base = ParagraphStyle("body", fontName=self.font, fontSize=10, leading=14)
        return {
            "body": base,
            "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11, textColor=MUTED),
            "title": ParagraphStyle("title", parent=base, fontName=self.bold_font, fontSize=20, leading=24,
                                    spaceAfter=6, textColor=BRAND),
            "h2": ParagraphStyle("h2", parent=base, fontName=self.bold_font, fontSize=14, leading=18, spaceBefore=12,
                                 spaceAfter=4, textColor=BRAND),
            "h3": ParagraphStyle("h3", parent=base, fontName=self.bold_font, fontSize=11, leading=14, spaceBefore=8,
                                 spaceAfter=2),
            "label": ParagraphStyle("label", parent=base, fontName=self.bold_font),
        }

    def table_style(self, commands: list) -> TableStyle:
        """A table's style in the document's font: reportlab otherwise sets Helvetica for
        every cell, even one that holds a paragraph."""
        return TableStyle([("FONTNAME", (0, 0), (-1, -1), self.font), *commands])

    @staticmethod
    def text(value: str) -> str:
        """A value as paragraph markup: escaped, so nothing a visitor typed is read as markup."""
        return escape(value or "").replace("\n", "<br/>")

    def build(self, story: list, title: str, *, decorate=None, bottom_margin: float | None = None,
              language: str | None = None) -> bytes:
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(buffer, pagesize=self.pagesize, leftMargin=self.margin, rightMargin=self.margin,
                                topMargin=self.margin, bottomMargin=self.margin if bottom_margin is None
                                else bottom_margin, title=str(title), author=author(), subject=CREATOR,
                                creator=CREATOR, lang=language_tag(language))
        pages = {"onFirstPage": decorate, "onLaterPages": decorate} if decorate else {}
        doc.build(story, canvasmaker=DocumentCanvas, **pages)
        return buffer.getvalue()
