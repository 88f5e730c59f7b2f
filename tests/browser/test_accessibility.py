"""axe-core on every page that exists, in Kazakh and Russian: no serious or critical issue."""

import pytest

from tests.browser.helpers import ADMINS, CENTRE, axe_violations, html_lang, sign_in
from tests.browser.test_coworking_journeys import (
    fill_the_booking_form,
    open_a_coming_day_with_a_free_seat,
)
from tests.browser.test_journeys import t

PUBLIC = {"home": "/", "login": "/login", "error-404": "/no-such-page"}
STAFF = {
    "staff-desk": "/staff/",
    "account": "/staff/account",
    "admin-users": "/staff/admin/users",
    "user-form": "/staff/admin/users/new",
    "user-edit": "/staff/admin/users/1",
    "audit-log": "/staff/admin/audit",
    "closed-days": "/staff/admin/closed-days",
}


def _report(found: dict) -> str:
    return "\n".join(
        f"{page}: [{v['impact']}] {v['id']}: {v['help']} at {v['nodes']}"
        for page, violations in found.items()
        for v in violations
    )


# Both languages on a desktop, and Kazakh on a phone too (tables scroll sideways there).
@pytest.mark.parametrize(
    ("lang", "phone"), [("kk", False), ("ru", False), ("kk", True)], ids=["kk", "ru", "kk-phone"]
)
def test_no_serious_violations_on_any_page(new_page, lang, phone):
    page = new_page(lang, phone=phone)
    found = {}
    for name, url in PUBLIC.items():
        page.goto(url)
        assert html_lang(page) == lang
        found[name] = axe_violations(page)
    page.goto("/login")
    page.fill("#email", ADMINS[lang])
    page.fill("#password", "wrong-password")
    with page.expect_navigation():
        page.press("#password", "Enter")
    found["login-error"] = axe_violations(page)
    sign_in(page, ADMINS[lang])
    for name, url in STAFF.items():
        page.goto(url)
        assert html_lang(page) == lang
        found[name] = axe_violations(page)
    # A form showing its errors is a page too.
    page.goto("/staff/admin/users/new")
    page.click("main form[method=post] [type=submit]")
    found["user-form-errors"] = axe_violations(page)
    found = {name: v for name, v in found.items() if v}
    assert not found, "\n" + _report(found)


NEW_PUBLIC = {
    "events-month": "/events?view=month",
    "events-list": "/events?view=list",
    "coworking": "/coworking",
    "coworking-centre": f"/coworking/{CENTRE}",
    "booking-form": f"/coworking/{CENTRE}/book",
}
NEW_STAFF = {
    "staff-events": "/staff/events/",
    "event-form": "/staff/events/new",
    "event-queue": "/staff/events/queue",
    "coworking-inbox": "/staff/coworking/",
    "coworking-board": f"/staff/coworking/{CENTRE}/board",
}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_no_serious_violations_on_the_event_and_coworking_pages(new_page, lang):
    page = new_page(lang)
    found = {}
    for name, url in NEW_PUBLIC.items():
        page.goto(url)
        assert html_lang(page) == lang
        found[name] = axe_violations(page)
    page.goto("/events?view=list")
    with page.expect_navigation():
        page.locator("main a[href^='/events/']").first.click()
    found["event-page"] = axe_violations(page)
    page.goto(f"/coworking/{CENTRE}/book")
    page.get_by_role("button", name=t(lang, "Send the request")).click()
    page.wait_for_load_state()
    found["booking-form-errors"] = axe_violations(page)
    # A booking made through the form, and its private page.
    open_a_coming_day_with_a_free_seat(page, lang)
    with page.expect_navigation():
        page.locator("a[data-free-slot]:visible").first.click()
    fill_the_booking_form(page, lang, f"axe-{lang}")
    with page.expect_navigation():
        page.get_by_role("button", name=t(lang, "Send the request")).click()
    assert "/booking/" in page.url
    found["private-booking"] = axe_violations(page)
    sign_in(page, ADMINS[lang])
    for name, url in NEW_STAFF.items():
        page.goto(url)
        assert html_lang(page) == lang
        found[name] = axe_violations(page)
    page.goto("/staff/events/new")
    page.get_by_role("button", name=t(lang, "Save as draft"), exact=True).click()
    page.wait_for_load_state()
    found["event-form-errors"] = axe_violations(page)
    found = {name: v for name, v in found.items() if v}
    assert not found, "\n" + _report(found)
