"""The quality mark's emblem, drawn for this project: a dancer reaching up inside a protecting
ring. One geometry (a 64 × 64 grid) feeds the SVG in static/img (the site, the favicon, the
badge) and the PDFs (certificate, poster), so they cannot drift apart.

`python -m core.emblem` rewrites static/img/emblem.svg and static/favicon.svg.
"""

from pathlib import Path

PURPLE = "#5b2a86"
WHITE = "#ffffff"
# (cx, cy, r, fill, stroke, stroke width)
CIRCLES = (
    (32, 32, 31, PURPLE, WHITE, 2),
    (32, 32, 25, None, WHITE, 2.5),
    (35.5, 15.5, 4.2, WHITE, None, 0),
)
# open strokes of the figure: arms, body and legs (each a polyline through these points)
STROKES = (
    ((18.5, 17.5), (26, 23), (34, 22.5), (41, 19.5), (46.5, 12.5)),
    ((34, 22.5), (32.5, 29), (30.5, 35.5)),
    ((30.5, 35.5), (29.5, 43), (27, 50.5)),
    ((30.5, 35.5), (38, 40.5), (46, 41)),
)
STROKE_WIDTH = 3.6


def svg(title: str = "Dans Veilig Keurmerk") -> str:
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64" role="img" '
             f'aria-label="{title}">', f"<title>{title}</title>"]
    for cx, cy, r, fill, stroke, width in CIRCLES:
        stroke_attrs = f' stroke="{stroke}" stroke-width="{width}"' if stroke else ""
        parts.append(f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="{fill or "none"}"{stroke_attrs}/>')
    for points in STROKES:
        path = " ".join(f"{x},{y}" for x, y in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{WHITE}" stroke-width="{STROKE_WIDTH}" '
                     f'stroke-linecap="round" stroke-linejoin="round"/>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def draw(canvas, x: float, y: float, size: float) -> None:
    """Draw the emblem on a reportlab canvas with its lower-left corner at (x, y)."""
    from reportlab.lib.colors import HexColor  # noqa: PLC0415  (reportlab is heavy; loaded when a PDF is drawn)

    scale = size / 64

    def at(px, py):
        return x + px * scale, y + (64 - py) * scale

    canvas.saveState()
    for cx, cy, r, fill, stroke, width in CIRCLES:
        if fill:
            canvas.setFillColor(HexColor(fill))
        if stroke:
            canvas.setStrokeColor(HexColor(stroke))
            canvas.setLineWidth(width * scale)
        canvas.circle(*at(cx, cy), r * scale, stroke=1 if stroke else 0, fill=1 if fill else 0)
    canvas.setStrokeColor(HexColor(WHITE))
    canvas.setLineWidth(STROKE_WIDTH * scale)
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    for points in STROKES:
        path = canvas.beginPath()
        path.moveTo(*at(*points[0]))
        for point in points[1:]:
            path.lineTo(*at(*point))
        canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()


STATIC = Path(__file__).resolve().parent.parent / "static"

if __name__ == "__main__":
    (STATIC / "img" / "emblem.svg").write_text(svg(), encoding="utf-8")
    (STATIC / "favicon.svg").write_text(svg(), encoding="utf-8")
