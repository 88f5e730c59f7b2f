"""Against a live gunicorn with several workers: simultaneous bookings, and the rate limit."""

import os
import threading
import uuid

import pytest
from sqlalchemy import func, select

from intranet.coworking.models import Booking, BookingSlot
from intranet.extensions import db
from tests.coworking.conftest import SLUG, get_centre, open_days
from tests.coworking.live import Browser, gunicorn

PARALLEL = 12


def booking_form(token: str, day: str, n: int, seat: str = "") -> dict:
    return {
        "csrf_token": token,
        "day": day,
        "start": "10:00",
        "duration": "60",
        "seat": seat,
        "full_name": "Live Visitor",
        "phone": f"+7702{n:07d}",
        "email": f"live{n}@example.kz",
        "institution": "Korkyt Ata University",
        "consent": "y",
    }


def race(base: str, forms: list[dict]) -> list[int]:
    """Each visitor loads the form, then all submit at the same moment."""
    browsers = [Browser(base) for _ in forms]
    path = f"/coworking/{SLUG}/book"
    for browser, form in zip(browsers, forms, strict=True):
        form["csrf_token"] = browser.csrf(path + "?lang=en")
    barrier = threading.Barrier(len(forms))
    statuses: list[int] = [0] * len(forms)

    def submit(i: int) -> None:
        barrier.wait()
        statuses[i] = browsers[i].request(path, forms[i])[0]

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(len(forms))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def test_simultaneous_submissions_for_one_seat_leave_one_booking(app, database_url, tmp_path):
    with app.app_context():
        day = open_days(1)[0].isoformat()
        seat = str(get_centre().seats[0].id)
    forms = [booking_form("", day, n, seat) for n in range(PARALLEL)]
    with gunicorn(database_url, tmp_path / "live", workers=4) as base:
        statuses = race(base, forms)
    assert sorted(statuses) == [302] + [409] * (PARALLEL - 1), statuses
    with app.app_context():
        assert db.session.scalar(select(func.count(Booking.id))) == 1
        assert db.session.scalar(select(func.count(BookingSlot.id))) == 4  # quarter hours


def test_simultaneous_any_seat_submissions_fill_the_last_seats(app, database_url, tmp_path):
    with app.app_context():
        centre = get_centre()
        for seat in centre.seats[3:]:
            seat.is_active = False  # three seats left
        db.session.commit()
        day = open_days(1)[0].isoformat()
    forms = [booking_form("", day, 100 + n) for n in range(8)]
    with gunicorn(database_url, tmp_path / "live", workers=4) as base:
        statuses = race(base, forms)
    assert all(status < 500 for status in statuses), statuses
    assert statuses.count(302) == 3, statuses
    assert statuses.count(409) == 5, statuses
    with app.app_context():
        seats = db.session.scalars(select(Booking.seat_id)).all()
        assert len(seats) == len(set(seats)) == 3


def test_one_person_submitting_twice_at_once_gets_one_booking(app, database_url, tmp_path):
    with app.app_context():
        day = open_days(1)[0].isoformat()
    forms = []
    for n in range(6):
        form = booking_form("", day, 7)  # the same phone and email every time
        form["start"] = f"{10 + n:02d}:00"
        forms.append(form)
    with gunicorn(database_url, tmp_path / "live", workers=4) as base:
        statuses = race(base, forms)
    assert sorted(statuses) == [302] + [400] * 5, statuses
    with app.app_context():
        assert db.session.scalar(select(func.count(Booking.id))) == 1


@pytest.mark.skipif(not os.environ.get("TEST_REDIS_URL"), reason="TEST_REDIS_URL not set")
def test_rate_limit_holds_across_two_workers_with_redis(app, database_url, tmp_path):
    env = {
        "RATELIMIT_STORAGE_URI": os.environ["TEST_REDIS_URL"],
        "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        "COWORKING_BOOK_LIMIT": "4 per minute",
    }
    with gunicorn(database_url, tmp_path / "live", workers=2, **env) as base:
        browser = Browser(base)
        token = browser.csrf(f"/coworking/{SLUG}/book")
        # Separate connections spread over both workers; an empty form is refused (400)
        # but still counts against the limit.
        statuses = [
            browser.request(f"/coworking/{SLUG}/book", {"csrf_token": token})[0] for _ in range(10)
        ]
    assert statuses[:4] == [400] * 4, statuses
    assert set(statuses[4:]) == {429}, statuses
