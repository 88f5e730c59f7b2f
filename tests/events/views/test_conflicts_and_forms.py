"""Conflicts are warnings with links; only end <= start and bad input are refused."""

from datetime import date, time

import pytest
from sqlalchemy import func, select

from intranet.events.models import Event
from intranet.extensions import db
from tests.conftest import csrf_token

DAY = date(2027, 4, 14)


def form(token, **overrides):
    data = {
        "csrf_token": token,
        "type": "poetry_hour",
        "library": "no-6",
        "room": "Оқу залы",
        "start_date": DAY.isoformat(),
        "start_time": "15:00",
        "end_time": "17:00",
        "title_kk": "Поэзия сағаты",
        "title_ru": "Час поэзии",
        "audience": "youth",
        "language": "kk",
        "club": "",
        "campaign": "",
    }
    data.update(overrides)
    return data


def count_events(app):
    with app.app_context():
        return db.session.scalar(select(func.count(Event.id)))


def test_room_and_audience_overlaps_and_closed_day_are_shown_with_links(
    app, client, login_as, make_event
):
    first = make_event(day=DAY, start=time(16), end=time(18), room="оқу залы", audience="adults")
    second = make_event(day=DAY, start=time(14), end=time(16), room="Акт залы", audience="youth")
    login_as("branch_staff", library="no-6")
    token = csrf_token(client, "/staff/events/new")
    response = client.post("/staff/events/new", data=form(token))
    assert response.status_code == 302  # saved despite the conflicts
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "The same room is taken" in page
    assert f'href="/staff/events/{first}"' in page
    assert "Another event for the same audience" in page
    assert f'href="/staff/events/{second}"' in page
    response = client.post("/staff/events/new", data=form(token, start_date="2027-03-22"))
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "The library is closed on this day" in page  # Nauryz


def test_other_libraries_and_cancelled_events_do_not_conflict(app, client, login_as, make_event):
    make_event(day=DAY, library_slug="no-8")
    make_event(status="cancelled", day=DAY)
    login_as("branch_staff", library="no-6")
    token = csrf_token(client, "/staff/events/new")
    response = client.post("/staff/events/new", data=form(token))
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "alert-warning" not in page


@pytest.mark.parametrize(
    "bad",
    [
        {"end_time": "15:00"},
        {"end_time": "14:00"},
        {"start_date": "abc"},
        {"start_date": "0001-01-01"},
        {"start_date": "9999-12-31"},
        {"title_kk": "", "title_ru": ""},
        {"description_kk": "ы" * 20_000},
        {"type": "no_such_type"},
        {"library": "no-8"},  # another branch
        {"library": "nowhere"},
        {"audience": "martians"},
        {"title_kk": "a\x00b"},
        {"capacity": "-5"},
    ],
)
def test_bad_input_is_a_clear_400_and_nothing_is_saved(app, client, login_as, bad):
    login_as("branch_staff", library="no-6")
    token = csrf_token(client, "/staff/events/new")
    response = client.post("/staff/events/new", data=form(token, **bad))
    assert response.status_code == 400
    assert 'class="invalid-feedback' in response.get_data(as_text=True) or "alert-danger" in (
        response.get_data(as_text=True)
    )
    assert count_events(app) == 0


def test_extra_fields_cannot_set_status_or_library(app, client, login_as):
    login_as("branch_staff", library="no-6")
    token = csrf_token(client, "/staff/events/new")
    response = client.post(
        "/staff/events/new", data=form(token, status="approved", library_id="3", was_published="1")
    )
    assert response.status_code == 302
    with app.app_context():
        event = db.session.scalar(select(Event))
        assert event.status == "draft"
        assert event.library.slug == "no-6"
        assert not event.was_published


def test_branch_cannot_open_or_edit_another_branchs_event_by_changing_the_id(
    app, client, login_as, make_event
):
    other = make_event(library_slug="no-8")
    login_as("branch_staff", library="no-6")
    token = csrf_token(client, "/staff/events/new")
    assert client.get(f"/staff/events/{other}").status_code == 403
    assert client.get(f"/staff/events/{other}/edit").status_code == 403
    assert client.post(f"/staff/events/{other}/edit", data=form(token)).status_code == 403
    assert client.get("/staff/events/999999").status_code == 404


def test_returning_needs_a_comment_and_shows_it_in_the_history(app, client, login_as, make_event):
    event_id = make_event(status="pending")
    login_as("central_staff")
    token = csrf_token(client, "/staff/")
    response = client.post(f"/staff/events/{event_id}/return", data={"csrf_token": token})
    assert response.status_code == 400
    assert "Say what should be changed" in response.get_data(as_text=True)
    client.post(
        f"/staff/events/{event_id}/return",
        data={"csrf_token": token, "comment": "Уақытын өзгертіңіз"},
    )
    page = client.get(f"/staff/events/{event_id}").get_data(as_text=True)
    assert "Уақытын өзгертіңіз" in page
    assert "Returned" in page
