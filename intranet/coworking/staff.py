"""Staff pages: the coordinator's inbox, decisions, the day board and check-in."""

from datetime import timedelta

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from intranet.auth.models import User
from intranet.auth.permissions import deny, permission_required
from intranet.clock import local_today, to_local
from intranet.coworking import decisions
from intranet.coworking.availability import day_grid
from intranet.coworking.emails import send_booking_email
from intranet.coworking.forms import BulkApproveForm, CheckInForm, RejectForm
from intranet.coworking.models import Booking, BookingStatus, CoworkingCentre
from intranet.coworking.views import get_centre, lazy_sweep, requested_day
from intranet.errors import IntranetError
from intranet.extensions import db
from intranet.forms import EmptyForm, choices
from intranet.libraries.models import Library

bp = Blueprint("coworking_staff", __name__)
REJECT_PRESETS = {
    "full": _l("The centre is reserved for a group event at this time."),
    "closed": _l("The centre is closed at this time for technical reasons."),
    "purpose": _l("The purpose of the visit does not suit the coworking centre."),
    "duplicate": _l("You already have a booking for this time."),
}


def my_centres() -> list[CoworkingCentre]:
    """The centres the signed-in user coordinates (all of them for central roles)."""
    rows = db.session.scalars(
        select(CoworkingCentre)
        .join(CoworkingCentre.library)
        .options(selectinload(CoworkingCentre.library))
        .order_by(Library.position)
    ).all()
    return [centre for centre in rows if centre.can_manage(current_user)]


def managed_centre(slug: str) -> CoworkingCentre:
    centre = get_centre(slug)
    if not centre.can_manage(current_user):
        deny(f"centre:{centre.slug}")
    return centre


def managed_booking(booking_id: int) -> Booking:
    booking = db.get_or_404(Booking, booking_id)
    if not booking.can_manage(current_user):
        deny(f"booking:{booking.id}")
    return booking


def reject_form() -> RejectForm:
    form = RejectForm()
    form.preset.choices = choices(
        [("", _("Write a reason below"))] + [(k, str(v)) for k, v in REJECT_PRESETS.items()]
    )
    return form


@bp.get("/")
@permission_required(User.can_use_coworking_desk)
def inbox():
    """Pending requests of my centres, oldest first."""
    lazy_sweep()
    centres = my_centres()
    pending = db.session.scalars(
        select(Booking)
        .where(
            Booking.centre_id.in_([c.id for c in centres]),
            Booking.status == BookingStatus.PENDING,
        )
        .options(selectinload(Booking.centre), selectinload(Booking.seat))
        .order_by(Booking.created_dt, Booking.id)
    ).all()
    return render_template(
        "coworking/staff/inbox.html",
        centres=centres,
        pending=pending,
        reject_form=reject_form(),
        bulk_form=BulkApproveForm(formdata=None),
        today=local_today(),
    )


def _back(booking: Booking | None = None):
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


def _decide(booking: Booking, action, email_kind: str | None, message: str, **kw):
    try:
        action(booking, actor=current_user, **kw)
    except IntranetError as error:
        db.session.rollback()
        flash(str(error), "danger")
        return _back(booking)
    db.session.commit()
    if email_kind:
        send_booking_email(booking, email_kind)
    flash(message, "success")
    return _back(booking)


@bp.post("/bookings/<int:booking_id>/approve")
@permission_required(User.can_use_coworking_desk)
def approve(booking_id: int):
    """Confirm one request."""
    booking = managed_booking(booking_id)
    if not EmptyForm().validate_on_submit():
        return _back(booking)
    return _decide(booking, decisions.approve_booking, "confirmed", _("Booking confirmed."))


@bp.post("/bookings/<int:booking_id>/reject")
@permission_required(User.can_use_coworking_desk)
def reject(booking_id: int):
    """Turn a request down with a preset (in the visitor's language) or a written reason."""
    booking = managed_booking(booking_id)
    form = reject_form()
    if not form.validate_on_submit():
        flash(_("Give a reason: the visitor will read it."), "danger")
        return _back(booking)
    reason = form.reason.data or ""
    if form.preset.data in REJECT_PRESETS:
        with force_locale(booking.language):
            reason = str(REJECT_PRESETS[form.preset.data])
    return _decide(
        booking, decisions.reject_booking, "rejected", _("Request rejected."), reason=reason
    )


@bp.post("/approve")
@permission_required(User.can_use_coworking_desk)
def approve_many():
    """Confirm several requests at once; each is checked on its own."""
    form = BulkApproveForm()
    if not form.validate_on_submit():
        flash(_("Choose at least one request."), "warning")
        return _back()
    bookings = [db.session.get(Booking, booking_id) for booking_id in form.ids.data]
    for booking_id, booking in zip(form.ids.data, bookings, strict=True):
        if booking is None or not booking.can_manage(current_user):
            deny(f"booking:{booking_id}")  # before any change, so nothing half-done is saved
    approved = []
    for booking in bookings:
        try:
            decisions.approve_booking(booking, actor=current_user)
        except IntranetError as error:
            db.session.rollback()
            flash(str(error), "danger")
            return _back()
        approved.append(booking)
    db.session.commit()
    for booking in approved:
        send_booking_email(booking, "confirmed")
    flash(_("Confirmed: %(count)d.", count=len(approved)), "success")
    return _back()


@bp.post("/bookings/<int:booking_id>/check-in")
@permission_required(User.can_use_coworking_desk)
def check_in(booking_id: int):
    """Check in from the board."""
    booking = managed_booking(booking_id)
    if not EmptyForm().validate_on_submit():
        return _back(booking)
    return _decide(booking, decisions.check_in_booking, None, _("Checked in."))


@bp.post("/<slug>/check-in")
@permission_required(User.can_use_coworking_desk)
def check_in_code(slug: str):
    """Check in by the code the visitor shows."""
    centre = managed_centre(slug)
    form = CheckInForm()
    booking = decisions.find_by_code(centre, form.code.data) if form.validate_on_submit() else None
    if booking is None:
        flash(_("No booking with this code in this centre."), "danger")
        return redirect(url_for("coworking_staff.board", slug=slug), 303)
    try:
        decisions.check_in_booking(booking, actor=current_user)
    except IntranetError as error:
        db.session.rollback()
        flash(str(error), "danger")
    else:
        db.session.commit()
        flash(_("Checked in: seat %(seat)s.", seat=booking.seat.label), "success")
    return redirect(url_for("coworking_staff.board", slug=slug), 303)


@bp.get("/<slug>/board")
@permission_required(User.can_use_coworking_desk)
def board(slug: str):
    """Seats x hours for a day with each booking's status."""
    centre = managed_centre(slug)
    day = requested_day()
    lazy_sweep(centre.id)
    grid = day_grid(centre, day, staff=True)
    # Every booking of the day, also one outside today's hours or on a seat out of use.
    day_bookings = sorted(grid.day_bookings, key=lambda b: (b.start_dt, b.seat.label))
    return render_template(
        "coworking/staff/board.html",
        centre=centre,
        grid=grid,
        day=day,
        day_bookings=day_bookings,
        prev_day=day - timedelta(days=1),
        next_day=day + timedelta(days=1),
        checkin_form=CheckInForm(formdata=None),
        reject_form=reject_form(),
    )
