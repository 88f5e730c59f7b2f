"""Public coworking pages: the centres, a day's seats, the booking form, the private page."""

import re
from datetime import timedelta
from time import monotonic

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
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from intranet.clock import local_today
from intranet.coworking import decisions, privacy, services
from intranet.coworking.availability import day_grid, start_choices, today_grids
from intranet.coworking.emails import send_booking_email
from intranet.coworking.forms import BookingForm, parse_date, parse_time
from intranet.coworking.ics import booking_ics
from intranet.coworking.models import Booking, BookingStatus, CoworkingCentre
from intranet.coworking.models.booking import STATUS_LABELS
from intranet.coworking.sweep import expire_and_mark_no_shows
from intranet.errors import Conflict, IntranetError
from intranet.extensions import db, limiter
from intranet.forms import choices
from intranet.i18n import current_language
from intranet.libraries.models import Library
from intranet.models import utc_now

bp = Blueprint("coworking_public", __name__)
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")
# A visitor's private page: never cached on the way, never indexed.
PRIVATE = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}


@bp.app_context_processor
def coworking_labels() -> dict:
    """Translated status and weekday names for the coworking templates."""
    from intranet.coworking.setup_forms import WEEKDAY_LABELS

    return {"STATUS_LABELS": STATUS_LABELS, "WEEKDAY_NAMES": WEEKDAY_LABELS}


def _limit() -> str:
    return current_app.config["COWORKING_BOOK_LIMIT"]


def get_centre(slug: str) -> CoworkingCentre:
    """The centre with this slug and its seats, or 404."""
    centre = (
        db.session.scalars(
            select(CoworkingCentre)
            .where(CoworkingCentre.slug == slug[:40])
            .options(joinedload(CoworkingCentre.seats), joinedload(CoworkingCentre.library))
        )
        .unique()
        .one_or_none()
    )
    if centre is None:
        abort(404)
    return centre


def lazy_sweep(centre_id: int | None = None) -> None:
    """Apply due expiries and no-shows before showing availability (cron may lag).

    At most once per LAZY_SWEEP_SECONDS per worker and centre: it is one query, but the
    availability page is the hottest one and a seat freed a few seconds late harms nobody.
    """
    last_runs = current_app.extensions.setdefault("coworking_lazy_sweep", {})
    now = monotonic()
    if now - last_runs.get(centre_id, -1e9) < current_app.config.get("LAZY_SWEEP_SECONDS", 30):
        return
    last_runs[centre_id] = now
    counts = expire_and_mark_no_shows(centre_id=centre_id)
    if any(counts.values()):
        db.session.commit()


def requested_day():
    """?date=YYYY-MM-DD, today when absent; 400 when malformed."""
    raw = request.args.get("date")
    if not raw:
        return local_today()
    day = parse_date(raw)
    if day is None:
        abort(400)
    return day


@bp.get("/coworking")
def centres():
    """The five centres with address, hours and seats free today."""
    lazy_sweep()
    rows = db.session.scalars(
        select(CoworkingCentre)
        .join(CoworkingCentre.library)
        .options(selectinload(CoworkingCentre.library), selectinload(CoworkingCentre.seats))
        .order_by(Library.position)
    ).all()
    grids = today_grids(rows)
    return render_template("coworking/centres.html", centres=rows, grids=grids)


@bp.get("/coworking/<slug>")
def centre(slug: str):
    """Seats x hours for one day, readable without JavaScript."""
    centre = get_centre(slug)
    day = requested_day()
    lazy_sweep(centre.id)
    grid = day_grid(centre, day)
    return render_template(
        "coworking/centre.html",
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
    form.seat.choices = choices(
        [("", _("Any free seat"))] + [(str(s.id), s.label) for s in centre.active_seats]
    )


@bp.route("/coworking/<slug>/book", methods=["GET", "POST"])
@limiter.limit(_limit, methods=["POST"])
def book(slug: str):
    """The public booking form; on success, the private page of the new booking."""
    centre = get_centre(slug)
    form = BookingForm()
    _fill_choices(form, centre)
    if request.method == "GET":
        form.day.data = form.day.data or request.args.get("date", local_today().isoformat())[:10]
        form.start.data = request.args.get("start", "")[:5] or None
        form.seat.data = request.args.get("seat", "")[:10]
    status = 200
    if form.validate_on_submit():
        try:
            booking = services.create_booking(
                centre,
                day=parse_date(form.day.data),
                at=parse_time(form.start.data),
                minutes=int(form.duration.data),
                seat_id=int(form.seat.data) if form.seat.data else None,
                full_name=form.full_name.data,
                phone=form.phone.data,
                email=form.email.data,
                institution=form.institution.data,
                purpose=form.purpose.data or "",
                language=current_language(),
                consent=form.consent.data,
            )
        except Conflict as error:
            db.session.rollback()
            status = 409
            form.seat.errors = [str(error)]
        except services.BookingError as error:
            db.session.rollback()
            status = 400
            field = getattr(form, error.field or "day", form.day)
            field.errors = [*field.errors, str(error)]
        else:
            db.session.commit()
            send_booking_email(booking, "received")
            return redirect(url_for("coworking_public.booking_page", token=booking.token, new=1))
    elif request.method == "POST":
        status = 400
    return render_template("coworking/book.html", centre=centre, form=form), status


def get_booking(token: str) -> Booking:
    """The booking behind a private link; 404 for anything malformed or unknown."""
    if not _TOKEN.match(token):
        abort(404)
    booking = db.session.scalar(
        select(Booking).where(Booking.token == token).options(selectinload(Booking.centre))
    )
    if booking is None:
        abort(404)
    return booking


@bp.get("/booking/<token>")
def booking_page(token: str):
    """The visitor's private page, in the language they booked in unless they chose another."""
    booking = get_booking(token)
    lazy_sweep(booking.centre_id)
    language = session.get("lang") or booking.language
    now = utc_now()
    with force_locale(language):
        if booking.anonymized_dt is not None:
            body = render_template("coworking/booking_erased.html", booking=booking)
        else:
            body = render_template(
                "coworking/booking.html",
                booking=booking,
                can_cancel=booking.can_be_cancelled_by_visitor(now),
                is_new=request.args.get("new") == "1",
                page_language=language,
                kept_until=privacy.kept_until(booking),
                erase_refusal=privacy.erase_refusal(booking, now),
            )
    return body, 200, PRIVATE


@bp.post("/booking/<token>/cancel")
def cancel(token: str):
    """The visitor cancels; the seat is free again at once."""
    booking = get_booking(token)
    try:
        decisions.cancel_booking(booking)
    except IntranetError as error:
        db.session.rollback()
        flash(str(error), "danger")
        return redirect(url_for("coworking_public.booking_page", token=token)), 303
    db.session.commit()
    send_booking_email(booking, "cancelled")
    flash(_("Your booking is cancelled."), "success")
    return redirect(url_for("coworking_public.booking_page", token=token), 303)


@bp.get("/booking/<token>.ics")
def booking_calendar(token: str):
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
