"""One booking as an iCalendar file, in the visitor's language (written by intranet.ics)."""

from flask_babel import force_locale
from flask_babel import gettext as _

from intranet import ics
from intranet.coworking.models import Booking
from intranet.i18n import localized
from intranet.models import utc_now
from intranet.urls import external_url_for


def booking_ics(booking: Booking) -> bytes:
    """A VCALENDAR with one VEVENT for the booking."""
    with force_locale(booking.language):
        place = localized(booking.centre.library, "name", booking.language)
        summary = _("Coworking: seat %(seat)s", seat=booking.seat.label)
    event = ics.vevent(
        [
            # The booking's id, not its token: the UID travels to calendar servers.
            ("UID", f"booking-{booking.id}@kyzylorda-libraries"),
            ("DTSTAMP", ics.utc_stamp(utc_now())),
            ("DTSTART", ics.utc_stamp(booking.start_dt)),
            ("DTEND", ics.utc_stamp(booking.end_dt)),
            ("SUMMARY", ics.escape_text(summary)),
            ("LOCATION", ics.escape_text(place)),
            ("URL", external_url_for("coworking_public.booking_page", token=booking.token)),
        ]
    )
    return ics.calendar([event])
