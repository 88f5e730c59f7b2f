"""A coordinator decides three requests in a row from the inbox on a 390 px phone."""

from datetime import time, timedelta

import pytest

from tests.browser.helpers import (
    CENTRE,
    COORDINATORS,
    PHONE,
    axe_violations,
    no_sideways_scroll,
    screenshot,
    sign_in,
)
from tests.browser.test_journeys import t, t_pattern

expect = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed"
).expect
STUDENTS = {
    "kk": (
        ("Дана Серікова", "+77015550101"),
        ("Ерлан Әбенов", "+77015550102"),
        ("Мөлдір Қасым", "+77015550103"),
    ),
    "ru": (
        ("Анна Лим", "+77015550201"),
        ("Тимур Ахметов", "+77015550202"),
        ("Вера Цой", "+77015550203"),
    ),
}


def three_requests(live_app, lang: str) -> list[str]:
    """Three pending requests at the centre on coming days, each on a seat free at that hour."""
    from sqlalchemy import select

    from intranet.clock import from_local, local_today
    from intranet.coworking.models import Booking, BookingSlot, CoworkingCentre, granule_starts
    from intranet.coworking.services import CONSENT_VERSION
    from intranet.extensions import db
    from intranet.libraries.services import closed_day

    names = []
    with live_app.app_context():
        centre = db.session.scalar(select(CoworkingCentre).where(CoworkingCentre.slug == CENTRE))
        assert centre is not None
        day = local_today() + timedelta(days=2 + 3 * ("kk", "ru").index(lang))
        for name, phone in STUDENTS[lang]:
            while not (
                (hours := centre.hours_on(day))
                and not centre.is_sanitary_day(day)
                and not closed_day(day, centre.library_id)
            ):
                day += timedelta(days=1)
            opens = max(hours[0], time(10))
            start = from_local(day, opens) + timedelta(hours=1)
            end = start + timedelta(hours=1)
            taken = set(
                db.session.scalars(
                    select(BookingSlot.seat_id).where(
                        BookingSlot.slot_start.in_(list(granule_starts(start, end)))
                    )
                )
            )
            seat = next(s for s in centre.active_seats if s.id not in taken)
            db.session.add(
                Booking(
                    centre=centre,
                    seat=seat,
                    start_dt=start,
                    end_dt=end,
                    full_name=name,
                    phone=phone,
                    email=f"inbox-{phone[1:]}@student.kz",
                    institution="Қорқыт Ата атындағы университет",
                    language=lang,
                    consent_version=CONSENT_VERSION,
                    slots=[
                        BookingSlot(seat_id=seat.id, slot_start=m)
                        for m in granule_starts(start, end)
                    ],
                )
            )
            db.session.commit()
            names.append(name)
            day += timedelta(days=1)
    return names


def actions_in_view(card) -> None:
    for button in card.locator("button:visible, summary").all():
        box = button.bounding_box()
        assert box is not None
        assert 0 <= box["x"] <= box["x"] + box["width"] <= PHONE["width"], box


def card_of(page, name: str):
    """The request card of this visitor (exactly: «Дана» is inside «Айдана»)."""
    return page.locator("main").get_by_role("article", name=name, exact=True)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_three_requests_decided_in_a_row_on_a_phone(new_page, live_app, lang):
    first, second, third = three_requests(live_app, lang)
    page = new_page(lang, phone=True)
    sign_in(page, COORDINATORS[lang])
    page.goto("/staff/coworking/")
    assert no_sideways_scroll(page)
    confirmed = t_pattern(
        lang,
        "Seat %(seat)s is confirmed for %(when)s. The visitor gets an email with the booking.",
    )
    rejected = t_pattern(
        lang,
        "The request for seat %(seat)s for %(when)s is rejected. The visitor gets an email "
        "with your reason.",
    )
    # 1: approve.
    card = card_of(page, first)
    card.scroll_into_view_if_needed()
    actions_in_view(card)
    with page.expect_navigation():
        card.get_by_role("button", name=t(lang, "Approve"), exact=True).click()
    expect(page.get_by_role("alert")).to_have_text(confirmed)
    expect(card_of(page, first)).to_have_count(0)
    assert no_sideways_scroll(page)
    # 2: reject with a reason written on the phone.
    card = card_of(page, second)
    card.scroll_into_view_if_needed()
    card.get_by_text(t(lang, "Reject…")).click()
    card.locator("textarea, input[name=reason]").first.fill("Орталықта іс-шара өтеді")
    actions_in_view(card)
    screenshot(page, f"inbox-three-{lang}-390")
    with page.expect_navigation():
        card.get_by_role("button", name=t(lang, "Reject the request")).click()
    expect(page.get_by_role("alert")).to_have_text(rejected)
    expect(card_of(page, second)).to_have_count(0)
    # 3: approve the last one; the first two stay decided.
    card = card_of(page, third)
    card.scroll_into_view_if_needed()
    actions_in_view(card)
    with page.expect_navigation():
        card.get_by_role("button", name=t(lang, "Approve"), exact=True).click()
    expect(page.get_by_role("alert")).to_have_text(confirmed)
    for name in (first, second, third):
        expect(card_of(page, name)).to_have_count(0)
    assert no_sideways_scroll(page)
    assert not axe_violations(page)
