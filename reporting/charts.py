"""Server-drawn SVG bar charts of a suppressed table: no JavaScript, a <title> and <desc> for
screen readers, and the data table beside each chart on the page (the chart is the picture,
the table is the data). A hidden value draws no bar; its label reads "< 5" like the table."""

from flask_babel import ngettext
from markupsafe import Markup, escape

BAR, GAP, LABEL_WIDTH, WIDTH, PAD = 22, 8, 220, 640, 60
COLOUR = "#3f1d5e"


def value_text(unit: str, value, primary: bool, threshold: int, hidden_text: str) -> str:
    """How every output writes a value of a table with this unit ("count", "percent", "days"):
    a hidden count reads "< 5", a median on too few decisions "< 5 beslissingen", any other
    hidden value `hidden_text`."""
    if value is None:
        if not primary:
            return hidden_text
        if unit == "days":
            return ngettext("< %(num)s beslissing", "< %(num)s beslissingen", threshold)
        return f"< {threshold}"
    return f"{value}%" if unit == "percent" else str(value)


def bar_chart(chart_id: str, title: str, description: str, labels: list[str], values: list,
              primary: list[bool], threshold: int, hidden_text: str = "×", unit: str = "count") -> Markup:
    """Horizontal bars, one per label; `values` holds None for a hidden value."""
    height = len(labels) * (BAR + GAP) + GAP
    shown = [value for value in values if value is not None]
    top = max(shown) if shown and max(shown) > 0 else 1
    scale = (WIDTH - LABEL_WIDTH - PAD) / top
    parts = [f'<svg class="chart" id="{escape(chart_id)}" viewBox="0 0 {WIDTH} {height}" role="img" '
             f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
             f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMinYMin meet">',
             f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
             f'<desc id="{escape(chart_id)}-desc">{escape(description)}</desc>']
    for index, (label, value, small) in enumerate(zip(labels, values, primary, strict=True)):
        y = GAP + index * (BAR + GAP)
        width = 0 if value is None else value * scale
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR * 0.7:.1f}" text-anchor="end" font-size="13" '
                     f'fill="#1f1f2e">{escape(label)}</text>')
        if width:
            parts.append(f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR}" fill="{COLOUR}"/>')
        parts.append(f'<text x="{LABEL_WIDTH + width + 6:.1f}" y="{y + BAR * 0.7:.1f}" font-size="13" '
                     f'fill="#1f1f2e">{escape(value_text(unit, value, small, threshold, hidden_text))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 (every text inside is escaped above)


def describe(labels: list[str], values: list, primary: list[bool], threshold: int, hidden_text: str,
             unit: str = "count") -> str:
    """The chart's description: every bar in words, for those who cannot see it."""
    return "; ".join(f"{label}: {value_text(unit, value, small, threshold, hidden_text)}"
                     for label, value, small in zip(labels, values, primary, strict=True))


def chart_series(table: dict) -> list[tuple[list, list, list]]:
    """(labels, values, primary) of a table's charts: its row totals and its column totals; for
    rates (every row total is 100%) the first column per row instead of the row totals."""
    rows, columns = len(table["rows"]), len(table["columns"])
    by_row = 0 if table.get("unit") == "percent" else columns
    series = [(table["rows"], [table["cells"][i][0] if by_row == 0 else table["row_totals"][i] for i in range(rows)],
               [table["primary"][i][by_row] for i in range(rows)]),
              (table["columns"], table["column_totals"], [table["primary"][rows][j] for j in range(columns)])]
    return [item for item in series if len(item[0]) >= 2]


def table_charts(table: dict, threshold: int, hidden_text: str) -> list[dict]:
    """The two charts of a table, as SVG."""
    charts = []
    for axis, (labels, values, small) in enumerate(chart_series(table)):
        chart_id = f"chart-{table['name']}-{axis}"
        unit, title = table.get("unit", "count"), table["title"]
        if unit == "percent" and labels is table["rows"]:  # the first column's rate per row (chart_series)
            title = f"{title}: {table['columns'][0]}"
        description = describe(labels, values, small, threshold, hidden_text, unit)
        charts.append({"id": chart_id, "svg": bar_chart(chart_id, title, description, labels, values,
                                                        small, threshold, hidden_text, unit)})
    return charts
