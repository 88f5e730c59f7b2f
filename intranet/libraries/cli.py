"""`flask seed [--demo]`: reference data, and demo data for trying the app out."""

import click
from flask import current_app
from flask.cli import with_appcontext

from intranet.events.seed import seed_demo_events, seed_event_types
from intranet.extensions import db
from intranet.libraries.seed import seed_demo_users, seed_reference


@click.command("seed")
@click.option("--demo", is_flag=True, help="Also add demo accounts and data (not in production).")
@with_appcontext
def seed_command(demo: bool):
    """Load the 21 libraries, 5 centres, clubs and holidays (idempotent); --demo adds demo data."""
    if demo and current_app.config["PRODUCTION"]:
        raise click.ClickException(
            "Refusing to add demo data in production (INTRANET_ENV=production)."
        )
    counts = seed_reference()
    seed_event_types()
    db.session.commit()
    click.echo(
        f"Reference data: {counts['libraries']} libraries, {counts['centres']} coworking centres, "
        f"{counts['clubs']} clubs."
    )
    if demo:
        users = seed_demo_users()
        click.echo(f"Demo events: {seed_demo_events()} new.")
        db.session.commit()
        click.echo(f"Demo data: {len(users)} new demo accounts.")
        from intranet.coworking.demo import seed_demo_bookings

        click.echo(f"Demo data: {seed_demo_bookings()} new coworking bookings.")
        db.session.commit()
