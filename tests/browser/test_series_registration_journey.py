"""Registering once for all meetings of a club's series, on a phone in kk and ru: the meeting's
page says what one registration covers, the private page lists the meetings, one meeting's place
leads back to them, cancelling frees them all; and the staff's choice in the settings."""

import pytest

from tests.browser.helpers import BRANCH_STAFF, sign_in
from tests.browser.test_journeys import LANGS, t
from tests.browser.test_registration_journey import look, register
from tests.events.registering import open_series

expect = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed"
).expect


@pytest.mark.parametrize("lang", LANGS)
def test_a_resident_registers_once_for_every_meeting(new_page, live_app, lang):
    ids = open_series(live_app, meetings=3, capacity=4)
    n = 50 if lang == "kk" else 60
    page = new_page(lang, phone=True)

    page.goto(f"/events/{ids[1]}?lang={lang}")
    expect(page.locator("[data-series-meetings]")).to_have_attribute("data-series-meetings", "3")
    look(page, f"series-event-page-{lang}")
    page.goto(f"/events/{ids[1]}/register?lang={lang}")
    look(page, f"series-form-{lang}")
    register(page, lang, ids[1], "Айгерім Сейтқали", f"+7 701 555 00 {n}", f"s{n}@example.kz")
    expect(page.locator("[data-status]")).to_have_text(t(lang, "Places confirmed"))
    expect(page.locator("[data-place=confirmed]")).to_have_count(3)
    look(page, f"series-confirmed-{lang}")
    mine = page.url

    page.get_by_role("link", name=t(lang, "I can't come to this meeting")).nth(1).click()
    expect(page.locator("[data-series-link] a")).to_be_visible()
    look(page, f"series-one-meeting-{lang}")

    page.goto(mine)
    with page.expect_navigation():
        page.get_by_role("button", name=t(lang, "Cancel my registration for all meetings")).click()
    expect(page.locator("[data-status]")).to_have_text(t(lang, "Cancelled"))
    expect(page.locator("[data-place=cancelled]")).to_have_count(3)
    expect(page.locator("[data-register-again]")).to_be_visible()
    look(page, f"series-cancelled-{lang}")

    sign_in(page, BRANCH_STAFF[lang])
    page.goto(f"/staff/events/{ids[0]}/registration")
    expect(page.locator("#register_once")).to_have_value("series")
    look(page, f"series-settings-{lang}")
    page.goto(f"/staff/events/{ids[0]}/registrations")
    expect(page.locator("[data-series-waiting]")).to_be_visible()
    look(page, f"series-staff-list-{lang}")
