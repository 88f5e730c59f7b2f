"""Event registration in a browser, on a phone in kk and ru: one resident takes the last place,
a second is waitlisted, the first frees the place and the second is promoted; and the staff's
door list and settings, looked at on a phone and a desktop."""

import re

import pytest
from babel.support import Translations

from tests.browser.helpers import (
    BRANCH_STAFF,
    ROOT,
    axe_violations,
    html_lang,
    no_sideways_scroll,
    screenshot,
    sign_in,
)
from tests.browser.test_journeys import LANGS, t
from tests.events.registering import open_registration

expect = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed"
).expect
WIDE = {"width": 1366, "height": 900}
NARROW = {"width": 390, "height": 844}


def look(page, name: str) -> None:
    """At 390 and 1366 px: no sideways scroll, no serious axe finding; a screenshot of each."""
    for label, size in (("390", NARROW), ("1366", WIDE)):
        page.set_viewport_size(size)
        assert no_sideways_scroll(page), f"{name} scrolls sideways at {label} px"
        screenshot(page, f"registration-{name}-{label}", full_page=True)
    page.set_viewport_size(NARROW)
    assert axe_violations(page) == [], name


def register(page, lang: str, event_id: int, name: str, phone: str, email: str) -> None:
    """From the event page, through the public form, to the private page."""
    page.goto(f"/events/{event_id}?lang={lang}")
    page.locator("[data-registration] a.btn").click()
    main = page.locator("main")
    main.get_by_label(t(lang, "Full name"), exact=True).fill(name)
    main.get_by_label(t(lang, "Mobile phone"), exact=True).fill(phone)
    main.get_by_label(t(lang, "Email"), exact=True).fill(email)
    main.get_by_label(
        t(lang, "I agree to the processing of my personal data for this registration.")
    ).check()
    with page.expect_navigation():
        main.locator("button[type=submit]").click()


@pytest.mark.parametrize("lang", LANGS)
def test_registered_waitlisted_then_promoted_when_another_cancels(new_page, live_app, lang):
    event_id = open_registration(live_app, capacity=1, offer_hours=None)
    n = 10 if lang == "kk" else 20
    first, second = new_page(lang, phone=True), new_page(lang, phone=True)

    first.goto(f"/events/{event_id}?lang={lang}")
    assert html_lang(first) == lang
    expect(first.locator("[data-places-left]")).to_have_attribute("data-places-left", "1")
    look(first, f"event-page-{lang}")
    first.goto(f"/events/{event_id}/register?lang={lang}")
    look(first, f"form-{lang}")
    register(first, lang, event_id, "Айгерім Сейтқали", f"+7 701 555 00 {n}", f"a{n}@example.kz")
    expect(first.locator("[data-status]")).to_have_text(t(lang, "Place confirmed"))
    look(first, f"confirmed-{lang}")

    register(second, lang, event_id, "Ержан Омаров", f"+7 701 555 00 {n + 1}", f"b{n}@example.kz")
    expect(second.locator("[data-status]")).to_have_text(t(lang, "On the waitlist"))
    expect(second.locator("[data-registration-state]")).to_contain_text(
        re.compile(r"\b1\b")
    )  # first in the queue
    look(second, f"waitlisted-{lang}")

    with first.expect_navigation():
        first.get_by_role("button", name=t(lang, "I can't come: free my place")).click()
    expect(first.locator(".alert-success")).to_contain_text(
        t(lang, "Your registration is cancelled. Thank you for letting us know.")
    )
    second.reload()
    expect(second.locator("[data-status]")).to_have_text(t(lang, "Place confirmed"))
    look(second, f"promoted-{lang}")


@pytest.mark.parametrize("lang", LANGS)
def test_the_door_list_and_the_settings_on_a_phone(new_page, live_app, lang):
    event_id = open_registration(live_app, capacity=3, max_group=3)
    page = new_page(lang, phone=True)
    register(page, lang, event_id, "Дана Ахмет", f"+7 702 555 11 {30 if lang == 'kk' else 40}",
             f"d{lang}@example.kz")  # fmt: skip
    sign_in(page, BRANCH_STAFF[lang])
    page.goto(f"/staff/events/{event_id}/registrations")
    with page.expect_navigation():
        page.get_by_role("button", name=t(lang, "Came"), exact=True).click()
    expect(page.locator("[data-counts]")).to_contain_text("1")
    main = page.locator("main")
    main.get_by_label(t(lang, "Full name"), exact=True).first.fill("Сәуле Ахмет")
    with page.expect_navigation():
        main.get_by_role("button", name=t(lang, "Add as come")).click()
    expect(page.locator("[data-registration-row=checked_in]")).to_have_count(2)
    look(page, f"door-list-{lang}")
    page.goto(f"/staff/events/{event_id}/registration")
    look(page, f"settings-{lang}")
    page.goto(f"/staff/events/{event_id}/registrations/message")
    look(page, f"message-{lang}")
    # Saved as they are: the list then says that people can register, and for how many places.
    page.goto(f"/staff/events/{event_id}/registration")
    with page.expect_navigation():
        page.locator("main form").get_by_role("button", name=t(lang, "Save"), exact=True).click()
    said = Translations.load(str(ROOT / "translations"), [lang]).ngettext(
        'Registration for "%(title)s" is open on the event page until %(closes)s: %(num)d place.',
        'Registration for "%(title)s" is open on the event page until %(closes)s: %(num)d places.',
        3,
    )
    pattern = re.sub(r"%\\\(\w+\\\)s", ".+", re.escape(said)).replace(r"%\(num\)d", "3")
    expect(page.locator(".alert-success")).to_have_text(re.compile(f"^{pattern}$"))
    expect(page.locator(".alert-success")).to_contain_text(
        {"kk": "Поэзия сағаты", "ru": "Час поэзии"}[lang]
    )
    look(page, f"settings-saved-{lang}")
