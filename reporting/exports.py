"""The sector figures as files: CSV and XLSX of every table (pandas; every cell through
`core.spreadsheets.neutralise`), and the annual sector report as PDF (reportlab, on the
platform's document base `core.pdf.DocumentPdf`) that the alliance can publish. All take the already
suppressed figures of `reporting.figures`, so a file never shows more than the page."""

import io

import pandas as pd
from flask_babel import gettext as _
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.platypus import Paragraph, Spacer, Table

from core.pdf import LINE, PDF_MIMETYPE, DocumentPdf
from core.spreadsheets import neutralise
from reporting.charts import COLOUR, chart_series, value_text

CSV_MIMETYPE = "text/csv; charset=utf-8"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _shown(value, primary: bool, threshold: int, unit: str = "count"):
    """A number stays a number (so a spreadsheet can compute with it); a hidden value in words."""
    if value is not None:
        return value
    return value_text(unit, value, primary, threshold, _("verborgen"))


def table_frame(table: dict, threshold: int) -> pd.DataFrame:
    """One table with its totals, hidden values as "< 5" or "verborgen"."""
    rows, columns = len(table["rows"]), len(table["columns"])
    total = _("Totaal")
    primary, unit = table["primary"], table.get("unit", "count")
    data = [[_shown(table["cells"][i][j], primary[i][j], threshold, unit) for j in range(columns)]
            + [_shown(table["row_totals"][i], primary[i][columns], threshold, unit)] for i in range(rows)]
    data.append([_shown(table["column_totals"][j], primary[rows][j], threshold, unit) for j in range(columns)]
                + [_shown(table["grand_total"], primary[rows][columns], threshold, unit)])
    frame = pd.DataFrame(data, index=[*table["rows"], total], columns=[*table["columns"], total])
    frame.index.name = table["title"]
    return frame.map(neutralise).rename(index=neutralise, columns=neutralise)


def _long(figures: dict) -> pd.DataFrame:
    threshold = figures["suppressed_below"]
    records = []
    for table in figures["tables"]:
        frame = table_frame(table, threshold)
        for row_label, row in frame.iterrows():
            for column_label, value in row.items():
                records.append({"jaar": figures["year"], "tabel": table["name"], "titel": neutralise(table["title"]),
                                "rij": row_label, "kolom": column_label, "waarde": value})
    return pd.DataFrame.from_records(records)


def figures_csv(figures: dict) -> tuple[str, str, bytes]:
    body = _long(figures).to_csv(index=False, sep=";").encode("utf-8-sig")
    return f"sectorcijfers-{figures['year']}.csv", CSV_MIMETYPE, body


def figures_xlsx(figures: dict) -> tuple[str, str, bytes]:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for number, table in enumerate(figures["tables"], start=1):
            sheet = f"{number} {table['name']}"[:31]
            table_frame(table, figures["suppressed_below"]).to_excel(writer, sheet_name=sheet)
    return f"sectorcijfers-{figures['year']}.xlsx", XLSX_MIMETYPE, buffer.getvalue()


class SectorReportPdf(DocumentPdf):
    """A4: the suppression rule in plain words, then per table its chart and its numbers."""

    def story(self, figures: dict) -> list:
        s, threshold = self.styles(), figures["suppressed_below"]
        story = [Paragraph(self.text(_("Sectorcijfers Dans Veilig %(year)s", year=figures["year"])), s["title"]),
                 Paragraph(self.text(_(
                     "Deze cijfers tellen de jaarlijkse monitoringverslagen van de scholen met een keurmerk op. "
                     "Een aantal van 1 tot en met %(max)s tonen we niet: daar staat ‘< %(n)s’. Waar zo’n klein "
                     "aantal uit de totalen of de andere getallen van de rij of kolom te berekenen zou zijn, "
                     "verbergen we ook een ander getal (‘verborgen’). Zo wijst geen cijfer naar een persoon.",
                     max=threshold - 1, n=threshold)), s["body"])]
        for table in figures["tables"]:
            story += [Paragraph(self.text(table["title"]), s["h2"])]
            for labels, values, small in chart_series(table):
                story += [self.bar_chart(labels, values, small, threshold, table.get("unit", "count")),
                          Spacer(1, 4)]
            frame = table_frame(table, threshold)
            rows = [[Paragraph(self.text(str(frame.index.name)), s["small"])]
                    + [Paragraph(self.text(str(c)), s["small"]) for c in frame.columns]]
            rows += [[Paragraph(self.text(str(label)), s["small"])] + [Paragraph(self.text(str(value)), s["small"])
                                                                      for value in row]
                     for label, row in frame.iterrows()]
            grid = Table(rows, hAlign="LEFT", repeatRows=1)
            grid.setStyle(self.table_style([("LINEBELOW", (0, 0), (-1, -1), 0.25, LINE),
                                      ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story += [grid, Spacer(1, 8)]
        return story

    def bar_chart(self, labels, values, small, threshold, unit="count") -> Drawing:
        """The page's SVG chart drawn again with reportlab's shapes (same bars, same labels)."""
        bar, gap, label_width, width = 12, 4, 190, 480
        drawing = Drawing(width, len(labels) * (bar + gap) + gap)
        shown = [value for value in values if value is not None]
        scale = (width - label_width - 40) / max(max(shown, default=1), 1)
        for index, (label, value, primary) in enumerate(zip(labels, values, small, strict=True)):
            y = drawing.height - (index + 1) * (bar + gap)
            drawing.add(String(label_width - 6, y + 3, str(label)[:40], fontName=self.font, fontSize=8,
                               textAnchor="end"))
            length = (value or 0) * scale
            if length:
                drawing.add(Rect(label_width, y, length, bar, fillColor=colors.HexColor(COLOUR), strokeColor=None))
            drawing.add(String(label_width + length + 4, y + 3,
                               value_text(unit, value, primary, threshold, _("verborgen")),
                               fontName=self.font, fontSize=8))
        return drawing

    def generate(self, figures: dict) -> tuple[str, str, bytes]:
        title = _("Sectorcijfers Dans Veilig %(year)s", year=figures["year"])
        return f"sectorcijfers-{figures['year']}.pdf", PDF_MIMETYPE, self.build(self.story(figures), title)


def figures_pdf(figures: dict) -> tuple[str, str, bytes]:
    return SectorReportPdf().generate(figures)


FORMATS = {"csv": figures_csv, "xlsx": figures_xlsx, "pdf": figures_pdf}
