"""Self check-in: the page a seat's (or the entrance's) QR code opens, and leaving early.

The page is personal (the visitor's own booking): never kept by a cache, never indexed.
"""

from datetime import datetime

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from intranet.clock import local_today, to_local
from intranet.coworking import qr, services
from intranet.coworking.forms import SelfCheckInForm
from intranet.coworking.models import Booking, CoworkingCentre, Seat
from intranet.coworking.queries import booking_by_token, day_grid, form_plan
from intranet.coworking.views import messages
from intranet.coworking.views.common import coworking_labels, get_centre, lazy_sweep
from intranet.coworking.views.public import PRIVATE, get_booking
from intranet.coworking.views.remembered import remembered_tokens
from intranet.extensions import limiter
from intranet.forms import EmptyForm
from intranet.i18n import format_clock
from intranet.models import utc_now
from intranet.unit_of_work import commit_or_show

bp = Blueprint("coworking_checkin", __name__)
bp.app_context_processor(coworking_labels)


def _limit() -> str:
    return str(current_app.config["COWORKING_BOOK_LIMIT"])


def _scanned(centre: CoworkingCentre, seat_id: int | None, sig: str) -> Seat | None | bool:
    """The seat a genuine code of this centre names (None: its entrance); False if not genuine."""
    seat = next((s for s in centre.active_seats if s.id == seat_id), None)
    if (seat_id is not None and seat is None) or not qr.is_genuine(centre.id, seat_id, sig):
        return False
    return seat


def _remembered_today(centre: CoworkingCentre, now: datetime) -> Booking | None:
    """The booking of this centre today that this phone remembers and that has not ended."""
    today = local_today()
    found = []
    for token in remembered_tokens():
        booking = booking_by_token(token)
        if (
            booking is not None
            and booking.centre_id == centre.id
            and booking.is_active
            and booking.end_dt > now
            and to_local(booking.start_dt).date() == today
        ):
            found.append(booking)
    return min(found, key=lambda b: b.start_dt) if found else None


def _walk_in(centre: CoworkingCentre, seat: Seat | None) -> dict[str, str] | None:
    """The booking form's values for this seat (or any seat) from the first start left today."""
    plan = form_plan(day_grid(centre, local_today()), None, None)
    if plan.start is None or not plan.free_seat_ids:
        return None
    if seat is not None and seat.id not in plan.free_seat_ids:
        return None
    values = {"slug": centre.slug, "date": local_today().isoformat(), "start": plan.start}
    if seat is not None:
        values["seat"] = str(seat.id)
    return values


def scan(slug: str, sig: str, seat_id: int | None = None) -> ResponseReturnValue:
    """What a scanned code opens: check in the booking of this seat now, or book it."""
    centre = get_centre(slug)
    seat = _scanned(centre, seat_id, sig)
    if seat is False:
        # A forged code, another centre's, or a seat out of use: say so, check nothing in.
        page = render_template("coworking/checkin/refused.html", centre=centre)
        return page, 404, PRIVATE
    assert seat is not True  # for mypy: a Seat or the entrance (None) from here on
    lazy_sweep(centre.id)
    now = utc_now()
    here = url_for("coworking_checkin.scan", slug=slug, sig=sig, seat_id=seat_id)
    form = SelfCheckInForm()
    mine = _remembered_today(centre, now)
    if form.validate_on_submit():
        booking = services.find_by_code(centre, form.code.data) if form.code.data else mine
        if booking is None:
            flash(messages.no_code_of_mine(), "danger")
        else:
            outcome = commit_or_show(lambda: services.self_check_in(booking, seat=seat, now=now))
            if outcome.value is True:
                flash(messages.checked_in(booking), "success")
            elif outcome.value is False:
                flash(messages.already_checked_in(booking), "info")
        return redirect(here, 303)
    body = render_template(
        "coworking/checkin/scan.html",
        centre=centre,
        seat=seat,
        mine=mine,
        form=form,
        in_window=mine is not None and services.in_check_in_window(mine, now),
        walk_in=_walk_in(centre, seat) if mine is None else None,
        here=here,
    )
    return body, 400 if form.errors else 200, PRIVATE


def end_early(token: str) -> ResponseReturnValue:
    """The visitor leaves before the end: the rest of the booking is free for others."""
    booking = get_booking(token)
    if EmptyForm().validate_on_submit():
        outcome = commit_or_show(lambda: services.end_booking_early(booking))
        if outcome.value is not None:
            flash(
                _(
                    "Thank you! Seat %(seat)s is free for others from %(time)s.",
                    seat=booking.seat.label,
                    time=format_clock(outcome.value),
                ),
                "success",
            )
    return redirect(url_for("coworking_public.booking_page", token=token), 303)


_scan = limiter.limit(_limit, methods=["POST"])(scan)
bp.add_url_rule("/coworking/<slug>/scan/<sig>", view_func=_scan, methods=["GET", "POST"])
bp.add_url_rule(
    "/coworking/<slug>/scan/<int:seat_id>/<sig>", view_func=_scan, methods=["GET", "POST"]
)
bp.add_url_rule("/booking/<token>/end", view_func=end_early, methods=["POST"])
