"""Events in a browser: a weekly club meeting from planning to the public calendar, its ICS
feed and, once a meeting is over, its attendance."""

import re
import secrets
from datetime import date, timedelta

import pytest
from babel.support import Translations

from tests.browser.helpers import (
    BRANCH_STAFF,
    CENTRAL_STAFF,
    ROOT,
    html_lang,
    no_sideways_scroll,
    screenshot,
    sign_in,
)
from tests.browser.test_journeys import LANGS, t

expect = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed"
).expect


def _today():
    from intranet.clock import local_today

    return local_today()


def first_of_five_meetings(live_app) -> date:
    """Two weeks ago or a little earlier: the first of five weekly meetings none of which
    falls on a holiday of library No. 6 (a series skips them, and would count four)."""
    from tests.events.conftest import weekly_open_start

    with live_app.app_context():
        return weekly_open_start(_today() - timedelta(days=14), 5, step=-1)


def plan_a_weekly_club_meeting(page, lang: str, title_kk: str, title_ru: str, first: date) -> str:
    """Branch staff plan five weekly meetings from `first` (past); returns its page URL."""
    page.goto("/staff/events/")
    assert html_lang(page) == lang
    page.get_by_role("link", name=t(lang, "Plan an event")).click()
    expect(page.locator("h1")).to_have_text(t(lang, "Plan an event"))
    main = page.locator("main")
    main.get_by_label(t(lang, "Type of event"), exact=True).select_option("club_meeting")
    expect(main.get_by_label(t(lang, "Library"), exact=True)).to_have_value("no-6")
    main.get_by_label(t(lang, "Room or hall"), exact=True).fill(f"Зал {lang}")
    main.get_by_label(t(lang, "Date"), exact=True).fill(first.isoformat())
    main.get_by_label(t(lang, "Starts at"), exact=True).fill("07:00")
    main.get_by_label(t(lang, "Ends at"), exact=True).fill("08:00")
    main.get_by_label(t(lang, "Title in Kazakh"), exact=True).fill(title_kk)
    main.get_by_label(t(lang, "Title in Russian"), exact=True).fill(title_ru)
    main.get_by_label(t(lang, "Audience"), exact=True).select_option("youth")
    main.get_by_label(t(lang, "Repeat"), exact=True).select_option("weekly")
    main.get_by_label(t(lang, "Or this many times"), exact=True).fill("5")
    with page.expect_navigation():
        page.get_by_role("button", name=t(lang, "Save as draft"), exact=True).click()
    # (A warning may follow: another language's journey planned the same hour.)
    # Five weekly meetings: the message counts them (ngettext) and names the event.
    saved = Translations.load(str(ROOT / "translations"), [lang]).ngettext(
        '"%(title)s": %(num)d event is saved as a draft. Readers do not see them yet; send '
        "them for approval when they are ready.",
        '"%(title)s": %(num)d events are saved as drafts. Readers do not see them yet; send '
        "them for approval when they are ready.",
        5,
    )
    title = title_kk if lang == "kk" else title_ru
    expect(page.locator(".alert-success")).to_have_text(saved % {"title": title, "num": 5})
    expect(page.locator("h1 .badge")).to_have_text(t(lang, "Draft"))
    return page.url


@pytest.mark.parametrize("lang", LANGS)
def test_a_weekly_club_meeting_from_plan_to_calendar_feed_and_attendance(new_page, live_app, lang):
    tag = secrets.token_hex(3)
    title_kk, title_ru = f"Шахмат клубы {tag}", f"Шахматный клуб {tag}"
    title = title_kk if lang == "kk" else title_ru
    branch = new_page(lang)
    sign_in(branch, BRANCH_STAFF[lang])
    first = first_of_five_meetings(live_app)
    first_meeting = plan_a_weekly_club_meeting(branch, lang, title_kk, title_ru, first)
    if lang == "kk":
        screenshot(branch, f"event-draft-{lang}", full_page=True)

    # Send the whole series for approval.
    branch.locator("main").get_by_label(t(lang, "Apply to"), exact=True).select_option("all")
    with branch.expect_navigation():
        branch.get_by_role("button", name=t(lang, "Send for approval")).click()
    expect(branch.locator("h1 .badge")).to_have_text(t(lang, "Pending approval"))

    # Central staff see the series as one card in the queue and approve it in one click.
    central = new_page(lang)
    sign_in(central, CENTRAL_STAFF[lang])
    central.goto("/staff/events/queue")
    assert html_lang(central) == lang
    # By its heading: another event's card may name this one among its conflicts.
    card = central.locator("article.queue-card").filter(
        has=central.get_by_role("heading", name=title, exact=True)
    )
    expect(card).to_have_count(1)
    for width, height in ((1366, 800), (390, 844)):
        central.set_viewport_size({"width": width, "height": height})
        card.scroll_into_view_if_needed()
        assert no_sideways_scroll(central), f"the queue scrolls sideways at {width} px"
        for button in card.get_by_role("button").all():
            box = button.bounding_box()
            assert box is not None
            assert 0 <= box["x"] <= box["x"] + box["width"] <= width, (width, box)
        screenshot(central, f"event-queue-{lang}-{width}")
    central.set_viewport_size({"width": 1366, "height": 800})
    with central.expect_navigation():
        card.locator('form[action$="/approve"]:has(input[value="all"]) button').click()
    expect(card).to_have_count(0)

    # A reader finds the coming meetings on the public calendar and opens one.
    reader = new_page(lang)
    reader.goto("/events?view=list&library=no-6&type=club_meeting")
    assert html_lang(reader) == lang
    links = reader.locator("main a").filter(has_text=title)
    expect(links.first).to_be_visible()
    if lang == "kk":
        screenshot(reader, f"events-list-{lang}", full_page=True)
        reader.goto("/events?view=month")
        expect(reader.locator("main table")).to_be_visible()
        screenshot(reader, f"events-month-{lang}")
        reader.goto("/events?view=list&library=no-6&type=club_meeting")
    with reader.expect_navigation():
        links.first.click()
    expect(reader.locator("h1")).to_contain_text(title)
    event_id = re.search(r"/events/(\d+)(?:\?lang=\w+)?$", reader.url).group(1)

    # ... and in the ICS feed, under the same UID as the event's own .ics.
    def unfolded(path: str) -> str:
        response = reader.request.get(path)
        assert response.ok, path
        assert response.headers["content-type"].startswith("text/calendar")
        return response.text().replace("\r\n ", "")

    one = unfolded(f"/events/{event_id}.ics")
    uid = re.search(r"^UID:(.+)$", one, re.M).group(1).strip()
    feed = unfolded("/events.ics")
    block = next((b for b in feed.split("BEGIN:VEVENT")[1:] if f"UID:{uid}\r\n" in b), None)
    assert block is not None, f"UID {uid} is not in /events.ics"
    summary = re.search(r"^SUMMARY:(.+)$", block, re.M).group(1).strip()
    assert summary in (title_kk, title_ru), summary

    # After the first meeting, branch staff record how many came.
    branch.goto(first_meeting)
    with branch.expect_navigation():
        branch.get_by_role("link", name=t(lang, "Record attendance")).click()
    expect(branch.locator("h1")).to_have_text(t(lang, "Record attendance"))
    branch.locator("main").get_by_label(t(lang, "Total who came"), exact=True).fill("14")
    with branch.expect_navigation():
        branch.get_by_role("button", name=t(lang, "Save"), exact=True).click()
    expect(branch.locator(".alert-success")).to_have_text(
        t(
            lang,
            'Attendance of "%(title)s" is saved. It counts in the monthly report of the library.',
            title=title,
        )
    )
    came = Translations.load(str(ROOT / "translations"), [lang]).ngettext(
        "%(num)d person came", "%(num)d people came", 14
    )
    expect(branch.locator("main")).to_contain_text(came % {"num": 14})
    if lang == "ru":
        screenshot(branch, f"event-attendance-{lang}", full_page=True)
