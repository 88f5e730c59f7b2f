"""The page listing the bookings a change would cancel, and the emails once it is saved."""

from flask import render_template
from flask_babel import ngettext

from intranet.coworking.cancellations import ConfirmCancellations
from intranet.coworking.emails import send_booking_email
from intranet.coworking.models import Booking


def confirmation_page(ask: ConfirmCancellations, *, title: str, action: str, back: str):
    """Ask before saving: who loses which seat when; the button re-sends the same form."""
    return render_template(
        "coworking/staff/confirm_cancellations.html",
        title=title,
        bookings=ask.bookings,
        changed=ask.changed,
        affected=",".join(str(booking.id) for booking in ask.bookings),
        action=action,
        back=back,
    )


def notify_cancelled(bookings: list[Booking]) -> str:
    """Email each visitor in the language they booked in; the message for the staff member."""
    for booking in bookings:
        send_booking_email(booking, "cancelled_by_centre")
    return ngettext(
        "%(num)d booking was cancelled; its visitor has been told by email.",
        "%(num)d bookings were cancelled; their visitors have been told by email.",
        len(bookings),
    )
