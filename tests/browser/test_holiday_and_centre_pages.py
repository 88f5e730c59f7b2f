"""Closed days with Kurban ait, and a centre's description, in a browser: kk and ru, 390/1366."""

import pytest

from tests.browser.helpers import (
    ADMINS,
    CENTRE,
    COORDINATORS,
    axe_violations,
    screenshot,
    sign_in,
)
from tests.browser.test_library_pages import WIDE, sideways_overflow

KURBAN = {"kk": "Құрбан айт", "ru": "Курбан айт"}
DESCRIPTION = {
    "kk": "24 орын, әр үстелде розетка, тыныштық аймағы бар.",
    "ru": "24 места, розетка у каждого стола, есть тихая зона.",
}


@pytest.mark.parametrize("phone", [True, False], ids=["390", "1366"])
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_an_admin_sees_the_closed_days_by_name_and_kurban_ait_to_confirm(new_page, lang, phone):
    page = new_page(lang, phone=phone)
    if not phone:
        page.set_viewport_size(WIDE)
    sign_in(page, ADMINS[lang])
    page.goto("/staff/admin/closed-days")
    main = page.inner_text("main")
    assert KURBAN[lang] in main
    assert {"kk": "Тәуелсіздік күні", "ru": "День Независимости"}[lang] in main
    assert sideways_overflow(page) <= 0
    assert axe_violations(page) == []
    screenshot(page, f"closed-days-{lang}-{390 if phone else 1366}", full_page=True)


@pytest.mark.parametrize("phone", [True, False], ids=["390", "1366"])
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_coordinator_describes_the_centre_and_students_read_it(new_page, lang, phone):
    page = new_page(lang, phone=phone)
    if not phone:
        page.set_viewport_size(WIDE)
    width = 390 if phone else 1366
    sign_in(page, COORDINATORS[lang])
    page.goto(f"/staff/coworking/{CENTRE}/setup#description")
    page.fill(f"#description_{lang}", DESCRIPTION[lang])
    with page.expect_navigation():
        page.click("#description ~ form button[type=submit]")
    assert sideways_overflow(page) <= 0
    assert axe_violations(page) == []
    page.locator("#description").scroll_into_view_if_needed()
    screenshot(page, f"centre-description-staff-{lang}-{width}")
    page.goto(f"/coworking/{CENTRE}")
    assert DESCRIPTION[lang] in page.inner_text("main")
    assert sideways_overflow(page) <= 0
    assert axe_violations(page) == []
    screenshot(page, f"centre-description-public-{lang}-{width}")
