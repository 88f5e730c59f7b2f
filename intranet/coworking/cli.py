"""`flask coworking sweep` and `flask coworking anonymize`, for cron."""

import click
from flask.cli import AppGroup

from intranet.coworking.sweep import anonymize, sweep
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
@click.option("--days", default=180, show_default=True, type=click.IntRange(min=1))
def anonymize_command(days: int):
    """Remove personal data from bookings that ended more than DAYS days ago."""
    count = anonymize(days)
    db.session.commit()
    click.echo(f"Anonymized {count} bookings.")
