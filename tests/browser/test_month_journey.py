"""Submit a month: branch staff preview a finished month's figures and submit it; central staff
see the figures beside the decision, return it with a comment, which the branch reads; the
branch submits again and central staff accept it. In kk and ru, on a 1366 px laptop and on a
390 px phone: no sideways scroll, axe clean, screenshots."""

from datetime import date, time, timedelta

import pytest

from tests.browser.helpers import (
    BRANCH_STAFF,
    CENTRAL_STAFF,
    axe_violations,
    no_sideways_scroll,
    open_as,
    screenshot,
)
from tests.browser.test_journeys import t, t_pattern

expect = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed"
).expect
LANGS = ("kk", "ru")
WIDTHS = ("laptop", "phone")
COMMENTS = {"kk": "Жасөспірімдерді жастармен шатастырмаңыз", "ru": "Проверьте возрастные группы"}
PEOPLE = (23, 19)  # two held events: 42 participants in the month


def journey_month(lang: str, width: str) -> date:
    """Each journey its own finished month of no-6, before any demo event (±30 days of today)."""
    from intranet.clock import local_today

    back = 3 + 2 * LANGS.index(lang) + WIDTHS.index(width)
    first = local_today().replace(day=1)
    for _ in range(back):
        first = (first - timedelta(days=1)).replace(day=1)
    return first


def two_held_events(live_app, month: date) -> None:
    """Two events of no-6 in that month, held, with their attendance recorded."""
    from sqlalchemy import select

    from intranet.clock import from_local
    from intranet.events.models import Attendance, Event, EventType
    from intranet.extensions import db
    from intranet.libraries.models import Library

    with live_app.app_context():
        library = db.session.scalar(select(Library).where(Library.slug == "no-6"))
        kind = db.session.scalar(select(EventType).where(EventType.slug == "poetry_hour"))
        for day, people in zip((5, 19), PEOPLE, strict=True):
            start = from_local(month.replace(day=day), time(15))
            db.session.add(
                Event(
                    type=kind,
                    library=library,
                    start_dt=start,
                    end_dt=start + timedelta(hours=2),
                    title_kk="Поэзия сағаты",
                    title_ru="Час поэзии",
                    audience="youth",
                    status="held",
                    attendance=Attendance(total=people, youth=people),
                )
            )
        db.session.commit()


def month_name(live_app, lang: str, month: date) -> str:
    """The month as the pages write it in this language."""
    from flask_babel import force_locale

    from intranet.i18n import month_name as name

    with live_app.test_request_context(), force_locale(lang):
        return name(month)


def fits_and_passes_axe(page, name: str) -> None:
    assert no_sideways_scroll(page), name
    violations = axe_violations(page)
    assert not violations, (name, violations)


def badge(page):
    return page.locator(".month-decision .badge").first


def figures_beside_the_decision(page, width: str) -> None:
    """On a laptop the figures and the decision side by side; on a phone, one under the other."""
    decision = page.locator(".month-decision").bounding_box()
    figures = page.locator(".report-table").first.bounding_box()
    assert decision is not None
    assert figures is not None
    if width == "laptop":
        assert figures["x"] + figures["width"] <= decision["x"]
        assert decision["y"] < figures["y"] + figures["height"]  # on the same screenful
    else:
        assert decision["y"] + decision["height"] <= figures["y"]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_a_month_is_submitted_returned_with_a_comment_and_accepted(new_page, live_app, lang, width):
    month = journey_month(lang, width)
    two_held_events(live_app, month)
    url = f"/staff/reports/month/no-6/{month.year}/{month.month}"
    named = month_name(live_app, lang, month)
    shot = f"month-journey-{lang}-{width}"

    # Branch staff preview the month's figures, then submit.
    branch = open_as(new_page, BRANCH_STAFF[lang], lang, width)
    branch.goto(url)
    expect(badge(branch)).to_have_text(t(lang, "Not submitted"))
    expect(branch.locator(".report-table").filter(has_text=str(sum(PEOPLE))).first).to_be_visible()
    submit = branch.get_by_role("button", name=t(lang, "Submit the report"))
    expect(submit).to_be_visible()
    fits_and_passes_axe(branch, "branch preview")
    screenshot(branch, f"{shot}-1-preview", full_page=width == "laptop")
    with branch.expect_navigation():
        submit.click()
    expect(branch.locator(".alert-success")).to_have_text(
        t(
            lang,
            "The report for %(month)s has been submitted: its events and attendance can no "
            "longer be changed. Central staff will review it, and we will let you know when "
            "they accept it or return it for correction.",
            month=named,
        )
    )
    expect(badge(branch)).to_have_text(t(lang, "Submitted"))
    expect(branch.get_by_role("button", name=t(lang, "Submit the report"))).to_have_count(0)

    # Central staff see the figures beside the decision and return it with a comment.
    central = open_as(new_page, CENTRAL_STAFF[lang], lang, width)
    central.goto(url)
    figures_beside_the_decision(central, width)
    expect(central.locator(".report-table").filter(has_text=str(sum(PEOPLE))).first).to_be_visible()
    fits_and_passes_axe(central, "central decision")
    screenshot(central, f"{shot}-2-decision", full_page=width == "laptop")
    central.get_by_label(t(lang, "Return for correction"), exact=True).check()
    central.get_by_label(t(lang, "Comment for the library"), exact=True).fill(COMMENTS[lang])
    with central.expect_navigation():
        central.get_by_role("button", name=t(lang, "Save the decision")).click()
    expect(central.locator(".alert-success")).to_have_text(
        t_pattern(
            lang,
            "The report of %(library)s for %(month)s has been returned to the library with "
            "your comment. When they correct it and submit it again, it will wait for your "
            "decision.",
        )
    )
    expect(central.locator(".alert-success")).to_contain_text(named)
    assert no_sideways_scroll(central), "the cycle after a return"

    # The branch reads the comment (on the month and under the bell) and submits again.
    branch.goto(url)
    expect(badge(branch)).to_have_text(t(lang, "Returned"))
    expect(branch.locator(".month-decision")).to_contain_text(COMMENTS[lang])
    fits_and_passes_axe(branch, "branch returned")
    screenshot(branch, f"{shot}-3-returned", full_page=width == "laptop")
    branch.goto("/staff/notices")
    notice = branch.locator(f'main a[href="{url}"]', has_text=COMMENTS[lang])
    expect(notice).to_have_count(1)
    with branch.expect_navigation():
        notice.click()
    with branch.expect_navigation():
        branch.get_by_role("button", name=t(lang, "Submit the report")).click()
    expect(badge(branch)).to_have_text(t(lang, "Submitted"))

    # Central staff accept it; the branch sees it accepted and is told so.
    central.goto(url)
    central.get_by_label(t(lang, "Accept"), exact=True).check()
    with central.expect_navigation():
        central.get_by_role("button", name=t(lang, "Save the decision")).click()
    expect(central.locator(".alert-success")).to_contain_text(named)
    expect(central.locator(".alert-success")).to_have_text(
        t_pattern(
            lang,
            "The report of %(library)s for %(month)s is accepted. We will let the library "
            "know; nothing more is needed for this month.",
        )
    )
    fits_and_passes_axe(central, "the cycle after acceptance")
    screenshot(central, f"{shot}-4-accepted", full_page=width == "laptop")
    branch.goto(url)
    expect(badge(branch)).to_have_text(t(lang, "Accepted"))
    branch.goto("/staff/notices")
    accepted = t(lang, "Report for %(month)s accepted", month=named)
    expect(branch.locator(f'main a[href="{url}"]', has_text=accepted)).to_have_count(1)
    # "My notifications" lets the branch switch this news off like any other.
    branch.goto("/staff/me/notifications")
    expect(branch.get_by_label(t(lang, "Our monthly report was accepted"))).to_be_checked()
    fits_and_passes_axe(branch, "my notifications")
    screenshot(branch, f"{shot}-5-my-notifications", full_page=width == "laptop")
