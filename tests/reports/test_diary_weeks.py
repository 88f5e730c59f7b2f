"""A week's diary in one row: the month's sums and average daily visits stay exact; a week
kept day by day, more open days than the week has, a frozen month are refused."""

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from intranet.extensions import db
from intranet.libraries.models import DiaryDay, MonthlyReport
from intranet.libraries.services import month_weeks
from intranet.reports.queries.diary import total_figures
from tests.conftest import csrf_token
from tests.reports.conftest import library

WEEKS = "/staff/reports/diary/no-6/2025/3?part=weeks"
DAYS = "/staff/reports/diary/no-6/2025/3"
WEEK = {  # 3-9 March 2025, Monday to Sunday: six days open
    "c-3-visits": "120",
    "c-3-readers_new": "4",
    "c-3-issues": "50",
    "c-3-issues_kk": "30",
    "c-3-issues_ru": "20",
    "c-3-days_open": "6",
}

SHOWN: dict = {}  # the daily grid locks (and does not send) a week's cells


def post(client, url: str, cells: dict):
    return client.post(url, data={"csrf_token": csrf_token(client, url), **cells})


@pytest.fixture
def branch(login_as):
    return login_as("branch_staff", library="no-6")


def test_the_weeks_of_a_month_are_cut_at_its_ends():
    weeks = month_weeks(2025, 3)  # 1 March 2025 is a Saturday
    assert weeks[:2] == [(date(2025, 3, 1), date(2025, 3, 2)), (date(2025, 3, 3), date(2025, 3, 9))]
    assert weeks[-1] == (date(2025, 3, 31), date(2025, 3, 31))


def test_a_week_in_one_row_keeps_the_month_exact(app, client, branch):
    page = client.get(WEEKS).get_data(as_text=True)
    assert '<th scope="row" class="fw-normal text-nowrap">3–9</th>' in page
    assert '<th scope="row" class="fw-normal text-nowrap">31</th>' in page
    assert post(client, WEEKS, WEEK).status_code == 302
    # Saturday 1 March by day, beside the week of 3-9.
    assert post(client, DAYS, {**SHOWN, "c-1-visits": "12"}).status_code == 302
    with app.test_request_context():
        march = total_figures(date(2025, 3, 1), date(2025, 4, 1), library("no-6").id)
        assert (march.visits, march.issues, march.readers_new, march.days_open) == (132, 50, 4, 7)
        row = db.session.scalar(select(DiaryDay).where(DiaryDay.day == date(2025, 3, 3)))
        assert (row.period, row.days_open) == ("week", 6)
    weeks = client.get(WEEKS).get_data(as_text=True)
    assert 'name="c-3-visits" inputmode="numeric"' in weeks
    assert 'value="120"' in weeks
    assert 'name="c-1-visits"' in weeks  # the week of 1-2 March, kept by day: its sum, locked
    days = client.get(DAYS).get_data(as_text=True)
    assert 'name="c-4-visits" inputmode="numeric" autocomplete="off"' in days


def test_days_and_weeks_do_not_overlap(app, client, branch):
    post(client, WEEKS, WEEK)
    # A day inside the week of 3-9, and the week's own totals changed in the daily grid.
    for cells in ({**SHOWN, "c-5-visits": "9"}, {**SHOWN, "c-3-visits": "9"}):
        refused = post(client, DAYS, cells)
        assert refused.status_code == 400
        assert "This day is in a week entered as one row." in refused.get_data(as_text=True)
    assert post(client, DAYS, {**SHOWN, "c-10-visits": "9"}).status_code == 302
    refused = post(client, WEEKS, {"c-10-visits": "40", "c-10-days_open": "5"})
    assert "This week is kept day by day: change it in the daily grid." in refused.get_data(
        as_text=True
    )
    refused = post(client, WEEKS, {"c-1-visits": "40", "c-1-days_open": "3"})  # 1-2 March
    assert "The library cannot be open on more days than the week has this month." in (
        refused.get_data(as_text=True)
    )


def test_a_submitted_month_freezes_its_weeks(app, client, branch):
    with app.app_context():
        db.session.add(
            MonthlyReport(library_id=library("no-6").id, year=2025, month=3, status="submitted")
        )
        db.session.commit()
    response = post(client, WEEKS, WEEK)
    assert response.status_code == 409
    with app.app_context():
        assert db.session.scalar(select(DiaryDay)) is None


def test_the_database_keeps_a_day_row_to_one_open_day(app):
    with app.app_context():
        db.session.add(
            DiaryDay(library_id=library("no-6").id, day=date(2025, 3, 3), visits=5, days_open=3)
        )
        with pytest.raises(IntegrityError):
            db.session.flush()
        db.session.rollback()
