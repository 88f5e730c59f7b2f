"""Every public page on a phone, in Kazakh, Russian and English: nothing scrolls sideways, axe
finds nothing serious, the console stays clean, and the language switcher is in view."""

import re
from datetime import timedelta

import pytest

from tests.browser.helpers import (
    BRANCH_STAFF,
    CENTRAL_STAFF,
    CENTRE,
    axe_violations,
    html_lang,
    screenshot,
    sign_in,
)
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
    "find": "/coworking/find",
    "lost-link": "/booking/lost",
    "libraries": "/libraries",
    "library": "/libraries/no-8",
    "club": "/clubs/bookworms",
    "print": "/events/print?library=no-6",
    "login": "/login",
    "error-404": "/no-such-page",
}
WIDTHS = (360, 390)
# The printable programme is a sheet for the notice board: no menu, no language switcher.
WITHOUT_SWITCHER = {"print"}
# One student per language: one active booking a day per phone and email.
STUDENTS = {"kk": "87011119001", "ru": "87011119002", "en": "87011119003"}


def _book_a_seat(page, lang: str) -> str:
    """Book through the form as a student would; return the private page's path."""
    open_a_coming_day_with_a_free_seat(page, lang)
    with page.expect_navigation():
        page.locator("a[data-free-slot]:visible").first.click()
    send_booking_request(page, lang, phone=STUDENTS[lang], email=f"phone-{lang}@student.kz")
    return page.url.split(page.url.split("/booking/")[0], 1)[1].split("?")[0]


def fill_in_booking_request(page, lang: str, *, phone: str, email: str) -> None:
    """Fill in who is booking and agree, as a student does before sending."""
    main = page.locator("main")
    main.get_by_label(t(lang, "Full name"), exact=True).fill("Әлия Нұрова")
    main.get_by_label(t(lang, "Mobile phone"), exact=True).fill(phone)
    main.get_by_label(t(lang, "Email"), exact=True).fill(email)
    main.get_by_label(t(lang, "University, college or school"), exact=True).fill("Колледж")
    main.get_by_label(
        t(lang, "I agree to the processing of my personal data for this booking.")
    ).check()


def send_booking_request(page, lang: str, *, phone: str, email: str) -> None:
    """Fill in who is booking, agree, send; land on the private booking page."""
    fill_in_booking_request(page, lang, phone=phone, email=email)
    with page.expect_navigation():
        page.get_by_role("button", name=t(lang, "Send the request")).click()
    assert "/booking/" in page.url, page.url


def _problems(page, lang: str, width: int, *, switcher: bool = True) -> list[str]:
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
    link = page.locator(f"[data-language-switcher] a[hreflang='{other}']")
    if switcher and not link.is_visible():
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
            problems = _problems(page, lang, width, switcher=name not in WITHOUT_SWITCHER)
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
        for name, url in PAGES.items():
            page.goto(url)
            assert html_lang(page) == lang
            assert page.evaluate("() => document.documentElement.scrollWidth") <= 360, url
            if name in WITHOUT_SWITCHER:
                continue  # a sheet to print: no menu, no switcher
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


# The calendar and the event page (issue 12 items 1-2) and the staff calendar (issue 13 item 4).
CALENDAR_WIDTHS = (360, 390, 1366)
# An element that cuts its own text short: «Абай…» instead of the title.
TRUNCATED = """() => [...document.querySelectorAll('main *')].filter(e => {
    const s = getComputedStyle(e);
    return s.textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth + 1;
}).map(e => e.textContent.trim().slice(0, 40))"""


def _calendar_problems(page, lang: str, width: int) -> list[str]:
    """_problems, and no title cut short with «…» by the server or by CSS."""
    found = _problems(page, lang, width)
    if "…" in page.locator("main").inner_text():
        found.append("a «…» in the text")
    found.extend(f"cut short: {text}" for text in page.evaluate(TRUNCATED))
    return found


def _event_urls(new_page, lang: str) -> dict[str, str]:
    """A coming event, one that has ended, and one that was cancelled (found by central staff)."""
    from intranet.clock import local_today

    staff = new_page(lang)
    sign_in(staff, CENTRAL_STAFF[lang])
    month_ago = (local_today() - timedelta(days=31)).isoformat()
    staff.goto(f"/staff/events/?view=list&date={month_ago}&status=cancelled")
    cancelled = staff.locator("main a[href^='/staff/events/'].ev-title").first.get_attribute("href")
    staff.goto(f"/events?view=list&date={month_ago}")
    ended = staff.locator("main a.ev-title").first.get_attribute("href")
    staff.goto(f"/events?view=list&date={(local_today() + timedelta(days=1)).isoformat()}")
    coming = staff.locator("main a.ev-title").first.get_attribute("href")
    staff.context.close()
    return {
        "event": coming,
        "event-ended": ended,
        "event-cancelled": cancelled.replace("/staff/events/", "/events/"),
    }


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_calendar_and_event_pages_read_well_on_a_phone_and_a_laptop(new_page, lang):
    urls = {
        "calendar-month": "/events?view=month",
        "calendar-week": "/events?view=week",
        "calendar-day": "/events?view=day",
        **_event_urls(new_page, lang),
    }
    page = new_page(lang, phone=True)
    found: dict[str, list[str]] = {}
    for width in CALENDAR_WIDTHS:
        page.set_viewport_size({"width": width, "height": 844 if width < 1000 else 900})
        for name, url in urls.items():
            page.goto(url)
            problems = _calendar_problems(page, lang, width)
            if problems:
                found[f"{name}@{width}"] = problems
            if width in (390, 1366):
                screenshot(page, f"calendar-{name}-{lang}-{width}", full_page=True)
    # On a phone: tap a day with events; its events show under the month, no script needed.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/events?view=month")
    busy = page.locator(".cal-compact-day:has(.cal-count)").last
    with page.expect_navigation():
        busy.click()
    assert "day=" in page.url
    chosen = page.locator("#chosen-day")
    expect(chosen.locator(".list-group-item").first).to_be_visible()
    expect(page.locator(".cal-month")).to_be_hidden()
    # The filters: library chips, not a Ctrl-click list.
    page.locator("details summary").click()
    page.locator("label[for='f-library-no-6']").click()
    with page.expect_navigation():
        page.get_by_role("button", name=t(lang, "Show")).click()
    assert "library=no-6" in page.url
    expect(page.locator("#f-library-no-6")).to_be_checked()
    screenshot(page, f"calendar-filtered-{lang}-390", full_page=True)
    # The event pages say what a reader needs to know.
    page.goto(urls["event-cancelled"])
    expect(page.locator("[data-event-state=cancelled]")).to_contain_text(
        t(lang, "This event will not take place: it has been cancelled.")
    )
    expect(page.get_by_role("link", name=t(lang, "Add to calendar"))).to_have_count(0)
    page.goto(urls["event-ended"])
    expect(page.locator("[data-event-state=ended]")).to_have_text(t(lang, "This event has ended."))
    expect(page.get_by_role("link", name=t(lang, "Add to calendar"))).to_have_count(0)
    page.goto(urls["event"])
    expect(page.get_by_role("link", name=t(lang, "Add to calendar"))).to_be_visible()
    expect(page.locator("[data-event-where] a[href^='/libraries/']")).to_be_visible()
    report = "\n".join(f"{name}: {p}" for name, ps in found.items() for p in ps)
    assert not found, "\n" + report


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_staff_calendar_on_a_phone_and_a_laptop(new_page, lang):
    page = new_page(lang, phone=True)
    sign_in(page, BRANCH_STAFF[lang])
    urls = {
        "staff-month": "/staff/events/?view=month",
        "staff-week": "/staff/events/?view=week",
        "staff-list": "/staff/events/?view=list",
        "staff-all": "/staff/events/?view=list&all=1",
    }
    found: dict[str, list[str]] = {}
    for width in CALENDAR_WIDTHS:
        page.set_viewport_size({"width": width, "height": 844 if width < 1000 else 900})
        for name, url in urls.items():
            page.goto(url)
            problems = _calendar_problems(page, lang, width)
            if problems:
                found[f"{name}@{width}"] = problems
            if width in (390, 1366):
                screenshot(page, f"calendar-{name}-{lang}-{width}", full_page=True)
    # Their own library first; all libraries one tap away.
    page.goto("/staff/events/?view=list")
    mine = page.locator("[data-library-scope] a[aria-current=true]")
    expect(mine).to_contain_text(t(lang, "My library: %(library)s", library="")[:6])
    with page.expect_navigation():
        page.get_by_role("link", name=t(lang, "All libraries"), exact=True).click()
    assert "all=1" in page.url
    # Every event says its status in words.
    items = page.locator("main li.list-group-item")
    assert items.count() > 0
    for n in range(min(items.count(), 10)):
        expect(items.nth(n).locator(".badge").first).to_be_visible()
    report = "\n".join(f"{name}: {p}" for name, ps in found.items() for p in ps)
    assert not found, "\n" + report
