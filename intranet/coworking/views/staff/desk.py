"""The coordinator's desk: the inbox of requests, decisions, the day board and check-in."""

from collections.abc import Callable
from datetime import timedelta

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from intranet.auth.models import User
from intranet.auth.permissions import deny, permission_required
from intranet.clock import local_today, to_local
from intranet.coworking import services
from intranet.coworking.forms import BulkApproveForm, CheckInForm, RejectForm
from intranet.coworking.models import Booking, CoworkingCentre
from intranet.coworking.queries import centres_of, day_grid, pending_requests
from intranet.coworking.views import messages
from intranet.coworking.views.common import get_centre, lazy_sweep, requested_day
from intranet.extensions import db
from intranet.forms import EmptyForm
from intranet.models import utc_now
from intranet.unit_of_work import commit_or_show

# How often the open board asks for a fresh copy of its seats and bookings.
BOARD_REFRESH_SECONDS = 20


def managed_centre(slug: str) -> CoworkingCentre:
    """The centre with this slug if the signed-in user coordinates it (403 otherwise)."""
    centre = get_centre(slug)
    if not centre.can_manage(current_user):
        deny(f"centre:{centre.slug}")
    return centre


def managed_booking(booking_id: int) -> Booking:
    """The booking if the signed-in user coordinates its centre (403 otherwise)."""
    booking = db.get_or_404(Booking, booking_id)
    if not booking.can_manage(current_user):
        deny(f"booking:{booking.id}")
    return booking


@permission_required(User.can_use_coworking_desk)
def inbox() -> ResponseReturnValue:
    """Pending requests of my centres, oldest first."""
    lazy_sweep()
    centres = centres_of(current_user)
    return render_template(
        "coworking/staff/inbox.html",
        centres=centres,
        pending=pending_requests(centres),
        reject_form=RejectForm(formdata=None),
        bulk_form=BulkApproveForm(formdata=None),
        today=local_today(),
    )


def _back(booking: Booking | None = None) -> Response:
    target = request.args.get("next", "")
    if booking is not None and target == "board":
        return redirect(
            url_for(
                "coworking_staff.board",
                slug=booking.centre.slug,
                date=to_local(booking.start_dt).date().isoformat(),
            ),
            303,
        )
    return redirect(url_for("coworking_staff.inbox"), 303)


def _decide(
    booking: Booking, action: Callable[[], object], message: Callable[[Booking], str]
) -> Response:
    """Run one decision as the unit of work (its email to the visitor is saved with it)."""
    if commit_or_show(action).ok:
        flash(message(booking), "success")
    return _back(booking)


@permission_required(User.can_use_coworking_desk)
def approve(booking_id: int) -> ResponseReturnValue:
    """Confirm one request."""
    booking = managed_booking(booking_id)
    if not EmptyForm().validate_on_submit():
        return _back(booking)
    return _decide(
        booking,
        lambda: services.approve_booking(booking, actor=current_user),
        messages.confirmed,
    )


@permission_required(User.can_use_coworking_desk)
def reject(booking_id: int) -> ResponseReturnValue:
    """Turn a request down with a preset (in the visitor's language) or a written reason."""
    booking = managed_booking(booking_id)
    form = RejectForm()
    if not form.validate_on_submit():
        flash(_("Give a reason: the visitor will read it."), "danger")
        return _back(booking)
    reason = form.reason_in(booking.language)
    return _decide(
        booking,
        lambda: services.reject_booking(booking, actor=current_user, reason=reason),
        messages.rejected,
    )


@permission_required(User.can_use_coworking_desk)
def approve_many() -> ResponseReturnValue:
    """Confirm several requests at once; each is checked on its own, all or none is saved."""
    form = BulkApproveForm()
    if not form.validate_on_submit():
        flash(_("Choose at least one request."), "warning")
        return _back()
    bookings: list[Booking] = []
    for booking_id in form.ids.data:
        booking = db.session.get(Booking, booking_id)
        if booking is None or not booking.can_manage(current_user):
            deny(f"booking:{booking_id}")  # 403 before any change: nothing half-done is saved
        else:
            bookings.append(booking)
    outcome = commit_or_show(
        lambda: [services.approve_booking(booking, actor=current_user) for booking in bookings]
    )
    if outcome.value is not None:
        flash(messages.confirmed_many(len(outcome.value)), "success")
    return _back()


@permission_required(User.can_use_coworking_desk)
def check_in(booking_id: int) -> ResponseReturnValue:
    """Check in from the board."""
    booking = managed_booking(booking_id)
    if not EmptyForm().validate_on_submit():
        return _back(booking)
    return _decide(
        booking,
        lambda: services.check_in_booking(booking, actor=current_user),
        messages.checked_in,
    )


@permission_required(User.can_use_coworking_desk)
def check_in_code(slug: str) -> ResponseReturnValue:
    """Check in by the code the visitor shows."""
    centre = managed_centre(slug)
    form = CheckInForm()
    found = services.find_by_code(centre, form.code.data) if form.validate_on_submit() else None
    if found is None:
        flash(messages.no_such_code(), "danger")
    elif commit_or_show(lambda: services.check_in_booking(found, actor=current_user)).ok:
        flash(messages.checked_in(found), "success")
    return redirect(url_for("coworking_staff.board", slug=slug), 303)


@permission_required(User.can_use_coworking_desk)
def board(slug: str) -> ResponseReturnValue:
    """Seats x hours for a day with each booking's status."""
    centre = managed_centre(slug)
    day = requested_day()
    lazy_sweep(centre.id)
    grid = day_grid(centre, day, staff=True)
    # Every booking of the day, also one outside today's hours or on a seat out of use.
    day_bookings = sorted(grid.day_bookings, key=lambda b: (b.start_dt, b.seat.label))
    live = {"centre": centre, "grid": grid, "day": day, "day_bookings": day_bookings}
    if request.args.get("part") == "live":
        # What static/js/board-refresh.js asks for: the changing part alone, no flashes taken.
        return render_template("coworking/staff/_board_live.html", **live, updated=utc_now())
    return render_template(
        "coworking/staff/board.html",
        **live,
        updated=utc_now(),
        refresh_seconds=BOARD_REFRESH_SECONDS,
        prev_day=day - timedelta(days=1),
        next_day=day + timedelta(days=1),
        checkin_form=CheckInForm(formdata=None),
        reject_form=RejectForm(formdata=None),
    )
