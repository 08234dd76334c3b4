"""Users, roles, login, registration, password reset and the permission rules.

`init_app(app)` connects the login manager to the accounts, the login requirement and the
templates' permission helpers, registers the blueprint, and adds `flask users create-admin` and the demo's accounts.
"""

from accounts import cli, demo  # noqa: F401  (they register a command and the demo's accounts)
from accounts.permissions import require_login, template_helpers
from accounts.services import user_for_session
from accounts.views import bp
from core.extensions import login_manager


def init_app(app) -> None:
    login_manager.login_view = "accounts.login"
    login_manager.login_message = None
    login_manager.session_protection = "strong" if app.config["APP_ENV"] == "production" else "basic"
    login_manager.user_loader(user_for_session)
    app.register_blueprint(bp)
    app.before_request(require_login)
    app.context_processor(template_helpers)
