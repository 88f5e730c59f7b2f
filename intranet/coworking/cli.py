"""`flask coworking sweep` and `flask coworking anonymize`, for cron."""

import click
from flask.cli import AppGroup

from intranet.coworking.services import anonymize, retention_days, sweep
from intranet.extensions import db

coworking_cli = AppGroup("coworking", help="Coworking bookings: sweep and anonymize.")


@coworking_cli.command("sweep")
def sweep_command():
    """Mark no-shows, expire undecided requests, send reminders (idempotent)."""
    counts = sweep()
    db.session.commit()
    click.echo(
        f"Expired: {counts['expired']}, no-shows: {counts['no_show']}, "
        f"reminders: {counts['reminders']}."
    )


@coworking_cli.command("anonymize")
@click.option(
    "--days",
    type=click.IntRange(min=1),
    help="Retention in days [default: the COWORKING_RETENTION_DAYS setting, 180].",
)
def anonymize_command(days: int | None):
    """Remove personal data from bookings that ended more than DAYS days ago."""
    count = anonymize(days or retention_days())
    db.session.commit()
    click.echo(f"Anonymized {count} bookings.")
