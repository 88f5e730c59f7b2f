"""What a coordinator prints: the QR codes of the seats, and the day's bookings for the desk."""

from flask import render_template
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from intranet.auth.models import User
from intranet.auth.permissions import permission_required
from intranet.coworking import qr
from intranet.coworking.queries import day_grid
from intranet.coworking.views.common import lazy_sweep, requested_day
from intranet.coworking.views.staff.desk import managed_centre

# Personal data (the day's list) and codes that work for a long time: never kept on the way.
NOT_KEPT = {"Cache-Control": "no-store"}


@permission_required(User.can_use_coworking_desk)
def codes(slug: str) -> ResponseReturnValue:
    """An A4 sheet: the entrance's code, then one code per seat in use."""
    centre = managed_centre(slug)
    entrance = qr.scan_url(centre.slug, centre.id, None)
    cards = [(_("Entrance"), entrance, qr.qr_svg(entrance, _("Entrance")))]
    for seat in centre.active_seats:
        url = qr.scan_url(centre.slug, centre.id, seat.id)
        label = _("Seat %(seat)s", seat=seat.label)
        cards.append((label, url, qr.qr_svg(url, label)))
    return render_template("coworking/staff/codes.html", centre=centre, cards=cards), NOT_KEPT


@permission_required(User.can_use_coworking_desk)
def day_list(slug: str) -> ResponseReturnValue:
    """The day's bookings on paper, for when phones or the network fail."""
    centre = managed_centre(slug)
    day = requested_day()
    lazy_sweep(centre.id)
    bookings = sorted(
        day_grid(centre, day, staff=True).day_bookings,
        key=lambda b: (b.start_dt, b.seat.label),
    )
    return (
        render_template("coworking/staff/day_list.html", centre=centre, day=day, bookings=bookings),
        200,
        NOT_KEPT,
    )
