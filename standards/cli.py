"""`flask standards validate|publish|diff|versions`, and the first-start step that publishes
the shipped plan files (`make run`)."""

import sys
from pathlib import Path

import click
from flask.cli import AppGroup

from accounts.models import Role
from accounts.services import find_user
from core.cli import first_start_steps
from standards import DEFAULT_PLAN_CODE
from standards.diffing import PlanDiff, diff_plans
from standards.errors import PlanFileError, StandardsError
from standards.schema import load_plan_file, validate_plan_file
from standards.services import list_versions, publish_plan, publish_shipped_plans, resolve_plan

standards_cli = AppGroup("standards", help="Validate, publish and compare quality-plan versions.")


@standards_cli.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(paths):
    """Check plan files; exit 1 naming every problem and where it is."""
    failed = False
    for path in paths:
        errors = validate_plan_file(path)
        if errors:
            failed = True
            click.echo(f"{path}: not valid, {len(errors)} problem{'s' if len(errors) != 1 else ''}:", err=True)
            for error in errors:
                click.echo(f"  {error}", err=True)
            continue
        document = load_plan_file(path)
        click.echo(f"{path}: valid ({document.code} {document.version}: {len(document.domains)} domains, "
                   f"{len(document.criteria())} criteria).")
        expected = f"{document.code}-{document.version}.yaml"
        if path.name != expected:
            click.echo(f"{path}: note: plan files are named <code>-<version>.yaml; this one would be {expected}.",
                       err=True)
    sys.exit(1 if failed else 0)


def _admin(email: str | None):
    if not email:
        return None
    user = find_user(email)
    if user is None or not user.has_role(Role.admin):
        raise click.ClickException(f"{email} is not an admin account.")
    return user


@standards_cli.command("publish")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--by", "by_email", metavar="EMAIL", help="The admin publishing it, for the audit log.")
def publish(path, by_email):
    """Publish a plan file as an immutable version; retires the previous version."""
    by = _admin(by_email)
    try:
        result = publish_plan(path, by=by)
    except StandardsError as exc:
        raise click.ClickException(str(exc.message))
    plan = result.plan
    if not result.created:
        state = "retired" if plan.is_retired else "published"
        click.echo(f"{plan.code} {plan.version} is already {state} with identical content: nothing changed.")
        return
    click.echo(f"Published {plan.code} {plan.version} ({len(plan.criteria)} criteria).")
    if result.retired is not None:
        click.echo(f"Version {result.retired.version} is now retired; it stays readable for assessments pinned "
                   "to it.")


@standards_cli.command("versions")
@click.option("--code", default=DEFAULT_PLAN_CODE, show_default=True)
def versions(code):
    """List the stored versions of a plan."""
    plans = list_versions(code)
    if not plans:
        click.echo(f"No version of {code} is published yet.")
    for plan in plans:
        published = plan.published_at.date().isoformat() if plan.published_at else "-"
        click.echo(f"{plan.version:>8}  {plan.status.value:9}  published {published}  valid from "
                   f"{plan.valid_from.isoformat()}")


def format_diff(diff: PlanDiff) -> list[str]:
    lines = [f"{diff.code}: {diff.old_version} -> {diff.new_version}"]
    if diff.is_empty:
        return lines + ["No differences."]

    def section(title, items):
        if items:
            lines.append(f"{title} ({len(items)}):")
            lines.extend(f"  {item}" for item in items)

    section("Criteria added", [f"+ {c['code']} {c['title']['nl']} (domain {c['domain']})" for c in diff.added])
    section("Criteria removed", [f"- {c['code']} {c['title']['nl']}" for c in diff.removed])
    section("Criteria changed", [f"~ {c.code}: {', '.join(c.fields)}" for c in diff.changed])
    section("Domains added", [f"+ {d['code']} {d['title']['nl']}" for d in diff.domains_added])
    section("Domains removed", [f"- {d['code']} {d['title']['nl']}" for d in diff.domains_removed])
    section("Domains changed", [f"~ {d.code}: {', '.join(d.fields)}" for d in diff.domains_changed])
    plan_lines = []
    for change in diff.plan_changes:
        if change.old is None:
            plan_lines.append(f"+ {change.path}")
        elif change.new is None:
            plan_lines.append(f"- {change.path}")
        elif change.is_scalar:
            plan_lines.append(f"~ {change.path}: {change.old} -> {change.new}")
        else:
            plan_lines.append(f"~ {change.path}")
    section("Plan changed", plan_lines)
    return lines


@standards_cli.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--code", default=None, help=f"Plan code for versions given by number [default: the code of a file "
                                           f"given, else {DEFAULT_PLAN_CODE}].")
def diff(old, new, code):
    """Compare two versions: each a stored version number (e.g. 1.0) or a path to a plan file."""
    def is_file(ref):
        return ref.endswith((".yaml", ".yml")) or Path(ref).exists()

    try:
        files = {ref: load_plan_file(ref) for ref in (old, new) if is_file(ref)}
        code = code or next((document.code for document in files.values()), DEFAULT_PLAN_CODE)
        sides = [files.get(ref) or resolve_plan(ref, code) for ref in (old, new)]
    except StandardsError as exc:
        raise click.ClickException(str(exc.message))
    for line in format_diff(diff_plans(*sides)):
        click.echo(line)


def publish_shipped_plans_step():
    """First start: publish every shipped plan file the database does not hold yet."""
    try:
        report = publish_shipped_plans()
    except PlanFileError as exc:
        raise click.ClickException(str(exc.message))
    for result in report.published:
        click.echo(f"Published quality plan {result.plan.code} {result.plan.version}.")
    for warning in report.warnings:
        click.echo(f"Warning: {warning}", err=True)


if publish_shipped_plans_step not in first_start_steps:
    first_start_steps.append(publish_shipped_plans_step)
