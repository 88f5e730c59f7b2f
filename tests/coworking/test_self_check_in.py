"""Self check-in at a seat's QR code: signed codes, the phone's remembered booking, walk-ins."""

from datetime import time

import pytest
import time_machine
from sqlalchemy import func, select, update

from intranet.audit import AuditLog
from intranet.clock import from_local
from intranet.coworking import qr, services
from intranet.coworking.models import Booking, BookingSlot
from intranet.coworking.views.remembered import COOKIE
from intranet.extensions import db
from tests.conftest import csrf_token
from tests.coworking.conftest import OTHER, SLUG, get_centre, load, open_days


def at(day, hour: int, minute: int = 0):
    """Stand still at this Kyzylorda wall-clock moment."""
    return time_machine.travel(from_local(day, time(hour, minute)), tick=False)


def scan_path(slug: str, seat_index: int | None, *, of: str | None = None) -> str:
    """The path a printed code opens (`of`: sign it for another centre's seat)."""
    centre = get_centre(slug)
    signer = get_centre(of) if of else centre
    seat_id = centre.seats[seat_index].id if seat_index is not None else None
    signed_seat = signer.seats[seat_index].id if seat_index is not None else None
    sig = qr.signature(signer.id, signed_seat)
    return f"/coworking/{slug}/scan/{seat_id}/{sig}" if seat_id else f"/coworking/{slug}/scan/{sig}"


@pytest.fixture
def day(app):
    with app.app_context():
        return open_days(1)[0]


@pytest.fixture
def confirmed(app, make_booking, day):
    """A confirmed booking of seat 1 from 10:00 to 12:00 on `day`; returns (id, token, code)."""
    with app.app_context():
        seat = get_centre().seats[0]
    booking_id = make_booking(day=day, seat_id=seat.id, duration=120)
    with app.app_context():
        booking = db.session.get(Booking, booking_id)
        booking.status = "confirmed"
        db.session.commit()
        return booking_id, booking.token, booking.code


def paths(app, *indexes):
    with app.app_context():
        return [scan_path(SLUG, i) for i in indexes]


def post(client, path: str, code: str = ""):
    return client.post(
        path, data={"csrf_token": csrf_token(client, path), "code": code}, follow_redirects=True
    )


def test_a_forged_or_foreign_code_is_refused_clearly(app, client):
    with app.app_context():
        genuine = scan_path(SLUG, 0)
        other_seat_sig = scan_path(SLUG, 1).rsplit("/", 1)[1]
        forged = genuine.rsplit("/", 1)[0] + "/" + other_seat_sig  # seat 1's id, seat 2's code
        foreign = scan_path(SLUG, 0, of=OTHER)  # No. 12's code under the central centre
        entrance_for_seat = scan_path(SLUG, None).replace(
            "/scan/", f"/scan/{get_centre().seats[0].id}/"
        )
    assert client.get(genuine).status_code == 200
    for path in (forged, foreign, entrance_for_seat, genuine[:-3] + "AAA"):
        response = client.get(path, headers={"Accept-Language": "en"})
        assert response.status_code == 404, path
        assert response.headers["Cache-Control"] == "no-store"
    assert client.get("/coworking/nowhere/scan/1/x").status_code == 404
    refused = client.get(foreign, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "This code is not valid here" in refused
    assert "Booking code" not in refused  # nothing to check in to


def test_the_private_link_is_remembered_and_the_seat_checks_in(
    app, client, login_as, confirmed, day
):
    booking_id, token, _ = confirmed
    seat_one, seat_two = paths(app, 0, 1)
    with at(day, 9, 40):
        client.get("/?lang=en")
        opened = client.get(f"/booking/{token}", headers={"Accept-Language": "en"})
        cookie = opened.headers["Set-Cookie"]
        assert cookie.startswith(f"{COOKIE}={token};")  # the private link, nothing else
        assert "HttpOnly" in cookie
        assert "SameSite=Lax" in cookie
        assert "scan the QR code on your seat" in opened.get_data(as_text=True)
        page = client.get(seat_two, headers={"Accept-Language": "en"})
        assert "Your booking is for seat 01. Scan the code on that seat." in page.get_data(
            as_text=True
        )
        page = client.get(seat_one, headers={"Accept-Language": "en"})
        assert page.headers["Cache-Control"] == "no-store"
        assert "Check in" in page.get_data(as_text=True)
        done = post(client, seat_one)
        assert "Checked in: seat 01 until" in done.get_data(as_text=True)
        assert "You have checked in." in done.get_data(as_text=True)
        again = post(client, seat_one)  # the second scan changes nothing
        assert "You are already checked in: seat 01 until" in again.get_data(as_text=True)
    checked = load(app, booking_id)
    assert checked.status == "checked_in"
    assert checked.checked_in_dt == from_local(day, time(9, 40))
    with app.app_context():
        audit = select(func.count()).where(AuditLog.action == "booking.self_check_in")
        assert db.session.scalar(audit) == 1
    # The coordinator's board shows it on the next look.
    login_as("coordinator", centres=[SLUG])
    board = client.get(f"/staff/coworking/{SLUG}/board?date={day}&lang=en")
    assert '<span class="badge text-bg-primary">Checked in</span>' in board.get_data(as_text=True)


def test_a_typed_code_checks_in_only_at_its_own_seat_and_in_its_window(app, confirmed, day):
    booking_id, _, code = confirmed
    seat_one, seat_two = paths(app, 0, 1)
    phone = app.test_client()
    with at(day, 9, 0):
        phone.get("/?lang=en")
        early = post(phone, seat_one, code).get_data(as_text=True)
        assert "Check-in opens 30 minutes before the start of the booking." in early
        wrong = post(phone, seat_two, code.lower()).get_data(as_text=True)
        assert "Your booking is for seat 01." in wrong
        unknown = post(phone, seat_one, "NOPE1234").get_data(as_text=True)
        assert "No booking with this code in this centre." in unknown
        # A NUL made PostgreSQL refuse the lookup with a 500 (the fuzz suite found it).
        for junk in ("\x00", "AB-12"):
            refused = post(phone, seat_one, junk)
            assert refused.status_code < 500
            assert "No booking with this code" in refused.get_data(as_text=True) or (
                "characters that are not allowed" in refused.get_data(as_text=True)
            )
        nothing = post(phone, seat_one, "").get_data(as_text=True)  # no code, no remembered link
        assert "No booking with this code" in nothing
    assert load(app, booking_id).status == "confirmed"
    with at(day, 10, 20):
        phone.get("/?lang=en")
        with app.app_context():
            services.sweep()
            db.session.commit()
        late = post(phone, seat_one, code).get_data(as_text=True)
        assert "You did not come within the grace period" in late
    assert load(app, booking_id).status == "no_show"


def test_a_free_seat_offers_a_walk_in_booking_by_the_public_form(app, day):
    with app.app_context():
        get_centre().is_auto_approve = True
        db.session.commit()
    seat_three, entrance = paths(app, 2, None)
    phone = app.test_client()
    with at(day, 10, 5):
        phone.get("/?lang=en")
        page = phone.get(seat_three).get_data(as_text=True)
        assert "Book this seat from 11:00" in page
        assert "Seats are free from 11:00 today." in phone.get(entrance).get_data(as_text=True)
        with app.app_context():
            seat_id = get_centre().seats[2].id
        link = f"/coworking/{SLUG}/book?date={day}&amp;start=11:00&amp;seat={seat_id}"
        assert link in page
        form = phone.get(link.replace("&amp;", "&")).get_data(as_text=True)
        assert (
            f'<option selected value="{seat_id}">' in form or f'value="{seat_id}" selected' in form
        )
        sent = phone.post(
            f"/coworking/{SLUG}/book",
            data={
                "csrf_token": csrf_token(phone, link.replace("&amp;", "&")),
                "day": day.isoformat(),
                "start": "11:00",
                "duration": "60",
                "seat": str(seat_id),
                "full_name": "Walk-in Student",
                "phone": "8 701 555 00 11",
                "email": "walkin@example.kz",
                "institution": "College",
                "purpose": "",
                "consent": "y",
                "website": "",
            },
        )
        assert sent.status_code == 302, sent.get_data(as_text=True)[:2000]
        phone.get(sent.headers["Location"])  # the private page: now remembered on this phone
    with at(day, 10, 40):
        phone.get("/?lang=en")
        checked = post(phone, seat_three).get_data(as_text=True)
        assert "Checked in: seat 03 until 12:00." in checked
    with app.app_context():
        booking = db.session.scalar(select(Booking).where(Booking.email == "walkin@example.kz"))
        assert (booking.seat_id, booking.status) == (seat_id, "checked_in")


def test_leaving_early_frees_the_rest_of_the_booking(app, confirmed, day):
    booking_id, token, _ = confirmed
    (seat_one,) = paths(app, 0)
    phone = app.test_client()
    with at(day, 10, 5):
        phone.get(f"/booking/{token}")
        post(phone, seat_one)
    with at(day, 10, 20):
        phone.get("/?lang=en")
        page = phone.get(f"/booking/{token}").get_data(as_text=True)
        assert "I am leaving: end my booking now" in page
        form = {"csrf_token": csrf_token(phone, f"/booking/{token}")}
        left = phone.post(f"/booking/{token}/end", data=form, follow_redirects=True)
        assert "Thank you! Seat 01 is free for others from 10:30." in left.get_data(as_text=True)
        again = phone.post(f"/booking/{token}/end", data=form, follow_redirects=True)
        assert again.status_code == 200  # a second tap is harmless
    booking = load(app, booking_id)
    assert booking.end_dt == from_local(day, time(10, 30))
    with app.app_context():
        centre = get_centre()
        held = db.session.scalars(
            select(BookingSlot.slot_start).where(BookingSlot.booking_id == booking_id)
        ).all()
        assert sorted(held) == [from_local(day, time(10)), from_local(day, time(10, 15))]
        free = services.free_seats(centre, from_local(day, time(11)), from_local(day, time(12)))
        assert centre.seats[0].id in {seat.id for seat in free}


def test_the_sheet_of_codes_and_the_days_list_print_in_kk_and_ru(
    app, client, login_as, confirmed, day
):
    _, _, code = confirmed
    login_as("coordinator", centres=[SLUG])
    sheet = client.get(f"/staff/coworking/{SLUG}/codes?lang=ru")
    assert sheet.headers["Cache-Control"] == "no-store"
    body = sheet.get_data(as_text=True)
    with app.test_request_context():
        centre = get_centre()
        seat = centre.seats[4]
        assert str(qr.qr_svg(qr.scan_url(SLUG, centre.id, seat.id), f"Место {seat.label}")) in body
        assert body.count("<svg") == len(centre.active_seats) + 1
    assert "Вход" in body
    assert "@media print" not in body
    listing = client.get(f"/staff/coworking/{SLUG}/day-list?date={day}&lang=kk")
    assert listing.headers["Cache-Control"] == "no-store"
    text = listing.get_data(as_text=True)
    assert code in text
    assert "10:00–12:00" in text
    assert client.get(f"/staff/coworking/{OTHER}/codes").status_code == 403


def test_two_scans_at_once_check_in_once_and_both_are_told_so(app, confirmed, day):
    booking_id, _, _ = confirmed
    with at(day, 9, 45), app.app_context():
        seen = db.session.get(Booking, booking_id)  # as the second request read it
        assert seen.status == "confirmed"
        # The first request wins meanwhile (a conditional UPDATE; the ORM object is not told).
        db.session.execute(
            update(Booking)
            .where(Booking.id == booking_id)
            .values(status="checked_in")
            .execution_options(synchronize_session=False)
        )
        assert services.self_check_in(seen, seat=seen.seat) is False
        assert seen.status == "checked_in"
        db.session.commit()
