""" "Lost my link": the links of an email's active bookings, sent to that email only."""

from itertools import groupby

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from intranet.coworking.models import ACTIVE_STATUSES, Booking
from intranet.extensions import db
from intranet.models import utc_now
from intranet.notifications.services import enqueue
from intranet.urls import external_url_for

SUBJECT = _l("The links to your coworking bookings")


def send_booking_links(email: str) -> int:
    """Queue one message per language with the links; the count is for tests, never shown."""
    address = email.strip().lower()
    bookings = db.session.scalars(
        select(Booking)
        .where(
            Booking.email == address,
            Booking.status.in_(ACTIVE_STATUSES),
            Booking.end_dt > utc_now(),
            Booking.anonymized_dt.is_(None),
        )
        .order_by(Booking.language, Booking.start_dt)
    ).all()
    sent = 0
    for language, group in groupby(bookings, key=lambda booking: booking.language):
        mine = list(group)
        enqueue(
            kind="coworking.links",
            recipient=address,
            language=language,
            subject=SUBJECT,
            template="coworking/email/links.txt",
            context={
                "bookings": [
                    (b, external_url_for("coworking_public.booking_page", token=b.token))
                    for b in mine
                ]
            },
        )
        sent += 1
    return sent
