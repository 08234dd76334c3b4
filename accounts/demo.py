"""The demo's accounts, one per role, for `flask demo load` and `flask setup first-start`."""

from sqlalchemy import func, select

from accounts.models import Role, User
from accounts.services import create_user, find_user
from core.demo import DEMO_PASSWORD, demo_accounts, demo_step
from core.extensions import db

DEMO_USERS = (
    ("admin@demo.dansveilig.nl", "Anouk de Beheerder", {Role.admin}),
    ("assessor1@demo.dansveilig.nl", "Bram Beoordelaar", {Role.assessor}),
    ("assessor2@demo.dansveilig.nl", "Citlali Vermeer", {Role.assessor}),
    ("eigenaar@demo.dansveilig.nl", "Daan Eigenaar", {Role.school_owner}),
    ("docent@demo.dansveilig.nl", "Esra Yılmaz", {Role.teacher}),
    ("monitor@demo.dansveilig.nl", "Fenna van OCW", {Role.monitor}),
)


@demo_step(phase=-1)
def demo_users():
    for email, name, roles in DEMO_USERS:
        if find_user(email) is None:
            create_user(email, name, roles, by=None, password=DEMO_PASSWORD)


def demo_logins() -> list[tuple[str, str]]:
    return [(email, ", ".join(sorted(r.value for r in roles))) for email, _name, roles in DEMO_USERS]


def any_account() -> bool:
    return bool(db.session.scalar(select(func.count()).select_from(User)))


demo_accounts(demo_logins, any_account)
