"""`flask registry ...`: the daily job (cron), bulk import and export."""

import sys
import time
from pathlib import Path

import click
from flask.cli import AppGroup

from accounts.services import find_user
from certification.teachers.errors import RegistryError
from certification.teachers.importer import export_registry, import_file
from certification.teachers.services import run_daily
from core.checkpoints import create_checkpoint

registry_cli = AppGroup("registry", help="The teacher registry: daily job, import, export.")


@registry_cli.command("daily")
def daily():
    """Lapse registrations whose VOG or CPD cycle ran out, end finished suspensions, warn
    teachers 60 days ahead, and merge the search index. Safe to run on several nodes at once."""
    report = run_daily()
    click.echo(f"Statuses changed: {report.changed}; VOG warnings: {report.vog_warnings}; "
               f"CPD warnings: {report.cpd_warnings}.")

    entry = create_checkpoint()  # the daily jobs pin the audit log's end too
    click.echo(f"Audit checkpoint: {entry['rows']} events.")


@registry_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--kind", type=click.Choice(["teachers", "cpd"]), required=True, help="What the file holds.")
@click.option("--dry-run", is_flag=True, help="Only check every row; write nothing.")
@click.option("--by", "by_email", help="E-mail address of the admin the import is recorded under.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the row-by-row problem report (CSV) if there are problems.")
def import_command(file, kind, dry_run, by_email, report_path):
    """Import teachers or CPD records from CSV or XLSX; nothing is written unless every row is valid."""
    by = find_user(by_email) if by_email else None
    if by_email and by is None:
        raise click.ClickException(f"No account with e-mail address {by_email}.")
    started = time.perf_counter()
    bars = {}

    def progress(stage, done, total):
        if stage not in bars:
            label = {"check": "Checking rows", "write": "Writing rows"}[stage]
            bars[stage] = click.progressbar(length=max(total, 1), label=label, file=sys.stderr)
            bars[stage].__enter__()
        bar = bars[stage]
        bar.update(done - bar.pos)
        if done >= total:
            bar.__exit__(None, None, None)

    try:
        report = import_file(file.read_bytes(), file.name, kind, dry_run=dry_run, by=by, progress=progress)
    except RegistryError as exc:
        raise click.ClickException(str(exc.message))
    elapsed = time.perf_counter() - started
    if report.problems:
        target = report_path or file.with_name(file.stem + ".problems.csv")
        target.write_bytes(report.as_csv())
        for problem in report.problems[:20]:
            click.echo(f"  row {problem.row}, {problem.column}: {problem.message}", err=True)
        more = len(report.problems) - 20
        click.echo(f"{len(report.problems)} problem(s){f' ({more} more not shown)' if more > 0 else ''}; "
                   f"nothing was written. Report: {target}", err=True)
        sys.exit(1)
    verb = "would create" if dry_run else "created"
    click.echo(f"{report.rows} rows valid in {elapsed:.2f} s: {verb} {report.created}, updated {report.updated}, "
               f"unchanged {report.unchanged}.{' Nothing written (dry run).' if dry_run else ''}")


@registry_cli.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def export_command(file):
    """Export the public registry as CSV or XLSX (by the file's extension)."""
    fmt = file.suffix.lower().lstrip(".")
    if fmt not in ("csv", "xlsx"):
        raise click.ClickException("Name a .csv or .xlsx file.")
    _name, _mimetype, data = export_registry(fmt)
    file.write_bytes(data)
    click.echo(f"Wrote {file} ({len(data)} bytes).")
