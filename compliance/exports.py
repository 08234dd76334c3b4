"""The school's own copy of an assessment: a PDF (reportlab) and a spreadsheet (openpyxl).
Each `generate` returns `(filename, mimetype, bytes)` in the visitor's language."""

import io
import re

from flask_babel import format_date, format_datetime
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from compliance.models import Assessment
from compliance.services import answer_problems, sections
from compliance.vocabulary import AGE_GROUPS, GENRES, SCHOOL_TYPES
from core.models import utcnow
from core.pdf import LINE, MUTED, PDF_MIMETYPE, DocumentPdf
from core.spreadsheets import neutralise
from standards.vocabulary import localized

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_basename(assessment: Assessment) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", assessment.school.name.lower()).strip("-")[:60] or "school"
    return f"zelfevaluatie-{slug}-{assessment.id}"


def _rating_label(assessment: Assessment, rating: int | None) -> str:
    if rating is None:
        return _("Geen score")
    point = next((p for p in assessment.plan.rating_scale if p.value == rating), None)
    return f"{rating} · {localized(point.label)}" if point else str(rating)


def _profile_rows(assessment: Assessment) -> list[tuple[str, str]]:
    school = assessment.school
    return [
        (_("School"), school.name),
        (_("KvK-nummer"), school.kvk_number),
        (_("Adres"), f"{school.street} {school.house_number}, {school.postcode} {school.city}"),
        (_("Soort school"), localized(SCHOOL_TYPES.get(school.school_type))),
        (_("Dansstijlen"), ", ".join(localized(GENRES[g]) for g in school.genres if g in GENRES)),
        (_("Leeftijdsgroepen"), ", ".join(localized(AGE_GROUPS[a]) for a in school.age_groups if a in AGE_GROUPS)),
        (_("Kwaliteitsplan"), f"{localized(assessment.plan.title)} {assessment.plan.version}"),
        (_("Status"), assessment.status.label),
        (_("Gestart"), format_date(assessment.started_at)),
        (_("Ingediend"), format_date(assessment.submitted_at) if assessment.submitted_at else "–"),
    ]


def _evidence_lines(answer) -> list[str]:
    return [row.evidence.original_filename for row in answer.evidence_rows] + [
        f"{link.title} <{link.url}>" if link.title != link.url else link.url for link in answer.links]


class PlainText(Flowable):
    """Lines of plain text that wrap at the frame's width and split at any line. A run of
    empty lines counts as one; a word longer than `longest_word` is cut, so that it stays on
    the page."""

    longest_word = 48

    def __init__(self, text: str, font: str, size: float, leading: float, lines: list[str] | None = None):
        super().__init__()
        self.text, self.font, self.size, self.leading = text, font, size, leading
        self._lines, self._width = lines, None if lines is None else -1

    def _wrap_lines(self, width: float) -> list[str]:
        lines, blank = [], False
        for line in self.text.splitlines():
            if not line.strip():
                if lines and not blank:
                    lines.append("")
                blank = True
                continue
            blank = False
            line = re.sub(rf"\S{{{self.longest_word}}}(?=\S)", lambda m: m.group(0) + " ", line)
            lines += simpleSplit(line, self.font, self.size, width) or [""]
        return lines

    def wrap(self, available_width, available_height):
        if self._width is None:
            self._lines, self._width = self._wrap_lines(available_width), available_width
        self.width, self.height = available_width, len(self._lines) * self.leading
        return self.width, self.height

    def split(self, available_width, available_height):
        self.wrap(available_width, available_height)
        fits = int(available_height // self.leading)
        if fits <= 0 or fits >= len(self._lines):
            return [] if fits <= 0 else [self]
        return [PlainText(self.text, self.font, self.size, self.leading, self._lines[:fits]),
                PlainText(self.text, self.font, self.size, self.leading, self._lines[fits:])]

    def draw(self):
        canvas = self.canv
        canvas.setFont(self.font, self.size)
        y = self.height
        for line in self._lines:
            y -= self.leading
            canvas.drawString(0, y + (self.leading - self.size) * 0.6, line)


class AssessmentPdf(DocumentPdf):
    """A4 document: the school's profile, progress per domain, then every criterion with
    its requirement, rating, narrative and evidence."""

    def paragraphs(self, value: str, style) -> list:
        """A text a visitor typed : drawn as plain lines, never parsed as
        markup, and split across pages in time that grows with its length. As one reportlab
        paragraph, a narrative of 20,000 line breaks took the square of its length (a worker
        timeout)."""
        return [PlainText(value, style.fontName, style.fontSize, style.leading)] if (value or "").strip() \
            else [Paragraph("–", style)]

    def _table(self, rows, widths) -> Table:
        table = Table(rows, colWidths=widths, hAlign="LEFT")
        table.setStyle(self.table_style([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LINEBELOW", (0, 0), (-1, -1), 0.25, LINE),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
        return table

    def story(self, assessment: Assessment) -> list:
        s = self.styles()
        p = Paragraph
        width = self.pagesize[0] - 2 * self.margin
        story = [p(_("Zelfevaluatie"), s["title"]), p(self.text(assessment.school.name), s["h2"])]
        story.append(self._table([[p(self.text(k), s["label"]), p(self.text(v), s["body"])]
                                  for k, v in _profile_rows(assessment)], [width * 0.3, width * 0.7]))
        domain_sections = sections(assessment)
        story += [Spacer(1, 6), p(_("Voortgang per domein"), s["h2"])]
        story.append(self._table(
            [[p(self.text(f"{sec.domain.code}. {localized(sec.domain.title)}"), s["body"]),
              p(_("%(done)s van %(total)s compleet", done=sec.complete, total=sec.total), s["body"])]
             for sec in domain_sections], [width * 0.7, width * 0.3]))
        for section in domain_sections:
            story.append(p(self.text(f"{section.domain.code}. {localized(section.domain.title)}"), s["h2"]))
            for answer in section.answers:
                criterion = answer.criterion
                kind = _("verplicht") if criterion.mandatory else _("aanbevolen")
                block = [p(self.text(f"{criterion.code} {localized(criterion.title)} ({kind})"), s["h3"]),
                         p(self.text(localized(criterion.requirement)), s["small"]), Spacer(1, 3),
                         p(f"<b>{_('Score')}:</b> {self.text(_rating_label(assessment, answer.rating))}", s["body"]),
                         p(f"<b>{_('Toelichting')}:</b>", s["body"]),
                         *self.paragraphs(answer.narrative, s["body"])]
                evidence = _evidence_lines(answer)
                block.append(p(f"<b>{_('Bewijs')}:</b> " + (self.text("; ".join(evidence)) if evidence else "–"),
                               s["body"]))
                story.append(KeepTogether(block[:5]))
                story += block[5:]
        return story

    def decorate(self, canvas, doc, assessment: Assessment) -> None:
        canvas.saveState()
        canvas.setFont(self.font, 8)
        canvas.setFillColor(MUTED)
        footer = f"Dans Veilig · {assessment.school.name} · {_('Zelfevaluatie')} {assessment.id}"
        canvas.drawString(self.margin, 10 * mm, footer[:110])
        canvas.drawRightString(self.pagesize[0] - self.margin, 10 * mm, _("Pagina %(n)s", n=doc.page))
        canvas.restoreState()

    def generate(self, assessment: Assessment) -> tuple[str, str, bytes]:
        page = lambda canvas, doc: self.decorate(canvas, doc, assessment)  # noqa: E731
        data = self.build(self.story(assessment), f"{_('Zelfevaluatie')} {assessment.school.name}", decorate=page,
                          bottom_margin=self.margin + 6 * mm)
        return f"{export_basename(assessment)}.pdf", PDF_MIMETYPE, data


def _cell(sheet, row: int, column: int, value, bold: bool = False):
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        # Neutralised as well as typed as text: a spreadsheet that re-reads the cell as typed
        # input (LibreOffice on "edit", a CSV round trip) must not find a formula either.
        cell.value = neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
        cell.data_type = "s"
    else:
        cell.value = value
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if bold:
        cell.font = Font(bold=True)
    return cell


def assessment_xlsx(assessment: Assessment) -> tuple[str, str, bytes]:
    """Two sheets: every criterion with its answer, and the school's profile."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Zelfevaluatie")[:31]
    headers = [_("Domein"), _("Code"), _("Eis"), _("Verplicht"), _("Score"), _("Toelichting"), _("Bestanden"),
               _("Links"), _("Compleet")]
    for column, header in enumerate(headers, start=1):
        _cell(sheet, 1, column, header, bold=True)
    row = 2
    for section in sections(assessment):
        for answer in section.answers:
            criterion = answer.criterion
            values = [f"{section.domain.code}. {localized(section.domain.title)}", criterion.code,
                      localized(criterion.title), _("ja") if criterion.mandatory else _("nee"), answer.rating,
                      answer.narrative, "\n".join(r.evidence.original_filename for r in answer.evidence_rows),
                      "\n".join(link.url for link in answer.links),
                      _("nee") if answer_problems(answer, assessment.plan) else _("ja")]
            for column, value in enumerate(values, start=1):
                _cell(sheet, row, column, value)
            row += 1
    for letter, width in zip("ABCDEFGHI", (28, 7, 40, 10, 7, 80, 30, 30, 10), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    profile = workbook.create_sheet(_("School")[:31])
    for index, (label, value) in enumerate(_profile_rows(assessment), start=1):
        _cell(profile, index, 1, label, bold=True)
        _cell(profile, index, 2, value)
    _cell(profile, len(_profile_rows(assessment)) + 2, 1, _("Gemaakt op"), bold=True)
    _cell(profile, len(_profile_rows(assessment)) + 2, 2, format_datetime(utcnow()))
    profile.column_dimensions["A"].width = 22
    profile.column_dimensions["B"].width = 70
    buffer = io.BytesIO()
    workbook.save(buffer)
    return f"{export_basename(assessment)}.xlsx", XLSX_MIMETYPE, buffer.getvalue()
