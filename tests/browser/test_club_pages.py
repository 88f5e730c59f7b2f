"""Club pages and the clubs' editing in a browser: kk and ru, 360/390/1366 px, axe, no scroll."""

import pytest

from tests.browser.helpers import (
    BRANCH_STAFF,
    CENTRAL_STAFF,
    axe_violations,
    html_lang,
    screenshot,
    sign_in,
)
from tests.browser.test_library_pages import WIDE, sideways_overflow

NARROW = {"width": 360, "height": 740}
CLUB = {
    "kk": {
        "slug": "poetry-kk",
        "name_kk": "Поэзия үйірмесі",
        "name_ru": "Клуб поэзии",
        "meeting_kk": "Әр сенбі, 15:00",
        "description_kk": "Өлең оқимыз, талқылаймыз. Жас ақындар өз өлеңдерін әкеледі.",
        "contact_phone": "+7 7242 40-11-22",
    },
    "ru": {
        "slug": "poetry-ru",
        "name_kk": "Поэзия кеші",
        "name_ru": "Поэтический вечер",
        "meeting_ru": "Каждую субботу, 15:00",
        "description_ru": "Читаем и обсуждаем стихи; молодые поэты приносят свои.",
        "contact_email": "poetry@example.kz",
    },
}


@pytest.mark.parametrize("width", [360, 390, 1366])
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_club_page_and_its_library_read_well(new_page, lang, width):
    page = new_page(lang, phone=width < 1000)
    page.set_viewport_size(
        NARROW if width == 360 else WIDE if width == 1366 else {"width": 390, "height": 844}
    )
    for name, url in (
        ("club-bookworms", "/clubs/bookworms"),
        ("library-central", "/libraries/central"),
    ):
        page.goto(url)
        assert html_lang(page) == lang
        assert sideways_overflow(page) <= 0, f"{name} scrolls sideways at {width}"
        assert axe_violations(page) == [], name
        screenshot(page, f"{name}-{lang}-{width}", full_page=True)
    page.click("main a[href^='/clubs/bookworms']")
    assert page.url.split("?")[0].endswith("/clubs/bookworms")


@pytest.mark.parametrize("phone", [True, False], ids=["390", "1366"])
@pytest.mark.parametrize(("lang", "accounts"), [("kk", BRANCH_STAFF), ("ru", CENTRAL_STAFF)])
def test_staff_add_a_club_and_read_its_page(new_page, lang, accounts, phone):
    page = new_page(lang, phone=phone)
    if not phone:
        page.set_viewport_size(WIDE)
    width = 390 if phone else 1366
    sign_in(page, accounts[lang])
    page.goto("/staff/clubs/")
    assert sideways_overflow(page) <= 0
    assert axe_violations(page) == []
    screenshot(page, f"clubs-staff-{lang}-{width}", full_page=True)
    with page.expect_navigation():
        page.click("main a[href='/staff/clubs/new']")
    page.fill("#slug", "Жаман адрес")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator("#slug[aria-invalid=true]").count() == 1
    assert page.locator("#name_kk[aria-invalid=true]").count() == 1
    assert sideways_overflow(page) <= 0
    assert axe_violations(page) == []
    screenshot(page, f"club-new-errors-{lang}-{width}", full_page=True)
    club = {**CLUB[lang], "slug": f"{CLUB[lang]['slug']}-{width}"}
    for field, value in club.items():
        page.fill(f"#{field}", value)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.url.split("?")[0].endswith(f"/clubs/{club['slug']}")
    main = page.inner_text("main")
    assert club[f"name_{lang}"] in main
    assert club[f"meeting_{lang}"] in main
    assert sideways_overflow(page) <= 0
    assert axe_violations(page) == []
    screenshot(page, f"club-saved-{lang}-{width}", full_page=True)
    # Edited and saved again: the message names the club, on the page readers see.
    page.goto(f"/staff/clubs/{club['slug']}")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert club[f"name_{lang}"] in page.locator(".alert-success").inner_text()
    assert sideways_overflow(page) <= 0
    screenshot(page, f"club-edited-{lang}-{width}")
