"""The work diary's grid, the fund and the age bands, in kk and ru, on a laptop and a phone."""

import pytest

from tests.browser.helpers import (
    ADMINS,
    BRANCH_STAFF,
    axe_violations,
    no_sideways_scroll,
    open_as,
    screenshot,
)
from tests.browser.test_report_screens import last_month

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")


@pytest.mark.parametrize("width", ["laptop", "phone"])
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_diary_grid(new_page, lang, width):
    page = open_as(new_page, BRANCH_STAFF[lang], lang, width)
    year, month = last_month()
    page.goto(f"/staff/reports/diary/no-6/{year}/{month}")
    words = {"kk": "Жұмыс күнделігі", "ru": "Дневник работы"}[lang]
    assert words in page.locator("h1").inner_text()
    assert no_sideways_scroll(page)  # the grid scrolls inside its own box
    assert not axe_violations(page)
    screenshot(page, f"diary-{lang}-{width}")
    # By keyboard: Enter goes down the same column to the next day, ↑ back.
    first = page.locator("input[name='c-1-visits']")
    first.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.name") == "c-2-visits"
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.name") == "c-1-visits"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "c-1-issues"
    page.goto(f"/staff/reports/diary/no-6/{year}/{month}?part=bands")
    assert not axe_violations(page)
    screenshot(page, f"diary-bands-{lang}-{width}")
    page.goto("/staff/reports/fund/no-6")
    assert no_sideways_scroll(page)
    assert not axe_violations(page)
    screenshot(page, f"fund-{lang}-{width}", full_page=True)


@pytest.mark.parametrize("width", ["laptop", "phone"])
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_age_bands_and_the_report(new_page, lang, width):
    page = open_as(new_page, ADMINS[lang], lang, width)
    page.goto("/staff/reports/age-bands")
    assert no_sideways_scroll(page)
    assert not axe_violations(page)
    screenshot(page, f"age-bands-{lang}-{width}")
    year, month = last_month()
    page.goto(f"/staff/reports/?library=no-6&period=month&year={year}&month={month}")
    words = {"kk": "Бақылау көрсеткіштері", "ru": "Контрольные показатели"}[lang]
    assert words in page.content()
    assert no_sideways_scroll(page)
    screenshot(page, f"report-indicators-{lang}-{width}")
