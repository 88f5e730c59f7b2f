"""The event form: sections, no silent defaults, and two buttons (draft, or send at once)."""

import html
import re

from sqlalchemy import select

from intranet.events.models import Event
from intranet.extensions import db
from tests.conftest import csrf_token
from tests.events.views.test_conflicts_and_forms import count_events, form


def test_type_and_audience_start_at_choose_and_required_fields_are_marked(client, login_as):
    login_as("branch_staff", library="no-6")
    page = client.get("/staff/events/new").get_data(as_text=True)
    for name in ("type", "audience"):
        select_html = re.search(rf'<select[^>]*name="{name}".*?</select>', page, re.S).group(0)
        first = re.search(r"<option([^>]*)>([^<]*)</option>", select_html)
        assert first.group(2) == "Choose…"
        assert 'value=""' in first.group(1)
        assert "selected" not in select_html.split("</option>", 1)[1]
    for legend in ("What", "When", "Where", "For whom", "Texts for readers", "For staff only"):
        assert f"<legend>{legend}</legend>" in page
    assert "A title in Kazakh or in Russian is required" in page
    assert re.search(r'for="start_date">[^<]*</label><span class="required-mark"', page)
    assert "Save as draft" in page
    assert "Save and send for approval" in page


def test_type_and_audience_left_at_choose_are_refused_and_nothing_is_saved(app, client, login_as):
    login_as("branch_staff", library="no-6")
    token = csrf_token(client, "/staff/events/new")
    response = client.post("/staff/events/new", data=form(token, type="", audience=""))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Choose the type of event." in page
    assert "Choose who the event is for." in page
    assert count_events(app) == 0


def test_save_and_send_for_approval_sends_it_in_one_step(app, client, login_as):
    login_as("branch_staff", library="no-6")
    token = csrf_token(client, "/staff/events/new")
    response = client.post(
        "/staff/events/new", data=form(token, action="submit"), follow_redirects=True
    )
    assert response.status_code == 200
    page = html.unescape(response.get_data(as_text=True))
    assert '"Поэзия сағаты" has been sent for approval.' in page
    with app.app_context():
        assert db.session.scalar(select(Event.status)) == "pending"


def test_save_as_draft_keeps_a_draft(app, client, login_as):
    login_as("branch_staff", library="no-6")
    token = csrf_token(client, "/staff/events/new")
    client.post("/staff/events/new", data=form(token, action="draft"))
    with app.app_context():
        assert db.session.scalar(select(Event.status)) == "draft"


def test_editing_a_draft_can_send_it(app, client, login_as, make_event):
    event_id = make_event("draft", library_slug="no-6")
    login_as("branch_staff", library="no-6")
    token = csrf_token(client, f"/staff/events/{event_id}/edit")
    response = client.post(
        f"/staff/events/{event_id}/edit",
        data=form(token, action="submit", scope="one"),
        follow_redirects=True,
    )
    assert "has been sent for approval" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Event, event_id).status == "pending"
