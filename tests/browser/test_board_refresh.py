"""The coordinator's day board shows a student's self check-in by itself, without a reload:
the board is open on the desk, the student scans the seat's code on a phone (kk and ru)."""

import pytest

from tests.browser.helpers import CENTRE, COORDINATORS, sign_in
from tests.browser.test_coworking_phone import _check
from tests.browser.test_journeys import LANGS, t
from tests.browser.test_self_check_in_journey import booking_now

expect = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed"
).expect


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_board_shows_a_self_check_in_without_a_reload(new_page, live_app, lang):
    n = LANGS.index(lang)
    token, code, _label, code_path = booking_now(live_app, lang, hours=1, seat_index=n, who="board")
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
