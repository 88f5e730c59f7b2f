"""Event types and campaigns kept by hand: swatches with names, edit and deactivate, kk and ru."""

import pytest

from tests.browser.helpers import (
    ADMINS,
    CENTRAL_STAFF,
    axe_violations,
    no_sideways_scroll,
    open_as,
    screenshot,
)

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")


@pytest.mark.parametrize("width", ["laptop", "phone"])
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_event_types_with_colour_swatches(new_page, lang, width):
    page = open_as(new_page, ADMINS[lang], lang, width)
    page.goto("/staff/events/types")
    assert page.locator(".swatch-choice input[type=radio]").count() == 16
    assert page.locator("input[name=slug]").count() == 0
    assert no_sideways_scroll(page)
    assert not axe_violations(page)
    screenshot(page, f"event-types-{lang}-{width}", full_page=True)
    page.locator(".catalog-list a").first.click()
    page.wait_for_load_state()
    assert page.locator(".swatch-choice input:checked").count() == 1
    assert page.locator("input[name=do]").count() >= 1  # deactivate (and delete if unused)
    assert no_sideways_scroll(page)
    assert not axe_violations(page)
    screenshot(page, f"event-type-edit-{lang}-{width}", full_page=True)


@pytest.mark.parametrize("width", ["laptop", "phone"])
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_campaigns_are_edited_without_identifiers(new_page, lang, width):
    page = open_as(new_page, CENTRAL_STAFF[lang], lang, width)
    page.goto("/staff/events/campaigns")
    assert page.locator("input[name=slug]").count() == 0
    assert no_sideways_scroll(page)
    assert not axe_violations(page)
    screenshot(page, f"campaigns-{lang}-{width}", full_page=True)
    edit = page.locator("a[href$='/edit']")
    assert edit.count() >= 1  # the demo's «Бір ел – бір кітап»
    edit.first.click()
    page.wait_for_load_state()
    assert page.locator("input[name=start_date]").count() == 1
    assert no_sideways_scroll(page)
    assert not axe_violations(page)
    screenshot(page, f"campaign-edit-{lang}-{width}", full_page=True)
