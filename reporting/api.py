"""The public JSON API of the sector figures: only years the alliance published, suppressed
exactly as on /cijfers (`null` is a hidden value). Errors are `{"error": message}` in the
caller's language (`?lang=en`). Described in openapi.py."""

from flask import Blueprint, jsonify, request
from flask_babel import gettext as _

from core.web import public
from reporting.figures import published_years
from reporting.services import figures_for

bp = Blueprint("reporting_api", __name__)
PUBLIC_KEYS = ("name", "title", "unit", "rows", "columns", "cells", "row_totals", "column_totals")


def _error(message, status: int, parameter: str | None = None):
    body = {"error": str(message)}
    if parameter:
        body["parameter"] = parameter
    return jsonify(body), status


def public_figures(year: int) -> dict:
    figures = figures_for(year)
    return {"year": year, "suppressed_below": figures["suppressed_below"],
            "tables": [{key: table[key] for key in PUBLIC_KEYS} for table in figures["tables"]]}


@bp.get("/api/v1/sector/figures")
@public
def sector_figures():
    raw = request.args.get("year")
    years = published_years()
    if raw is None:
        return jsonify({"years": years})
    if not raw.isdigit() or len(raw) != 4:
        return _error(_("Geef het jaar als vier cijfers, bijvoorbeeld 2026."), 400, "year")
    if int(raw) not in years:
        return _error(_("Over dit jaar zijn geen cijfers gepubliceerd."), 404, "year")
    return jsonify(public_figures(int(raw)))
