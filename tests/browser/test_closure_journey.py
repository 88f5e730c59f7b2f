"""A closure on a day with a booking, in a browser: who is affected first, then the cancellation."""

from datetime import time, timedelta

import pytest

from tests.browser.helpers import ADMINS, CENTRE, PHONE, axe_violations, screenshot, sign_in
from tests.browser.test_journeys import LANGS, t

expect = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed"
).expect
VISITORS = {"kk": ("Бақыт Сейітов", "+77011110021"), "ru": ("Анна Ли", "+77011110022")}


def book_far_ahead(live_app, lang: str):
    """A booking some ten days ahead (past the days other journeys walk through)."""
    from intranet.clock import local_today
    from intranet.coworking import services
    from intranet.extensions import db
    from tests.coworking.conftest import get_centre, open_days

    name, phone = VISITORS[lang]
    with live_app.app_context():
        centre = get_centre(CENTRE)
        day = open_days(1, CENTRE, start=local_today() + timedelta(days=9 + LANGS.index(lang)))[0]
        request = services.BookingRequest(
            day=day,
            start=time(16),
            duration=60,
            seat_id=centre.active_seats[4].id,
            full_name=name,
            phone=phone,
            email=f"closure-{lang}@student.kz",
            institution="College",
            purpose="",
            language=lang,
            consent=True,
        )
        services.create_booking(centre, request)
        db.session.commit()
        return day, centre.library.slug


def reopen(live_app, day) -> None:
    from sqlalchemy import delete

    from intranet.extensions import db
    from intranet.libraries.models import ClosedDay

    with live_app.app_context():
        db.session.execute(delete(ClosedDay).where(ClosedDay.day == day))
        db.session.commit()


def is_closed(live_app, day) -> bool:
    from sqlalchemy import select

    from intranet.extensions import db
    from intranet.libraries.models import ClosedDay

    with live_app.app_context():
        return db.session.scalar(select(ClosedDay.id).where(ClosedDay.day == day)) is not None


def ask_to_close(page, lang: str, day, library: str) -> None:
    page.goto("/staff/admin/closed-days")
    page.fill("#day", day.isoformat())
    page.select_option("#library", library)
    page.select_option("#kind", "closure")
    page.fill("#reason_kk", "Жөндеу")
    page.fill("#reason_ru", "Ремонт")
    with page.expect_navigation():
        page.click("main #submit")


@pytest.mark.parametrize("lang", LANGS)
def test_an_admin_sees_who_a_closure_affects_before_it_cancels_them(new_page, live_app, lang):
    day, library = book_far_ahead(live_app, lang)
    name = VISITORS[lang][0]
    try:
        # On a phone: the list reads without sideways scrolling; going back saves nothing.
        page = new_page(lang, phone=True)
        sign_in(page, ADMINS[lang])
        ask_to_close(page, lang, day, library)
        expect(page.locator("h1")).to_contain_text(t(lang, "Check before saving"))
        expect(page.locator("main table")).to_contain_text(name)
        expect(page.locator("main table")).to_contain_text("16:00–17:00")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert axe_violations(page) == []
        screenshot(page, f"closure-confirm-phone-{lang}", full_page=True)
        with page.expect_navigation():
            page.get_by_role("link", name=t(lang, "Go back without saving")).click()
        assert not is_closed(live_app, day)

        # On a desktop: confirm; the visitor's booking is cancelled and the day is closed.
        page = new_page(lang)
        sign_in(page, ADMINS[lang])
        ask_to_close(page, lang, day, library)
        screenshot(page, f"closure-confirm-desktop-{lang}")
        with page.expect_navigation():
            page.locator("main form button.btn-danger").click()
        expect(page.locator(".alert-success")).to_be_visible()
        expect(page.locator("main table")).to_contain_text("Ремонт" if lang == "ru" else "Жөндеу")
        screenshot(page, f"closure-saved-desktop-{lang}")
        assert is_closed(live_app, day)
    finally:
        reopen(live_app, day)
