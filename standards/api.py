"""Public JSON: the quality plan, current or by version."""

from flask import Blueprint, jsonify, request
from flask_babel import gettext as _

from core.http_cache import cacheable
from core.web import public
from standards import DEFAULT_PLAN_CODE, services

bp = Blueprint("standards_api", __name__, url_prefix="/api/v1")


def _iso(moment):
    return moment.isoformat() if moment else None


def _plan_json(plan) -> dict:
    data = plan.as_document()
    data.update(status=plan.status.value, published_at=_iso(plan.published_at), retired_at=_iso(plan.retired_at))
    return data


@bp.get("/quality-plan")
@public
@cacheable("PLAN_CACHE_SECONDS")
def quality_plan():
    plan = services.current_plan(request.args.get("code", DEFAULT_PLAN_CODE), full=True)
    if plan is None:
        return jsonify(error=_("Er is nog geen kwaliteitsplan gepubliceerd.")), 404
    return jsonify(_plan_json(plan))


@bp.get("/quality-plan/<version>")
@public
@cacheable("PLAN_CACHE_SECONDS")
def quality_plan_version(version):
    plan = services.get_plan(request.args.get("code", DEFAULT_PLAN_CODE), version, full=True)
    if plan is None:
        return jsonify(error=_("Versie %(version)s van het kwaliteitsplan bestaat niet.", version=version)), 404
    return jsonify(_plan_json(plan))
