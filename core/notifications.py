"""In-app notifications with an e-mail for each: `notify(users, kind, link, **params)`
writes one row per recipient and queues their e-mail (in their language, through the
outbox) in the caller's transaction; the caller commits.

Each kind has a text here and a template `templates/emails/notifications/<kind>.txt`.
The list is at /berichten ("meldingen" means reports of misconduct on this site).
"""

from datetime import datetime

from flask import Blueprint, abort, current_app, has_request_context, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import JSON, ForeignKey, Index, Integer, String, func, select, update
from sqlalchemy.orm import Mapped, mapped_column

from core.extensions import db
from core.mail import queue_mail
from core.models import UTCDateTime, utcnow

TEXTS = {
    "assessment_submitted": _l("Zelfevaluatie ingediend door %(school)s: wijs een beoordelaar toe."),
    "assigned": _l("Je bent beoordelaar van de zelfevaluatie van %(school)s."),
    "information_requested": lambda params: ngettext(
        "De beoordelaar vraagt om aanvulling bij %(num)d eis van %(school)s.",
        "De beoordelaar vraagt om aanvulling bij %(num)d eisen van %(school)s.", int(params["count"]),
        school=params["school"]),
    "resubmitted": _l("%(school)s heeft de gevraagde informatie aangevuld."),
    "recommendation_ready": _l("Advies over %(school)s wacht op een tweede beoordelaar."),
    "sent_back": _l("Je advies over %(school)s is teruggestuurd door de tweede beoordelaar."),
    "decision": _l("Besluit over de zelfevaluatie van %(school)s: %(decision)s."),
    "action_reported": _l("%(school)s meldt een verbeteractie als gedaan."),
    "action_due": _l("Verbeteractie van %(school)s moet af voor %(due)s."),
    "action_overdue": _l("Verbeteractie van %(school)s is over de termijn (%(due)s)."),
    "teacher_not_active": _l("De registratie van %(teacher)s, docent bij %(school)s, is niet meer actief: "
                             "%(teacher_status)s."),
    "schools_without_active_teacher": _l("%(count)s gecertificeerde scholen met les aan minderjarigen hebben geen "
                                         "actief geregistreerde docent van minderjarigen meer."),
    "change_requested": _l("%(school)s vraagt een wijziging van wat het certificaat vermeldt."),
    "change_approved": _l("De alliantie heeft de wijziging van de gegevens van %(school)s goedgekeurd."),
    "change_refused": _l("De alliantie heeft de wijziging van de gegevens van %(school)s niet goedgekeurd."),
}
# Parameters stored as a code and shown as a label in the reader's language; a package above
# this one registers how (`register_param_label("teacher_status", ...)`).
_PARAM_LABELS = {}


def register_param_label(name: str, label_of) -> None:
    _PARAM_LABELS[name] = label_of


class Notification(db.Model):
    __tablename__ = "notification"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    link: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_notification_user_read", "user_id", "read_at"),)

    @property
    def text(self) -> str:
        return str(_Text(self.kind, self.params))


class _Text:
    """A notification's text, rendered when str() is called: in the locale in force then
    (queue_mail forces the recipient's). A `decision` parameter holds a status code."""

    def __init__(self, kind: str, params: dict, subject: bool = False):
        self.kind, self.params, self.subject = kind, params, subject

    def __str__(self) -> str:
        params = dict(self.params)
        if "decision" in params:
            from compliance.models import AssessmentStatus

            try:
                params["decision"] = AssessmentStatus(params["decision"]).label
            except ValueError:
                pass
        for name, label_of in _PARAM_LABELS.items():
            if name in params:
                try:
                    params[name] = label_of(params[name])
                except ValueError:
                    pass
        text = TEXTS.get(self.kind)
        if text is None:
            return self.kind
        text = text(params) if callable(text) else str(text) % params
        return text.rstrip(".") if self.subject else text  # an e-mail subject ends without a full stop


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
            queue_mail(user.email, _Text(kind, params, subject=True), f"notifications/{kind}", locale=user.locale,
                       user=user, link=current_app.config["BASE_URL"] + link, subject_line=_Text(kind, params),
                       **params)
    return rows


def unread_count(user) -> int:
    return db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None))) or 0


bp = Blueprint("notifications", __name__)


@bp.app_context_processor
def _helpers():
    return {"unread_notifications": unread_count}


@bp.get("/berichten")
def inbox():
    rows = db.session.execute(select(Notification).where(Notification.user_id == current_user.id)
                              .order_by(Notification.id.desc()).limit(200)).scalars().all()
    from accounts.forms import EmptyForm

    return render_template("notifications/inbox.html", notifications=rows, form=EmptyForm())


@bp.post("/berichten/<int:notification_id>/gelezen")
def mark_read(notification_id):
    from accounts.forms import EmptyForm

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
    from accounts.forms import EmptyForm

    if EmptyForm().validate_on_submit():
        db.session.execute(update(Notification).where(Notification.user_id == current_user.id,
                                                      Notification.read_at.is_(None)).values(read_at=utcnow()))
        db.session.commit()
    return redirect(url_for("notifications.inbox"), 303)
