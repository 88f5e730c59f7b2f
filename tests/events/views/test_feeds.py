"""ICS parsed back with icalendar (UTC and Asia/Qyzylorda), the JSON API, and what stays private."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from intranet.events.services import record_transition
from intranet.extensions import db
from tests.conftest import csrf_token
from tests.events.conftest import get_event

DAY = date(2027, 4, 14)
QYZ = ZoneInfo("Asia/Qyzylorda")


def parse(response):
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    return Calendar.from_ical(response.data)


def vevents(cal):
    return {str(c["summary"]): c for c in cal.walk("VEVENT")}


def test_event_ics_times_are_right_in_utc_and_in_qyzylorda(client, make_event):
    event_id = make_event(status="approved", day=DAY, start=time(18, 30), end=time(20, 0))
    cal = parse(client.get(f"/events/{event_id}.ics?lang=en"))
    (item,) = cal.walk("VEVENT")
    start, end = item.decoded("dtstart"), item.decoded("dtend")
    assert start == datetime(2027, 4, 14, 13, 30, tzinfo=UTC)
    assert start.astimezone(QYZ).strftime("%Y-%m-%d %H:%M") == "2027-04-14 18:30"
    assert end.astimezone(QYZ).strftime("%H:%M") == "20:00"
    assert str(item["status"]) == "CONFIRMED"
    assert "@" in str(item["uid"])
    assert str(cal["version"]) == "2.0"
    assert "Оқу залы" in str(item["location"])


def test_feed_uid_is_stable_across_edits_and_cancellation_is_announced(
    app, client, make_event, login_as
):
    event_id = make_event(status="approved", day=DAY)
    before = vevents(parse(client.get("/events.ics")))["Поэзия сағаты"]
    with app.app_context():
        event = get_event(event_id)
        event.room = "Акт залы"
        event.sequence += 1
        db.session.commit()
    login_as("central_staff")
    token = csrf_token(client, "/staff/")
    client.post(f"/staff/events/{event_id}/cancel", data={"csrf_token": token, "comment": "Ауру"})
    after = vevents(parse(app.test_client().get("/events.ics")))["Поэзия сағаты"]
    assert str(after["uid"]) == str(before["uid"])
    assert str(after["status"]) == "CANCELLED"
    assert int(after["sequence"]) > int(before["sequence"])


def test_feed_filters_and_never_shows_drafts_or_notes(app, client, make_event):
    make_event(status="approved", day=DAY, internal_notes="СЕКРЕТ-ЖАЗБА", title_kk="Көрінеді")
    make_event(status="approved", day=DAY, library_slug="no-8", title_kk="Басқа кітапхана")
    for hidden in ("draft", "pending", "returned"):
        make_event(status=hidden, day=DAY, title_kk=f"Жасырын {hidden}")
    draft = make_event(status="draft", day=DAY, title_kk="Жарияланбай болдырылмады")
    with app.app_context():
        event = get_event(draft)
        event.cancel_reason = "—"
        record_transition(event, "cancelled", actor=None)
        db.session.commit()
    body = client.get("/events.ics").get_data(as_text=True)
    assert "Көрінеді" in body
    assert "Басқа кітапхана" in body
    assert "Жасырын" not in body
    assert "СЕКРЕТ" not in body
    assert "Жарияланбай" not in body  # cancelled drafts were never public
    only = vevents(parse(client.get("/events.ics?library=no-8")))
    assert set(only) == {"Басқа кітапхана"}
    assert client.get("/events.ics?library=nowhere").status_code == 400
    assert client.get("/events.ics?type=nope").status_code == 400
    assert set(vevents(parse(client.get("/events.ics?type=exhibition")))) == set()


def test_api_lists_published_events_as_json(client, make_event):
    make_event(status="approved", day=DAY, internal_notes="СЕКРЕТ")
    make_event(status="held", day=DAY, library_slug="no-8")
    make_event(status="draft", day=DAY)
    response = client.get("/api/v1/events?start=2027-04-01&end=2027-04-30")
    assert response.status_code == 200
    rows = response.get_json()
    assert len(rows) == 2
    assert rows[0]["start"] == "2027-04-14T15:00:00+05:00"
    assert "internal_notes" not in rows[0]
    assert "СЕКРЕТ" not in response.get_data(as_text=True)
    only = client.get("/api/v1/events?start=2027-04-01&end=2027-04-30&library=no-8").get_json()
    assert [row["library"] for row in only] == ["no-8"]


@pytest.mark.parametrize(
    "query",
    [
        "start=abc",
        "start=2027-13-01",
        "start=0001-01-01",
        "start=2027-05-01&end=2027-04-01",
        "start=2027-01-01&end=2029-01-01",
        "library=nowhere",
        "type=<script>",
    ],
)
def test_api_bad_input_is_a_json_400(client, query):
    response = client.get(f"/api/v1/events?{query}")
    assert response.status_code == 400
    assert "error" in response.get_json()


def test_unpublished_event_pages_do_not_exist_for_readers(client, make_event):
    for status in ("draft", "pending", "returned"):
        event_id = make_event(status=status)
        assert client.get(f"/events/{event_id}").status_code == 404
        assert client.get(f"/events/{event_id}.ics").status_code == 404


def test_long_text_with_special_characters_round_trips(client, make_event):
    text = "Абай; Шәкәрім, Мағжан\\ «Жыр»\nЕкінші жол — " + "ұзақ сипаттама " * 30
    event_id = make_event(status="approved", day=DAY, description_kk=text, room="Зал; №2, 1-қабат")
    raw = client.get(f"/events/{event_id}.ics").data
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    (item,) = Calendar.from_ical(raw).walk("VEVENT")
    assert str(item["description"]) == text
    assert str(item["location"]).endswith("Зал; №2, 1-қабат")
    assert str(item["url"]).endswith(f"/events/{event_id}")


class TestLinksFollowBaseUrl:
    @pytest.fixture
    def app_config(self):
        return {"BASE_URL": "https://intranet.library.kz"}

    def test_api_and_calendars_link_to_base_url_whatever_the_host_header(self, client, make_event):
        event_id = make_event(status="approved", day=DAY)
        evil = {"Host": "evil.example"}
        response = client.get("/api/v1/events?start=2027-04-01&end=2027-04-30", headers=evil)
        (row,) = response.get_json()
        assert row["url"] == f"https://intranet.library.kz/events/{event_id}"
        for path in ("/events.ics", f"/events/{event_id}.ics"):
            (item,) = parse(client.get(path, headers=evil)).walk("VEVENT")
            assert str(item["url"]) == f"https://intranet.library.kz/events/{event_id}"
