"""A closure, shorter hours or a seat taken out of use: the staff member sees who is affected,
confirms, and each visitor's booking is cancelled and they are told by email in their language.
"""

import re
from datetime import time, timedelta

import pytest
from aiosmtpd.controller import Controller
from flask_babel import force_locale
from sqlalchemy import func, select

from intranet.audit import AuditLog
from intranet.coworking.models import BookingSlot, Seat
from intranet.coworking.services.emails import SUBJECTS
from intranet.extensions import db
from intranet.libraries.models import ClosedDay
from tests.conftest import csrf_token
from tests.coworking.conftest import OTHER, SLUG, get_centre, load, open_days, seats_table
from tests.coworking.test_mail import Inbox, deliver, free_port

WEEK = ("mon", "tue", "wed", "thu", "fri", "sat")
CLOSED_DAYS = "/staff/admin/closed-days"
AFFECTED = re.compile(r'name="affected" value="([0-9,]*)"')


@pytest.fixture(scope="module")
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield inbox, controller.port
    controller.stop()


@pytest.fixture
def app_config(smtp):
    inbox, port = smtp
    inbox.messages.clear()
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port, "BASE_URL": "https://lib.example.kz"}


def told(app, inbox) -> list:
    """The cancellation emails once the worker has run (the bookings' own "received" aside)."""
    deliver(app)
    with app.app_context():
        subjects = set()
        for language in ("kk", "ru", "en"):
            with force_locale(language):
                subjects.add(str(SUBJECTS["cancelled_by_centre"]))
    return [m for m in inbox.messages if m["Subject"] in subjects]


def state(app, booking_id) -> tuple[str, int]:
    """The booking's status and how many seat-slots it still holds."""
    with app.app_context():
        slots = db.session.scalar(
            select(func.count(BookingSlot.id)).where(BookingSlot.booking_id == booking_id)
        )
    return load(app, booking_id).status, slots


def closed_day_form(client, day, library: str, **extra) -> dict:
    return {
        "csrf_token": csrf_token(client, CLOSED_DAYS),
        "day": day.isoformat(),
        "library": library,
        "kind": "closure",
        "reason_kk": "Жөндеу жұмыстары",
        "reason_ru": "Ремонтные работы",
        "reason_en": "Repairs",
        **extra,
    }


def test_a_closed_day_lists_the_bookings_then_cancels_them_and_tells_each_visitor(
    app, client, login_as, make_booking, smtp
):
    inbox, _ = smtp
    with app.app_context():
        day, next_day = open_days(2)
        library = get_centre().library.slug
        seat = get_centre().seats[1]
        seat_id, seat_label = seat.id, seat.label
    russian = make_booking(day=day, full_name="Сергей Пак", language="ru", seat_id=seat_id)
    kazakh = make_booking(day=day, start=time(14), full_name="Әсел Нұрова", language="kk")
    elsewhere = make_booking(OTHER, day=day, full_name="Other Centre")
    tomorrow = make_booking(day=next_day, full_name="Next Day")
    login_as("central_staff")
    data = closed_day_form(client, day, library)

    preview = client.post(CLOSED_DAYS, data=data)
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "Check before saving" in page
    assert "Сергей Пак" in page
    assert "Әсел Нұрова" in page
    assert "Other Centre" not in page
    assert "Next Day" not in page
    assert seat_label in page
    assert "10:00–11:00" in page
    assert "14:00–15:00" in page
    assert "Save and cancel 2 bookings" in page
    with app.app_context():  # nothing is saved before the confirmation
        assert db.session.scalar(select(ClosedDay).where(ClosedDay.day == day)) is None
    assert state(app, russian) == ("pending", 4)
    assert told(app, inbox) == []

    agreed = AFFECTED.search(page).group(1)
    response = client.post(CLOSED_DAYS, data={**data, "affected": agreed})
    assert response.status_code == 302
    assert "2 bookings were cancelled" in client.get(CLOSED_DAYS).get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(ClosedDay).where(ClosedDay.day == day)) is not None
        audited = db.session.scalars(
            select(AuditLog.target).where(AuditLog.action == "booking.cancel_by_centre")
        ).all()
    assert sorted(audited) == sorted([f"booking:{russian}", f"booking:{kazakh}"])
    assert state(app, russian) == ("cancelled", 0)
    assert state(app, kazakh) == ("cancelled", 0)
    assert state(app, elsewhere)[0] == "pending"
    assert state(app, tomorrow)[0] == "pending"
    assert "Ремонтные работы" in load(app, russian).cancel_reason
    assert "Жөндеу жұмыстары" in load(app, kazakh).cancel_reason

    messages = told(app, inbox)
    assert len(messages) == 2
    ru = next(m for m in messages if m["To"] == load(app, russian).email)
    assert "отмен" in ru["Subject"].lower()
    body = ru.get_body().get_content()
    assert "Ремонтные работы" in body
    assert f"https://lib.example.kz/coworking/{SLUG}" in body
    kk = next(m for m in messages if m["To"] == load(app, kazakh).email)
    assert "Жөндеу жұмыстары" in kk.get_body().get_content()
    assert "күші жойылды" in kk["Subject"].lower()

    # The visitor's own page says who cancelled and why, in their language.
    token = load(app, russian).token
    visitor = app.test_client()
    visitor.get("/?lang=ru")
    assert "Ремонтные работы" in visitor.get(f"/booking/{token}").get_data(as_text=True)


def test_a_city_wide_holiday_reaches_every_centre(app, client, login_as, make_booking, smtp):
    with app.app_context():
        day = open_days(1)[0]
    here, there = make_booking(day=day), make_booking(OTHER, day=day)
    login_as("admin")
    data = closed_day_form(client, day, "", kind="holiday")
    page = client.post(CLOSED_DAYS, data=data).get_data(as_text=True)
    client.post(CLOSED_DAYS, data={**data, "affected": AFFECTED.search(page).group(1)})
    assert state(app, here)[0] == state(app, there)[0] == "cancelled"


def test_a_booking_made_while_the_list_was_open_is_shown_before_it_is_cancelled(
    app, client, login_as, make_booking, smtp
):
    with app.app_context():
        day = open_days(1)[0]
        library = get_centre().library.slug
    first = make_booking(day=day)
    login_as("central_staff")
    data = closed_day_form(client, day, library)
    agreed = AFFECTED.search(client.post(CLOSED_DAYS, data=data).get_data(as_text=True)).group(1)
    late = make_booking(day=day, start=time(15), full_name="Late Booker")
    again = client.post(CLOSED_DAYS, data={**data, "affected": agreed})
    page = again.get_data(as_text=True)
    assert again.status_code == 200
    assert "changed while you were looking" in page
    assert "Late Booker" in page
    assert state(app, first)[0] == state(app, late)[0] == "pending"
    client.post(CLOSED_DAYS, data={**data, "affected": AFFECTED.search(page).group(1)})
    assert state(app, first)[0] == state(app, late)[0] == "cancelled"


def test_a_day_without_bookings_is_closed_at_once(app, client, login_as, smtp):
    with app.app_context():
        day = open_days(1)[0]
    login_as("central_staff")
    response = client.post(CLOSED_DAYS, data=closed_day_form(client, day, ""))
    assert response.status_code == 302
    assert told(app, smtp[0]) == []


def setup_form(client, centre, **overrides) -> dict:
    """The set-up form as it stands, with some fields changed."""
    data = {
        "csrf_token": csrf_token(client, f"/staff/coworking/{SLUG}/setup"),
        "slot_minutes": str(centre.slot_minutes),
        "min_duration_minutes": str(centre.min_duration_minutes),
        "max_duration_minutes": str(centre.max_duration_minutes),
        "horizon_days": str(centre.horizon_days),
        "min_notice_minutes": str(centre.min_notice_minutes),
        "grace_minutes": str(centre.grace_minutes),
        "check_in_opens_minutes": str(centre.check_in_opens_minutes),
        "limit_per_day": str(centre.limit_per_day),
        "limit_per_week": str(centre.limit_per_week),
        "block_after_no_shows": str(centre.block_after_no_shows),
        "block_window_days": str(centre.block_window_days),
        "block_days": str(centre.block_days),
        "sanitary_day": centre.sanitary_day or "",
    }
    for day, hours in centre.opening_hours.items():
        data[f"{day}_open"], data[f"{day}_close"] = hours or ("", "")
    data.update(overrides)
    return data


def test_shorter_hours_cancel_only_the_bookings_outside_them(
    app, client, login_as, make_booking, smtp, nine_to_six
):
    inbox, _ = smtp
    with app.app_context():
        day = open_days(1)[0]
        weekday = WEEK[day.weekday()]
    late = make_booking(day=day, start=time(16), duration=120, language="en")
    early = make_booking(day=day, start=time(10))
    login_as("coordinator", centres=[SLUG])
    with app.app_context():
        data = setup_form(client, get_centre(), **{f"{weekday}_close": "17:00"})
    page = client.post(f"/staff/coworking/{SLUG}/hours", data=data).get_data(as_text=True)
    assert "16:00–18:00" in page
    assert "10:00–11:00" not in page
    with app.app_context():
        assert get_centre().opening_hours[weekday] == ["09:00", "18:00"]  # not saved yet
    agreed = AFFECTED.search(page).group(1)
    response = client.post(f"/staff/coworking/{SLUG}/hours", data={**data, "affected": agreed})
    assert response.status_code == 303
    with app.app_context():
        assert get_centre().opening_hours[weekday] == ["09:00", "17:00"]
    assert state(app, late) == ("cancelled", 0)
    assert state(app, early)[0] == "pending"
    assert "09:00–17:00" in load(app, late).cancel_reason
    assert [m["Subject"] for m in told(app, inbox)] == [
        "The coworking centre has cancelled your booking"
    ]


def test_a_new_sanitary_day_cancels_the_bookings_on_it(app, client, login_as, make_booking, smtp):
    with app.app_context():
        day = open_days(1)[0]
    booking = make_booking(day=day)
    rule = "last" if (day + timedelta(days=7)).month != day.month else str((day.day - 1) // 7 + 1)
    login_as("coordinator", centres=[SLUG])
    with app.app_context():
        data = setup_form(client, get_centre(), sanitary_day=f"{rule}-{WEEK[day.weekday()]}")
    page = client.post(f"/staff/coworking/{SLUG}/hours", data=data).get_data(as_text=True)
    client.post(
        f"/staff/coworking/{SLUG}/hours", data={**data, "affected": AFFECTED.search(page).group(1)}
    )
    assert state(app, booking) == ("cancelled", 0)
    assert "Sanitary day" in load(app, booking).cancel_reason


def test_a_slot_length_change_cancels_nothing(app, client, login_as, make_booking, smtp):
    booking = make_booking()
    login_as("coordinator", centres=[SLUG])
    with app.app_context():
        data = setup_form(client, get_centre(), slot_minutes="30")
    assert client.post(f"/staff/coworking/{SLUG}/setup", data=data).status_code == 303
    assert state(app, booking) == ("pending", 4)
    assert told(app, smtp[0]) == []


def test_a_coordinators_closure_cancels_the_days_bookings(
    app, client, login_as, make_booking, smtp
):
    with app.app_context():
        day = open_days(1)[0]
    booking = make_booking(day=day, language="ru")
    login_as("coordinator", centres=[SLUG])
    client.get("/?lang=ru")
    data = {
        "csrf_token": csrf_token(client, f"/staff/coworking/{SLUG}/setup"),
        "day": day.isoformat(),
        "reason": "Ремонт",
    }
    page = client.post(f"/staff/coworking/{SLUG}/closures", data=data).get_data(as_text=True)
    assert state(app, booking)[0] == "pending"
    agreed = AFFECTED.search(page).group(1)
    client.post(f"/staff/coworking/{SLUG}/closures", data={**data, "affected": agreed})
    assert state(app, booking) == ("cancelled", 0)
    assert "Ремонт" in load(app, booking).cancel_reason
    assert len(told(app, smtp[0])) == 1


def test_taking_a_seat_out_of_use_cancels_its_bookings_ahead(
    app, client, login_as, make_booking, smtp
):
    with app.app_context():
        seat, neighbour = get_centre().seats[:2]
        seat_id, label, neighbour_id = seat.id, seat.label, neighbour.id
    on_seat = make_booking(seat_id=seat_id)
    # On another seat by name: "any seat" is a random free one, and could be this very seat.
    other_seat = make_booking(seat_id=neighbour_id, start=time(12))
    login_as("coordinator", centres=[SLUG])
    data, rows = seats_table(client)
    del data[rows[label] + "is_active"]
    url = f"/staff/coworking/{SLUG}/seats"
    page = client.post(url, data=data).get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Seat, seat_id).is_active  # not yet
    client.post(url, data={**data, "affected": AFFECTED.search(page).group(1)})
    with app.app_context():
        assert not db.session.get(Seat, seat_id).is_active
    assert state(app, on_seat) == ("cancelled", 0)
    assert state(app, other_seat)[0] == "pending"
    assert label in load(app, on_seat).cancel_reason
