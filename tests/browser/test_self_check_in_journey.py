"""A student scans the QR code on their seat with a phone and is checked in (kk and ru);
a free seat's code offers a walk-in booking; the coordinator prints the codes and the day."""

from datetime import timedelta

import pytest

from tests.browser.helpers import CENTRE, COORDINATORS, screenshot, sign_in
from tests.browser.test_coworking_phone import _check
from tests.browser.test_journeys import LANGS, t, t_pattern

# The students the tests book for: a name and a phone without its last digit.
WHO = {"scan": ("Дана Әлиева", "+7701777000"), "board": ("Ержан Сәрсенов", "+7701888000")}

expect = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed"
).expect


def booking_now(
    live_app, lang: str, *, hours: int = 2, seat_index: int | None = None, who: str = "scan"
) -> tuple[str, str, str, str]:
    """A confirmed booking of a free seat from about now (whatever the hours say).

    One per language and per `who` (its own phone and email, so that no allowance is shared);
    the seat by its place among the free ones, the last ones by default. Returns the private
    link's token, the booking's code, the seat's label and the path its printed code opens.
    """
    from intranet.coworking import qr, services
    from intranet.coworking.models import Booking, BookingSlot, floor_granule, granule_starts
    from intranet.extensions import db
    from intranet.models import utc_now
    from tests.coworking.conftest import get_centre

    n = LANGS.index(lang)
    with live_app.app_context():
        centre = get_centre(CENTRE)
        # The quarter hour of five minutes from now: check-in is open (from 30 minutes before
        # the start), and the sweep's no-show (15 minutes after it) is at least five minutes
        # away. From this quarter hour itself, a test started in its last seconds lost its
        # booking to the sweep before the scan.
        start = floor_granule(utc_now() + timedelta(minutes=5))
        end = start + timedelta(hours=hours)
        seat = services.free_seats(centre, start, end)[-1 - n if seat_index is None else seat_index]
        booking = Booking(
            centre=centre,
            seat=seat,
            status="confirmed",
            start_dt=start,
            end_dt=end,
            full_name=WHO[who][0],
            phone=f"{WHO[who][1]}{n}",
            email=f"{who}-{lang}@student.kz",
            institution="College",
            language=lang,
            consent_version=services.CONSENT_VERSION,
        )
        db.session.add(booking)
        db.session.flush()
        db.session.add_all(
            BookingSlot(booking_id=booking.id, seat_id=seat.id, slot_start=moment)
            for moment in granule_starts(start, end)
        )
        db.session.commit()
        path = f"/coworking/{CENTRE}/scan/{seat.id}/{qr.signature(centre.id, seat.id)}"
        return booking.token, booking.code, seat.label, path


def free_seat_code(live_app) -> str:
    """The path of the code of a seat nobody holds today (the first seat with no booking)."""
    from intranet.coworking import qr
    from tests.coworking.conftest import get_centre

    with live_app.app_context():
        centre = get_centre(CENTRE)
        seat = centre.active_seats[0]
        return f"/coworking/{CENTRE}/scan/{seat.id}/{qr.signature(centre.id, seat.id)}"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_student_scans_the_seat_code_and_is_checked_in(new_page, live_app, lang):
    token, _code, label, code_path = booking_now(live_app, lang)
    page = new_page(lang, phone=True)
    found: dict = {}
    main = page.locator("main")
    # The private link, opened once on this phone, is what the seat's code finds.
    page.goto(f"/booking/{token}")
    expect(main).to_contain_text(
        t(lang, "At the centre, scan the QR code on your seat with this phone to check in.")
    )
    page.goto(code_path)
    expect(main.get_by_role("heading", name=t(lang, "Seat %(seat)s", seat=label))).to_be_visible()
    _check(page, lang, "scan-seat", found)
    page.set_viewport_size({"width": 390, "height": 844})
    with page.expect_navigation():
        main.get_by_role("button", name=t(lang, "Check in")).click()
    expect(page.locator(".alert-success")).to_contain_text(
        t_pattern(lang, "Checked in: seat %(seat)s until %(end)s.")
    )
    expect(main).to_contain_text(t(lang, "You have checked in. Enjoy your work!"))
    _check(page, lang, "scan-checked-in", found)
    # Scanning again is harmless: it says so and changes nothing.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(code_path)
    expect(main.get_by_role("button", name=t(lang, "I am leaving: end my booking now")))
    # A phone without a booking at a free seat: the code form and the walk-in offer.
    stranger = new_page(lang, phone=True)
    stranger.goto(free_seat_code(live_app))
    expect(stranger.locator("main")).to_contain_text(t(lang, "Have a booking? Check in"))
    _check(stranger, lang, "scan-free-seat", found)
    report = "\n".join(f"{name}: {p}" for name, ps in found.items() for p in ps)
    assert not found, "\n" + report


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_coordinator_prints_the_codes_and_the_days_list(new_page, lang):
    page = new_page(lang)
    sign_in(page, COORDINATORS[lang])
    page.goto(f"/staff/coworking/{CENTRE}/board")
    with page.expect_navigation():
        page.get_by_role("link", name=t(lang, "QR codes of the seats")).click()
    expect(page.locator("svg.qr").first).to_be_visible()
    assert page.locator("svg.qr").count() > 10
    screenshot(page, f"desktop-qr-codes-{lang}", full_page=True)
    page.emulate_media(media="print")
    screenshot(page, f"print-qr-codes-{lang}", full_page=True)
    page.emulate_media(media="screen")
    page.goto(f"/staff/coworking/{CENTRE}/board")
    with page.expect_navigation():
        page.get_by_role("link", name=t(lang, "Print the day's list")).click()
    expect(page.locator("h1")).to_contain_text(t(lang, "Bookings of the day"))
    screenshot(page, f"desktop-day-list-{lang}", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, f"phone-day-list-{lang}", full_page=True)
    assert page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
