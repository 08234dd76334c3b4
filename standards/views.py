"""Public quality-plan pages and the admin page that compares two versions."""

from flask import Blueprint, render_template, request
from flask_babel import gettext as _

from accounts.models import Role
from accounts.permissions import roles_required
from core.http_cache import cacheable
from core.web import public
from standards import DEFAULT_PLAN_CODE, services
from standards.recommendations import RECOMMENDATIONS
from standards.vocabulary import CPD_CATEGORIES, EVIDENCE_KINDS, SCHOOL_TYPES, localized

bp = Blueprint("standards", __name__)


@bp.app_template_filter("localized")
def localized_filter(value):
    """`{{ criterion.title|localized }}`: bilingual plan text in the visitor's language."""
    return localized(value)


def _render_plan(plan):
    return render_template("standards/plan.html", plan=plan, versions=services.list_versions(plan.code),
                           recommendations=RECOMMENDATIONS, evidence_kinds=EVIDENCE_KINDS,
                           school_types=SCHOOL_TYPES, cpd_categories=CPD_CATEGORIES)


@bp.get("/kwaliteitsplan")
@public
@cacheable("PLAN_CACHE_SECONDS")
def plan():
    current = services.current_plan(DEFAULT_PLAN_CODE, full=True)
    if current is None:
        return render_template("standards/no_plan.html")
    return _render_plan(current)


@bp.get("/kwaliteitsplan/<version>")
@public
@cacheable("PLAN_CACHE_SECONDS")
def plan_version(version):
    found = services.get_plan(DEFAULT_PLAN_CODE, version, full=True)
    if found is None:
        return render_template("standards/unknown_version.html", version=version,
                               versions=services.list_versions(DEFAULT_PLAN_CODE)), 404
    return _render_plan(found)


@bp.get("/beheer/kwaliteitsplan/vergelijken")
@roles_required(Role.admin)
def diff():
    versions = [plan.version for plan in services.list_versions(DEFAULT_PLAN_CODE)]
    old = request.args.get("van") or (versions[1] if len(versions) > 1 else None)
    new = request.args.get("naar") or (versions[0] if versions else None)
    result, error, status = None, None, 200
    if len(versions) < 2:
        error = _("Er is nog maar één versie van het kwaliteitsplan; er valt nog niets te vergelijken.")
    elif old not in versions or new not in versions:
        error, status = _("Kies twee versies uit de lijst."), 400
    else:
        result = services.diff_plans(services.get_plan(DEFAULT_PLAN_CODE, old, full=True),
                                     services.get_plan(DEFAULT_PLAN_CODE, new, full=True))
    return render_template("standards/diff.html", versions=versions, old=old, new=new, diff=result,
                           error=error), status
