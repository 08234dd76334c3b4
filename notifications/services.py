"""`notify(users, kind, link, **params)` writes one in-app notification per recipient and
queues their e-mail (in their language, through the outbox) in the caller's transaction;
the caller commits.

Each kind has a text in notifications.texts (packages above add theirs to TEXTS) and a
template `templates/emails/notifications/<kind>.txt`.
"""

from flask import current_app, has_request_context, url_for
from sqlalchemy import func, select

from core.extensions import db
from core.mail import queue_mail
from notifications.models import Notification
from notifications.texts import TEXTS, NotificationText


def link_for(endpoint: str, **values) -> str:
    """A site-relative URL, also from the CLI or a job (no request)."""
    if has_request_context():
        return url_for(endpoint, **values)
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        return url_for(endpoint, **values)


def notify(users, kind: str, link: str, *, send_mail: bool = True, **params) -> list[Notification]:
    """One in-app notification and one queued e-mail per distinct user. Does not commit.
    `send_mail=False` when the caller sends an e-mail of its own (with more in it)."""
    if kind not in TEXTS:
        raise ValueError(f"unknown notification kind {kind!r}")
    params = {key: str(value) for key, value in params.items()}
    rows, seen = [], set()
    for user in users:
        if user is None or user.id in seen or not user.is_enabled:
            continue
        seen.add(user.id)
        row = Notification(user_id=user.id, kind=kind, params=params, link=link)
        db.session.add(row)
        rows.append(row)
        if send_mail:
            queue_mail(user.email, NotificationText(kind, params, subject=True), f"notifications/{kind}",
                       locale=user.locale, user=user, link=current_app.config["BASE_URL"] + link,
                       subject_line=NotificationText(kind, params), **params)
    return rows


def unread_count(user) -> int:
    return db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None))) or 0

