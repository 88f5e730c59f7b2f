"""Moved working days in a browser: the admin screen (with a mistake shown by its field) and a
library page showing the working Saturday, kk and ru at 390 and 1366 px."""

import re

import pytest

from tests.browser.helpers import (
    CENTRAL_STAFF,
    axe_violations,
    no_sideways_scroll,
    open_as,
    screenshot,
)

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

DEMO_REASON = {"kk": "Демо-мысал: жұмыс күнін ауыстыру", "ru": "Демо-пример: перенос рабочего дня"}
WORKING_SATURDAY = {
    "kk": r"Сенбі, \d+ \w+ — жұмыс күні, 09:00–18:00",
    "ru": r"Суббота, \d+ \w+ — рабочий день, 09:00–18:00",
}
NO_HOURS = {
    "kk": "Кестесі қолданылатын апта күнін таңдаңыз",
    "ru": "Выберите день недели, по графику которого работать",
}


@pytest.mark.parametrize("width", ["laptop", "phone"])
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_central_staff_keep_the_working_days_and_the_library_page_shows_one(new_page, lang, width):
    page = open_as(new_page, CENTRAL_STAFF[lang], lang, width)
    page.goto("/staff/admin/working-days/")
    assert DEMO_REASON[lang] in page.inner_text("main")  # the demo's transfer, in the list
    # A day with neither a weekday nor times: the form says what is missing, by the field.
    page.fill("#day", "2031-06-14")
    page.select_option("#works_as", "")
    page.fill("#reason_kk", "Жұмыс күнін ауыстыру")
    with page.expect_navigation():
        page.click("#working-day-form [type=submit]")
    assert NO_HOURS[lang] in page.inner_text("#works_as-error")
    assert no_sideways_scroll(page)
    assert not axe_violations(page)
    screenshot(page, f"working-days-{lang}-{width}", full_page=True)
    page.goto("/libraries/no-8")
    changes = page.inner_text(".library-changes")
    assert re.search(WORKING_SATURDAY[lang], changes), changes
    assert no_sideways_scroll(page)
    assert not axe_violations(page)
    page.locator(".library-changes").scroll_into_view_if_needed()
    screenshot(page, f"library-working-day-{lang}-{width}")
