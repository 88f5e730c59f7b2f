"""Series: dates, closed days skipped with a note, limits, and edits of one/following/all."""

from datetime import date, time, timedelta

import pytest
from sqlalchemy import select

from intranet.clock import local_today, to_local
from intranet.errors import IntranetError
from intranet.events import services
from intranet.events.models import Event, Status
from intranet.extensions import db
from intranet.libraries.models import ClosedDay
from tests.conftest import csrf_token
from tests.events.conftest import event_data, get_event, walk_to, weekly_open_start

SPRING = date(2027, 4, 5)  # six Mondays without a public holiday


def test_occurrence_dates_weekly_biweekly_monthly():
    first = date(2027, 1, 31)
    assert services.occurrence_dates(first, "weekly", count=3) == [
        date(2027, 1, 31),
        date(2027, 2, 7),
        date(2027, 2, 14),
    ]
    assert services.occurrence_dates(first, "biweekly", until=date(2027, 3, 1)) == [
        date(2027, 1, 31),
        date(2027, 2, 14),
        date(2027, 2, 28),
    ]
    # The 31st falls back to the month's last day, and returns to the 31st after.
    assert services.occurrence_dates(first, "monthly", count=3) == [
        date(2027, 1, 31),
        date(2027, 2, 28),
        date(2027, 3, 31),
    ]


@pytest.mark.parametrize(
    ("kwargs"),
    [
        {"count": 201},
        {"count": 10_000},
        {"until": date(2099, 1, 1)},
        {"count": 0},
        {},
    ],
)
def test_too_many_or_no_end_is_refused(kwargs):
    with pytest.raises(IntranetError):
        services.occurrence_dates(date(2027, 1, 4), "weekly", **kwargs)


def _series(app, count=6, **overrides):
    with app.app_context():
        day = overrides.pop("day", SPRING)
        _s, events = services.create_series(
            event_data(day=day, **overrides),
            services.SeriesData(repeat="weekly", occurrences=count),
            actor=None,
        )
        db.session.commit()
        return [e.id for e in events]


def test_closed_days_are_skipped_with_a_visible_note(app, client, login_as):
    first = SPRING
    with app.app_context():
        db.session.add(
            ClosedDay(
                day=first + timedelta(weeks=2),
                kind="sanitary",
                reason_kk="Санитарлық күн",
                reason_ru="Санитарный день",
            )
        )
        db.session.commit()
    ids = _series(app, count=5, day=first)
    assert len(ids) == 4
    login_as("branch_staff", library="no-6")
    page = client.get(f"/staff/events/{ids[0]}").get_data(as_text=True)
    assert "Not planned on" in page
    assert "the library is closed" in page


def test_series_through_the_form_and_a_10000_series_refused(app, client, login_as):
    login_as("branch_staff", library="no-6")
    token = csrf_token(client, "/staff/events/new")
    day = SPRING
    form = {
        "csrf_token": token,
        "type": "club_meeting",
        "library": "no-6",
        "room": "Коворкинг",
        "start_date": day.isoformat(),
        "start_time": "16:00",
        "end_time": "17:30",
        "title_kk": "Кітап құрттары",
        "audience": "youth",
        "language": "kk",
        "club": "bookworms",
        "campaign": "",
        "repeat": "biweekly",
        "occurrences": "10000",
    }
    response = client.post("/staff/events/new", data=form)
    assert response.status_code == 400
    assert "at most 200" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Event.id)) is None  # nothing half-saved
    response = client.post(
        "/staff/events/new",
        data={**form, "occurrences": "", "until_date": (day + timedelta(weeks=8)).isoformat()},
    )
    assert response.status_code == 302
    with app.app_context():
        events = db.session.scalars(select(Event).order_by(Event.start_dt)).all()
        assert len(events) == 5
        assert {to_local(e.start_dt).time() for e in events} == {time(16, 0)}
        assert events[0].club.slug == "bookworms"


def _edit(client, token, event_id, scope, start="18:00", title="Өзгерді"):
    with client.application.app_context():
        event = get_event(event_id)
        day = to_local(event.start_dt).date()
    return client.post(
        f"/staff/events/{event_id}/edit",
        data={
            "csrf_token": token,
            "type": "club_meeting",
            "library": "no-6",
            "room": "Коворкинг",
            "start_date": day.isoformat(),
            "start_time": start,
            "end_time": "19:00",
            "title_kk": title,
            "audience": "youth",
            "language": "kk",
            "club": "",
            "campaign": "",
            "scope": scope,
        },
    )


@pytest.mark.parametrize(
    ("scope", "changed"), [("one", [2]), ("following", [2, 3, 4, 5]), ("all", [0, 1, 2, 3, 4, 5])]
)
def test_edit_one_following_or_all(app, client, login_as, scope, changed):
    ids = _series(app)
    login_as("branch_staff", library="no-6")
    token = csrf_token(client, "/staff/")
    assert _edit(client, token, ids[2], scope).status_code == 302
    with app.app_context():
        for index, event_id in enumerate(ids):
            event = get_event(event_id)
            local = to_local(event.start_dt)
            if index in changed:
                assert (event.title_kk, local.hour) == ("Өзгерді", 18), (scope, index)
            else:
                assert (event.title_kk, local.hour) == ("Поэзия сағаты", 15), (scope, index)
            # Dates stay on their own week.
            assert local.date() == to_local(get_event(ids[0]).start_dt).date() + timedelta(
                weeks=index
            )


@pytest.mark.parametrize(
    ("scope", "cancelled"),
    [("one", [1]), ("following", [1, 2, 3, 4, 5]), ("all", [0, 1, 2, 3, 4, 5])],
)
def test_cancel_one_following_or_all(app, client, login_as, scope, cancelled):
    ids = _series(app)
    login_as("central_staff")
    token = csrf_token(client, "/staff/")
    response = client.post(
        f"/staff/events/{ids[1]}/cancel",
        data={"csrf_token": token, "comment": "Жөндеу", "scope": scope},
    )
    assert response.status_code == 302
    with app.app_context():
        statuses = [get_event(i).status for i in ids]
    assert [i for i, s in enumerate(statuses) if s == Status.CANCELLED] == cancelled


def test_series_edit_leaves_held_occurrences_alone(app, client, login_as):
    with app.app_context():
        first = weekly_open_start(local_today() - timedelta(days=8), 3, step=-1)
    ids = _series(app, count=3, day=first)
    with app.app_context():
        walk_to(get_event(ids[0]), Status.HELD)
        db.session.commit()
    login_as("central_staff")
    token = csrf_token(client, "/staff/")
    response = _edit(client, token, ids[1], "all")
    assert response.status_code == 302
    with app.app_context():
        assert get_event(ids[0]).title_kk == "Поэзия сағаты"
        assert get_event(ids[2]).title_kk == "Өзгерді"


def test_approve_the_whole_series_in_one_step(app, client, login_as):
    ids = _series(app, count=4)
    with app.app_context():
        for event_id in ids:
            walk_to(get_event(event_id), Status.PENDING)
        db.session.commit()
    login_as("central_staff")
    token = csrf_token(client, "/staff/")
    client.post(f"/staff/events/{ids[0]}/approve", data={"csrf_token": token, "scope": "all"})
    with app.app_context():
        assert {get_event(i).status for i in ids} == {Status.APPROVED}


def test_moving_this_and_the_following_by_a_day_keeps_the_rhythm(app, client, login_as):
    ids = _series(app, count=4)
    login_as("central_staff")
    token = csrf_token(client, "/staff/")
    response = client.post(
        f"/staff/events/{ids[1]}/edit",
        data={
            "csrf_token": token,
            "type": "club_meeting",
            "library": "no-6",
            "room": "Коворкинг",
            "start_date": (SPRING + timedelta(weeks=1, days=1)).isoformat(),
            "start_time": "15:00",
            "end_time": "17:00",
            "title_kk": "Сейсенбіге көшті",
            "audience": "youth",
            "language": "kk",
            "club": "",
            "campaign": "",
            "scope": "following",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        days = [to_local(get_event(i).start_dt).date() for i in ids]
    assert days == [
        SPRING,
        SPRING + timedelta(days=8),
        SPRING + timedelta(days=15),
        SPRING + timedelta(days=22),
    ]
