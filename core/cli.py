"""Command-line tools: `flask users`, `flask audit`, `flask mail`, `flask demo`, `flask setup`,
`flask retention`. The packages above add their commands to these groups (accounts:
`flask users create-admin`) and their steps to `first_start_steps` and the demo."""

import sys

import click
from flask import current_app
from flask.cli import AppGroup

from core.audit import verify_chain
from core.checkpoints import CheckpointError, checkpoint_path, create_checkpoint, verify_against_checkpoint
from core.demo import DEMO_PASSWORD, accounts_present, demo_logins, load_demo
from core.mail import send_pending
from core.retention import run_retention

users_cli = AppGroup("users", help="Manage user accounts.")
audit_cli = AppGroup("audit", help="Check the audit log and sign checkpoints of its end.")
mail_cli = AppGroup("mail", help="Send e-mail from the outbox.")
demo_cli = AppGroup("demo", help="Demo data for development.")
setup_cli = AppGroup("setup", help="Set-up steps run by `make run`.")
retention_cli = AppGroup("retention", help="Delete what has been kept long enough.")

# Steps every installation needs on first start (e.g. publishing the shipped quality plan);
# packages append to this list.
first_start_steps = []


@audit_cli.command("verify")
def audit_verify():
    """Walk the hash chain and check it against the newest signed checkpoint; exit 1 naming
    the first broken row or the missing tail."""
    report = verify_chain()
    if not report.ok:
        click.echo(f"Audit log BROKEN at event {report.broken_id}: {report.problem} "
                   f"({report.checked} events before it are intact).", err=True)
        sys.exit(1)
    try:
        against = verify_against_checkpoint()
    except CheckpointError as exc:
        raise click.ClickException(str(exc))
    if not against.ok:
        click.echo(f"Audit log BROKEN: {against.problem}.", err=True)
        sys.exit(1)
    click.echo(f"Audit log intact: {report.checked} events checked.")
    if against.checkpoint:
        click.echo(f"Reaches the newest checkpoint ({against.checkpoint['head_id']} events, "
                   f"{against.checkpoint['created_at']}).")
    else:
        click.echo("No checkpoint yet: run `flask audit checkpoint`.")


@audit_cli.command("checkpoint")
def audit_checkpoint():
    """Sign the chain's head hash and row count and append it to the checkpoint file (run daily)."""
    try:
        entry = create_checkpoint()
    except CheckpointError as exc:
        raise click.ClickException(str(exc))
    click.echo(f"Checkpoint: {entry['rows']} events, head {entry['head_hash']}, in {checkpoint_path()}.")


@mail_cli.command("send-pending")
def mail_send_pending():
    """Send queued e-mail (run from cron, or after a mail server outage)."""
    sent, failed = send_pending(limit=10_000)
    click.echo(f"Sent {sent}, failed {failed}.")
    if failed:
        sys.exit(1)


@demo_cli.command("load")
def demo_load():
    """Load demo users and data (idempotent; refused in production)."""
    if current_app.config["APP_ENV"] == "production":
        raise click.ClickException("Demo data is never loaded in production (APP_ENV=production).")
    load_demo()
    click.echo(f"Demo data loaded. Log in with password {DEMO_PASSWORD!r} as:")
    for email, roles in demo_logins():
        click.echo(f"  {email:34} {roles}")


@setup_cli.command("first-start")
def first_start():
    """Run the first-start steps; in development also load the demo once and print the logins."""
    for step in first_start_steps:
        step()
    if current_app.config["APP_ENV"] == "production":
        return
    if not accounts_present():
        click.echo("First start: loading demo data.")
        load_demo()
    click.echo("")
    click.echo("Dans Veilig runs at http://127.0.0.1:5000")
    click.echo(f"Demo logins (password {DEMO_PASSWORD!r}):")
    for email, roles in demo_logins():
        click.echo(f"  {email:34} {roles}")
    click.echo("")


@retention_cli.command("daily")
def retention_daily():
    """Run every registered retention rule (evidence after a certificate ends, half-written
    uploads, and what other packages register). Run once a day from cron."""
    done = run_retention()
    click.echo("Retention: " + ", ".join(f"{name.replace('_', ' ')}: {count}" for name, count in done.items()) + ".")


def register_cli(app):
    for group in (users_cli, audit_cli, mail_cli, demo_cli, setup_cli, retention_cli):
        app.cli.add_command(group)
