"""The booking rules as a table: each row is one reason the service says no (nothing saved)."""

from dataclasses import fields
from datetime import date, time, timedelta

import pytest
from sqlalchemy import func, select

from intranet.clock import local_today
from intranet.coworking import services
from intranet.coworking.models import Booking, BookingSlot, sanitary_date
from intranet.errors import Conflict
from intranet.extensions import db
from intranet.libraries.models import ClosedDay
from tests.coworking.conftest import (
    OTHER,
    SLUG,
    booking_request,
    closed_weekday,
    get_centre,
    open_days,
)

pytestmark = pytest.mark.usefixtures("in_english")


def next_week(count: int) -> list[date]:
    today = local_today()
    monday = today + timedelta(days=7 - today.weekday())
    return [d for d in open_days(count + 2, start=monday) if d < monday + timedelta(days=7)][:count]


def _holiday(centre):
    day = open_days(2)[1]
    db.session.add(ClosedDay(day=day, library_id=centre.library_id, kind="closure", reason_kk="x"))
    db.session.flush()
    return {"day": day}


def _sanitary(centre):
    day = open_days(3)[2]
    weekday = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[day.weekday()]
    week = "last" if (day + timedelta(days=7)).month != day.month else str((day.day - 1) // 7 + 1)
    centre.sanitary_day = f"{week}-{weekday}"
    assert sanitary_date(centre.sanitary_day, day.year, day.month) == day
    return {"day": day}


def _notice(centre):
    centre.min_notice_minutes = 60 * 24 * 30
    return {}


def _other_seat(centre):
    return {"seat_id": get_centre(OTHER).seats[0].id}


CASES = [
    ("yesterday", lambda c: {"day": local_today() - timedelta(days=1)}, "already passed"),
    ("beyond horizon", lambda c: {"day": local_today() + timedelta(days=20)}, "days ahead"),
    ("duration 0", lambda c: {"duration": 0}, "whole number"),
    ("duration 30 days", lambda c: {"duration": 30 * 24 * 60}, "from 60 to 240"),
    ("duration 90 min", lambda c: {"duration": 90}, "whole number"),
    ("duration 5 h", lambda c: {"duration": 300}, "from 60 to 240"),
    ("sunday", lambda c: {"day": closed_weekday()}, "closed on this day"),
    ("library closed day", _holiday, "closed on this day"),
    ("monthly sanitary day", _sanitary, "closed on this day"),
    ("before opening", lambda c: {"start": time(8)}, "open from 09:00 to 18:00"),
    ("past closing", lambda c: {"start": time(17), "duration": 120}, "open from 09:00 to 18:00"),
    ("off the slot grid", lambda c: {"start": time(10, 30)}, "slot boundaries"),
    ("minimum notice", _notice, "at least"),
    ("invalid phone", lambda c: {"phone": "+7 123"}, "mobile number"),
    ("landline", lambda c: {"phone": "+7 7242 23 45 67"}, "mobile number"),
    ("no consent", lambda c: {"consent": False}, "agree"),
    ("another centre's seat", _other_seat, "not in this centre"),
]


@pytest.mark.parametrize(("case", "arrange", "message"), CASES, ids=[c[0] for c in CASES])
def test_rule_refuses_and_saves_nothing(app, case, arrange, message, nine_to_six):
    with app.app_context():
        centre = get_centre()
        kwargs = {"day": open_days(1)[0], **arrange(centre)}
        with pytest.raises(services.BookingError) as caught:
            services.create_booking(centre, booking_request(**kwargs))
        assert message in str(caught.value)
        # Named as a field of the request (and of the form), so the page shows it there.
        assert caught.value.field in {field.name for field in fields(services.BookingRequest)}
        db.session.rollback()
        assert db.session.scalar(select(func.count(Booking.id))) == 0


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("+7 701 234 56 78", "+77012345678"),
        ("87012345678", "+77012345678"),
        ("8 (701) 234-56-78", "+77012345678"),
        ("77012345678", "+77012345678"),
        ("+7 601 234 56 78", None),
        ("+7701234567", None),
        ("", None),
        ("8701234567８", None),
    ],
)
def test_phone_normalisation(raw, normalised):
    assert services.normalize_phone(raw) == normalised


def test_a_valid_booking_holds_one_row_per_quarter_hour(app, make_booking):
    booking_id = make_booking(duration=180)
    with app.app_context():
        booking = db.session.get(Booking, booking_id)
        assert booking.status == "pending"
        assert booking.phone == "+7" + booking.phone[2:]
        assert len(booking.phone) == 12
        assert len(booking.token) >= 43
        assert booking.consent_version == services.CONSENT_VERSION
        assert len(booking.slots) == 12  # three hours, in quarter hours
        assert booking.start_dt.tzinfo is not None


def test_one_booking_per_person_per_day_across_centres(app, make_booking):
    with app.app_context():
        day = open_days(1)[0]
    make_booking(day=day, phone="+77015550000", email="one@example.kz")
    for slug, extra in ((SLUG, {}), (OTHER, {"email": "two@example.kz"})):
        person = {"phone": "+77015550000", "email": "x@example.kz", **extra}
        with app.app_context(), pytest.raises(services.BookingError, match="on this day"):
            services.create_booking(
                get_centre(slug), booking_request(day, start=time(14), **person)
            )
    # The same email with another phone is the same person too.
    person = {"phone": "+77019999999", "email": "ONE@example.kz"}
    with app.app_context(), pytest.raises(services.BookingError, match="on this day"):
        services.create_booking(get_centre(OTHER), booking_request(day, start=time(14), **person))


def test_weekly_limit(app, make_booking):
    with app.app_context():
        get_centre().limit_per_week = 2
        db.session.commit()
    with app.app_context():
        days = next_week(3)
    person = {"phone": "+77015551111", "email": "week@example.kz"}
    make_booking(day=days[0], **person)
    make_booking(day=days[1], **person)
    with app.app_context(), pytest.raises(services.BookingError, match="this week"):
        services.create_booking(get_centre(), booking_request(days[2], **person))


def test_taken_seat_is_a_conflict_naming_free_seats(app, make_booking):
    with app.app_context():
        seats = get_centre().active_seats
        seat_id, other_label = seats[0].id, seats[1].label
    make_booking(seat_id=seat_id)
    with app.app_context(), pytest.raises(Conflict) as caught:
        services.create_booking(get_centre(), booking_request(open_days(1)[0], seat_id=seat_id))
    assert caught.value.status_code == 409
    assert other_label in caught.value.free_seats


def test_any_free_seat_fills_the_centre_then_says_full(app, make_booking):
    with app.app_context():
        centre = get_centre("cowork-no-6")
        total = len(centre.active_seats)
    for _ in range(total):
        make_booking("cowork-no-6")
    with app.app_context():
        centre, day = get_centre("cowork-no-6"), open_days(1, "cowork-no-6")[0]
        with pytest.raises(Conflict, match="Every seat"):
            services.create_booking(centre, booking_request(day))
        assert db.session.scalar(select(func.count(BookingSlot.id))) == total * 4


def test_auto_approve_confirms_at_once(app, make_booking):
    with app.app_context():
        get_centre().is_auto_approve = True
        db.session.commit()
    with app.app_context():
        assert db.session.get(Booking, make_booking()).status == "confirmed"


def test_the_database_refuses_a_double_booking_without_the_service(app, make_booking):
    booking_id = make_booking()
    with app.app_context():
        slot = db.session.scalars(select(BookingSlot).where(BookingSlot.booking_id == booking_id))
        first = slot.first()
        db.session.add(
            BookingSlot(booking_id=booking_id, seat_id=first.seat_id, slot_start=first.slot_start)
        )
        from sqlalchemy.exc import IntegrityError

        with pytest.raises(IntegrityError):
            db.session.flush()
        db.session.rollback()


def test_the_database_refuses_a_second_claim_on_a_persons_day(app, make_booking):
    from sqlalchemy.exc import IntegrityError

    from intranet.coworking.models import BookingClaim

    booking_id = make_booking()
    with app.app_context():
        claim = db.session.scalars(
            select(BookingClaim).where(BookingClaim.booking_id == booking_id)
        ).first()
        assert claim.ordinal == 1
        db.session.add(
            BookingClaim(booking_id=booking_id, person=claim.person, day=claim.day, ordinal=1)
        )
        with pytest.raises(IntegrityError):
            db.session.flush()
        db.session.rollback()


def test_cancelling_frees_the_days_claim(app, make_booking):

    person = {"phone": "+77015552222", "email": "again@example.kz"}
    with app.app_context():
        day = open_days(1)[0]
    first = make_booking(day=day, **person)
    with app.app_context():
        services.cancel_booking(db.session.get(Booking, first))
        db.session.commit()
    second = make_booking(day=day, start=time(12), **person)
    with app.app_context():
        assert db.session.get(Booking, second).status == "pending"


def test_the_database_refuses_a_seat_slot_off_a_quarter_hour(app, make_booking):
    """A row at 10:05 next to one at 10:00 would let two overlapping bookings both pass."""
    from sqlalchemy.exc import IntegrityError

    booking_id = make_booking()
    with app.app_context():
        first = db.session.scalars(
            select(BookingSlot).where(BookingSlot.booking_id == booking_id)
        ).first()
        db.session.add(
            BookingSlot(
                booking_id=booking_id,
                seat_id=first.seat_id,
                slot_start=first.slot_start + timedelta(hours=3, minutes=5),
            )
        )
        with pytest.raises(IntegrityError):
            db.session.flush()
        db.session.rollback()


def test_a_lowered_daily_limit_still_counts_the_claims_made_before(app, make_booking):
    """Three bookings under a limit of 3, two cancelled, the limit lowered to 2: one more fits.

    The database must hold it too: a request that read the claims after the fourth booking
    but before (in the race) the Python count saw it gets no free ordinal.
    """

    with app.app_context():
        centre = get_centre()
        centre.limit_per_day, centre.limit_per_week = 3, 10
        db.session.commit()
        day = open_days(1)[0]
    person = {"phone": "+77015553333", "email": "limit@example.kz"}
    first, second, _third = (make_booking(day=day, start=time(h), **person) for h in (10, 12, 14))
    with app.app_context():
        for booking_id in (first, second):
            services.cancel_booking(db.session.get(Booking, booking_id))
        get_centre().limit_per_day = 2
        db.session.commit()
    make_booking(day=day, start=time(16), **person)  # the third claim still held is ordinal 3
    with app.app_context(), pytest.raises(services.BookingError, match="as many bookings"):
        services.day_claims(get_centre(), day, "+77015553333", "limit@example.kz")
