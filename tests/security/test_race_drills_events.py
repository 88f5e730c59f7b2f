"""Race drills of events and monthly reports against a live gunicorn (SQLite or PostgreSQL).

Two central staff approving one event, approve against return, two decisions on one monthly
report, and a month submitted while an event of it is being approved: exactly one side wins,
the other is told (409 or 400, never 5xx), and nothing is written twice.
"""

from datetime import date, timedelta

from sqlalchemy import func, select

from intranet.audit import AuditLog
from intranet.clock import local_today
from intranet.events import services
from intranet.events.models import Event, EventTransition, Status
from intranet.events.seed import seed_event_types
from intranet.extensions import db
from intranet.libraries.models import Library, MonthlyReport
from tests.events.conftest import event_data, walk_to
from tests.security.test_race_drills import at_once, server, signed_in  # noqa: F401 - fixture


def pending_event(app, day: date | None = None) -> int:
    with app.app_context():
        seed_event_types()
        event = services.create_event(
            event_data(day=day or local_today() + timedelta(days=9)), actor=None
        )
        walk_to(event, Status.PENDING)
        db.session.commit()
        return event.id


def event_state(app, event_id: int) -> dict:
    with app.app_context():
        event = db.session.get(Event, event_id)
        moves = db.session.scalars(
            select(EventTransition.to_status).where(
                EventTransition.event_id == event_id,
                EventTransition.from_status == Status.PENDING,
            )
        ).all()
        approvals = db.session.scalar(
            select(func.count()).where(
                AuditLog.action == "event.approve", AuditLog.target == f"event:{event_id}"
            )
        )
        return {
            "status": event.status,
            "published": event.was_published,
            "sequence": event.sequence,
            "moves": moves,
            "approvals": approvals,
        }


def post_step(browser, event_id: int, step: str, token: str):
    data = {"csrf_token": token, "comment": "Уақытын нақтылаңыз"}
    return lambda: browser.request(f"/staff/events/{event_id}/{step}", data)[0]


def test_two_central_staff_approving_one_event(app, server, make_user):  # noqa: F811
    a = signed_in(server, make_user("central_staff")[1])
    b = signed_in(server, make_user("central_staff")[1])
    for _ in range(3):
        event_id = pending_event(app)
        before = event_state(app, event_id)["sequence"]
        tokens = [x.csrf_token("/staff/events/queue") for x in (a, b)]
        statuses = at_once(post_step(a, event_id, "approve", tokens[0]),
                           post_step(b, event_id, "approve", tokens[1]))  # fmt: skip
        assert sorted(statuses) == [302, 409], statuses  # the loser was told
        state = event_state(app, event_id)
        assert state["moves"] == [Status.APPROVED]
        assert state["approvals"] == 1
        assert state["sequence"] == before + 1


def test_approve_against_return_leaves_one_decision(app, server, make_user):  # noqa: F811
    a = signed_in(server, make_user("central_staff")[1])
    b = signed_in(server, make_user("central_staff")[1])
    outcomes = set()
    for _ in range(6):
        event_id = pending_event(app)
        before = event_state(app, event_id)["sequence"]
        tokens = [x.csrf_token("/staff/events/queue") for x in (a, b)]
        statuses = at_once(post_step(a, event_id, "approve", tokens[0]),
                           post_step(b, event_id, "return", tokens[1]))  # fmt: skip
        assert sorted(statuses) == [302, 409], statuses
        state = event_state(app, event_id)
        assert len(state["moves"]) == 1
        assert state["status"] == state["moves"][0]
        # Published exactly when approved: never "returned but published".
        assert state["published"] == (state["status"] == Status.APPROVED)
        assert state["sequence"] == before + 1
        outcomes.add(state["status"])
    assert outcomes <= {Status.APPROVED, Status.RETURNED}


def test_two_decisions_on_one_monthly_report(app, server, make_user):  # noqa: F811
    a = signed_in(server, make_user("central_staff")[1])
    b = signed_in(server, make_user("central_staff")[1])
    with app.app_context():
        library = db.session.scalar(select(Library).where(Library.slug == "no-9"))
        reports = [MonthlyReport(library_id=library.id, year=2025, month=m) for m in (1, 2, 3)]
        db.session.add_all(reports)
        db.session.commit()
        ids = [r.id for r in reports]
    for report_id in ids:
        month = "/staff/reports/month/no-9/2025/1"
        tokens = [x.csrf_token(month) for x in (a, b)]
        path = f"/staff/reports/decide/{report_id}"
        statuses = at_once(
            lambda p=path, t=tokens[0]: a.request(p, {"csrf_token": t, "decision": "accept"})[0],
            lambda p=path, t=tokens[1]: b.request(
                p, {"csrf_token": t, "decision": "return", "comment": "Қате"}
            )[0],
        )
        assert sorted(statuses) == [302, 409], statuses
        with app.app_context():
            decisions = db.session.scalar(
                select(func.count()).where(
                    AuditLog.action.in_(("report.accepted", "report.returned")),
                    AuditLog.target.like("report no-9 2025-%"),
                )
            )
        assert decisions == ids.index(report_id) + 1


def test_a_month_submitted_while_one_of_its_events_is_approved(app, server, make_user):  # noqa: F811
    """Either the approval comes first (the month then lacks that event's attendance and is
    not submitted) or the submission does (the approval is refused): never both."""
    branch = signed_in(server, make_user("branch_staff", library="no-6")[1])
    central = signed_in(server, make_user("central_staff")[1])
    first = local_today().replace(day=1)
    outcomes = set()
    for back in range(1, 5):
        month_start = first
        for _ in range(back):
            month_start = (month_start - timedelta(days=1)).replace(day=1)
        event_id = pending_event(app, day=month_start + timedelta(days=4))
        page = f"/staff/reports/month/no-6/{month_start.year}/{month_start.month}"
        branch_token = branch.csrf_token(page)
        central_token = central.csrf_token("/staff/events/queue")
        statuses = at_once(
            lambda p=page, t=branch_token: branch.request(p + "/submit", {"csrf_token": t})[0],
            post_step(central, event_id, "approve", central_token),
        )
        assert all(s < 500 for s in statuses), statuses
        with app.app_context():
            report = db.session.scalar(
                select(MonthlyReport).where(
                    MonthlyReport.year == month_start.year,
                    MonthlyReport.month == month_start.month,
                )
            )
            status = db.session.get(Event, event_id).status
        submitted, approved = report is not None, status == Status.APPROVED
        assert not (submitted and approved), statuses  # an approved event with no attendance
        assert submitted or approved, statuses  # one of them went through
        outcomes.add("submitted first" if submitted else "approved first")
    assert outcomes
