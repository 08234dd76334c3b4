"""Demo data for `flask demo load`: idempotent, never in production.

Each package adds its part with `@demo_step`; steps run by phase, then in registration
order. The accounts are phase -1, so every other step can use them.
"""

DEMO_PASSWORD = "demo-password"  # noqa: S105 (published demo logins, refused in production)
# The demo's accounts, added by the package that makes them: who logs in with which roles,
# and whether the database has accounts already (then `flask setup first-start` loads nothing).
_logins = []
_accounts_present = []

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


def load_demo() -> None:
    for step in sorted(_steps, key=lambda step: getattr(step, "demo_phase", 0)):
        step()


def demo_accounts(logins, present) -> None:
    """Register the demo's logins (a function returning `(email, roles)` pairs) and a function
    that says whether the database has accounts already."""
    if logins not in _logins:
        _logins.append(logins)
    if present not in _accounts_present:
        _accounts_present.append(present)


def demo_logins() -> list[tuple[str, str]]:
    return [login for logins in _logins for login in logins()]


def accounts_present() -> bool:
    return any(present() for present in _accounts_present)
