"""Emails to visitors about their booking, in the language they booked in, via the outbox."""

import functools

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from intranet.coworking.models import Booking
from intranet.extensions import db
from intranet.notifications.services import (
    enqueue_row,
    message_row_later,
    translated,
    written_when_sent,
)
from intranet.urls import external_url_for

SUBJECTS = {
    "received": _l("We have received your coworking booking request"),
    "confirmed": _l("Your coworking booking is confirmed"),
    "rejected": _l("Your coworking booking request was not accepted"),
    "cancelled": _l("Your coworking booking is cancelled"),
    "reminder": _l("Reminder: your coworking booking"),
    "cancelled_by_centre": _l("The coworking centre has cancelled your booking"),
}


def queue_booking_email(booking: Booking, kind: str) -> None:
    """Put one of SUBJECTS' messages to the visitor in the outbox, with the change itself.

    The worker writes its body when it sends it, from the booking as it is then (the booking
    POST does not pay for the template; see booking_context).
    """
    row = booking_message(kind, booking.email, booking.language)
    if row is not None:
        enqueue_row(row, booking.id)


def booking_message(kind: str, email: str | None, language: str) -> dict[str, object] | None:
    """The outbox row of SUBJECTS' message `kind`, its `about` ending before the booking's id.

    A new booking's write inserts its "received" row itself (see booking_writes), in the
    statement that gives the id; None when the visitor left no address.
    """
    if not email:
        return None
    return message_row_later(
        kind=f"coworking.{kind}",
        recipient=email,
        language=language,
        subject=_subject(kind, language),
        template=f"coworking/email/{kind}.txt",
        source="booking",
    )


@functools.cache
def _subject(kind: str, language: str) -> str:
    """SUBJECTS[kind] in `language`, translated once: every booking POST sends one."""
    return translated(SUBJECTS[kind], language)


@written_when_sent("booking")
def booking_context(booking_id: int) -> dict[str, object] | None:
    """What a booking email is written from; None once the booking's visitor data is gone."""
    booking = db.session.get(Booking, booking_id)
    if booking is None or booking.anonymized_dt is not None:
        return None
    return {
        "booking": booking,
        "link": external_url_for("coworking_public.booking_page", token=booking.token),
        "centre_link": external_url_for("coworking_public.centre", slug=booking.centre.slug),
        "library_link": external_url_for(
            "libraries_public.library", slug=booking.centre.library.slug
        ),
    }


def cancelled_message(bookings: list[Booking]) -> str:
    """What the staff member reads after cancelling bookings: their visitors will be told."""
    return str(
        ngettext(
            "%(num)d booking was cancelled; its visitor has been told by email.",
            "%(num)d bookings were cancelled; their visitors have been told by email.",
            len(bookings),
        )
    )
