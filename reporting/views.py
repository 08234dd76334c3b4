"""Pages of the annual cycle: the school's monitoring report (fill in, submit, answer), the
assessor's and admin's review, the monitor's sector figures with charts and exports, and the
public /cijfers. Thin: load (404), check (403), call one service, render."""

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from compliance.models import School
from compliance.permissions import can_view_school
from core.extensions import db
from core.web import get_or_404, public
from reporting import exports, services
from reporting import vocabulary as v
from reporting.charts import table_charts
from reporting.errors import ReportError, ReportInvalid
from reporting.figures import FILTERS, published_years
from reporting.forms import read_report_form, saved_values, typed_values
from reporting.models import MonitoringReport, ReportStatus
from reporting.permissions import can_fill_in, can_publish_figures, can_review_report, can_see_figures, can_view_report

bp = Blueprint("reporting", __name__)


def _report_or_404(report_id: int) -> MonitoringReport:
    report = get_or_404(MonitoringReport, report_id)
    if not can_view_report(current_user, report):
        abort(403)
    return report


def _render_report(report, values=None, errors=None, status=200):
    return render_template("reporting/report.html", report=report, v=v, errors=errors or {},
                           values=saved_values(report) if values is None else values,
                           columns={table: services.columns_for(report, table) for table in v.COUNT_TABLES},
                           editable=report.status.is_editable and can_fill_in(current_user, report),
                           reviewer=can_review_report(current_user, report),
                           missing=services.missing_for_submission(report)), status


@bp.get("/scholen/<int:school_id>/jaarverslagen")
def school_reports(school_id):
    school = get_or_404(School, school_id)
    if not can_view_school(current_user, school):
        abort(403)
    return render_template("reporting/school_reports.html", school=school, due=services.due_for_school(school.id))


@bp.get("/jaarverslagen/<int:report_id>")
def report(report_id):
    return _render_report(_report_or_404(report_id))


@bp.post("/jaarverslagen/<int:report_id>")
def save_report(report_id):
    report = _report_or_404(report_id)
    if not can_fill_in(current_user, report):
        abort(403)
    counts, answers = read_report_form(request.form)
    try:
        services.save_report(report, counts, answers, current_user)
    except ReportInvalid as exc:
        db.session.rollback()
        return _render_report(report, typed_values(request.form), {k: str(m) for k, m in exc.errors.items()}, 422)
    except ReportError as exc:
        flash(str(exc.message), "error")
        return redirect(url_for("reporting.report", report_id=report.id))
    flash(_("Het verslag is bewaard. Je kunt later verder gaan."), "success")
    return redirect(url_for("reporting.report", report_id=report.id))


@bp.post("/jaarverslagen/<int:report_id>/indienen")
def submit_report(report_id):
    report = _report_or_404(report_id)
    if not can_fill_in(current_user, report):
        abort(403)
    return _act(report, services.submit_report, _("Het verslag is ingediend. Dank je wel."))


@bp.post("/jaarverslagen/<int:report_id>/akkoord")
def acknowledge_report(report_id):
    report = _report_or_404(report_id)
    if not can_review_report(current_user, report):
        abort(403)
    return _act(report, services.acknowledge_report, _("Het verslag is akkoord."))


@bp.post("/jaarverslagen/<int:report_id>/vragen")
def ask_questions(report_id):
    report = _report_or_404(report_id)
    if not can_review_report(current_user, report):
        abort(403)
    return _act(report, services.ask_questions, _("De vragen zijn naar de school gestuurd."), request.form.get("body"))


@bp.post("/jaarverslagen/<int:report_id>/antwoord")
def answer_questions(report_id):
    report = _report_or_404(report_id)
    if not can_fill_in(current_user, report):
        abort(403)
    return _act(report, services.answer_questions, _("Je antwoord is bewaard."), request.form.get("body"))


def _act(report, service, done: str, *args):
    try:
        service(report, current_user, *args)
    except ReportError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
    else:
        flash(done, "success")
    return redirect(url_for("reporting.report", report_id=report.id))


@bp.get("/jaarverslagen")
def review_queue():
    if not can_review_report(current_user):
        abort(403)
    reports = db.session.execute(select(MonitoringReport).where(MonitoringReport.status == ReportStatus.submitted)
                                 .order_by(MonitoringReport.submitted_at)).scalars().all()
    reports = [report for report in reports if can_review_report(current_user, report)]
    return render_template("reporting/queue.html", reports=reports)


# --- the sector's figures -------------------------------------------------------------------------

def _filters() -> dict:
    return {name: request.args.get(name) for name, vocabulary in FILTERS.items()
            if request.args.get(name) in vocabulary}


def _year(years: list[int]) -> int | None:
    raw = request.args.get("year", "")
    if raw.isdigit() and int(raw) in years:
        return int(raw)
    return years[-1] if years else None


def _figures_page(template: str, years: list[int], filters: dict, **context):
    year = _year(years)
    figures = services.figures_for(year, **filters) if year is not None else None
    hidden = _("verborgen")
    charts = {table["name"]: table_charts(table, figures["suppressed_below"], hidden)
              for table in figures["tables"]} if figures else {}
    return render_template(template, years=years, year=year, figures=figures, charts=charts, filters=filters,
                           filter_options=FILTERS, **context)


@bp.get("/sectorcijfers")
def sector():
    if not can_see_figures(current_user):
        abort(403)
    return _figures_page("reporting/sector.html", services.available_years(), _filters(),
                         published=published_years(), may_publish=can_publish_figures(current_user))


@bp.get("/sectorcijfers/<int:year>.<fmt>")
def sector_export(year, fmt):
    if not can_see_figures(current_user):
        abort(403)
    if fmt not in exports.FORMATS or year not in services.available_years():
        abort(404)
    name, mimetype, body = exports.FORMATS[fmt](services.figures_for(year, **_filters()))
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.post("/sectorcijfers/<int:year>/publiceren")
def publish_year(year):
    if not can_publish_figures(current_user):
        abort(403)
    try:
        services.publish_year(year, current_user)
    except ReportError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
    else:
        flash(_("De cijfers over %(year)s staan nu op de openbare pagina.", year=year), "success")
    return redirect(url_for("reporting.sector", year=year))


@bp.get("/cijfers")
@public
def public_figures():
    return _figures_page("reporting/public.html", published_years(), {})
