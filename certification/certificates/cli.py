"""`flask certificates ...`: the daily job (cron) and key rotation."""

import click
from flask.cli import AppGroup

from certification.certificates.services import run_daily
from certification.certificates.signing import KeysFromEnvironment, generate_key, key_folder
from core.checkpoints import create_checkpoint

certificates_cli = AppGroup("certificates", help="School certificates: daily job, signing keys.")


@certificates_cli.command("daily")
def daily():
    """Expire certificates, end finished suspensions, send expiry (90/30 days), renewal and
    monitoring e-mails, and suspend schools whose monitoring report is overdue past the
    grace period; list certified schools teaching minors without an active teacher of minors
    (and tell the admins); merge the school register's search index. Run once a day from cron; safe to
    run on several nodes at once."""
    report = run_daily()
    click.echo(f"Certificates: {report}.")
    for school_id, name in report.without_active_teacher:
        click.echo(f"No active teacher of minors: {name} (school {school_id}).")
    entry = create_checkpoint()  # the daily jobs pin the audit log's end too
    click.echo(f"Audit checkpoint: {entry['rows']} events.")


@certificates_cli.command("rotate-key")
def rotate_key():
    """Make a new signing key; the old ones stay in the JWKS so that what they signed still verifies."""
    try:
        key = generate_key()
    except KeysFromEnvironment as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"New signing key {key.kid} in {key_folder()}; it signs from now on.")
