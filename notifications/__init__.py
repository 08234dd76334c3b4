"""In-app notifications, each with an e-mail: `notify(users, kind, link, **params)` in the
caller's transaction, the list at /berichten. The packages above add their kinds' texts.

`init_app(app)` registers the blueprint (the list, marking read, the unread count in pages).
"""

from notifications.models import Notification
from notifications.services import link_for, notify, unread_count
from notifications.texts import TEXTS, register_param_label
from notifications.views import bp

__all__ = ["TEXTS", "Notification", "init_app", "link_for", "notify", "register_param_label", "unread_count"]


def init_app(app) -> None:
    app.register_blueprint(bp)
