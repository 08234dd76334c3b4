from sqlalchemy import select

from core.extensions import db
from core.mail import queue_mail, send_pending
from core.models import OutboxMessage, OutboxStatus


class _User:
    name = "Zoë"


def test_queued_mail_is_lost_with_a_rolled_back_transaction(app, mailbox):
    queue_mail("a@example.nl", "Onderwerp", "confirm_email", user=_User(), token="t")
    db.session.rollback()
    assert send_pending() == (0, 0)
    assert mailbox == []


def test_send_pending_delivers_by_smtp_once(app, mailbox):
    queue_mail("a@example.nl", "Onderwerp", "confirm_email", user=_User(), token="t")
    db.session.commit()
    assert send_pending() == (1, 0)
    assert send_pending() == (0, 0)
    assert len(mailbox) == 1
    assert "Hallo Zoë" in mailbox[0].get_content()
    assert "http://dansveilig.test/bevestigen/t" in mailbox[0].get_content()


def test_smtp_outage_keeps_the_message_for_a_retry(app, mailbox):
    port = app.config["MAIL_PORT"]
    app.config["MAIL_PORT"] = 1  # nothing listens there
    try:
        queue_mail("a@example.nl", "Onderwerp", "confirm_email", user=_User(), token="t")
        db.session.commit()
        assert send_pending() == (0, 1)
    finally:
        app.config["MAIL_PORT"] = port
    message = db.session.execute(select(OutboxMessage)).scalar_one()
    assert message.status == OutboxStatus.pending and message.attempts == 1 and message.last_error
    runner = app.test_cli_runner()
    result = runner.invoke(args=["mail", "send-pending"])
    assert result.exit_code == 0 and "Sent 1" in result.output
    assert len(mailbox) == 1


def test_without_smtp_settings_mail_is_logged(app, caplog):
    server = app.config["MAIL_SERVER"]
    app.config["MAIL_SERVER"] = ""
    try:
        queue_mail("a@example.nl", "Onderwerp", "confirm_email", user=_User(), token="t")
        db.session.commit()
        with caplog.at_level("INFO"):
            assert send_pending() == (1, 0)
    finally:
        app.config["MAIL_SERVER"] = server
    assert "E-mail to a@example.nl: Onderwerp" in caplog.text
