"""The readable copy of `collect.personal_data()`: an A4 PDF with a section per kind of
record, each record as label/value lines. Values are escaped (never markup) and bounded, so
one long field cannot make the document expensive to lay out."""

import json
from xml.sax.saxutils import escape

from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from reportlab.platypus import Paragraph, Spacer, Table

from core.models import utcnow
from core.pdf import LINE, PDF_MIMETYPE, DocumentPdf

MAX_CHARS = 1000  # per value in the PDF; the JSON download holds every value whole

SECTIONS = {
    "user_role": _l("Rollen"), "school": _l("Scholen die je hebt aangemeld"),
    "school_member": _l("Scholen die je beheert"), "school_invitation": _l("Uitnodigingen"),
    "notification": _l("Berichten"), "audit_event": _l("Wat je hebt gedaan (logboek)"),
    "teacher": _l("Je registratie als docent"), "teacher_qualification": _l("Diploma's"),
    "teacher_vog": _l("VOG-controles"), "cpd_record": _l("Bijscholing"),
    "code_of_conduct_signature": _l("Ondertekende gedragscodes"), "teacher_employment": _l("Scholen waar je werkt"),
    "assessment": _l("Zelfevaluaties"), "answer": _l("Antwoorden"), "evidence": _l("Bestanden die je hebt geüpload"),
    "school_change_request": _l("Gevraagde wijzigingen"), "conflict_declaration": _l("Belangenverklaringen"),
    "review_verdict": _l("Oordelen als beoordelaar"), "review_message": _l("Vragen en antwoorden bij beoordelingen"),
}


class PersonalDataPdf(DocumentPdf):
    """A section per kind of record, in the platform's document fonts and styles."""

    @staticmethod
    def cell(value) -> str:
        if isinstance(value, dict | list):
            value = json.dumps(value, ensure_ascii=False)
        text = "–" if value is None or value == "" else str(value)
        if len(text) > MAX_CHARS:
            text = text[:MAX_CHARS] + " …"
        return escape(" ".join(text.split()))  # one paragraph: no line breaks to lay out

    def story(self, data: dict) -> list:
        s = self.styles()
        width = self.pagesize[0] - 2 * self.margin
        story = [Paragraph(_("Jouw gegevens bij Dans Veilig"), s["title"]),
                 Paragraph(_("Gemaakt op %(when)s. Het JSON-bestand op dezelfde pagina bevat hetzelfde, volledig en "
                             "leesbaar voor een computer.", when=format_datetime(utcnow())), s["small"]),
                 Paragraph(_("Account"), s["h2"]), self._pairs(data["user"], s, width)]
        for name, rows in data["records"].items():
            story.append(Paragraph(escape(str(SECTIONS.get(name, name))) + f" ({len(rows)})", s["h2"]))
            for row in rows:
                story += [self._pairs(row, s, width), Spacer(1, 4)]
        if data["emails"]:
            story.append(Paragraph(_("E-mails die we je stuurden") + f" ({len(data['emails'])})", s["h2"]))
            for row in data["emails"]:
                story.append(self._pairs(row, s, width))
        story += [Paragraph(_("Niet in dit overzicht"), s["h2"]),
                  Paragraph(escape("; ".join(data["not_included"])), s["body"])]
        return story

    def _pairs(self, row: dict, s, width) -> Table:
        table = Table([[Paragraph(escape(key), s["small"]), Paragraph(self.cell(value), s["body"])]
                       for key, value in row.items()], colWidths=[width * 0.3, width * 0.7], hAlign="LEFT")
        table.setStyle(self.table_style([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LINEBELOW", (0, -1), (-1, -1), 0.25, LINE)]))
        return table

    def generate(self, data: dict) -> tuple[str, str, bytes]:
        title = _("Jouw gegevens bij Dans Veilig")
        return "mijn-gegevens-dansveilig.pdf", PDF_MIMETYPE, self.build(self.story(data), title)
