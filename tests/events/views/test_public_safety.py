"""Public outputs hold no drafts, notes or personal data; every page escapes event text."""

from datetime import date, time, timedelta

import pytest

from intranet.clock import local_today
from intranet.events.models import Event
from intranet.extensions import db
from tests.conftest import csrf_token, login
from tests.events.conftest import get_event

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert("
TEXT_FIELDS = (
    "title_kk",
    "title_ru",
    "title_en",
    "description_kk",
    "description_ru",
    "description_en",
    "room",
    "organiser",
    "partners",
    "internal_notes",
)


@pytest.fixture
def xss_event(app, make_event):
    """A held event and an upcoming approved one, every text field a payload."""
    payload = {name: f"{XSS} {name}" for name in TEXT_FIELDS}
    past = make_event(status="approved", day=local_today() - timedelta(days=2), **payload)
    soon = make_event(status="approved", day=local_today() + timedelta(days=1), **payload)
    pending = make_event(status="pending", day=local_today() + timedelta(days=1), **payload)
    returned = make_event(status="returned", day=local_today() + timedelta(days=1), **payload)
    return past, soon, pending, returned


def assert_escaped(page: str, where: str):
    assert "<script>alert" not in page, where
    assert "<img src=x" not in page, where
    assert ESCAPED in page, where


def test_event_text_is_escaped_on_every_page(app, client, make_user, xss_event):
    past, soon, pending, returned = xss_event
    today = local_today()
    public = [
        "/",
        f"/events?view=month&date={today + timedelta(days=1)}",
        f"/events?view=week&date={today + timedelta(days=1)}",
        f"/events?view=day&date={today + timedelta(days=1)}",
        f"/events?view=list&date={today - timedelta(days=5)}",
        f"/events/{soon}",
        f"/events/print?library=no-6&month={today:%Y-%m}",
    ]
    for url in public:
        assert_escaped(client.get(url).get_data(as_text=True), url)
    _uid, email = make_user("branch_staff", library="no-6")
    login(client, email)
    token = csrf_token(client, "/staff/")
    client.post(
        f"/staff/events/{past}/attendance",
        data={"csrf_token": token, "total": "3", "note": XSS[:200]},
    )
    client.post(f"/staff/events/{soon}/cancel", data={"csrf_token": token, "comment": XSS})
    staff = [
        "/staff/",
        f"/staff/events/?view=month&date={today + timedelta(days=1)}",
        f"/staff/events/?view=week&date={today + timedelta(days=1)}",
        f"/staff/events/?view=day&date={today + timedelta(days=1)}",
        f"/staff/events/?view=list&date={today - timedelta(days=5)}",
        f"/staff/events/{past}",
        f"/staff/events/{soon}",
        f"/staff/events/{returned}/edit",
        f"/staff/events/{pending}",
        f"/staff/events/{past}/attendance",
    ]
    for url in staff:
        page = client.get(url).get_data(as_text=True)
        assert_escaped(page, url)
    _uid, central = make_user("central_staff")
    client.post("/logout", data={"csrf_token": token})
    login(client, central)
    for url in ("/staff/events/queue", "/staff/"):
        assert_escaped(client.get(url).get_data(as_text=True), url)
    # JSON carries the text as data; it is never sniffed as HTML.
    response = client.get("/api/v1/events")
    assert response.mimetype == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_public_outputs_hold_no_notes_drafts_or_people(app, client, make_user, make_event):
    day = local_today() + timedelta(days=2)
    event_id = make_event(status="pending", day=day, internal_notes="ІШКІ-ЖАЗБА")
    draft_id = make_event(status="draft", day=day, title_kk="ЖОБА-АТАУЫ")
    _uid, email = make_user("central_staff", full_name="Гүлнар Құпиякызы")
    login(client, email)
    token = csrf_token(client, "/staff/")
    assert (
        client.post(f"/staff/events/{event_id}/approve", data={"csrf_token": token}).status_code
        == 302
    )
    client.post("/logout", data={"csrf_token": token})
    urls = [
        "/",
        "/events?view=month",
        "/events?view=list",
        f"/events/{event_id}",
        f"/events/{event_id}.ics",
        "/events.ics",
        f"/api/v1/events?start={day}&end={day}",
        f"/events/print?library=no-6&month={day:%Y-%m}",
    ]
    for url in urls:
        body = client.get(url).get_data(as_text=True)
        assert "Поэзия сағаты" in body or "Час поэзии" in body or "Poetry hour" in body, url
        for secret in ("ІШКІ-ЖАЗБА", "ЖОБА-АТАУЫ", "Құпиякызы", email):
            assert secret not in body, (url, secret)
    assert client.get(f"/events/{draft_id}").status_code == 404
    with app.app_context():
        assert get_event(event_id).transitions[-1].actor_name == "Гүлнар Құпиякызы"


@pytest.mark.parametrize(
    "query",
    [
        "month=2026-13",
        "month=abc",
        "date=abc",
        "date=0001-01-01",
        "date=9999-12-31",
        "library=nowhere",
        "type=unknown",
        "view=year",
        "audience=x",
        "campaign=x",
        "club=x",
    ],
)
def test_bad_calendar_queries_are_400(client, query):
    response = client.get(f"/events?{query}")
    assert response.status_code == 400


def test_status_filter_is_for_staff_only_and_drafts_stay_hidden(client, make_event):
    make_event(status="draft", day=date(2027, 4, 14), title_kk="ЖОБА")
    page = client.get("/events?view=list&date=2027-04-01&status=draft").get_data(as_text=True)
    assert "ЖОБА" not in page


def test_phone_gets_the_days_agenda_under_the_month_and_month_has_more_link(client, make_event):
    for hour in range(9, 15):
        make_event(status="approved", day=date(2027, 4, 14), start=time(hour), end=time(hour, 30))
    phone = {"User-Agent": "Mozilla/5.0 (Linux; Android 14) Mobile Safari"}
    page = client.get("/events?date=2027-04-14", headers=phone).get_data(as_text=True)
    assert page.split('id="chosen-day"', 1)[1].count("list-group-item") == 6
    page = client.get("/events?view=month&month=2027-04").get_data(as_text=True)
    assert "тағы 3" in page  # kk: «тағы 3», no plus sign
    assert 'href="/events?view=day&amp;date=2027-04-14&amp;lang=kk"' in page


def test_home_page_shows_this_weeks_programme(client, make_event):
    make_event(status="approved", day=local_today() + timedelta(days=1), title_kk="АПТА-КЕШІ")
    make_event(status="pending", day=local_today() + timedelta(days=1), title_kk="КЕЛІСУДЕ")
    page = client.get("/").get_data(as_text=True)
    assert "АПТА-КЕШІ" in page
    assert "КЕЛІСУДЕ" not in page


def test_each_text_is_shown_in_the_readers_language_with_fallback(app, client, make_event):
    both = make_event(
        status="approved", title_kk="Қазақша атауы", title_ru="Русское название", title_en=None
    )
    only_ru = make_event(status="approved", title_kk=None, title_ru="Только по-русски")
    assert "Русское название" in client.get(f"/events/{both}?lang=ru").get_data(as_text=True)
    assert "Қазақша атауы" in client.get(f"/events/{both}?lang=en").get_data(as_text=True)
    assert "Только по-русски" in client.get(f"/events/{only_ru}?lang=kk").get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Event, both) is not None
