"""The centre set-up in a browser: sections with one Save each, seats edited in one table."""

import pytest

from tests.browser.helpers import (
    CENTRE,
    COORDINATORS,
    axe_violations,
    no_sideways_scroll,
    open_as,
    screenshot,
)

SAVED = {"kk": "Орындар сақталды.", "ru": "Места сохранены."}


@pytest.mark.parametrize("width", ["phone", "laptop"])
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_coordinator_changes_two_seats_and_saves_once(new_page, lang, width):
    page = open_as(new_page, COORDINATORS[lang], lang, width)
    page.goto(f"/staff/coworking/{CENTRE}/setup#seats")
    # One Save per section: the centre, the hours, the seats, a closed day (and "more rows").
    assert page.locator("main form button[type=submit]:not([name=more])").count() == 4
    # A phone shows each seat as a block with its words; a laptop one table under its headings.
    assert page.locator("#seats-form thead").is_visible() == (width == "laptop")
    page.check("#seats-0-has_computer")
    page.check("#seats-1-is_quiet_zone")
    with page.expect_navigation():
        page.click("#seats-form button[type=submit]:not([name=more])")
    assert SAVED[lang] in page.inner_text("main")
    assert page.is_checked("#seats-0-has_computer")
    assert page.is_checked("#seats-1-is_quiet_zone")
    assert no_sideways_scroll(page)
    assert axe_violations(page) == []
    page.locator("#seats").scroll_into_view_if_needed()
    screenshot(page, f"centre-setup-seats-{lang}-{width}")
    page.goto(f"/staff/coworking/{CENTRE}/setup")
    screenshot(page, f"centre-setup-{lang}-{width}", full_page=True)
