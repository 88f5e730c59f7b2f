"""Attendance, the dashboard, the queue, CSV export, campaigns, event types and demo data."""

import csv
import io
from datetime import date, timedelta

from sqlalchemy import func, select

from intranet.clock import local_today
from intranet.events.models import Attendance, Campaign, Event, EventType, Status
from intranet.extensions import db
from tests.conftest import csrf_token
from tests.events.conftest import get_event, library


def test_attendance_form_marks_the_event_held_and_refuses_bad_counts(
    app, client, login_as, make_event
):
    event_id = make_event(status="approved", day=local_today() - timedelta(days=1))
    future = make_event(status="approved", day=local_today() + timedelta(days=5))
    login_as("branch_staff", library="no-6")
    token = csrf_token(client, "/staff/")
    url = f"/staff/events/{event_id}/attendance"
    assert "To report" in client.get("/staff/").get_data(as_text=True)
    bad = client.post(url, data={"csrf_token": token, "total": "5", "children": "9"})
    assert bad.status_code == 400
    assert "add up to more than the total" in bad.get_data(as_text=True)
    assert client.post(url, data={"csrf_token": token, "total": "-1"}).status_code == 400
    ok = client.post(
        url,
        data={
            "csrf_token": token,
            "total": "40",
            "children": "12",
            "seniors": "3",
            "note": "Жақсы өтті",
        },
    )
    assert ok.status_code == 302
    with app.app_context():
        event = get_event(event_id)
        assert event.status == Status.HELD
        assert (event.attendance.total, event.attendance.children) == (40, 12)
    assert client.get(f"/staff/events/{future}/attendance").status_code == 403
    page = client.get(f"/staff/events/{event_id}").get_data(as_text=True)
    assert "40 people came" in page


def test_queue_is_oldest_first_and_approves_in_one_click(app, client, login_as, make_event):
    first = make_event(status="pending", title_kk="БІРІНШІ", title_en=None)
    second = make_event(status="pending", title_kk="ЕКІНШІ", title_en=None)
    login_as("central_staff")
    page = client.get("/staff/events/queue").get_data(as_text=True)
    assert page.index("БІРІНШІ") < page.index("ЕКІНШІ")
    token = csrf_token(client, "/staff/events/queue")
    response = client.post(
        f"/staff/events/{first}/approve", data={"csrf_token": token, "next": "queue"}
    )
    assert response.headers["Location"].endswith("/staff/events/queue")
    with app.app_context():
        assert get_event(first).status == Status.APPROVED
        assert get_event(second).status == Status.PENDING
    assert "ЕКІНШІ" in client.get("/staff/").get_data(as_text=True)  # on the dashboard too


def test_branch_staff_cannot_open_the_queue(client, login_as):
    login_as("branch_staff", library="no-6")
    assert client.get("/staff/events/queue").status_code == 403


def test_csv_export_neutralises_formulas_and_keeps_scope(app, client, login_as, make_event):
    day = date(2027, 4, 14)
    make_event(
        status="approved",
        day=day,
        title_kk='=HYPERLINK("http://x")',
        organiser="+7 700",
        partners="@evil",
        room="-1",
        title_en=None,
    )
    make_event(status="draft", day=day, library_slug="no-8", title_kk="БӨТЕН")
    login_as("branch_staff", library="no-6")
    response = client.get("/staff/events/export.csv?start=2027-04-01&end=2027-04-30")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    header, data = rows[0], rows[1:]
    assert len(data) == 1
    row = dict(zip(header, data[0], strict=True))
    assert row["title"] == '\'=HYPERLINK("http://x")'
    assert row["organiser"] == "'+7 700"
    assert row["partners"] == "'@evil"
    assert row["room"] == "'-1"
    assert client.get("/staff/events/export.csv?start=abc").status_code == 400


def test_campaign_page_shows_progress_per_library(app, client, login_as, make_event):
    with app.app_context():
        db.session.add(
            Campaign(
                slug="bir-el",
                name_kk="«Бір ел – бір кітап»",
                name_ru="«Одна страна – одна книга»",
                start_date=date(2027, 4, 1),
                end_date=date(2027, 5, 31),
                book_title="Абай жолы",
                target_per_library=2,
            )
        )
        db.session.commit()
        campaign = db.session.scalar(select(Campaign))
    for status in ("held", "approved", "draft", "cancelled"):
        make_event(status=status, day=date(2027, 4, 14), campaign=campaign)
    login_as("central_staff")
    page = client.get("/staff/events/campaigns/bir-el").get_data(as_text=True)
    assert "1 / 2" in page
    assert "Абай жолы" in page
    assert client.get("/staff/events/campaigns/nope").status_code == 404


def test_admin_adds_an_event_type(app, client, login_as):
    login_as("admin")
    token = csrf_token(client, "/staff/events/types")
    data = {"csrf_token": token, "name_kk": "Викторина", "name_ru": "Викторина", "colour": "3"}
    assert client.post("/staff/events/types", data=data).status_code == 302
    # The same name again: a second type with the next free identifier, never a question.
    assert client.post("/staff/events/types", data=data).status_code == 302
    no_colour = client.post("/staff/events/types", data={**data, "colour": ""})
    assert no_colour.status_code == 400
    with app.app_context():
        slugs = set(db.session.scalars(select(EventType.slug)))
        assert {"viktorina", "viktorina_2"} <= slugs
        assert db.session.scalar(select(func.count(EventType.id))) == 18


def test_demo_seed_builds_a_living_calendar(app, runner):
    result = runner.invoke(args=["seed", "--demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        statuses = set(db.session.scalars(select(Event.status).distinct()))
        assert statuses == set(Status)
        assert db.session.scalar(select(func.count(func.distinct(Event.type_id)))) == 16
        assert db.session.scalar(select(func.count(func.distinct(Event.library_id)))) == 21
        assert db.session.scalar(select(func.count()).select_from(Attendance)) > 0
        assert db.session.scalar(select(func.count()).where(~Event.is_demo)) == 0
        assert db.session.scalar(select(func.count(Event.id)).where(Event.series_id.is_not(None)))
        assert library("central") is not None
    again = runner.invoke(args=["seed", "--demo"])
    assert "Demo events: 0 new" in again.output


def test_central_staff_create_a_campaign_branch_staff_cannot(app, client, login_as, make_user):
    data = {
        "name_kk": "«Бір ел – бір кітап» 2027",
        "name_ru": "«Одна страна – одна книга» 2027",
        "start_date": "2027-04-01",
        "end_date": "2027-05-31",
        "book_title": "Абай жолы",
        "target_per_library": "3",
    }
    login_as("branch_staff", library="no-6")
    token = csrf_token(client, "/staff/events/campaigns")
    assert (
        client.post("/staff/events/campaigns", data={**data, "csrf_token": token}).status_code
        == 403
    )
    client.post("/logout", data={"csrf_token": token})
    login_as("central_staff")
    token = csrf_token(client, "/staff/events/campaigns")
    bad = client.post(
        "/staff/events/campaigns", data={**data, "csrf_token": token, "end_date": "2027-03-01"}
    )
    assert bad.status_code == 400
    ok = client.post("/staff/events/campaigns", data={**data, "csrf_token": token})
    assert ok.headers["Location"].endswith("/staff/events/campaigns/bir-el-bir-kitap-2027")
    with app.app_context():
        assert db.session.scalar(select(func.count(Campaign.id))) == 1
