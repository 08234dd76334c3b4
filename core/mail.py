"""E-mail through an outbox: `queue_mail()` writes a row in the caller's transaction,
`send_pending()` delivers by SMTP after the commit (CLI, and right after each request).

Rows are claimed with `FOR UPDATE SKIP LOCKED` on PostgreSQL, so several nodes can send at
once without sending anything twice.
"""

import logging
import smtplib
from email.message import EmailMessage
from email.utils import make_msgid

from flask import current_app, g, render_template
from flask_babel import force_locale
from sqlalchemy import select

from core.extensions import db
from core.models import OutboxMessage, OutboxStatus, utcnow

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


def queue_mail(recipient: str, subject: str, template: str, *, locale: str = "nl", **context) -> OutboxMessage:
    """Render `templates/emails/<template>.txt` in the recipient's language and queue it.

    `subject` is a lazy or plain string; it is rendered in the recipient's locale too.
    """
    # Links in e-mail point at BASE_URL, whether the mail is queued in a request or a CLI job.
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]), force_locale(locale):
        body = render_template(f"emails/{template}.txt", **context)
        subject_text = str(subject)
    message = OutboxMessage(recipient=recipient, subject=subject_text[:200], body_text=body)
    db.session.add(message)
    g.mail_queued = True
    return message


def _smtp_send(message: OutboxMessage) -> None:
    cfg = current_app.config
    email = EmailMessage()
    email["From"] = cfg["MAIL_DEFAULT_SENDER"]
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Message-ID"] = make_msgid(domain="dansveilig.nl")
    email.set_content(message.body_text)
    smtp_class = smtplib.SMTP_SSL if cfg["MAIL_USE_SSL"] else smtplib.SMTP
    with smtp_class(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=10) as smtp:
        if cfg["MAIL_USE_TLS"]:
            smtp.starttls()
        if cfg["MAIL_USERNAME"]:
            smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"])
        smtp.send_message(email)


def send_pending(limit: int = 100) -> tuple[int, int]:
    """Send queued messages; return (sent, failed). Without MAIL_SERVER they are logged."""
    sent = failed = 0
    while True:
        batch = db.session.execute(
            select(OutboxMessage)
            .where(OutboxMessage.status == OutboxStatus.pending)
            .order_by(OutboxMessage.id)
            .limit(min(limit - sent - failed, 20))
            .with_for_update(skip_locked=True)
        ).scalars().all()
        if not batch:
            break
        for message in batch:
            message.attempts += 1
            try:
                if current_app.config["MAIL_SERVER"]:
                    _smtp_send(message)
                else:
                    log.info("E-mail to %s: %s\n%s", message.recipient, message.subject, message.body_text)
            except (OSError, smtplib.SMTPException) as exc:
                message.last_error = str(exc)[:1000]
                if message.attempts >= MAX_ATTEMPTS:
                    message.status = OutboxStatus.failed
                failed += 1
                continue
            message.status = OutboxStatus.sent
            message.sent_at = utcnow()
            sent += 1
        db.session.commit()
        if sent + failed >= limit or failed:
            break
    return sent, failed


def send_after_request(response):
    """Try to deliver what this request queued, once the response is on its way."""
    if g.get("mail_queued") and current_app.config["MAIL_SEND_AFTER_REQUEST"]:
        app = current_app._get_current_object()

        def _send():
            with app.app_context():
                try:
                    send_pending()
                except Exception:  # the outbox keeps the message; the CLI retries it
                    log.exception("sending queued e-mail failed")

        response.call_on_close(_send)
    return response
