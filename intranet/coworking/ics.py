"""One booking as an RFC 5545 calendar file."""

from flask_babel import force_locale
from flask_babel import gettext as _

from intranet.coworking.models import Booking
from intranet.i18n import localized
from intranet.models import utc_now
from intranet.urls import external_url_for


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold lines longer than 75 octets (RFC 5545 3.1)."""
    out, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > 75:
            out.append(current.decode())
            current = b" "
        current += encoded
    out.append(current.decode())
    return "\r\n".join(out)


def booking_ics(booking: Booking) -> str:
    """A VCALENDAR with one VEVENT for the booking, in the visitor's language."""
    stamp = "%Y%m%dT%H%M%SZ"
    with force_locale(booking.language):
        place = localized(booking.centre.library, "name", booking.language)
        summary = _("Coworking: seat %(seat)s", seat=booking.seat.label)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Kyzylorda libraries//coworking//EN",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        f"UID:booking-{booking.token[:16]}@library.kz",
        f"DTSTAMP:{utc_now().strftime(stamp)}",
        f"DTSTART:{booking.start_dt.strftime(stamp)}",
        f"DTEND:{booking.end_dt.strftime(stamp)}",
        f"SUMMARY:{_escape(summary)}",
        f"LOCATION:{_escape(place)}",
        f"URL:{external_url_for('coworking.booking_page', token=booking.token)}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
