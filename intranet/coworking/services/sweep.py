"""Time-driven changes: expiries, no-shows and reminders (erasure: services/privacy.py)."""

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from intranet.coworking.models import Booking, BookingStatus
from intranet.coworking.services.decisions import move_status, release_slots
from intranet.coworking.services.emails import queue_booking_email
from intranet.extensions import db
from intranet.models import utc_now

REMINDER_BEFORE = timedelta(hours=3)


def expire_and_mark_no_shows(
    now: datetime | None = None, centre_id: int | None = None
) -> dict[str, int]:
    """Undecided requests expire at their start; unclaimed confirmed seats become no-shows."""
    now = now or utc_now()
    query = (
        select(Booking)
        .options(selectinload(Booking.centre))
        .where(
            Booking.status.in_((BookingStatus.PENDING, BookingStatus.CONFIRMED)),
            Booking.start_dt <= now,
        )
    )
    if centre_id is not None:
        query = query.where(Booking.centre_id == centre_id)
    counts = {"expired": 0, "no_show": 0}
    for booking in db.session.scalars(query).all():
        if booking.status == BookingStatus.PENDING:
            outcome = BookingStatus.EXPIRED
        elif booking.start_dt + timedelta(minutes=booking.centre.grace_minutes) <= now:
            outcome = BookingStatus.NO_SHOW
        else:
            continue
        # Another worker's sweep or a last-second decision may have moved it: then skip it.
        if move_status(booking, (booking.status,), outcome):
            counts[str(outcome)] += 1
            release_slots(booking)
    db.session.flush()
    return counts


def send_reminders(now: datetime | None = None) -> int:
    """One reminder per confirmed booking starting within REMINDER_BEFORE."""
    now = now or utc_now()
    due = db.session.scalars(
        select(Booking).where(
            Booking.status == BookingStatus.CONFIRMED,
            Booking.reminder_sent_dt.is_(None),
            Booking.start_dt > now,
            Booking.start_dt <= now + REMINDER_BEFORE,
        )
    ).all()
    for booking in due:
        booking.reminder_sent_dt = now
        queue_booking_email(booking, "reminder")
    db.session.flush()
    return len(due)


def sweep(now: datetime | None = None) -> dict[str, int]:
    """Everything the cron job does; running it twice changes nothing the second time."""
    now = now or utc_now()
    counts = expire_and_mark_no_shows(now)
    counts["reminders"] = send_reminders(now)
    return counts
