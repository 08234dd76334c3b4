"""The sector figures as the outputs use them: the plan's threshold, published years, and
publishing a year (the alliance publishes a year when it is complete)."""

from flask_babel import lazy_gettext as _l

from core.audit import record_event
from core.extensions import db
from core.i18n import lazy_text
from reporting.errors import ReportError
from reporting.figures import published_years, report_years, sector_figures
from reporting.models import PublishedYear
from reporting.permissions import can_publish_figures
from standards.services import current_plan

DEFAULT_THRESHOLD = 5


def threshold() -> int:
    """The quality plan's `small_cell_threshold` (5 today)."""
    plan = current_plan()
    return plan.rules.small_cell_threshold if plan is not None else DEFAULT_THRESHOLD


def figures_for(year: int, **filters) -> dict:
    return sector_figures(year, threshold(), **filters)


def available_years() -> list[int]:
    return sorted(set(report_years()) | set(published_years()))


def publish_year(year: int, by) -> PublishedYear:
    """Make a year's figures public on /cijfers and in the API."""
    if not can_publish_figures(by):
        raise ReportError(_l("Alleen een beheerder kan cijfers publiceren."))
    if year not in report_years():
        raise ReportError(lazy_text("Voor %(year)s zijn nog geen verslagen ingediend.", year=year))
    if db.session.get(PublishedYear, year) is not None:
        raise ReportError(lazy_text("De cijfers over %(year)s zijn al gepubliceerd.", year=year))
    published = PublishedYear(year=year, published_by_id=by.id)
    db.session.add(published)
    record_event("sector_figures.published", object_type="sector_published_year", object_id=year, actor=by,
                 details={"year": year})
    db.session.commit()
    return published
