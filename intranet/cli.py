"""Global commands: `flask seed` calls each domain's seed in the order the data depends on."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from intranet.admin.seed import seed_demo_users
from intranet.clock import local_today
from intranet.coworking.seed import seed_centres, seed_demo_bookings
from intranet.events.seed import seed_demo_events, seed_event_types
from intranet.extensions import db
from intranet.libraries.seed import (
    load_reference_data,
    seed_age_bands,
    seed_demo_library_contacts,
    seed_demo_working_day,
    seed_libraries,
)
from intranet.libraries.seed_diary import demo_diary_year, seed_demo_diary
from intranet.static_files import build_static


def seed_reference_data() -> dict[str, int]:
    """Libraries, clubs, holidays, coworking centres and event types (idempotent); no commit."""
    data = load_reference_data()
    counts = seed_libraries(data)
    counts["centres"] = seed_centres(data)
    seed_event_types()
    counts["age bands"] = seed_age_bands()
    return counts


@click.command("seed")
@click.option("--demo", is_flag=True, help="Also add demo accounts and data (not in production).")
@with_appcontext
def seed_command(demo: bool) -> None:
    """Load the 21 libraries, 5 centres, clubs and holidays (idempotent); --demo adds demo data."""
    if demo and current_app.config["PRODUCTION"]:
        raise click.ClickException(
            "Refusing to add demo data in production (INTRANET_ENV=production)."
        )
    counts = seed_reference_data()
    db.session.commit()
    click.echo(
        f"Reference data: {counts['libraries']} libraries, {counts['centres']} coworking centres, "
        f"{counts['clubs']} clubs."
    )
    if demo:
        users = seed_demo_users()
        click.echo(
            f"Demo data: {seed_demo_library_contacts()} libraries with placeholder contacts."
        )
        click.echo(f"Demo data: {seed_demo_working_day(local_today())} moved working day.")
        click.echo(f"Demo events: {seed_demo_events()} new.")
        db.session.commit()
        click.echo(f"Demo data: {len(users)} new demo accounts.")
        click.echo(f"Demo data: {seed_demo_bookings()} new coworking bookings.")
        db.session.commit()
        first, last = demo_diary_year(local_today())
        click.echo(f"Demo work diary: {seed_demo_diary(first, last)} new library days.")
        db.session.commit()


@click.command("build-static")
@click.argument("target", type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def build_static_command(target: Path) -> None:
    """Write the static files under their hashed names (and .gz) for nginx to serve."""
    count = build_static(current_app.extensions["static_manifest"], target)
    click.echo(f"Static files: {count} written to {target}.")
