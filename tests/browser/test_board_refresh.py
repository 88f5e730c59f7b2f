"""The coordinator's day board shows a student's self check-in by itself, without a reload:
the board is open on the desk, the student scans the seat's code on a phone (kk and ru)."""

from datetime import timedelta

import pytest

from tests.browser.helpers import CENTRE, COORDINATORS, sign_in
from tests.browser.test_coworking_phone import _check
from tests.browser.test_journeys import LANGS, t

expect = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed"
).expect


def booking_from_now(live_app, lang: str) -> tuple[str, str, str]:
    """A confirmed booking of a free seat from this quarter hour; its link, code and seat code."""
    from intranet.coworking import qr, services
    from intranet.coworking.models import Booking, BookingSlot, floor_granule, granule_starts
    from intranet.extensions import db
    from intranet.models import utc_now
    from tests.coworking.conftest import get_centre

    with live_app.app_context():
        centre = get_centre(CENTRE)
        start = floor_granule(utc_now())
        end = start + timedelta(hours=1)
        seat = services.free_seats(centre, start, end)[LANGS.index(lang)]
        booking = Booking(
            centre=centre,
            seat=seat,
            status="confirmed",
            start_dt=start,
            end_dt=end,
            full_name="Ержан Сәрсенов",
            phone=f"+7701888000{LANGS.index(lang)}",
            email=f"board-{lang}@student.kz",
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
        return booking.token, booking.code, path


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_board_shows_a_self_check_in_without_a_reload(new_page, live_app, lang):
    token, code, code_path = booking_from_now(live_app, lang)
    board = new_page(lang)
    sign_in(board, COORDINATORS[lang])
    board.goto(f"/staff/coworking/{CENTRE}/board")
    row = board.locator("[data-board-live] li", has_text=code)
    expect(row).to_contain_text(t(lang, "Confirmed"))
    # The test's own mark on this very document, and a shorter wait than the desk's 20 s.
    board.evaluate(
        """() => { window.notReloaded = true;
                   document.querySelector('[data-board-live]').dataset.refreshSeconds = '2'; }"""
    )
    student = new_page(lang, phone=True)
    student.goto(f"/booking/{token}")  # remembered on the phone, as the seat's code expects
    student.goto(code_path)
    with student.expect_navigation():
        student.locator("main").get_by_role("button", name=t(lang, "Check in")).click()
    expect(student.locator(".alert-success")).to_be_visible()
    expect(row).to_contain_text(t(lang, "Checked in"), timeout=8_000)
    assert board.evaluate("() => window.notReloaded === true"), "the board was reloaded"
    found: dict = {}
    _check(board, lang, "board-live", found)
    assert not found, found
