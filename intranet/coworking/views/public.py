"""Public coworking pages: the centres, a day's seats, the booking form, the private page."""

import re
from datetime import timedelta

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import force_locale
from flask_babel import gettext as _

from intranet.clock import local_today
from intranet.coworking import services
from intranet.coworking.forms import BookingForm
from intranet.coworking.models import Booking, BookingStatus, CoworkingCentre
from intranet.coworking.queries import (
    booking_by_token,
    booking_ics,
    day_grid,
    public_centres,
    start_choices,
    today_grids,
)
from intranet.coworking.views.common import coworking_labels, get_centre, lazy_sweep, requested_day
from intranet.extensions import limiter
from intranet.forms import choices
from intranet.i18n import current_language
from intranet.models import utc_now
from intranet.unit_of_work import commit_or_show

bp = Blueprint("coworking_public", __name__)
bp.app_context_processor(coworking_labels)
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")
# A visitor's private page: never cached on the way, never indexed.
PRIVATE = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}


def _limit() -> str:
    return str(current_app.config["COWORKING_BOOK_LIMIT"])


@bp.get("/coworking")
def centres() -> str:
    """The five centres with address, hours and seats free today."""
    lazy_sweep()
    rows = public_centres()
    return render_template("coworking/public/centres.html", centres=rows, grids=today_grids(rows))


@bp.get("/coworking/<slug>")
def centre(slug: str) -> str:
    """Seats x hours for one day, readable without JavaScript."""
    centre = get_centre(slug)
    day = requested_day()
    lazy_sweep(centre.id)
    grid = day_grid(centre, day)
    return render_template(
        "coworking/public/centre.html",
        centre=centre,
        grid=grid,
        day=day,
        today=local_today(),
        prev_day=day - timedelta(days=1),
        next_day=day + timedelta(days=1),
    )


def _fill_choices(form: BookingForm, centre: CoworkingCentre) -> None:
    form.start.choices = choices((t, t) for t in start_choices(centre))
    step = centre.slot_minutes
    form.duration.choices = choices(
        (str(m), _("%(hours)s h", hours=f"{m / 60:g}"))
        for m in range(centre.min_duration_minutes, centre.max_duration_minutes + 1, step)
    )
    form.seat_id.choices = choices(
        [("", _("Any free seat"))] + [(str(s.id), s.label) for s in centre.active_seats]
    )


@bp.route("/coworking/<slug>/book", methods=["GET", "POST"])
@limiter.limit(_limit, methods=["POST"])
def book(slug: str) -> ResponseReturnValue:
    """The public booking form; on success, the private page of the new booking."""
    centre = get_centre(slug)
    form = BookingForm()
    _fill_choices(form, centre)
    if request.method == "GET":
        form.day.data = form.day.data or request.args.get("date", local_today().isoformat())[:10]
        form.start.data = request.args.get("start", "")[:5] or None
        form.seat_id.data = request.args.get("seat", "")[:10]
    status = 200
    if form.validate_on_submit():
        # A rule's message goes next to its field; a lost race (409) next to the seat.
        outcome = commit_or_show(
            lambda: services.create_booking(centre, form.to_request(language=current_language())),
            form=form,
            field=form.seat_id,
        )
        if outcome.value is not None:
            return redirect(
                url_for("coworking_public.booking_page", token=outcome.value.token, new=1)
            )
        status = outcome.status
    elif request.method == "POST":
        status = 400
    return render_template("coworking/public/book.html", centre=centre, form=form), status


def get_booking(token: str) -> Booking:
    """The booking behind a private link; 404 for anything malformed or unknown."""
    if not _TOKEN.match(token):
        abort(404)
    booking = booking_by_token(token)
    if booking is None:
        abort(404)
    return booking


@bp.get("/booking/<token>")
def booking_page(token: str) -> ResponseReturnValue:
    """The visitor's private page, in the language they booked in unless they chose another."""
    booking = get_booking(token)
    lazy_sweep(booking.centre_id)
    language = session.get("lang") or booking.language
    now = utc_now()
    with force_locale(language):
        if booking.anonymized_dt is not None:
            body = render_template("coworking/public/booking_erased.html", booking=booking)
        else:
            body = render_template(
                "coworking/public/booking.html",
                booking=booking,
                can_cancel=booking.can_be_cancelled_by_visitor(now),
                is_new=request.args.get("new") == "1",
                page_language=language,
                kept_until=services.kept_until(booking),
                erase_refusal=services.erase_refusal(booking, now),
            )
    return body, 200, PRIVATE


@bp.post("/booking/<token>/cancel")
def cancel(token: str) -> ResponseReturnValue:
    """The visitor cancels; the seat is free again at once."""
    booking = get_booking(token)
    if commit_or_show(lambda: services.cancel_booking(booking)).ok:
        flash(_("Your booking is cancelled."), "success")
    return redirect(url_for("coworking_public.booking_page", token=token), 303)


@bp.get("/booking/<token>.ics")
def booking_calendar(token: str) -> ResponseReturnValue:
    """The booking as an iCalendar event, once it is confirmed."""
    booking = get_booking(token)
    shown = booking.status in (BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN)
    if not shown or booking.anonymized_dt is not None:
        abort(404)
    return (
        booking_ics(booking),
        200,
        {
            "Content-Type": "text/calendar; charset=utf-8",
            "Content-Disposition": 'attachment; filename="coworking-booking.ics"',
        },
    )


@bp.route("/booking/<token>/erase", methods=["GET", "POST"])
def erase(token: str) -> ResponseReturnValue:
    """Ask first (GET), then delete this booking's name, phone, email and purpose (POST)."""
    booking = get_booking(token)
    page = url_for("coworking_public.booking_page", token=token)
    if booking.anonymized_dt is not None:
        return redirect(page, 303)
    lazy_sweep(booking.centre_id)
    # The visitor's language, as on the private page (the refusal names a date in it).
    with force_locale(session.get("lang") or booking.language):
        if request.method == "GET":
            refusal = services.erase_refusal(booking, utc_now())
            return (
                render_template("coworking/public/erase.html", booking=booking, refusal=refusal),
                200,
                PRIVATE,
            )
        commit_or_show(lambda: services.erase_for_visitor(booking))
    return redirect(page, 303)  # which now says the data is deleted, and when
