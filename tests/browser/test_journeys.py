"""Journeys a person makes today, in a real browser, in Kazakh, Russian and English."""

import re
from datetime import date

import pytest
from babel.support import Translations

from tests.browser.helpers import (
    ADMINS,
    PASSWORD,
    ROOT,
    html_lang,
    screenshot,
    sign_in,
    sign_in_by_keyboard,
    tab_to,
)

expect = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed"
).expect
# Every journey in Kazakh and Russian; signing in and out also once in English.
LANGS = ["kk", "ru"]


def t(lang: str, message: str, **values) -> str:
    """A message as the catalogs translate it: what the person reads on the page."""
    text = Translations.load(str(ROOT / "translations"), [lang]).gettext(message)
    return text % values if values else text


def t_pattern(lang: str, message: str) -> re.Pattern:
    """A translated message whose %(name)s values may be any text, as a pattern."""
    escaped = re.escape(t(lang, message))
    return re.compile("^" + re.sub(r"%\\\(\w+\\\)s", ".+", escaped) + "$")


def _outline(page) -> tuple[str, str]:
    return tuple(
        page.evaluate(
            "() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, s.outlineWidth]; }"
        )
    )


@pytest.mark.parametrize("lang", [*LANGS, "en"])
def test_staff_sign_in_and_out_with_the_keyboard_alone(new_page, lang):
    page = new_page(lang)
    page.goto("/")
    assert html_lang(page) == lang
    link = tab_to(page, lambda e: e["tag"] == "a" and e["text"] == t(lang, "Staff sign-in"))
    assert _outline(page) == ("solid", "3px"), f"no visible focus on {link}"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/login")
    assert html_lang(page) == lang
    if lang in ("kk", "ru"):
        screenshot(page, f"login-{lang}")

    sign_in_by_keyboard(page, ADMINS[lang])
    assert page.url.endswith("/staff/")
    expect(page.locator("h1")).to_contain_text(f"Browser {lang.upper()}")

    button = tab_to(page, lambda e: e["tag"] == "button" and e["text"] == t(lang, "Sign out"))
    assert _outline(page) == ("solid", "3px"), f"no visible focus on {button}"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/login")
    expect(page.get_by_role("alert")).to_have_text(t(lang, "You have signed out."))
    page.goto("/staff/")
    assert "/login" in page.url, "the staff desk opened after signing out"


@pytest.mark.parametrize("lang", LANGS)
def test_wrong_password_error_is_tied_to_the_password_field(new_page, lang):
    page = new_page(lang)
    page.goto("/login")
    page.fill("#email", ADMINS[lang])
    page.fill("#password", "not-the-password")
    with page.expect_navigation():
        page.press("#password", "Enter")
    message = t(lang, "Wrong email or password.")
    password = page.locator("main").get_by_label(t(lang, "Password"), exact=True)
    expect(password).to_have_attribute("aria-invalid", "true")
    expect(password).to_have_attribute("aria-describedby", "password-error")
    expect(password).to_have_accessible_description(message)
    expect(page.locator("#password-error")).to_be_visible()
    assert page.url.endswith("/login")


@pytest.mark.parametrize("lang", LANGS)
def test_admin_creates_a_branch_staff_account_and_sees_it_listed(new_page, lang):
    page = new_page(lang)
    sign_in(page, ADMINS[lang])
    page.locator("nav.staff-nav summary").filter(has_text=t(lang, "Administration")).click()
    page.get_by_role("link", name=t(lang, "Accounts"), exact=True).first.click()
    page.get_by_role("link", name=t(lang, "New account")).click()
    assert html_lang(page) == lang
    main = page.locator("main")
    email = f"librarian-{lang}@no6.kz"
    main.get_by_label(t(lang, "Full name"), exact=True).fill(f"Librarian {lang}")
    main.get_by_label(t(lang, "Email"), exact=True).fill(email)
    main.get_by_label(t(lang, "Role"), exact=True).select_option("branch_staff")
    main.get_by_label(t(lang, "Library (for branch staff)"), exact=True).select_option("no-6")
    main.get_by_label(t(lang, "Language"), exact=True).select_option(lang)
    main.get_by_label(t(lang, "Password (leave empty to send an invitation)"), exact=True).fill(
        "first-password-2026"
    )
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()
    assert page.url.endswith("/staff/admin/users")
    expect(page.get_by_role("alert")).to_have_text(
        t(
            lang,
            "The account %(email)s has been created. Give the person their email and "
            'password: they can change the password under "My account".',
            email=email,
        )
    )
    row = page.get_by_role("row").filter(has_text=email)
    expect(row).to_contain_text(f"Librarian {lang}")
    if lang in ("kk", "ru"):
        screenshot(page, f"admin-users-{lang}")


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_language_switcher_sets_html_lang(new_page, phone):
    page = new_page("kk", phone=phone)
    page.goto("/")
    assert html_lang(page) == "kk"
    if phone:
        screenshot(page, "home-phone-kk")
    for code in ["ru", "en", "kk"]:
        if phone:  # the languages are in view with the menu still closed
            expect(page.locator("#nav")).to_be_hidden()
        page.locator(f"a[hreflang={code}]").click()
        page.wait_for_url(re.compile(rf"lang={code}$"))
        assert html_lang(page) == code
        expect(page.locator(f"a[hreflang={code}]")).to_have_attribute("aria-current", "true")
        page.goto("/login")  # the choice is kept from page to page
        assert html_lang(page) == code
        expect(page.locator("h1")).to_have_text(t(code, "Staff sign-in"))


def test_public_pages_work_without_javascript_on_a_phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    try:
        page = context.new_page()
        for path in ("/", "/login", "/no-such-page"):
            page.goto(path)
            expect(page.locator("main h1")).to_be_visible()
            expect(page.locator(".navbar a[hreflang=ru]")).to_be_visible()
        page.goto("/")
        # The menu cannot be opened without JavaScript, so it is shown open.
        page.locator("a[hreflang=ru]").click()
        assert html_lang(page) == "ru"
        page.get_by_role("link", name=t("ru", "Staff sign-in")).click()
        page.fill("#email", ADMINS["ru"])
        page.fill("#password", PASSWORD)
        page.locator("main form [type=submit]").click()
        assert page.url.endswith("/staff/")
    finally:
        context.close()


@pytest.mark.parametrize(("lang", "day"), [("kk", date(2027, 6, 9)), ("ru", date(2027, 6, 10))])
def test_a_closed_day_is_marked_and_opened_again(new_page, lang, day):
    page = new_page(lang)
    sign_in(page, ADMINS[lang])
    page.locator("nav.staff-nav summary").filter(has_text=t(lang, "Administration")).click()
    page.get_by_role("link", name=t(lang, "Closed days")).first.click()
    assert html_lang(page) == lang
    expect(page.locator("h1")).to_have_text(t(lang, "Closed days"))
    main = page.locator("main")
    assert page.locator("tbody tr").count() > 0, "the seeded public holidays are not listed"
    main.get_by_label(t(lang, "Date"), exact=True).fill(day.isoformat())
    main.get_by_label(t(lang, "Library"), exact=True).select_option("no-6")
    main.get_by_label(t(lang, "Kind"), exact=True).select_option("sanitary")
    main.get_by_label(t(lang, "Reason in Kazakh"), exact=True).fill("Санитарлық күн")
    main.get_by_label(t(lang, "Reason in Russian"), exact=True).fill("Санитарный день")
    with page.expect_navigation():
        page.get_by_role("button", name=t(lang, "Add")).click()
    saved = t(
        lang,
        "%(date)s is saved as a closed day. Coworking takes no bookings that day and the "
        "calendar marks it.",
        date="",
    )
    expect(page.get_by_role("alert")).to_contain_text(saved.strip())
    row = page.locator("tbody tr").filter(has=page.locator(f"time[datetime='{day.isoformat()}']"))
    expect(row).to_contain_text("Санитар")
    with page.expect_navigation():
        row.get_by_role("button", name=t(lang, "Remove")).click()
    expect(page.locator(f"time[datetime='{day.isoformat()}']")).to_have_count(0)
