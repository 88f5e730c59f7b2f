"""Drafts can be deleted, after a confirmation, by their library; anything sent stays."""

import html

import pytest
from sqlalchemy import select, update

from intranet.audit import AuditLog
from intranet.auth.models import User
from intranet.errors import Conflict
from intranet.events.models import Event
from intranet.events.services import delete_draft
from intranet.extensions import db
from tests.conftest import csrf_token, login


def test_a_branch_deletes_its_draft_after_confirming(app, client, make_user, make_event):
    event_id = make_event("draft", library_slug="no-6", title_kk="Абай оқулары")
    _id, email = make_user("branch_staff", library="no-6", language="kk")
    login(client, email)
    page = client.get(f"/staff/events/{event_id}").get_data(as_text=True)
    assert f"/staff/events/{event_id}/delete" in page
    confirm = client.get(f"/staff/events/{event_id}/delete")
    assert confirm.status_code == 200
    assert "Мұны кері қайтару мүмкін емес." in confirm.get_data(as_text=True)
    token = csrf_token(client, f"/staff/events/{event_id}/delete")
    response = client.post(
        f"/staff/events/{event_id}/delete", data={"csrf_token": token}, follow_redirects=True
    )
    assert "«Абай оқулары» жобасы жойылды." in html.unescape(response.get_data(as_text=True))
    with app.app_context():
        assert db.session.get(Event, event_id) is None
        entry = db.session.scalar(select(AuditLog).where(AuditLog.action == "event.delete"))
        assert entry.target == f"event:{event_id}"


def test_a_sent_event_cannot_be_deleted(app, client, login_as, make_event):
    event_id = make_event("pending", library_slug="no-6")
    login_as("branch_staff", library="no-6")
    assert client.get(f"/staff/events/{event_id}/delete").status_code == 403
    token = csrf_token(client, "/staff/")
    response = client.post(f"/staff/events/{event_id}/delete", data={"csrf_token": token})
    assert response.status_code == 403
    with app.app_context():
        assert db.session.get(Event, event_id) is not None


def test_another_branch_cannot_delete_the_draft(app, client, login_as, make_event):
    event_id = make_event("draft", library_slug="no-6")
    login_as("branch_staff", library="no-12")
    token = csrf_token(client, "/staff/")
    response = client.post(f"/staff/events/{event_id}/delete", data={"csrf_token": token})
    assert response.status_code == 403
    with app.app_context():
        assert db.session.get(Event, event_id) is not None


def test_a_draft_sent_meanwhile_is_not_deleted(app, make_user, make_event):
    """The copy in hand says draft, but it was sent a moment ago: 409, nothing deleted."""
    event_id = make_event("draft", library_slug="no-6")
    user_id, _email = make_user("branch_staff", library="no-6")
    with app.app_context():
        event = db.session.get(Event, event_id)
        sent = update(Event).where(Event.id == event_id).values(status="pending")
        db.session.execute(sent, execution_options={"synchronize_session": False})
        assert event.status == "draft"  # the stale copy
        with pytest.raises(Conflict):
            delete_draft(event, actor=db.session.get(User, user_id))
        assert db.session.get(Event, event_id) is not None  # refused before anything went
        db.session.rollback()
