"""The coworking pages a student uses, on a phone and on a laptop, in Kazakh and Russian:
nothing scrolls sideways, axe finds nothing serious, and each one is photographed."""

import pytest

from tests.browser.helpers import CENTRE, screenshot
from tests.browser.test_journeys import t
from tests.browser.test_public_phone import (
    _problems,
    fill_in_booking_request,
    send_booking_request,
)

expect = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed"
).expect
WIDTHS = (360, 390, 1366)


def _check(page, lang: str, name: str, found: dict) -> None:
    """Look at the page now shown at every width; photograph it at 390 and 1366 px."""
    url = page.url
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(url)
        problems = _problems(page, lang, width)
        if problems:
            found[f"{name}@{width}"] = problems
        if width != 360:
            kind = "phone" if width < 1000 else "desktop"
            screenshot(page, f"{kind}-{name}-{lang}", full_page=kind == "phone")


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_centres_finder_and_centre_pages(new_page, lang):
    page = new_page(lang, phone=True)
    found: dict = {}
    page.goto("/coworking")
    main = page.locator("main")
    expect(main.get_by_role("heading", name=t(lang, "Find me a seat"))).to_be_visible()
    _check(page, lang, "coworking", found)
    page.set_viewport_size({"width": 390, "height": 844})
    with page.expect_navigation():
        main.get_by_role("button", name=t(lang, "Find"), exact=True).click()
    assert "/coworking/find?" in page.url
    expect(main.locator("a[href*='/book?']").first).to_be_visible()
    _check(page, lang, "find", found)
    page.goto(f"/coworking/{CENTRE}")
    _check(page, lang, "centre", found)
    report = "\n".join(f"{name}: {p}" for name, ps in found.items() for p in ps)
    assert not found, "\n" + report


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_booking_form_follows_the_chosen_day_and_time(new_page, lang):
    page = new_page(lang, phone=True)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    found: dict = {}
    page.goto(f"/coworking/{CENTRE}/book")
    _check(page, lang, "booking-form", found)
    # The whole date shows (ru's longer button once squeezed it to "12/07/2("): on a narrow
    # phone the button goes under the date instead.
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        box = page.locator("#day").bounding_box()
        assert box["width"] >= 160, (width, box)
    page.set_viewport_size({"width": 390, "height": 844})
    # A new date brings that day's times in place: no reload, what was typed stays.
    name = page.locator("main").get_by_label(t(lang, "Full name"), exact=True)
    name.fill("Әлия Нұрова")
    page.evaluate("() => { window.sameDocument = true; }")
    day = page.locator("#day").input_value()
    sunday = page.evaluate(
        "d => { const t = new Date(d + 'T12:00:00Z');"
        " t.setUTCDate(t.getUTCDate() + ((7 - t.getUTCDay()) % 7 || 7));"
        " return t.toISOString().slice(0, 10); }",
        day,
    )
    page.locator("#day").fill(sunday)
    expect(page.locator("#start option")).to_have_count(0)
    expect(page.locator("main .alert-secondary")).to_be_visible()  # closed: why, and the next day
    assert f"date={sunday}" in page.url  # the address follows, for the back button and a reload
    assert page.evaluate("() => window.sameDocument === true")
    expect(name).to_have_value("Әлия Нұрова")
    page.locator("#day").fill(day)
    expect(page.locator("#start option").first).to_be_attached()
    assert page.locator("input[name=day]").input_value() == day
    expect(page.locator("#book-day time")).to_have_attribute("datetime", day)
    assert page.evaluate("() => window.sameDocument === true")
    # Without the script the day's own form still works: the next free day is a plain link.
    page.locator("#day").fill(sunday)
    expect(page.locator("#start option")).to_have_count(0)
    with page.expect_navigation():
        page.locator("main .alert-secondary a").click()
    assert page.locator("#start option").count() > 0
    # A later start: the seat list is asked again, the lengths end by closing.
    last = page.locator("#start option").last.get_attribute("value")
    page.locator("#start").select_option(last)
    expect(page.locator("#duration option:not([disabled])")).to_have_count(1)
    expect(page.locator("#seat option").nth(1)).to_contain_text(t(lang, "%(seat)s – free", seat=""))
    # Sent empty: the marked fields, still no sideways scroll.
    page.get_by_role("button", name=t(lang, "Send the request")).click()
    page.wait_for_load_state()
    _check(page, lang, "booking-form-errors", found)
    report = "\n".join(f"{name}: {p}" for name, ps in found.items() for p in ps)
    assert not found, "\n" + report
    assert not errors, errors


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_double_tap_on_send_books_once_and_says_the_request_is_on_its_way(
    new_page, live_app, lang
):
    from sqlalchemy import func, select

    from intranet.coworking.models import Booking
    from intranet.extensions import db

    page = new_page(lang, phone=True)
    page.goto(f"/coworking/{CENTRE}/book")
    fill_in_booking_request(page, lang, phone=TAPPERS[lang], email=f"tap-{lang}@student.kz")
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    # What the button said as the page was left (kept in this tab's sessionStorage).
    page.evaluate(
        """() => addEventListener('pagehide', () => {
          const b = document.querySelector('#booking-form button[type=submit]');
          sessionStorage.setItem('send', JSON.stringify([b.disabled, b.textContent,
            b.getAttribute('aria-busy')]));
        })"""
    )
    send = page.get_by_role("button", name=t(lang, "Send the request"))
    with page.expect_navigation():
        send.dblclick()
    assert "/booking/" in page.url, page.url
    said = page.evaluate("() => JSON.parse(sessionStorage.getItem('send'))")
    assert said == [True, t(lang, "Sending the request…"), "true"]
    assert len(posts) == 1, posts
    with live_app.app_context():
        count = select(func.count()).select_from(Booking).where(Booking.email.like("tap-%"))
        assert db.session.scalar(count.where(Booking.email == f"tap-{lang}@student.kz")) == 1
    # Back to the form: it can be sent again (for another time), its button as it was.
    page.go_back()
    expect(send).to_be_enabled()
    expect(send).to_have_text(t(lang, "Send the request"))


TAPPERS = {"kk": "87011119103", "ru": "87011119104"}
STUDENTS = {"kk": "87011119101", "ru": "87011119102"}


def readme(page, lang: str, name: str) -> None:
    """The phone view (not the whole page) in Kazakh, as the README shows it (docs/screenshots/)."""
    if lang == "kk":
        screenshot(page, f"readme-{name}-phone-kk")


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_seat_for_tomorrow_afternoon_in_under_six_taps(new_page, lang):
    """From /coworking: tomorrow 15:00-17:00, a seat, the form filled in; then the booking's
    page, cancelling behind a question, booking again, and the lost-link page."""
    page = new_page(lang, phone=True)
    found: dict = {}
    page.goto("/coworking")
    main = page.locator("main")
    readme(page, lang, "coworking")
    tomorrow = page.evaluate(
        "d => { const t = new Date(d + 'T12:00:00Z'); t.setUTCDate(t.getUTCDate() + 1);"
        " if (t.getUTCDay() === 0) t.setUTCDate(t.getUTCDate() + 1);"  # closed on Sundays
        " return t.toISOString().slice(0, 10); }",
        page.locator("#date").get_attribute("min"),
    )
    taps = 0
    page.locator("#date").fill(tomorrow)  # the date picker: one tap on the day
    taps += 1
    page.locator("#start").select_option("15:00")
    taps += 1
    page.locator("#duration").select_option("120")
    taps += 1
    with page.expect_navigation():
        main.get_by_role("button", name=t(lang, "Find"), exact=True).click()
    taps += 1
    readme(page, lang, "find")
    with page.expect_navigation():
        main.locator("a[href*='/book?']").first.click()
    taps += 1
    assert taps < 6
    assert f"date={tomorrow}" in page.url
    expect(page.locator("#start")).to_have_value("15:00")
    expect(page.locator("#duration")).to_have_value("120")
    readme(page, lang, "booking-form")
    send_booking_request(page, lang, phone=STUDENTS[lang], email=f"taps-{lang}@student.kz")
    expect(main).to_contain_text("15:00")
    expect(main).to_contain_text("17:00")
    readme(page, lang, "booking")
    _check(page, lang, "booking", found)
    page.set_viewport_size({"width": 390, "height": 844})
    with page.expect_navigation():
        main.get_by_role("link", name=t(lang, "Cancel the booking")).click()
    readme(page, lang, "booking-cancel")
    _check(page, lang, "booking-cancel", found)
    page.set_viewport_size({"width": 390, "height": 844})
    with page.expect_navigation():
        main.get_by_role("button", name=t(lang, "Yes, cancel the booking")).click()
    expect(page.locator("h1 .badge")).to_have_text(t(lang, "Cancelled"))
    screenshot(page, f"phone-booking-cancelled-{lang}", full_page=True)
    with page.expect_navigation():
        main.get_by_role("link", name=t(lang, "Book again")).click()
    expect(main.get_by_label(t(lang, "Full name"), exact=True)).to_have_value("Әлия Нұрова")
    expect(page.locator("#start")).to_have_value("15:00")
    page.goto("/booking/lost")
    _check(page, lang, "lost-link", found)
    main.get_by_label(t(lang, "Email"), exact=True).fill(f"taps-{lang}@student.kz")
    with page.expect_navigation():
        main.get_by_role("button", name=t(lang, "Send me the links")).click()
    expect(page.get_by_role("alert")).to_contain_text(
        t(
            lang,
            "If this address has active bookings, their links are on the way to it. "
            "Check your inbox in a few minutes.",
        )
    )
    report = "\n".join(f"{name}: {p}" for name, ps in found.items() for p in ps)
    assert not found, "\n" + report


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_seat_taken_meanwhile_offers_other_ways_to_book(new_page, lang):
    """The refusal a student meets in a rush: why, and other seats, times and centres."""
    page = new_page(lang, phone=True)
    found: dict = {}
    for number, width in enumerate((390, 1366)):
        page.set_viewport_size({"width": width, "height": 844})
        page.goto(f"/coworking/{CENTRE}/book")
        day, start = page.evaluate(
            "() => [document.querySelector('[name=day]').value,"
            " document.querySelector('[name=start]').value]"
        )
        asked = f"/coworking/{CENTRE}/book?date={day}&start={start}&duration=60"
        page.goto(asked)
        free = t(lang, "%(seat)s – free").replace("%(seat)s", "")
        seats = page.evaluate(
            "free => [...document.querySelectorAll('select[name=seat] option')]"
            ".filter(o => o.value && o.textContent.endsWith(free)).map(o => o.value)",
            free,
        )
        assert len(seats) > 1, seats  # one to take, one still free to offer
        wanted = f"{asked}&seat={seats[0]}"
        page.goto(wanted)
        tag = f"{'12'[lang == 'ru']}{number}"  # new students for each test of one live server
        send_booking_request(page, lang, phone=f"+7701551{tag}01", email=f"a{tag}@example.kz")
        page.goto(wanted)  # a second student asks for the same seat and hour
        fill_in_booking_request(page, lang, phone=f"+7701551{tag}02", email=f"b{tag}@example.kz")
        with page.expect_navigation():
            page.get_by_role("button", name=t(lang, "Send the request")).click()
        assert "/booking/" not in page.url
        main = page.locator("main")
        # Said as a refusal, not as the student's mistake ("correct the marked fields").
        refused = (
            "This time could not be booked. The reason is shown in the form; "
            "other options are below."
        )
        expect(main.get_by_role("alert").first).to_have_text(t(lang, refused))
        expect(main.get_by_role("heading", name=t(lang, "Other options"))).to_be_visible()
        expect(main.get_by_text(t(lang, "Other seats free at the same time:"))).to_be_visible()
        problems = _problems(page, lang, width)
        if problems:
            found[f"refusal@{width}"] = problems
        kind = "phone" if width < 1000 else "desktop"
        screenshot(page, f"{kind}-refusal-{lang}", full_page=kind == "phone")
    report = "\n".join(f"{name}: {p}" for name, ps in found.items() for p in ps)
    assert not found, "\n" + report
