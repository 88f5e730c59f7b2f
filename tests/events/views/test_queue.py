"""The approval queue: one card per request with what to decide on, warnings, a series at once."""

import re
from datetime import date, time
from html import unescape

from sqlalchemy import select

from intranet.events import services
from intranet.events.models import Status
from intranet.extensions import db
from intranet.libraries.models import ClosedDay
from tests.conftest import csrf_token
from tests.events.conftest import event_data, get_event, walk_to
from tests.events.queries.test_query_count import count_queries

INDEPENDENCE_DAY = date(2027, 12, 16)


def cards(html: str) -> list[str]:
    """Each queue card's markup."""
    parts = html.split('<article class="card queue-card')[1:]
    return [part.split("</article>")[0] for part in parts]


def text(markup: str) -> str:
    """What a reader sees of the markup: tags out, spaces squeezed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def buttons(markup: str) -> list[str]:
    """The labels of the buttons, in order."""
    return [text(b) for b in re.findall(r"<button[^>]*>(.*?)</button>", markup, re.S)]


def _holiday(app) -> None:
    """Independence Day, city-wide, named (the seed may already hold the day as a holiday)."""
    with app.app_context():
        row = db.session.scalar(
            select(ClosedDay).where(
                ClosedDay.day == INDEPENDENCE_DAY, ClosedDay.library_id.is_(None)
            )
        )
        if row is None:
            row = ClosedDay(day=INDEPENDENCE_DAY, library_id=None, kind="holiday")
            db.session.add(row)
        row.reason_kk, row.reason_ru = "Тәуелсіздік күні", "День Независимости"
        row.reason_en = "Independence Day"
        db.session.commit()


def _series(app, count: int) -> list[int]:
    with app.app_context():
        _row, events = services.create_series(
            event_data(day=date(2027, 4, 5), title_kk="Кітап клубы", title_en=None),
            services.SeriesData(repeat="weekly", occurrences=count),
            actor=None,
        )
        for event in events:
            walk_to(event, Status.PENDING)
        db.session.commit()
        return [event.id for event in events]


def test_a_card_shows_what_to_decide_on_and_warns_of_a_holiday(app, client, login_as, make_event):
    _holiday(app)
    make_event(status="pending", day=INDEPENDENCE_DAY, title_kk="Абай оқулары", title_en=None)
    login_as("central_staff")
    (card,) = cards(client.get("/staff/events/queue").get_data(as_text=True))
    seen = text(card)
    when = "Thursday, 16 December 2027, 15:00–17:00"
    for fact in ("Абай оқулары", "Оқу залы", "Poetry hour", "Youth", when):
        assert fact in seen, fact
    assert "The library is closed on this day: 16 December 2027 — Independence Day" in seen
    # Approve and return are both on the card; return asks what to change.
    assert re.search(r'<textarea[^>]*name="comment"[^>]*required', card)
    assert buttons(card) == ["Approve", "Return"]


def test_overlapping_room_is_a_warning_on_both_cards(app, client, login_as, make_event):
    make_event(status="pending", title_kk="Бірінші", title_en=None)
    make_event(status="pending", title_kk="Екінші", title_en=None, start=time(16, 0))
    login_as("central_staff")
    found = cards(client.get("/staff/events/queue").get_data(as_text=True))
    assert len(found) == 2
    for card in found:
        assert "The same room is taken by another event at this time" in text(card)
        # The other event's link reads on the yellow warning (axe: blue on yellow fails 4.5:1).
        assert 'class="alert-link"' in card


def test_a_series_is_one_card_approved_in_one_click(app, client, login_as):
    ids = _series(app, count=4)
    login_as("central_staff")
    (card,) = cards(client.get("/staff/events/queue").get_data(as_text=True))
    assert "A series: 4 events wait for approval" in text(card)
    assert buttons(card) == ["Approve this one", "Approve all 4", "Return the series"]
    token = csrf_token(client, "/staff/events/queue")
    response = client.post(
        f"/staff/events/{ids[0]}/approve",
        data={"csrf_token": token, "next": "queue", "scope": "all"},
    )
    assert response.headers["Location"].endswith("/staff/events/queue")
    with app.app_context():
        assert {get_event(i).status for i in ids} == {Status.APPROVED}
    assert "Nothing waits for approval." in client.get("/staff/events/queue").get_data(as_text=True)


def test_returning_a_series_card_needs_a_comment_and_returns_every_meeting(app, client, login_as):
    ids = _series(app, count=3)
    login_as("central_staff")
    token = csrf_token(client, "/staff/events/queue")
    url = f"/staff/events/{ids[0]}/return"
    empty = client.post(url, data={"csrf_token": token, "next": "queue", "scope": "all"})
    assert empty.status_code == 400
    with app.app_context():
        assert {get_event(i).status for i in ids} == {Status.PENDING}
    client.post(
        url,
        data={"csrf_token": token, "next": "queue", "scope": "all", "comment": "Залды көрсетіңіз"},
    )
    with app.app_context():
        assert {get_event(i).status for i in ids} == {Status.RETURNED}


def test_the_queue_reads_in_a_fixed_number_of_queries(app, client, login_as, make_event):
    _holiday(app)
    login_as("central_staff")

    def queries_for_queue() -> int:
        with count_queries(app) as statements:
            assert client.get("/staff/events/queue").status_code == 200
        return len(statements)

    make_event(status="pending", day=INDEPENDENCE_DAY)
    few = queries_for_queue()
    for slug in ("central", "no-8", "no-12", "abai", "no-6"):
        make_event(status="pending", library_slug=slug)
    _series(app, count=5)
    assert queries_for_queue() == few
    assert few <= 8, few
