"""The libraries' pages in a browser: kk and ru, phone and desktop, axe, no sideways scroll."""

import pytest

from tests.browser.helpers import (
    BRANCH_STAFF,
    CENTRAL_STAFF,
    axe_violations,
    html_lang,
    screenshot,
    sign_in,
)

WIDE = {"width": 1366, "height": 900}
PAGES = {
    "libraries": "/libraries",
    "library-no-8": "/libraries/no-8",
    "library-central": "/libraries/central",
}
TEXT = {
    "kk": ("Ауылдық модельдік кітапханалар", "Жұмыс уақыты", "Демо-деректер"),
    "ru": ("Сельские модельные библиотеки", "Часы работы", "Демо-данные"),
}


def sideways_overflow(page) -> int:
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("phone", [True, False], ids=["390", "1366"])
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_library_pages_read_well(new_page, lang, phone):
    page = new_page(lang, phone=phone)
    if not phone:
        page.set_viewport_size(WIDE)
    group, hours, demo = TEXT[lang]
    for name, url in PAGES.items():
        page.goto(url)
        assert html_lang(page) == lang
        assert sideways_overflow(page) <= 0, f"{name} scrolls sideways"
        assert axe_violations(page) == [], name
        screenshot(page, f"{name}-{lang}-{390 if phone else 1366}", full_page=True)
    page.goto("/libraries")
    assert page.get_by_role("heading", name=group).is_visible()
    page.goto("/libraries/no-8")
    assert page.get_by_role("heading", name=hours).is_visible()
    assert demo in page.inner_text("main")
    assert page.locator("[aria-current=date]").count() == 1


def test_the_search_finds_a_library_without_javascript(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, locale="kk-KZ"
    )
    try:
        page = context.new_page()
        page.goto("/libraries")
        page.fill("#q", "№ 8")
        with page.expect_navigation():
            page.press("#q", "Enter")
        links = page.locator("main a[href^='/libraries/']").all_inner_texts()
        assert links == ["№ 8 кітапхана-филиалы"]
    finally:
        context.close()


@pytest.mark.parametrize("phone", [True, False], ids=["390", "1366"])
@pytest.mark.parametrize(("lang", "accounts"), [("kk", BRANCH_STAFF), ("ru", CENTRAL_STAFF)])
def test_the_editing_form_reads_well_and_shows_errors_by_the_field(new_page, lang, accounts, phone):
    page = new_page(lang, phone=phone)
    if not phone:
        page.set_viewport_size(WIDE)
    sign_in(page, accounts[lang])
    page.goto("/staff/libraries/no-6")
    assert sideways_overflow(page) <= 0
    assert axe_violations(page) == []
    screenshot(page, f"library-edit-{lang}-{390 if phone else 1366}", full_page=True)
    page.fill("#phone", "12345")
    page.fill("#mon_close", "08:00")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator("#phone[aria-invalid=true]").count() == 1
    assert page.locator("#mon_open-error").is_visible()
    assert axe_violations(page) == []
    screenshot(page, f"library-edit-errors-{lang}-{390 if phone else 1366}", full_page=True)
