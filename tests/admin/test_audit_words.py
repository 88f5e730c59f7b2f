"""The audit log in words: sentences in the reader's language, targets as links, filters."""

from datetime import time, timedelta

from sqlalchemy import event as sa_event
from sqlalchemy import select

from intranet.audit import record_audit
from intranet.auth.models import User
from intranet.clock import from_local, local_today
from intranet.events.models import Event, EventType
from intranet.events.seed import seed_event_types
from intranet.extensions import db
from intranet.libraries.models import Library

AUDIT = "/staff/admin/audit"


def an_approved_event(app, actor_id: int) -> int:
    """An event «Абай оқулары» and its approval by this actor in the log."""
    with app.app_context():
        seed_event_types()
        library = db.session.scalar(select(Library).where(Library.slug == "no-6"))
        start = from_local(local_today() + timedelta(days=3), time(15))
        event = Event(
            type=db.session.scalar(select(EventType)),
            library=library,
            start_dt=start,
            end_dt=start + timedelta(hours=1),
            title_kk="Абай оқулары",
            title_ru="Абаевские чтения",
            audience="youth",
            status="approved",
        )
        db.session.add(event)
        db.session.flush()
        record_audit(
            "event.approve", actor=db.session.get(User, actor_id), target=f"event:{event.id}"
        )
        db.session.commit()
        return event.id


def test_an_entry_reads_as_a_sentence_with_links(app, client, make_user, login_as):
    central_id, _ = make_user("central_staff", full_name="Айгүл Серікова")
    event_id = an_approved_event(app, central_id)
    login_as("admin", language="kk")
    page = client.get(AUDIT).get_data(as_text=True)
    assert (
        f'<a href="/staff/admin/users/{central_id}">Айгүл Серікова</a> '
        f'<a href="/staff/events/{event_id}">«Абай оқулары»</a> іс-шарасын бекітті'
    ) in page
    assert "event:" not in page.split("<ol", 1)[1]


def test_filters_by_action_person_and_days(app, client, make_user, login_as):
    central_id, _ = make_user("central_staff", full_name="Айгүл Серікова")
    an_approved_event(app, central_id)
    admin_id, _ = login_as("admin")
    mine = client.get(f"{AUDIT}?actor={admin_id}").get_data(as_text=True)
    assert "approved the event" not in mine
    hers = client.get(f"{AUDIT}?actor={central_id}&action=event.approve").get_data(as_text=True)
    assert "approved the event" in hers
    today = local_today().isoformat()
    assert "approved the event" in client.get(f"{AUDIT}?since={today}&until={today}").get_data(
        as_text=True
    )
    tomorrow = (local_today() + timedelta(days=1)).isoformat()
    later = client.get(f"{AUDIT}?since={tomorrow}").get_data(as_text=True)
    assert "Nothing recorded yet for these filters." in later


def test_bad_filters_are_translated_errors_never_500(client, login_as):
    login_as("admin", language="ru")
    for query, status in (
        ("since=2026-02-30", 400),
        ("since=yesterday", 400),
        ("since=2026-05-02&until=2026-05-01", 400),
        ("actor=abc", 400),
        ("action=drop.table", 400),
        ("since=0202-01-01", 400),
    ):
        response = client.get(f"{AUDIT}?{query}")
        assert response.status_code == status, query
        assert 'class="invalid-feedback' in response.get_data(as_text=True), query
    page = client.get(f"{AUDIT}?since=nonsense").get_data(as_text=True)
    assert "Enter a real date as YYYY-MM-DD." not in page  # said in Russian
    # Spaces for "who" are "anyone" (the fuzz test once found them a 500).
    assert client.get(f"{AUDIT}?actor=%20%20").status_code == 200


def test_a_page_of_entries_takes_a_fixed_number_of_queries(app, client, make_user, login_as):
    central_id, _ = make_user("central_staff")
    for _ in range(12):
        an_approved_event(app, central_id)
    login_as("admin")
    counted = []

    def count(*args):
        counted.append(1)

    with app.app_context():
        engine = db.engine
    sa_event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(AUDIT).status_code == 200
    finally:
        sa_event.remove(engine, "before_cursor_execute", count)
    assert len(counted) < 20
