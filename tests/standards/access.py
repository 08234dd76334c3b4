from accounts.models import Role
from tests.access_kit import PUBLIC, roles

RULES = {
    "standards.plan": PUBLIC,
    "standards.plan_version": PUBLIC,
    "standards.diff": roles(Role.admin),
    "standards_api.quality_plan": PUBLIC,
    "standards_api.quality_plan_version": PUBLIC,
}


def _published_version(*_args, **_kwargs):
    from standards.services import publish_plan
    from tests.standards.factories import SHIPPED

    return {"version": publish_plan(SHIPPED).plan.version}


SAMPLES = {
    "standards.plan_version": _published_version,
    "standards_api.quality_plan_version": _published_version,
}
