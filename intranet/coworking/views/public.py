"""Public coworking pages: the centres, a day's seats, the booking form, the private page."""

from collections.abc import Sequence
from datetime import date, timedelta

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import force_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from intranet.clock import local_today, to_local
from intranet.connections import each_statement_commits
from intranet.coworking import services
from intranet.coworking.forms import (
    BookingForm,
    FindSeatForm,
    LostLinkForm,
    asked_minutes,
    duration_label,
    parse_date,
    parse_time,
)
from intranet.coworking.models import Booking, BookingStatus, CoworkingCentre, new_request_key
from intranet.coworking.queries import (
    Alternatives,
    CentreToday,
    DayGrid,
    FormPlan,
    alternatives,
    booking_by_token,
    booking_ics,
    centre_for_booking,
    centre_to_book,
    centres_to_book,
    centres_today,
    day_grid,
    find_seats,
    first_free_day,
    form_plan,
    next_free_day,
    public_centres,
    start_choices,
)
from intranet.coworking.views import messages
from intranet.coworking.views.common import coworking_labels, get_centre, lazy_sweep, requested_day
from intranet.coworking.views.remembered import TOKEN as _TOKEN
from intranet.coworking.views.remembered import remember_booking
from intranet.errors import IntranetError
from intranet.extensions import db, limiter
from intranet.forms import SelectField, choices
from intranet.i18n import current_language, language_in_url
from intranet.models import utc_now
from intranet.unit_of_work import commit_or_show

bp = Blueprint("coworking_public", __name__)
bp.app_context_processor(coworking_labels)
# A visitor's private page: never cached on the way, never indexed.
PRIVATE = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}


def _limit() -> str:
    return str(current_app.config["COWORKING_BOOK_LIMIT"])


@bp.get("/coworking")
def centres() -> str:
    """The centres as they are now, and "find me a seat" as the main action."""
    lazy_sweep()
    rows = public_centres()
    cards = centres_today(rows)
    form = _finder(rows, cards)
    return render_template("coworking/public/centres.html", cards=cards, form=form)


def _finder(rows: Sequence[CoworkingCentre], cards: list[CentreToday]) -> FindSeatForm:
    """The "find me a seat" form, set to the first free slot of any centre."""
    form = FindSeatForm(formdata=None)
    starts = sorted({t for centre in rows for t in start_choices(centre)})
    form.fill_choices(rows, starts)
    form.date.render_kw = {"type": "date", "min": local_today().isoformat()}
    found = [card.next_free[0] for card in cards if card.next_free]
    first = to_local(min(found)) if found else None
    form.date.data = (first.date() if first else local_today()).isoformat()
    form.start.data = first.strftime("%H:%M") if first else (starts[0] if starts else "")
    form.duration.data = str(max(c.min_duration_minutes for c in rows)) if rows else ""
    return form


@bp.get("/coworking/find")
def find() -> ResponseReturnValue:
    """The free seats of every centre for a date, a start and a length (a plain GET form)."""
    lazy_sweep()
    rows = public_centres()
    form = FindSeatForm(formdata=request.args)
    form.fill_choices(rows, sorted({t for centre in rows for t in start_choices(centre)}))
    if not form.validate():
        return render_template("coworking/public/find.html", form=form, matches=None), 400
    day, start, duration = form.wanted()
    matches = find_seats(rows, day, start, duration)
    return render_template(
        "coworking/public/find.html",
        form=form,
        matches=matches,
        day=day,
        start=start.isoformat(timespec="minutes"),
        duration=duration,
    )


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


def _plan(
    form: BookingForm, centre: CoworkingCentre, day: date | None, grid: DayGrid | None = None
) -> FormPlan | None:
    """The form's choices for its day: valid starts, lengths to closing, seats and whether free.

    `grid`: the day's grid when already read (after a refusal, by the alternatives).
    """
    plan = None
    if day is not None:
        if grid is None or grid.day != day:
            grid = day_grid(centre, day)
        plan = form_plan(grid, form.start.data, form.duration.data)
    starts = list(plan.starts) if plan else []
    lengths = list(plan.durations) if plan else []
    # A refused request keeps what was asked in view, next to why it was refused.
    if request.method == "POST" and parse_time(form.start.data) and form.start.data not in starts:
        starts = sorted([*starts, form.start.data])
    # Only a length a day can hold: a forged one (a number of 35 digits) is not drawn.
    asked = asked_minutes(form.duration.data)
    if request.method == "POST" and asked is not None and asked not in lengths:
        lengths = sorted([*lengths, asked])
    form.start.choices = choices((t, t) for t in starts)
    form.duration.choices = choices((str(m), duration_label(m)) for m in lengths)
    free = plan.free_seat_ids if plan else set()
    form.seat_id.choices = choices(
        [("", _("Any free seat"))]
        + [
            (
                str(s.id),
                _("%(seat)s – free", seat=s.label)
                if s.id in free
                else _("%(seat)s – taken", seat=s.label),
            )
            for s in centre.active_seats
        ]
    )
    if day is not None:
        # For the page's script: where to ask which seats are free, and the words to say it.
        form.seat_id.render_kw = {
            "data-availability": url_for(
                "coworking_api.availability", slug=centre.slug, date=day.isoformat()
            ),
            "data-free": _("%(seat)s – free", seat="{seat}"),
            "data-taken": _("%(seat)s – taken", seat="{seat}"),
        }
    if plan and request.method == "GET":
        form.start.data, form.duration.data = plan.start, str(plan.duration or "")
    return plan


@bp.route("/coworking/<slug>/book", methods=["GET", "POST"])
@limiter.limit(_limit, methods=["POST"])
def book(slug: str) -> ResponseReturnValue:
    """The public booking form; on success, the private page of the new booking."""
    if request.method == "POST":
        # Its one write is one statement on PostgreSQL, which holds every rule itself; so it
        # books against this worker's snapshot of the centre without reading it each time.
        each_statement_commits()
        found = centre_for_booking(slug)
    else:
        found = centre_to_book(slug)
    if found is None:
        abort(404)
    centre: CoworkingCentre = found
    form = BookingForm()
    day: date | None
    if request.method == "GET":
        day = parse_date(request.args.get("date")) or first_free_day(centre)
        form.day.data = day.isoformat()
        form.start.data = request.args.get("start", "")[:5] or None
        form.duration.data = request.args.get("duration", "")[:4] or None
        form.seat_id.data = request.args.get("seat", "")[:10]
        form.request_key.data = new_request_key()
        _book_again(form, centre, request.args.get("again", ""))
        plan = _plan(form, centre, day)
        if request.args.get("part") == "day":
            return _day_choices(form, centre, day, plan)
        status, others = 200, None
    else:
        day = parse_date(form.day.data)
        status, others = 400, None
        if form.validate_on_submit():
            # The service reads what it needs of the day; the form's choices (the day's plan)
            # are worked out only when the form is shown again. A rule's message goes next to
            # its field, a lost race (409) next to the seat. Only the new booking's token is
            # needed (booking_token): no object of the session is made for it.
            wanted = form.to_request(language=current_language())
            outcome = commit_or_show(
                lambda: _booking_token(slug, centre, wanted),
                form=form,
                field=form.seat_id,
            )
            if outcome.value is not None:
                return redirect(
                    url_for("coworking_public.booking_page", token=outcome.value, new=1)
                )
            status = outcome.status
            # Shown again with the centre as it is now, not the snapshot (up to a second old)
            # the booking was tried on: read with the other centres a refusal offers.
            centres = centres_to_book()
            centre = next((c for c in centres if c.id == centre.id), centre)
            others = _alternatives(form, centre, centres)
        plan = _plan(form, centre, day, others.grid if others is not None else None)
    return render_template(
        "coworking/public/book.html",
        centre=centre,
        form=form,
        day=day,
        plan=plan,
        next_day=_next_day(centre, day, plan, others),
        others=others,
        today=local_today(),
    ), status


def _booking_token(slug: str, centre: CoworkingCentre, wanted: services.BookingRequest) -> str:
    """The new booking's token; a refusal by a snapshot older than the rules is asked again.

    The POST books on this worker's snapshot of the centre, up to a second old. A booking the
    snapshot lets through is checked by the write against the rules' version; one it refuses
    (a start off slots just shortened, hours just extended) is asked again of the centre as it
    is now, if that changed: never a refusal by rules that no longer hold.
    """
    try:
        return services.booking_token(centre, wanted)
    except IntranetError:
        current = centre_to_book(slug)
        if current is None or current is centre:
            raise
    db.session.rollback()  # the refused attempt read, and wrote nothing: start afresh
    return services.booking_token(current, wanted)


def _day_choices(
    form: BookingForm, centre: CoworkingCentre, day: date | None, plan: FormPlan | None
) -> Response:
    """The form's choices for a new date, for its script: nothing reloads, what was typed stays.

    Every word (the day's heading, a closed day's reason, the lengths, "free"/"taken") is
    written here, in the reader's language: the script only puts it in place.
    """

    def options(field: SelectField) -> list[tuple[str, str, bool]]:
        return [(str(v), str(label), bool(chosen)) for v, label, chosen, _ in field.iter_choices()]

    response = jsonify(
        day=form.day.data or "",
        info=render_template(
            "coworking/public/_book_day.html",
            centre=centre,
            day=day,
            plan=plan,
            next_day=_next_day(centre, day, plan),
        ),
        start=options(form.start),
        duration=options(form.duration),
        seat=options(form.seat_id),
        availability=(form.seat_id.render_kw or {}).get("data-availability", ""),
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _next_day(
    centre: CoworkingCentre,
    day: date | None,
    plan: FormPlan | None,
    others: Alternatives | None = None,
) -> date | None:
    """The next day with free seats, offered when the chosen day has no time left.

    `others`: a refusal's alternatives, whose days already read are not read again.
    """
    if not (day and plan and not plan.starts):
        return None
    return next_free_day(centre, day, others.later if others is not None else None)


def _book_again(form: BookingForm, centre: CoworkingCentre, token: str) -> None:
    """Prefill who is booking from a cancelled booking of this centre (its private link)."""
    booking = booking_by_token(token) if _TOKEN.match(token) else None
    if booking is None or booking.centre_id != centre.id or booking.anonymized_dt is not None:
        return
    if booking.status != BookingStatus.CANCELLED:
        return
    form.full_name.data, form.phone.data = booking.full_name, booking.phone
    form.email.data, form.institution.data = booking.email, booking.institution
    form.purpose.data = booking.purpose or ""


def _alternatives(
    form: BookingForm, centre: CoworkingCentre, centres: list[CoworkingCentre]
) -> Alternatives | None:
    """After a refusal: other seats at that time, the next free times, other centres."""
    wanted = form.to_request(language=current_language())
    return alternatives(
        centre,
        centres,
        wanted.day,
        wanted.start,
        wanted.duration,
        but_seat=wanted.seat_id,
    )


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
    # The switcher's ?lang= first: a link in the reader's own language writes no session.
    language = language_in_url() or session.get("lang") or booking.language
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
                now=now,
            )
    response = make_response(body, 200, PRIVATE)
    remember_booking(response, booking)  # for the seat's QR code on this phone
    return response


@bp.route("/booking/<token>/cancel", methods=["GET", "POST"])
def cancel(token: str) -> ResponseReturnValue:
    """Ask first (GET), then cancel (POST); the seat is free again at once."""
    booking = get_booking(token)
    page = url_for("coworking_public.booking_page", token=token)
    if not booking.can_be_cancelled_by_visitor(utc_now()) or booking.anonymized_dt is not None:
        return redirect(page, 303)
    if request.method == "GET":
        with force_locale(session.get("lang") or booking.language):
            return (
                render_template("coworking/public/cancel.html", booking=booking),
                200,
                PRIVATE,
            )
    if commit_or_show(lambda: services.cancel_booking(booking)).ok:
        flash(messages.cancelled_by_visitor(), "success")
    return redirect(page, 303)


def _links_limit() -> str:
    return str(current_app.config["COWORKING_LINKS_LIMIT"])


@bp.route("/booking/lost", methods=["GET", "POST"])
@limiter.limit(_links_limit, methods=["POST"])
def lost_link() -> ResponseReturnValue:
    """An email in, the links of its active bookings out by mail; the answer never tells."""
    form = LostLinkForm()
    if form.validate_on_submit():
        services.send_booking_links(form.email.data)
        db.session.commit()
        flash(
            _(
                "If this address has active bookings, their links are on the way to it. "
                "Check your inbox in a few minutes."
            ),
            "success",
        )
        return redirect(url_for("coworking_public.lost_link"), 303)
    status = 400 if request.method == "POST" else 200
    return render_template("coworking/public/lost_link.html", form=form), status


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
    with force_locale(language_in_url() or session.get("lang") or booking.language):
        if request.method == "GET":
            refusal = services.erase_refusal(booking, utc_now())
            return (
                render_template("coworking/public/erase.html", booking=booking, refusal=refusal),
                200,
                PRIVATE,
            )
        commit_or_show(lambda: services.erase_for_visitor(booking))
    return redirect(page, 303)  # which now says the data is deleted, and when
