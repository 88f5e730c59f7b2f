"""`flask user create`: add a staff account from the command line."""

import click
from flask.cli import with_appcontext
from flask_babel import force_locale

from intranet.auth import services
from intranet.auth.models import Role
from intranet.errors import IntranetError
from intranet.extensions import db
from intranet.i18n import LANGUAGES


@click.group("user")
def user_cli():
    """Manage staff accounts."""


@user_cli.command("create")
@click.option("--email", required=True)
@click.option("--password", required=True)
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.option("--library", "library", default=None, help="Library slug (branch staff).")
@click.option("--centre", "centres", multiple=True, help="Coworking centre slug (coordinators).")
@click.option("--name", "full_name", default="")
@click.option("--language", default="kk", type=click.Choice(LANGUAGES))
@with_appcontext
def create_user_command(email, password, role, library, centres, full_name, language):
    """Create a staff account with a role and its scope."""
    try:
        user = services.create_user(
            actor=None,
            email=email,
            password=password,
            role=role,
            full_name=full_name,
            library=library,
            centres=centres,
            language=language,
        )
    except IntranetError as error:
        db.session.rollback()
        with force_locale("en"):
            raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"Created {user.email} ({user.role}).")
