"""The monthly report cycle: listing missing attendance, submitting, freezing, returning."""

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from intranet.audit import AuditLog
from intranet.auth.models import User
from intranet.errors import Conflict
from intranet.events import services as event_services
from intranet.events.models import Event
from intranet.extensions import db
from intranet.libraries.models import MonthlyReport
from tests.conftest import csrf_token

MONTH = "/staff/reports/month/no-6/2025/3"


def event_on(app, day: date, slug: str = "no-6") -> int:
    with app.app_context():
        for event in db.session.scalars(select(Event).where(Event.library.has(slug=slug))):
            if event.start_dt.date() == day:
                return event.id
    raise AssertionError(day)


def record(app, user_id: int, event_id: int, total: int = 7) -> None:
    with app.app_context():
        event_services.record_attendance(
            db.session.get(Event, event_id),
            event_services.AttendanceData(total=total),
            actor=db.session.get(User, user_id),
        )
        db.session.commit()


def reports(app) -> list[tuple]:
    with app.app_context():
        return [
            (r.id, r.status, r.return_comment)
            for r in db.session.scalars(select(MonthlyReport).order_by(MonthlyReport.id))
        ]


def audit_count(app, action: str) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).where(AuditLog.action == action))


def post(client, url, **data):
    """Submit the month shown at `url`."""
    return client.post(url + "/submit", data={"csrf_token": csrf_token(client, MONTH), **data})


@pytest.fixture
def branch(march, login_as):
    user_id, _email = login_as("branch_staff", library="no-6")
    return user_id


def test_submission_refused_while_attendance_is_missing(app, client, branch):
    page = client.get(MONTH).get_data(as_text=True)
    assert "Events without attendance" in page
    assert "Submit the report" not in page
    response = post(client, MONTH)
    assert response.status_code == 400
    assert "Record the attendance of 1 ended events first." in response.get_data(as_text=True)
    assert reports(app) == []


def test_submit_freezes_attendance_and_a_return_unfreezes_it(app, client, branch, make_user):
    record(app, branch, event_on(app, date(2025, 3, 25)))  # the missing attendance
    assert "Submit the report" in client.get(MONTH).get_data(as_text=True)
    assert post(client, MONTH).status_code == 302
    ((report_id, status, _c),) = reports(app)
    assert status == "submitted"
    assert audit_count(app, "report.submitted") == 1

    # Submitted twice: refused, still one row.
    again = post(client, MONTH)
    assert again.status_code == 409
    assert "already been submitted" in again.get_data(as_text=True)
    assert len(reports(app)) == 1

    # The month's attendance is frozen, through the service and through the form.
    held = event_on(app, date(2025, 3, 5))
    with pytest.raises(Conflict, match="frozen"):
        record(app, branch, held, total=99)
    form = client.post(
        f"/staff/events/{held}/attendance",
        data={"csrf_token": csrf_token(client, MONTH), "total": "99"},
    )
    assert form.status_code == 409
    assert "frozen" in form.get_data(as_text=True)

    # Central staff return it; a comment is required.
    central_id, central_email = make_user("central_staff")
    from tests.conftest import login

    central = app.test_client()
    central.get("/?lang=en")
    login(central, central_email)
    decide = f"/staff/reports/decide/{report_id}"
    token = csrf_token(central, MONTH)
    response = central.post(decide, data={"csrf_token": token, "decision": "return"})
    assert response.status_code == 400
    assert "Say what to correct" in response.get_data(as_text=True)
    response = central.post(
        decide, data={"csrf_token": token, "decision": "return", "comment": "Check 5 March"}
    )
    assert response.status_code == 302
    assert reports(app) == [(report_id, "returned", "Check 5 March")]
    assert "Check 5 March" in client.get(MONTH).get_data(as_text=True)

    # Unfrozen: the branch corrects the figure and submits again (the same row).
    record(app, branch, held, total=31)
    assert post(client, MONTH).status_code == 302
    assert reports(app) == [(report_id, "submitted", "Check 5 March")]
    response = central.post(decide, data={"csrf_token": token, "decision": "accept"})
    assert response.status_code == 302
    assert reports(app) == [(report_id, "accepted", "")]
    assert audit_count(app, "report.returned") == 1
    assert audit_count(app, "report.accepted") == 1
    # Deciding twice is refused, with a message (the decision form is gone from the page).
    twice = central.post(decide, data={"csrf_token": token, "decision": "accept"})
    assert twice.status_code == 409
    assert "This report has already been decided." in twice.get_data(as_text=True)

    # The city-wide summary now counts no-6's accepted March: 4 held events (3 + 25 March),
    # 31 + 12 + 8 + 7 = 58 people; 20 libraries are still missing March.
    summary = central.get("/staff/reports/export.csv?library=all&period=month&year=2025&month=3")
    text = summary.get_data(as_text=True)
    assert "Total,1,20,4,58" in text.replace("\r", "")


def test_future_and_current_months_are_refused(app, client, branch):
    from intranet.clock import local_today

    today = local_today()
    for year, month in ((today.year, today.month), (today.year + 1, 1)):
        url = f"/staff/reports/month/no-6/{year}/{month}"
        response = client.post(url + "/submit", data={"csrf_token": csrf_token(client, url)})
        assert response.status_code == 400
        assert "only after it has ended" in response.get_data(as_text=True)
    assert reports(app) == []


def test_scope_of_the_cycle(app, client, march, login_as):
    login_as("branch_staff", library="no-8")
    assert client.get(MONTH).status_code == 403
    token = csrf_token(client, "/staff/reports/month/no-8/2025/3")
    assert client.post(MONTH + "/submit", data={"csrf_token": token}).status_code == 403
    assert client.get("/staff/reports/month/nowhere/2025/3").status_code == 404
    assert client.get("/staff/reports/month/no-8/2025/13").status_code == 404
    assert reports(app) == []
    cycle = client.get("/staff/reports/cycle?year=2025&month=3").get_data(as_text=True)
    assert cycle.count("Not submitted") == 1  # its own library only


def test_central_sees_all_21_libraries(app, client, march, login_as):
    login_as("central_staff")
    page = client.get("/staff/reports/cycle?year=2025&month=3").get_data(as_text=True)
    assert page.count("Not submitted") == 21


def test_the_month_and_year_are_chosen_from_lists_in_words(client, login_as):
    login_as("central_staff", language="kk")
    page = client.get("/staff/reports/cycle?year=2025&month=3").get_data(as_text=True)
    months = re.search(r'<select[^>]*id="month".*?</select>', page, re.S).group(0)
    assert months.count("<option") == 12
    assert '<option value="3" selected>Наурыз</option>' in months
    years = re.search(r'<select[^>]*id="year".*?</select>', page, re.S).group(0)
    assert '<option value="2025" selected>2025</option>' in years
    assert 'inputmode="numeric"' not in page  # nothing to type


def test_the_database_holds_the_rules(app, march):
    from sqlalchemy.exc import IntegrityError

    with app.app_context():
        library_id = db.session.scalar(select(Event.library_id).limit(1))
        db.session.add(MonthlyReport(library_id=library_id, year=2025, month=1))
        db.session.commit()
        for bad in (
            MonthlyReport(library_id=library_id, year=2025, month=1),  # twice
            MonthlyReport(library_id=library_id, year=2025, month=2, status="accepted"),
            MonthlyReport(library_id=library_id, year=2025, month=13),
            MonthlyReport(library_id=library_id, year=2025, month=3, status="filed"),
        ):
            db.session.add(bad)
            with pytest.raises(IntegrityError):
                db.session.flush()
            db.session.rollback()
        assert db.session.scalar(select(func.count(MonthlyReport.id))) == 1
