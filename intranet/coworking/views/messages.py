"""What a coordinator or a visitor reads after each coworking action: what happened, what next."""

from flask_babel import gettext as _
from flask_babel import ngettext

from intranet.coworking.models import Booking
from intranet.i18n import format_clock, format_day


def when(booking: Booking) -> str:
    """The booking's day and hours, such as «1 дек. 2026 г., 10:00–11:00» (intranet.i18n)."""
    return "{}, {}–{}".format(
        format_day(booking.start_dt, "medium"),
        format_clock(booking.start_dt),
        format_clock(booking.end_dt),
    )


def confirmed(booking: Booking) -> str:
    return _(
        "Seat %(seat)s is confirmed for %(when)s. The visitor gets an email with the booking.",
        seat=booking.seat.label,
        when=when(booking),
    )


def rejected(booking: Booking) -> str:
    return _(
        "The request for seat %(seat)s for %(when)s is rejected. The visitor gets an email "
        "with your reason.",
        seat=booking.seat.label,
        when=when(booking),
    )


def confirmed_many(count: int) -> str:
    return ngettext(
        "%(num)d request is confirmed. Its visitor gets an email with the booking.",
        "%(num)d requests are confirmed. Each visitor gets an email with the booking.",
        count,
    )


def checked_in(booking: Booking) -> str:
    return _(
        "Checked in: seat %(seat)s until %(end)s.",
        seat=booking.seat.label,
        end=format_clock(booking.end_dt),
    )


def already_checked_in(booking: Booking) -> str:
    return _(
        "You are already checked in: seat %(seat)s until %(end)s.",
        seat=booking.seat.label,
        end=format_clock(booking.end_dt),
    )


def no_such_code() -> str:
    return _("No booking with this code in this centre. Check the code in the visitor's email.")


def no_code_of_mine() -> str:
    return _("No booking with this code in this centre. Check the code on your booking's page.")


def cancelled_by_visitor() -> str:
    return _(
        "Your booking is cancelled and the seat is free for others. You can book again at any time."
    )
