from accounts.models import Role
from tests.access_kit import LOGGED_IN, PUBLIC, roles

RULES = {
    "accounts.login": PUBLIC,
    "accounts.request_unlock": PUBLIC,
    "accounts.unlock": PUBLIC,
    "accounts.logout": LOGGED_IN,
    "accounts.register": PUBLIC,
    "accounts.confirm": PUBLIC,
    "accounts.resend_confirmation": PUBLIC,
    "accounts.forgot_password": PUBLIC,
    "accounts.reset_password": PUBLIC,
    "accounts.profile": LOGGED_IN,
    "accounts.change_password": LOGGED_IN,
    "accounts.log_out_everywhere": LOGGED_IN,
    "accounts.users": roles(Role.admin),
    "accounts.set_roles": roles(Role.admin),
    "accounts.set_enabled": roles(Role.admin),
}


def _some_user():
    from tests.kit import make_user

    return {"user_id": make_user().id}


SAMPLES = {
    "accounts.set_roles": _some_user,
    "accounts.set_enabled": lambda: {**_some_user(), "action": "blokkeren"},
}
