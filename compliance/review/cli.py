"""`flask review daily`: corrective-action reminders; run it once a day from cron."""

import click
from flask.cli import AppGroup

from compliance.review.services import run_daily

review_cli = AppGroup("review", help="The review workflow's jobs.")


@review_cli.command("daily")
def daily():
    """Remind schools of corrective actions due within 14 days or overdue (each reminder once)."""
    report = run_daily()
    click.echo(f"Reminders sent: {report.due} due soon, {report.overdue} overdue.")
