"""The staff menu in a browser: one line at 1280 px in kk, ru and en, menus that open, and a
phone at 390 px where the row wraps and an open menu fits the screen."""

import pytest

from tests.browser.helpers import (
    ADMINS,
    BRANCH_STAFF,
    CENTRAL_STAFF,
    COORDINATORS,
    axe_violations,
    no_sideways_scroll,
    screenshot,
    sign_in,
)
from tests.browser.test_journeys import t

playwright = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed"
)
expect = playwright.expect

STAFF = {
    "admin": ADMINS,
    "central": CENTRAL_STAFF,
    "branch": BRANCH_STAFF,
    "coordinator": COORDINATORS,
}


def item_tops(page) -> set[int]:
    """The distinct vertical positions of the staff row's items (one line: one position)."""
    return set(
        page.evaluate(
            "() => [...document.querySelectorAll('nav.staff-nav .nav > .nav-item')]"
            ".map(li => Math.round(li.getBoundingClientRect().top))"
        )
    )


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize("who", ["admin", "central", "branch", "coordinator"])
def test_the_staff_menu_is_one_line_at_1280_px(new_page, lang, who):
    page = new_page(lang)
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, STAFF[who][lang])
    assert len(item_tops(page)) == 1, f"the staff menu wraps at 1280 px in {lang}"
    assert no_sideways_scroll(page)
    menus = page.locator("nav.staff-nav details[data-staff-menu]")
    for index in range(menus.count()):
        menus.nth(index).locator("summary").click()
        items = menus.nth(index).locator(".staff-menu-items")
        assert items.is_visible()
        box = items.bounding_box()
        assert box["x"] + box["width"] <= 1280
        if index == 0:
            assert axe_violations(page) == []
            screenshot(page, f"staff-menu-{who}-{lang}-1280")
    # Opening one menu closed the one before (the toggle event comes a task later: wait for it).
    expect(page.locator("nav.staff-nav details[open]")).to_have_count(min(menus.count(), 1))


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_staff_menu_on_a_phone(new_page, lang):
    page = new_page(lang, phone=True)
    sign_in(page, ADMINS[lang])
    assert no_sideways_scroll(page)
    events = page.locator("nav.staff-nav details[data-staff-menu]").first
    events.locator("summary").click()
    link = events.get_by_role("link", name=t(lang, "Plan an event"))
    assert link.is_visible()
    box = events.locator(".staff-menu-items").bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 390
    assert no_sideways_scroll(page)
    assert axe_violations(page) == []
    screenshot(page, f"staff-menu-phone-{lang}-390")
    with page.expect_navigation():
        link.click()
    assert page.url.endswith("/staff/events/new")


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_plan_an_event_and_send_it_with_one_button(new_page, lang):
    """The form in sections, "Choose…" for type and audience, and the two buttons in view."""
    page = new_page(lang)
    sign_in(page, BRANCH_STAFF[lang])
    page.goto("/staff/events/new")
    main = page.locator("main")
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        assert no_sideways_scroll(page), f"the event form scrolls sideways at {width} px"
        screenshot(page, f"event-form-{lang}-{width}", full_page=True)
    assert axe_violations(page) == []
    main.get_by_label(t(lang, "Type of event"), exact=True).select_option("poetry_hour")
    main.get_by_label(t(lang, "Room or hall"), exact=True).fill("Оқу залы")
    main.get_by_label(t(lang, "Date"), exact=True).fill("2027-02-17")
    main.get_by_label(t(lang, "Starts at"), exact=True).fill("15:00")
    main.get_by_label(t(lang, "Ends at"), exact=True).fill("16:00")
    main.get_by_label(t(lang, "Audience"), exact=True).select_option("youth")
    main.get_by_label(t(lang, "Title in Kazakh"), exact=True).fill("Абай оқулары")
    main.get_by_label(t(lang, "Title in Russian"), exact=True).fill("Абаевские чтения")
    button = page.get_by_role("button", name=t(lang, "Save and send for approval"))
    box = button.bounding_box()
    assert box["x"] + box["width"] <= 390
    with page.expect_navigation():
        button.click()
    title = "Абай оқулары" if lang == "kk" else "Абаевские чтения"
    sent = t(
        lang,
        '"%(title)s" has been sent for approval. We will let you know when the central '
        "library has looked at it.",
        title=title,
    )
    assert page.locator(".alert-success").inner_text() == sent
    screenshot(page, f"event-sent-{lang}-390")


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_account_form_shows_the_scope_of_the_chosen_role(new_page, lang):
    page = new_page(lang, phone=True)
    sign_in(page, ADMINS[lang])
    page.goto("/staff/admin/users/new")
    library = page.locator("#library")
    centres = page.locator("#centres")
    assert page.locator("#role").input_value() == "branch_staff"
    assert library.is_visible()
    assert not centres.is_visible()
    page.locator("#role").select_option("coordinator")
    assert centres.is_visible()
    assert not library.is_visible()
    page.locator("#role").select_option("central_staff")
    assert not centres.is_visible()
    assert not library.is_visible()
    assert no_sideways_scroll(page)
    assert axe_violations(page) == []
    page.locator("#role").select_option("branch_staff")
    screenshot(page, f"account-form-{lang}-390", full_page=True)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_draft_is_deleted_after_confirming(new_page, lang):
    page = new_page(lang)
    sign_in(page, BRANCH_STAFF[lang])
    page.goto("/staff/events/new")
    main = page.locator("main")
    main.get_by_label(t(lang, "Type of event"), exact=True).select_option("poetry_hour")
    main.get_by_label(t(lang, "Date"), exact=True).fill("2027-03-03")
    main.get_by_label(t(lang, "Starts at"), exact=True).fill("11:00")
    main.get_by_label(t(lang, "Ends at"), exact=True).fill("12:00")
    main.get_by_label(t(lang, "Audience"), exact=True).select_option("children")
    main.get_by_label(t(lang, "Title in Kazakh"), exact=True).fill(f"Жоба {lang}")
    with page.expect_navigation():
        page.get_by_role("button", name=t(lang, "Save as draft"), exact=True).click()
    with page.expect_navigation():
        main.get_by_role("link", name=t(lang, "Delete the draft")).click()
    for width, height in ((1366, 800), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        assert no_sideways_scroll(page)
        screenshot(page, f"event-delete-{lang}-{width}")
    assert axe_violations(page) == []
    with page.expect_navigation():
        main.get_by_role("button", name=t(lang, "Delete the draft")).click()
    message = t(
        lang, 'The draft "%(title)s" is deleted. Nothing else has changed.', title=f"Жоба {lang}"
    )
    assert page.locator(".alert-success").inner_text() == message
