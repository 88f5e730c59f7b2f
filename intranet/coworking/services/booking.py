"""The booking rules, in one place: who may book which seat when."""

import secrets
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import Connection, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import make_transient_to_detached, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from intranet.auth.models import User
from intranet.clock import from_local, local_day_bounds, local_today, to_local
from intranet.connections import statement_connection
from intranet.coworking.models import (
    ACTIVE_STATUSES,
    Booking,
    BookingStatus,
    CoworkingCentre,
    Seat,
    floor_granule,
    granule_starts,
    new_code,
    new_token,
)
from intranet.coworking.services.booking_reads import (
    BUSY_SEATS,
    CLAIM_KEYS,
    CLAIMS_USED,
    FOLDED,
    PERSON_RECENT,
    BookingFacts,
    sort_answers,
)
from intranet.coworking.services.booking_writes import BOOKING_COLUMNS, write_booking
from intranet.coworking.services.emails import booking_message
from intranet.coworking.services.requests import BookingRequest
from intranet.driver_statements import DriverStatement
from intranet.errors import Conflict, IntranetError
from intranet.extensions import db
from intranet.forms import normalize_phone
from intranet.i18n import format_clock, format_day
from intranet.libraries.models import WorkingDay
from intranet.libraries.services import day_rule
from intranet.models import utc_now
from intranet.notifications.models import OutboxMessage
from intranet.page_versions import mark_written

# Bump when the consent text in the form changes; each booking stores the version it agreed to.
CONSENT_VERSION = "2026-11"


class BookingError(IntranetError):
    """A booking rule said no; `field` names the BookingRequest (and form) field it is about."""


class SeatTaken(Conflict):
    """Someone else holds the seat: say which seats are still free for the same time."""

    def __init__(self, free_seats: list[str]) -> None:
        if free_seats:
            super().__init__(
                _l("This seat was just taken. These seats are free at the same time: %(seats)s."),
                field="seat_id",
                seats=", ".join(free_seats),
            )
        else:
            super().__init__(
                _l("Every seat was just taken for this time. Please choose another."),
                field="seat_id",
            )
        self.free_seats = free_seats


class ClaimRaced(Exception):
    """A simultaneous booking by the same person took the allowance ordinal this one chose."""


class SameForm(Exception):
    """The form's key is on a stored booking: the form was sent before, or is reused."""


class CodeTaken(Conflict):
    """The check-in code drawn is another booking's (40 bits: rare, not impossible): draw again.

    Three in a row cannot happen in practice; if they did, the visitor is asked to send again.
    """

    def __init__(self) -> None:
        super().__init__(_l("The booking could not be saved just now. Please send the form again."))


class RulesChanged(Conflict):
    """The centre's hours, closed days or seats changed while this booking was being made."""

    def __init__(self) -> None:
        super().__init__(
            _l(
                "The centre's opening hours, closed days or seats changed a moment ago. "
                "Check the form and send it again."
            )
        )


def check_timing(
    centre: CoworkingCentre,
    day: date,
    start: time,
    duration: int,
    now: datetime,
    *,
    closed: bool | None = None,
    opening: WorkingDay | None = None,
) -> tuple[datetime, datetime]:
    """Apply the calendar rules to a start and a duration in minutes; return UTC start and end.

    `closed`, `opening`: whether the day is closed, and the moved working day opening it, when
    the caller has read them already (else they are read).
    """
    if duration <= 0 or duration % centre.slot_minutes:
        raise BookingError(
            _l("The duration must be a whole number of %(slot)d-minute slots."),
            field="duration",
            slot=centre.slot_minutes,
        )
    if not centre.min_duration_minutes <= duration <= centre.max_duration_minutes:
        raise BookingError(
            _l("A booking lasts from %(min)d to %(max)d minutes."),
            field="duration",
            min=centre.min_duration_minutes,
            max=centre.max_duration_minutes,
        )
    begins = from_local(day, start)
    ends = begins + timedelta(minutes=duration)
    if begins <= now:
        raise BookingError(_l("This time has already passed."), field="start")
    today = local_today()
    if day > today + timedelta(days=centre.horizon_days):
        raise BookingError(
            _l("Seats can be booked at most %(days)d days ahead."),
            field="day",
            days=centre.horizon_days,
        )
    if begins < now + timedelta(minutes=centre.min_notice_minutes):
        raise BookingError(
            _l("Book at least %(minutes)d minutes before the start."),
            field="start",
            minutes=centre.min_notice_minutes,
        )
    if closed is None:
        rule = day_rule(day, centre.library_id)
        closed, opening = rule.closure is not None, rule.opening
    hours = centre.hours_on(day, opening)
    if hours is None or centre.is_sanitary_day(day) or closed:
        raise BookingError(_l("The centre is closed on this day."), field="day")
    opens, closes = hours
    if begins < from_local(day, opens) or ends > from_local(day, closes):
        raise BookingError(
            _l("The centre is open from %(opens)s to %(closes)s on this day."),
            field="start",
            opens=format_clock(opens),
            closes=format_clock(closes),
        )
    if begins != floor_granule(begins):
        raise BookingError(
            _l("Bookings start on a quarter of an hour (:00, :15, :30 or :45)."),
            field="start",
        )
    offset = (begins - from_local(day, opens)) // timedelta(minutes=1)
    if offset % centre.slot_minutes:
        raise BookingError(
            _l("Bookings start on the slot boundaries (every %(slot)d minutes from opening)."),
            field="start",
            slot=centre.slot_minutes,
        )
    return begins, ends


def _connection() -> Connection:
    """The booking path's connection for its Core statements (see above): the session's, or the
    kept autocommit one when the view asked for it (connections.each_statement_commits)."""
    return statement_connection()


def _person_params(
    centre: CoworkingCentre, day: date, phone: str, email: str, now: datetime
) -> dict[str, object]:
    """What PERSON_RECENT asks: the no-shows of the centre's window, the week of `day`."""
    week_start = day - timedelta(days=day.weekday())
    lo, _ = local_day_bounds(week_start)
    _, hi = local_day_bounds(week_start + timedelta(days=6))
    since = now - timedelta(days=centre.block_window_days)
    return {"phone": phone, "email": email, "since": since, "lo": lo, "hi": hi}


def check_person(
    centre: CoworkingCentre,
    day: date,
    phone: str,
    email: str,
    now: datetime,
    recent: Sequence[tuple[datetime, str]] | None = None,
) -> None:
    """Blocks after repeated no-shows, and the limits per day and per week (all centres).

    `recent`: the person's (start, status) as PERSON_RECENT answers, when already read.
    """
    # One read for both rules: the recent no-shows and this week's active bookings.
    rows = (
        recent
        if recent is not None
        else _connection()
        .execute(PERSON_RECENT, _person_params(centre, day, phone, email, now))
        .all()
    )
    no_shows = sorted((s for s, status in rows if status == BookingStatus.NO_SHOW), reverse=True)
    starts = [s for s, status in rows if status in ACTIVE_STATUSES]
    if len(no_shows) >= centre.block_after_no_shows:
        until = no_shows[0] + timedelta(days=centre.block_days)
        if until > now:
            raise BookingError(
                _l(
                    "After %(count)d missed bookings in %(window)d days, this phone and email "
                    "cannot book until %(until)s."
                ),
                field="phone",
                count=centre.block_after_no_shows,
                window=centre.block_window_days,
                until=format_day(to_local(until).date(), "long"),
            )
    if sum(1 for s in starts if to_local(s).date() == day) >= centre.limit_per_day:
        raise BookingError(
            _l("You already have %(limit)d active booking(s) on this day."),
            field="day",
            limit=centre.limit_per_day,
        )
    if len(starts) >= centre.limit_per_week:
        raise BookingError(
            _l("You already have %(limit)d active bookings this week."),
            field="day",
            limit=centre.limit_per_week,
        )


def free_seats(
    centre: CoworkingCentre, start: datetime, end: datetime, busy: Set[int] | None = None
) -> list[Seat]:
    """Active seats of the centre with every quarter hour of [start, end) free (one read).

    `busy`: the seats BUSY_SEATS answers for this time, when already read.
    """
    if busy is None:
        busy = set(_connection().scalars(BUSY_SEATS, _busy_params(centre, start, end)))
    return [seat for seat in centre.active_seats if seat.id not in busy]


def _busy_params(centre: CoworkingCentre, start: datetime, end: datetime) -> dict[str, object]:
    return {"centre_id": centre.id, "start": floor_granule(start), "end": end}


def rules_unchanged(seen_version: int, version: int) -> bool:
    """Whether the centre's rules are still the ones this transaction checked against.

    `version` is the one write_booking read after writing the booking's rows, FOR SHARE on
    PostgreSQL: a change of hours, closures or seats (which first bumps the version) waits
    for this booking to commit and then sees it, or this booking waits for the change and
    sees the new version. SQLite has one writer at a time: after this booking's first
    INSERT nobody else can commit, so a plain read is just as final.
    """
    return version == seen_version


# Every booking runs it: on the driver's cursor, compiled once (driver_statements).
_FOLDED = DriverStatement(FOLDED)
ANY_SEAT_ATTEMPTS = 5
ALLOWANCE_USED = _l("You already have as many bookings as allowed for this day or this week.")


@dataclass(frozen=True)
class Written:
    """A booking just inserted, as its row: no object of the session made for it (yet)."""

    id: int
    row: Mapping[str, object]
    centre: CoworkingCentre
    seat: Seat

    @property
    def token(self) -> str:
        """The key to the booking's private page."""
        return str(self.row["token"])


def create_booking(
    centre: CoworkingCentre,
    request: BookingRequest,
    *,
    actor: User | None = None,
    now: datetime | None = None,
) -> Booking:
    """Book one seat for a span of slots; a lost race becomes SeatTaken (409).

    A form sent again (a double click, or the proxy resending it after a node died) returns
    the booking it made the first time: when the rules refuse it, or its key is already stored.
    Visitors book without an account: `actor` is a staff member booking for someone, or None.
    The booking must be the first change of its transaction: an attempt that loses a race is
    undone by rolling the transaction back (a savepoint would cost the hottest write two more
    statements), and tried again.
    """
    made = _create(centre, request, now or utc_now())
    return made if isinstance(made, Booking) else _stored(made)


def booking_token(
    centre: CoworkingCentre, request: BookingRequest, *, now: datetime | None = None
) -> str:
    """create_booking for the public form, which needs only the booking's private token.

    The same booking, rules and answers to a form sent again; no object of the session is made
    for a new booking (building one cost a booking about 4% of its CPU).
    """
    return _create(centre, request, now or utc_now()).token


def _create(centre: CoworkingCentre, request: BookingRequest, now: datetime) -> Written | Booking:
    """create_booking's work: a new booking as written, or the one this form made before."""
    try:
        return _book(centre, request, now)
    except IntranetError:
        # Sent again once the first was stored, a form meets its own booking in the rules (the
        # day's allowance, its seat). Read only on a refusal: a booking pays nothing for it.
        earlier = booked_by_same_form(centre, request)
        if earlier is None:
            raise
        return earlier
    except SameForm:
        earlier = booked_by_same_form(centre, request)
        if earlier is not None:
            return earlier
        # Its key is on another booking: an old form (the browser's Back) sent for a new one.
        return _book(centre, replace(request, request_key=None), now)


def booked_by_same_form(centre: CoworkingCentre, request: BookingRequest) -> Booking | None:
    """The active booking this very form made when it was sent before, if it did."""
    if request.request_key is None:
        return None
    booking = db.session.scalar(select(Booking).where(Booking.request_key == request.request_key))
    if booking is None or booking.status not in ACTIVE_STATUSES:
        return None
    start = from_local(request.day, request.start)
    same = (
        booking.centre_id == centre.id
        and booking.email == request.email.strip().lower()
        and booking.start_dt == start
        and booking.end_dt == start + timedelta(minutes=request.duration)
        and request.seat_id in (None, booking.seat_id)
    )
    return booking if same else None


def _book(centre: CoworkingCentre, request: BookingRequest, now: datetime) -> Written:
    """create_booking's attempts: the rules, then the writes, tried again after a lost race.

    For "any free seat", losing a race for one seat while others are still free is retried
    with another seat, so simultaneous requests fill the last seats instead of colliding.
    A change of the centre's rules committed meanwhile means checking the new rules once more.
    """
    attempts, rules_retries = 1, 1  # a change of hours or closures racing this: check again once
    # Every lost claim race means another claim of this person was committed, and there are at
    # most four allowances (day and week, by phone and by email): the retries are bounded.
    claim_retries = 2 * (centre.limit_per_day + centre.limit_per_week)
    code_retries = 2
    while True:
        try:
            written = _create_once(centre, request, now)
        except SeatTaken as taken:
            if request.seat_id is not None or not taken.free_seats or attempts >= ANY_SEAT_ATTEMPTS:
                raise
            attempts += 1
        except ClaimRaced as raced:
            # Read the claims again: the next free ordinal, or "allowance used" if none is left.
            if not claim_retries:
                raise BookingError(ALLOWANCE_USED, field="day") from raced
            claim_retries -= 1
        except CodeTaken:
            if not code_retries:
                raise
            code_retries -= 1
        except RulesChanged:
            if not rules_retries:
                raise
            rules_retries -= 1
            # Read the new hours, closures and seats, as a fresh transaction would (the form's
            # centre may be a worker's snapshot, outside the session).
            centre = db.session.get_one(
                CoworkingCentre,
                centre.id,
                options=[selectinload(CoworkingCentre.seats)],
                populate_existing=True,
            )
        else:
            # A pending request's coordinators are told by the worker (tell_new_requests).
            db.session.flush()
            return written


def _create_once(centre: CoworkingCentre, request: BookingRequest, now: datetime) -> Written:
    """One attempt at create_booking; what it wrote is rolled back when it fails."""
    if not request.consent:
        raise BookingError(
            _l("Please agree to the processing of your personal data."), field="consent"
        )
    phone = normalize_phone(request.phone)
    if phone is None:
        raise BookingError(_l("Enter a mobile number such as +7 701 234 56 78."), field="phone")
    email = request.email.strip().lower()
    seen_version = centre.rules_version
    # One statement for every read of the rules below (booking_reads): a request the rules
    # refuse for its timing alone pays that read too, a booking pays four fewer.
    facts = read_facts(centre, request, phone, email, now)
    start, end = check_timing(
        centre,
        request.day,
        request.start,
        request.duration,
        now,
        closed=facts.rule.closure is not None,
        opening=facts.rule.opening,
    )
    check_person(centre, request.day, phone, email, now, recent=facts.recent)
    free = free_seats(centre, start, end, busy=facts.busy)
    if request.seat_id is not None:
        if request.seat_id not in {seat.id for seat in centre.active_seats}:
            raise BookingError(_l("This seat is not in this centre."), field="seat_id")
        seat = next((s for s in free if s.id == request.seat_id), None)
        if seat is None:
            raise SeatTaken([s.label for s in free])
    elif not free:
        raise SeatTaken([])
    else:
        # A random free seat: simultaneous "any seat" requests rarely pick the same one.
        seat = secrets.choice(free)
    status = BookingStatus.CONFIRMED if centre.is_auto_approve else BookingStatus.PENDING
    row = {
        "token": new_token(),
        "code": new_code(),
        "request_key": request.request_key,
        "centre_id": centre.id,
        "seat_id": seat.id,
        "status": status,
        "start_dt": start,
        "end_dt": end,
        "full_name": request.full_name.strip(),
        "phone": phone,
        "email": email,
        "institution": request.institution.strip(),
        "purpose": request.purpose.strip() or None,
        "language": request.language,
        "consent_version": CONSENT_VERSION,
        "consent_dt": now,
        "is_demo": False,
        "created_dt": now,
        "decided_dt": now if centre.is_auto_approve else None,
    }
    claims = day_claims(centre, request.day, phone, email, used=facts.used)
    # Core statements, not the ORM's unit of work, which would cost more than the INSERTs
    # themselves (see booking_writes). No savepoint (two more statements): a lost race undoes
    # the whole transaction, which holds nothing else (see create_booking).
    try:
        booking_id, version = write_booking(
            _connection(),
            row,
            claims,
            list(granule_starts(start, end)),
            seen_version=seen_version,
            message=booking_message("received", email, request.language),
        )
    except IntegrityError as error:
        # A simultaneous request won the race: the UNIQUE index on the form's key, on (seat,
        # slot) or on the person's claims refused this one. The same form is answered with its
        # booking; a lost claim is tried again (the winner may have left allowance over); a
        # lost seat says which are free; a check-in code drawn twice is drawn again.
        db.session.rollback()
        message = str(error.orig).lower()
        if "request_key" in message:
            raise SameForm() from error
        if "booking_claim" in message:
            raise ClaimRaced() from error
        if "booking_code" in message or "booking.code" in message:
            raise CodeTaken() from error
        if "booking_slot" not in message:
            raise
        raise SeatTaken([s.label for s in free_seats(centre, start, end)]) from error
    unchanged = rules_unchanged(seen_version, version)
    if not unchanged or booking_id is None:  # None: PostgreSQL saw the change, wrote nothing
        db.session.rollback()
        raise RulesChanged()
    # Core statements pass by the ORM's events: say which pages they change.
    mark_written(db.session(), Booking)
    mark_written(db.session(), OutboxMessage)
    return Written(booking_id, row, centre, seat)


def _stored(written: Written) -> Booking:
    """The booking just inserted, as an object of the session, without reading it back."""
    # Every column set (None where the INSERT left it empty): reading one sends no query.
    booking = Booking(id=written.id, **{key: written.row.get(key) for key in BOOKING_COLUMNS})
    make_transient_to_detached(booking)
    db.session.add(booking)
    # The centre and seat as the rules saw them, without a query: the email names them.
    set_committed_value(booking, "centre", written.centre)
    set_committed_value(booking, "seat", written.seat)
    return booking


def _allowances(
    centre: CoworkingCentre, day: date, phone: str, email: str
) -> list[tuple[str, date, int]]:
    """The person's allowances (person, day, limit): the day's and the week's, by phone and email.

    Weekly claims are kept as person "week:<key>" on the Monday of the week.
    """
    keys = (f"phone:{phone}", f"email:{email}")
    monday = day - timedelta(days=day.weekday())
    return [(key, day, centre.limit_per_day) for key in keys] + [
        (f"week:{key}", monday, centre.limit_per_week) for key in keys
    ]


def _claims_params(allowances: Sequence[tuple[str, date, int]]) -> dict[str, object]:
    """CLAIMS_USED's parameters: the allowances' CLAIM_KEYS keys, their day and Monday."""
    days = sorted({on for _, on, _ in allowances})
    keys = {f"person{n}": person for n, (person, _, _) in enumerate(allowances)}
    assert len(keys) == CLAIM_KEYS, "_allowances gives one key per phone/email and day/week"
    return {**keys, "claim_day": days[-1], "claim_monday": days[0]}


def day_claims(
    centre: CoworkingCentre,
    day: date,
    phone: str,
    email: str,
    used: Sequence[tuple[str, date, int]] | None = None,
) -> list[tuple[str, date, int]]:
    """The person's claims (person, day, ordinal) on this day's and week's allowance.

    By phone and by email. `used`: the claims CLAIMS_USED answers, when already read.

    Each claim takes the lowest free ordinal up to the centre's limit; UNIQUE (person, day,
    ordinal) makes the database refuse one allowance too many, even for simultaneous requests.
    """
    allowances = _allowances(centre, day, phone, email)
    if used is None:
        used = _connection().execute(CLAIMS_USED, _claims_params(allowances)).all()
    claims = []
    for person, on, limit in allowances:
        taken = {ordinal for p, d, ordinal in used if p == person and d == on}
        # Claims above today's limit (made before it was lowered, or at a centre with a higher
        # one) still count: leave as many low ordinals unused, or a race could exceed the limit.
        beyond = sum(1 for ordinal in taken if ordinal > limit)
        free = [n for n in range(1, limit - beyond + 1) if n not in taken]
        if not free:
            raise BookingError(ALLOWANCE_USED, field="day")
        claims.append((person, on, free[0]))
    return claims


def read_facts(
    centre: CoworkingCentre, request: BookingRequest, phone: str, email: str, now: datetime
) -> BookingFacts:
    """Everything the rules read for this request, in one statement (booking_reads.FOLDED)."""
    start = from_local(request.day, request.start)
    end = start + timedelta(minutes=request.duration)
    params = {
        "day": request.day,
        "library_id": centre.library_id,
        **_person_params(centre, request.day, phone, email, now),
        **_busy_params(centre, start, end),
        **_claims_params(_allowances(centre, request.day, phone, email)),
    }
    rows = _FOLDED.rows(_connection(), params)
    return sort_answers(rows, centre.library_id, request.day)
