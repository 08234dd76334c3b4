"""`flask users create-admin`, on core's `flask users` group."""

import click

from accounts.models import Role
from accounts.services import AccountError, create_user
from core.cli import users_cli


@users_cli.command("create-admin")
@click.argument("email")
@click.option("--name", default="Beheerder", show_default=True)
@click.password_option(help="Password (asked for when not given).")
def create_admin(email, name, password):
    """Create an administrator account."""
    try:
        user = create_user(email, name, {Role.admin}, by=None, password=password)
    except AccountError as exc:
        raise click.ClickException(str(exc.message))
    click.echo(f"Created admin {user.email}.")
