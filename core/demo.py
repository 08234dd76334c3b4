"""Demo data for `flask demo load`: idempotent, never in production.

Each package adds its part with `@demo_step`; steps run in registration order, so the
accounts come first and later packages can use them.
"""

from accounts.models import Role
from accounts.services import create_user, find_user

DEMO_PASSWORD = "demo-password"  # noqa: S105 (published demo logins, refused in production)
DEMO_USERS = (
    ("admin@demo.dansveilig.nl", "Anouk de Beheerder", {Role.admin}),
    ("assessor1@demo.dansveilig.nl", "Bram Beoordelaar", {Role.assessor}),
    ("assessor2@demo.dansveilig.nl", "Citlali Vermeer", {Role.assessor}),
    ("eigenaar@demo.dansveilig.nl", "Daan Eigenaar", {Role.school_owner}),
    ("docent@demo.dansveilig.nl", "Esra Yılmaz", {Role.teacher}),
    ("monitor@demo.dansveilig.nl", "Fenna van OCW", {Role.monitor}),
)

_steps = []


def demo_step(func=None, *, phase: int = 0):
    """Register a demo step. Steps run by `phase`, then in registration order: phase 1 is
    for what needs every package's phase-0 data (e.g. a submission that needs the teachers
    a higher package links), phase 2 for what happens to that data later."""
    def register(step):
        step.demo_phase = phase
        _steps.append(step)
        return step

    return register(func) if func is not None else register


@demo_step
def demo_users():
    for email, name, roles in DEMO_USERS:
        if find_user(email) is None:
            create_user(email, name, roles, by=None, password=DEMO_PASSWORD)


def load_demo() -> None:
    for step in sorted(_steps, key=lambda step: getattr(step, "demo_phase", 0)):
        step()


def demo_logins() -> list[tuple[str, str]]:
    return [(email, ", ".join(sorted(r.value for r in roles))) for email, _name, roles in DEMO_USERS]
