"""The list of one's notifications at /berichten ("meldingen" means reports of misconduct on
this site) and marking them read."""

from flask import Blueprint, abort, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select, update

from accounts.forms import EmptyForm
from core.extensions import db
from core.models import utcnow
from notifications.models import Notification
from notifications.services import unread_count

bp = Blueprint("notifications", __name__)


@bp.app_context_processor
def _helpers():
    return {"unread_notifications": unread_count}


@bp.get("/berichten")
def inbox():
    rows = db.session.execute(select(Notification).where(Notification.user_id == current_user.id)
                              .order_by(Notification.id.desc()).limit(200)).scalars().all()
    return render_template("notifications/inbox.html", notifications=rows, form=EmptyForm())


@bp.post("/berichten/<int:notification_id>/gelezen")
def mark_read(notification_id):
    row = db.session.get(Notification, notification_id)
    if row is None:
        abort(404)
    if row.user_id != current_user.id:
        abort(403)
    if EmptyForm().validate_on_submit() and row.read_at is None:
        row.read_at = utcnow()  # a reader's own bookkeeping, not worth an audit row
        db.session.commit()
    return redirect(row.link, 303)


@bp.post("/berichten/gelezen")
def mark_all_read():
    if EmptyForm().validate_on_submit():
        db.session.execute(update(Notification).where(Notification.user_id == current_user.id,
                                                      Notification.read_at.is_(None)).values(read_at=utcnow()))
        db.session.commit()
    return redirect(url_for("notifications.inbox"), 303)
