"""Emails to visitors about their booking, in the language they booked in."""

from contextlib import AbstractContextManager, nullcontext

from flask import current_app, has_request_context, render_template
from flask_babel import force_locale, ngettext
from flask_babel import lazy_gettext as _l

from intranet.coworking.models import Booking
from intranet.mail import send_mail
from intranet.urls import external_url_for

SUBJECTS = {
    "received": _l("We have received your coworking booking request"),
    "confirmed": _l("Your coworking booking is confirmed"),
    "rejected": _l("Your coworking booking request was not accepted"),
    "cancelled": _l("Your coworking booking is cancelled"),
    "reminder": _l("Reminder: your coworking booking"),
    "cancelled_by_centre": _l("The coworking centre has cancelled your booking"),
}


def send_booking_email(booking: Booking, kind: str) -> bool:
    """Render and send one of SUBJECTS' messages to the visitor."""
    if not booking.email:
        return False
    # The sweep runs from cron without a request; the shared template globals need one.
    context: AbstractContextManager[object] = (
        nullcontext()
        if has_request_context()
        else current_app.test_request_context(base_url=current_app.config["BASE_URL"])
    )
    with context, force_locale(booking.language):
        subject = str(SUBJECTS[kind])
        body = render_template(
            f"coworking/email/{kind}.txt",
            booking=booking,
            link=external_url_for("coworking_public.booking_page", token=booking.token),
            centre_link=external_url_for("coworking_public.centre", slug=booking.centre.slug),
        )
    return send_mail(booking.email, subject, body)


def notify_cancelled(bookings: list[Booking]) -> str:
    """Email each visitor in the language they booked in; the message for the staff member."""
    for booking in bookings:
        send_booking_email(booking, "cancelled_by_centre")
    return str(
        ngettext(
            "%(num)d booking was cancelled; its visitor has been told by email.",
            "%(num)d bookings were cancelled; their visitors have been told by email.",
            len(bookings),
        )
    )
