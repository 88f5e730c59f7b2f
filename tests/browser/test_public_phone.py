"""Every public page on a phone, in Kazakh, Russian and English: nothing scrolls sideways, axe
finds nothing serious, the console stays clean, and the language switcher is in view."""

import re

import pytest

from tests.browser.helpers import CENTRE, axe_violations, html_lang, screenshot
from tests.browser.test_coworking_journeys import open_a_coming_day_with_a_free_seat
from tests.browser.test_journeys import t

expect = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed"
).expect
PAGES = {
    "home": "/",
    "events-month": "/events?view=month",
    "events-week": "/events?view=week",
    "events-day": "/events?view=day",
    "events-list": "/events?view=list",
    "coworking": "/coworking",
    "centre": f"/coworking/{CENTRE}",
    "booking-form": f"/coworking/{CENTRE}/book",
    "login": "/login",
    "error-404": "/no-such-page",
}
WIDTHS = (360, 390)
# One student per language: one active booking a day per phone and email.
STUDENTS = {"kk": "87011119001", "ru": "87011119002", "en": "87011119003"}


def _book_a_seat(page, lang: str) -> str:
    """Book through the form as a student would; return the private page's path."""
    open_a_coming_day_with_a_free_seat(page, lang)
    with page.expect_navigation():
        page.locator("td.table-success a").first.click()
    main = page.locator("main")
    main.get_by_label(t(lang, "Full name"), exact=True).fill("Әлия Нұрова")
    main.get_by_label(t(lang, "Mobile phone"), exact=True).fill(STUDENTS[lang])
    main.get_by_label(t(lang, "Email"), exact=True).fill(f"phone-{lang}@student.kz")
    main.get_by_label(t(lang, "University, college or school"), exact=True).fill("Колледж")
    main.get_by_label(
        t(lang, "I agree to the processing of my personal data for this booking.")
    ).check()
    with page.expect_navigation():
        page.get_by_role("button", name=t(lang, "Send the request")).click()
    assert "/booking/" in page.url, page.url
    return page.url.split(page.url.split("/booking/")[0], 1)[1].split("?")[0]


def _problems(page, lang: str, width: int) -> list[str]:
    """What a person on this phone would notice is wrong with the page now shown."""
    found = []
    assert html_lang(page) == lang
    # Against the phone's width: a mobile browser widens its layout viewport to fit what
    # overflows (and zooms out), so innerWidth alone would hide the overflow.
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    if scroll_width > width:
        wide = page.evaluate(
            "width => [...document.querySelectorAll('main *')]"
            ".filter(e => e.getBoundingClientRect().right > width + 1"
            " && !e.closest('.table-responsive'))"
            ".slice(0, 3).map(e => e.tagName + '.' + e.className)",
            width,
        )
        found.append(f"scrolls sideways: {scroll_width} > {width} ({wide})")
    other = "ru" if lang != "ru" else "kk"
    switcher = page.locator(f"[data-language-switcher] a[hreflang='{other}']")
    if not switcher.is_visible():
        found.append("the language switcher is hidden")
    seconds = re.findall(r"\b\d{1,2}:\d{2}:\d{2}\b", page.locator("body").inner_text())
    if seconds:
        found.append(f"times with seconds: {seconds}")
    for v in axe_violations(page):
        found.append(f"axe [{v['impact']}] {v['id']}: {v['help']} at {v['nodes']}")
    return found


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_public_page_fits_a_phone(new_page, lang):
    page = new_page(lang, phone=True)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # A 404 or a form's 400 is the page itself; a script, style or icon must never fail.
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and not message.text.startswith("Failed to load resource")
            and errors.append(message.text)
        ),
    )
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and response.request.resource_type != "document"
            and errors.append(f"{response.status} {response.url}")
        ),
    )
    pages = dict(PAGES)
    page.goto("/events?view=list")
    pages["event"] = page.locator("main a[href^='/events/']").first.get_attribute("href")
    pages["booking"] = _book_a_seat(page, lang)
    found = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        for name, url in pages.items():
            page.goto(url)
            problems = _problems(page, lang, width)
            if problems:
                found[f"{name}@{width}"] = problems
            if width == 390 and lang in ("kk", "ru"):
                screenshot(page, f"phone-{name}-{lang}", full_page=True)
        page.goto(f"/coworking/{CENTRE}/book")
        page.get_by_role("button", name=t(lang, "Send the request")).click()
        page.wait_for_load_state()
        problems = _problems(page, lang, width)
        if problems:
            found[f"booking-form-errors@{width}"] = problems
    # The same header on a desktop: the languages at the end of the menu, on one line.
    page.set_viewport_size({"width": 1366, "height": 800})
    for name in ("home", "event"):
        page.goto(pages[name])
        expect(page.locator("[data-language-switcher]")).to_be_visible()
        assert page.locator("nav.navbar").bounding_box()["height"] < 80
        if lang in ("kk", "ru"):
            screenshot(page, f"desktop-{name}-{lang}")
    report = "\n".join(f"{name}: {p}" for name, ps in found.items() for p in ps)
    assert not found, "\n" + report
    assert not errors, errors


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_public_pages_without_javascript(browser, live_server, lang):
    """No script at all: the languages are in view, nothing scrolls sideways, the menu shows."""
    context = browser.new_context(
        base_url=live_server.url,
        java_script_enabled=False,
        locale={"kk": "kk-KZ", "ru": "ru-RU"}[lang],
        viewport={"width": 360, "height": 780},
    )
    page = context.new_page()
    try:
        for url in PAGES.values():
            page.goto(url)
            assert html_lang(page) == lang
            assert page.evaluate("() => document.documentElement.scrollWidth") <= 360, url
            expect(page.locator("[data-language-switcher] a[hreflang=en]")).to_be_visible()
            expect(page.get_by_role("link", name=t(lang, "Coworking"), exact=True)).to_be_visible()
        with page.expect_navigation():
            page.locator("[data-language-switcher] a[hreflang=en]").click()
        assert html_lang(page) == "en"
    finally:
        context.close()


def test_a_web_app_manifest_with_the_favicon(page):
    page.goto("/")
    href = page.locator("link[rel=manifest]").get_attribute("href")
    response = page.request.get(href)
    assert response.ok
    manifest = response.json()
    assert manifest["start_url"] == "/"
    assert manifest["display"] == "standalone"
    icons = manifest["icons"]
    assert {"image/svg+xml"} <= {icon["type"] for icon in icons}
    for icon in icons:
        assert page.request.get(icon["src"]).ok, icon["src"]
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"])
    assert (
        page.locator("meta[name=theme-color]").get_attribute("content") == manifest["theme_color"]
    )
