"""Every event decision is one conditional UPDATE: of two racing, one wins, the other is told.

"Meanwhile" runs the other person's step for real, in another thread with its own app context
and database connection, between our reading of the event and our decision. (The live-server
drills in tests/security/test_race_drills.py fire them truly at once.)
"""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from intranet.audit import AuditLog
from intranet.clock import local_today
from intranet.errors import Conflict
from intranet.events import services
from intranet.events.models import Event, EventTransition, Status
from intranet.extensions import db
from tests.conftest import csrf_token, login
from tests.events.conftest import (
    edited,
    event_data,
    get_event,
    get_user,
    walk_to,
    weekly_open_start,
)
from tests.meanwhile import in_english, meanwhile

DECIDED = "Someone else has already decided on this event"


def state(event_id: int) -> dict:
    """What a user could notice of an event: status, publication, SEQUENCE, history, audit."""
    db.session.rollback()
    event = get_event(event_id)
    db.session.refresh(event)
    audits = db.session.scalars(
        select(AuditLog.action).where(AuditLog.target == f"event:{event_id}")
    ).all()
    return {
        "status": event.status,
        "published": event.was_published,
        "sequence": event.sequence,
        "history": [t.to_status for t in event.transitions],
        "audit": sorted(audits),
    }


@pytest.fixture
def central(make_user):
    return make_user("central_staff")[0], make_user("central_staff")[0]


def test_approve_racing_return_leaves_one_decision_and_no_false_publication(
    app, make_event, central
):
    first, second = central
    event_id = make_event(status=Status.PENDING)
    with in_english(app):
        before = state(event_id)
        event = get_event(event_id)
        assert event.can_approve(get_user(first))  # what our page showed
        meanwhile(
            app,
            lambda: services.return_event(
                get_event(event_id), actor=get_user(second), comment="Залды көрсетіңіз"
            ),
        )
        with pytest.raises(Conflict, match=DECIDED):
            services.approve_event(event, actor=get_user(first))
        after = state(event_id)
    assert after["status"] == Status.RETURNED
    assert after["published"] is False  # not "returned but published" any more
    assert after["history"] == [*before["history"], Status.RETURNED]
    assert after["sequence"] == before["sequence"] + 1
    assert "event.approve" not in after["audit"]


def test_two_approvals_make_one_transition_one_audit_entry_and_one_sequence_step(
    app, make_event, central
):
    first, second = central
    event_id = make_event(status=Status.PENDING)
    with in_english(app):
        before = state(event_id)
        event = get_event(event_id)
        meanwhile(app, lambda: services.approve_event(get_event(event_id), actor=get_user(second)))
        with pytest.raises(Conflict, match=DECIDED):
            services.approve_event(event, actor=get_user(first))
        after = state(event_id)
    assert after["history"] == [*before["history"], Status.APPROVED]
    assert after["audit"].count("event.approve") == 1
    assert after["sequence"] == before["sequence"] + 1


@pytest.mark.parametrize(
    ("theirs", "ours", "result"),
    [
        ("cancel", "approve", Status.CANCELLED),
        ("approve", "cancel", Status.APPROVED),
        ("submit", "cancel", Status.PENDING),
        ("submit", "submit", Status.PENDING),
    ],
)
def test_any_step_that_lost_writes_nothing(app, make_event, make_user, theirs, ours, result):
    start = Status.PENDING if "approve" in (theirs, ours) else Status.DRAFT
    event_id = make_event(status=start)
    other, me = make_user("central_staff")[0], make_user("central_staff")[0]

    def act(step, event, user):
        if step == "cancel":
            services.cancel_event(event, actor=user, reason="Автор ауырып қалды")
        else:
            getattr(services, f"{step}_event")(event, actor=user)

    with in_english(app):
        before = state(event_id)
        event = get_event(event_id)
        meanwhile(app, lambda: act(theirs, get_event(event_id), get_user(other)))
        with pytest.raises(Conflict, match=DECIDED):
            act(ours, event, get_user(me))
        after = state(event_id)
    assert after["status"] == result
    assert len(after["history"]) == len(before["history"]) + 1
    assert after["sequence"] == before["sequence"] + 1


def test_an_edit_made_on_a_status_that_has_moved_on_is_refused(app, make_event, central):
    first, second = central
    event_id = make_event(status=Status.PENDING)
    with in_english(app):
        event = get_event(event_id)
        meanwhile(app, lambda: services.approve_event(get_event(event_id), actor=get_user(second)))
        with pytest.raises(Conflict, match=DECIDED):
            services.update_event(
                event, edited(event, title_kk="Басқа атау"), actor=get_user(first)
            )
        db.session.rollback()
        assert get_event(event_id).title_kk == "Поэзия сағаты"


def test_attendance_recorded_twice_at_once_is_one_record_not_a_server_error(
    app, make_event, make_user
):
    event_id = make_event(status=Status.APPROVED, day=local_today() - timedelta(days=2))
    one = make_user("branch_staff", library="no-6")[0]
    two = make_user("branch_staff", library="no-6")[0]
    with in_english(app):
        event = get_event(event_id)
        meanwhile(
            app,
            lambda: services.record_attendance(
                get_event(event_id), services.AttendanceData(total=20), actor=get_user(one)
            ),
        )
        with pytest.raises(Conflict, match=DECIDED):
            services.record_attendance(
                event, services.AttendanceData(total=35), actor=get_user(two)
            )
        after = state(event_id)
        assert get_event(event_id).attendance.total == 20
    assert after["history"].count(Status.HELD) == 1


def test_a_series_step_leaves_occurrences_someone_else_decided(app, make_user):
    first, second = make_user("central_staff")[0], make_user("central_staff")[0]
    with in_english(app):
        _series, events = services.create_series(
            event_data(day=weekly_open_start(local_today() + timedelta(days=7), 3)),
            services.SeriesData(repeat="weekly", occurrences=3),
            actor=None,
        )
        for event in events:
            walk_to(event, Status.PENDING)
        db.session.commit()
        clicked, taken, last = (e.id for e in events)
        event = get_event(clicked)
        assert [e.status for e in services.scope_events(event, "all")] == [Status.PENDING] * 3
        meanwhile(
            app,
            lambda: services.return_event(get_event(taken), actor=get_user(second), comment="—"),
        )
        changed, skipped = services.act_on_scope(
            event, actor=get_user(first), action="approve", scope="all"
        )
        db.session.commit()
        assert (changed, skipped) == (2, 1)
        assert state(taken)["status"] == Status.RETURNED
        assert state(taken)["published"] is False
        assert state(last)["status"] == Status.APPROVED

        # If the occurrence the step was asked on is the one taken, nothing is done at all.
        event = get_event(last)
        meanwhile(
            app,
            lambda: services.cancel_event(get_event(last), actor=get_user(second), reason="—"),
        )
        before = state(clicked)
        with pytest.raises(Conflict, match=DECIDED):
            services.act_on_scope(
                event, actor=get_user(first), action="cancel", scope="all", comment="Жоқ"
            )
        assert state(clicked) == before


def test_the_second_approver_is_told_and_nothing_is_written(app, client, make_event, make_user):
    """Two central staff open the queue; the second clicks Approve after the first."""
    event_id = make_event(status=Status.PENDING)
    first, second = app.test_client(), client
    for browser in (first, second):
        browser.get("/?lang=en")
        login(browser, make_user("central_staff")[1])
    tokens = [csrf_token(b, "/staff/events/queue") for b in (first, second)]
    assert (
        first.post(
            f"/staff/events/{event_id}/approve", data={"csrf_token": tokens[0], "next": "queue"}
        ).status_code
        == 302
    )
    late = second.post(
        f"/staff/events/{event_id}/approve", data={"csrf_token": tokens[1], "next": "queue"}
    )
    assert late.status_code == 409
    page = late.get_data(as_text=True)
    assert DECIDED in page
    assert "it is now: Approved. Nothing was changed." in page
    with in_english(app):
        approvals = db.session.scalar(
            select(func.count())
            .select_from(EventTransition)
            .where(EventTransition.event_id == event_id, EventTransition.to_status == "approved")
        )
        audits = db.session.scalar(
            select(func.count()).where(
                AuditLog.action == "event.approve", AuditLog.target == f"event:{event_id}"
            )
        )
        denials = db.session.scalar(select(func.count()).where(AuditLog.action == "access.denied"))
    assert (approvals, audits, denials) == (1, 1, 0)  # a late click is no access violation


def test_events_table_is_untouched_by_a_refused_step(app, client, make_event, login_as):
    """Someone outside the event's library is refused (403) before any decision is looked at."""
    event_id = make_event(status=Status.APPROVED, library_slug="no-6")
    login_as("branch_staff", library="no-8")
    token = csrf_token(client, "/staff/")
    response = client.post(
        f"/staff/events/{event_id}/cancel", data={"csrf_token": token, "comment": "x"}
    )
    assert response.status_code == 403
    with in_english(app):
        assert db.session.get(Event, event_id).status == Status.APPROVED
