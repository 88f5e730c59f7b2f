"""Screens of the rules a reader meets (kk and ru, 390 and 1366 px): an event whose
registration has not opened yet, the form with the school and grade questions, leaving the
waitlist; and a student's scan page before the centre's check-in window opens."""

from datetime import timedelta

import pytest

from tests.browser.helpers import CENTRE, html_lang
from tests.browser.test_journeys import t
from tests.browser.test_registration_journey import look
from tests.events.registering import open_registration

expect = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed"
).expect
WORDS = {
    "kk": ("Тіркеу ашылатын уақыт:", "Күту тізімінен шықтыңыз."),
    "ru": ("Регистрация откроется:", "Вы вышли из листа ожидания."),
}


def change_rules(live_app, event_id: int, **values) -> None:
    from intranet.events.models import RegistrationRules
    from intranet.extensions import db

    with live_app.app_context():
        rules = db.session.get(RegistrationRules, event_id)
        for name, value in values.items():
            setattr(rules, name, value)
        db.session.commit()


def register(page, lang: str, event_id: int, name: str, phone: str, email: str) -> None:
    """Through the form itself (the event page stays cached for a minute after it opens)."""
    page.goto(f"/events/{event_id}/register?lang={lang}")
    main = page.locator("main")
    main.get_by_label(t(lang, "Full name"), exact=True).fill(name)
    main.get_by_label(t(lang, "Mobile phone"), exact=True).fill(phone)
    main.get_by_label(t(lang, "Email"), exact=True).fill(email)
    main.get_by_label(t(lang, "School"), exact=True).fill("№ 7 мектеп-лицей")
    main.get_by_label(t(lang, "Grade"), exact=True).fill("8 «Б»")
    main.get_by_label(
        t(lang, "I agree to the processing of my personal data for this registration.")
    ).check()
    with page.expect_navigation():
        main.locator("button[type=submit]").click()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_not_yet_open_then_school_and_grade_then_leaving_the_waitlist(new_page, live_app, lang):
    opens, left = WORDS[lang]
    event_id = open_registration(live_app, capacity=1, offer_hours=None)
    change_rules(live_app, event_id, opens_days=5, ask_school=True, ask_grade=True)
    page = new_page(lang, phone=True)
    page.goto(f"/events/{event_id}?lang={lang}")
    assert html_lang(page) == lang
    expect(page.locator("[data-opens]")).to_contain_text(opens)
    expect(page.locator("[data-registration] a.btn")).to_have_count(0)
    look(page, f"not-open-{lang}")

    change_rules(live_app, event_id, opens_days=30)
    page.goto(f"/events/{event_id}/register?lang={lang}")
    expect(page.locator("input[name=school]")).to_be_visible()
    expect(page.locator("input[name=grade]")).to_be_visible()
    look(page, f"form-school-grade-{lang}")
    n = 30 if lang == "kk" else 40
    register(page, lang, event_id, "Әсел Нұрланова", f"+7 701 555 00 {n}", f"s{n}@example.kz")
    waiting = new_page(lang, phone=True)
    register(waiting, lang, event_id, "Бауыржан Ахмет", f"+7 701 555 00 {n + 1}", f"w{n}@x.kz")
    with waiting.expect_navigation():
        waiting.locator("form[action$='/cancel'] button").click()
    expect(waiting.locator(".alert-success")).to_contain_text(left)
    look(waiting, f"left-waitlist-{lang}")


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_scan_page_says_when_the_centres_check_in_opens(new_page, live_app, lang):
    from intranet.clock import to_local
    from intranet.coworking import qr, services
    from intranet.coworking.models import Booking, BookingSlot, floor_granule, granule_starts
    from intranet.extensions import db
    from intranet.models import utc_now
    from tests.coworking.conftest import get_centre

    with live_app.app_context():
        centre = get_centre(CENTRE)
        centre.check_in_opens_minutes = 15
        start = floor_granule(utc_now()) + timedelta(hours=1)
        if to_local(start).date() != to_local(utc_now()).date():
            pytest.skip("the booking would start tomorrow: the scan page shows today's only")
        seat = services.free_seats(centre, start, start + timedelta(hours=1))[-3]
        booking = Booking(
            centre=centre, seat=seat, status="confirmed", start_dt=start,
            end_dt=start + timedelta(hours=1), full_name="Дана Әлиева",
            phone=f"+77017771{['kk', 'ru'].index(lang):03d}",
            email=f"window-{lang}@student.kz", institution="College", language=lang,
            consent_version=services.CONSENT_VERSION,
        )  # fmt: skip
        db.session.add(booking)
        db.session.flush()
        db.session.add_all(
            BookingSlot(booking_id=booking.id, seat_id=seat.id, slot_start=moment)
            for moment in granule_starts(start, start + timedelta(hours=1))
        )
        db.session.commit()
        token = booking.token
        path = f"/coworking/{CENTRE}/scan/{seat.id}/{qr.signature(centre.id, seat.id)}"
    words = {
        "kk": "Келуді брондау басталуынан 15 минут бұрын белгілеуге болады.",
        "ru": "Отметить приход можно за 15 минут до начала бронирования.",
    }[lang]
    try:
        page = new_page(lang, phone=True)
        page.goto(f"/booking/{token}?lang={lang}")
        expect(page.locator("[data-check-in-opens]")).to_contain_text(words)
        look(page, f"booking-window-{lang}")
        page.goto(f"{path}?lang={lang}")
        expect(page.locator("[data-check-in-opens]")).to_have_text(words)
        look(page, f"scan-window-{lang}")
    finally:
        with live_app.app_context():
            get_centre(CENTRE).check_in_opens_minutes = 30
            db.session.commit()
