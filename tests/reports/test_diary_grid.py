"""The work diary's month grid and the fund: saving, refusing, freezing, who may."""

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from intranet.extensions import db
from intranet.libraries.models import DiaryDay, LibraryFund, MonthlyReport
from tests.conftest import csrf_token
from tests.reports.conftest import library

GRID = "/staff/reports/diary/no-6/2025/3"
FUND = "/staff/reports/fund/no-6"


def days(app) -> dict[date, DiaryDay]:
    with app.app_context():
        rows = db.session.scalars(select(DiaryDay).order_by(DiaryDay.day))
        return {row.day: row for row in rows}


def post(client, url, cells: dict, token=None):
    data = {"csrf_token": token or csrf_token(client, url), **cells}
    return client.post(url, data=data)


@pytest.fixture
def branch(login_as):
    return login_as("branch_staff", library="no-6")


def test_a_month_of_totals_is_saved_at_once(app, client, branch):
    page = client.get(GRID).get_data(as_text=True)
    assert 'aria-label="Visits, Mon, 3 March"' in page
    response = post(
        client,
        GRID,
        {"c-3-visits": "30", "c-3-issues": "12", "c-3-issues_kk": "10", "c-3-issues_ru": "2"},
    )
    assert response.status_code == 302
    saved = days(app)
    assert list(saved) == [date(2025, 3, 3)]  # empty days get no row
    assert (saved[date(2025, 3, 3)].visits, saved[date(2025, 3, 3)].issues_kk) == (30, 10)
    page = client.get(GRID).get_data(as_text=True)
    assert "The diary has been saved." in page
    assert 'value="30"' in page


def test_figures_that_do_not_add_up_save_nothing(app, client, branch):
    response = post(
        client,
        GRID,
        {
            "c-3-visits": "5",
            "c-4-issues": "12",
            "c-4-issues_kk": "10",  # 10 + 0 + 0 is not 12
        },
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "The issues by language do not add up to the issues." in page
    assert "Nothing was saved: correct the days marked in the grid." in page
    assert 'value="12"' in page  # what was typed stays in the grid
    assert days(app) == {}  # not even the good day 3


# «²» and «①» are digits to str.isdigit() but no number to int(): the fuzz suite found a 500.
@pytest.mark.parametrize("typed", ["-1", "abc", "1.5", "99999999999", "²", "①"])
def test_no_negative_or_text(app, client, branch, typed):
    response = post(client, GRID, {"c-3-visits": typed})
    assert response.status_code == 400
    assert "Figures are whole numbers, 0 or more." in response.get_data(as_text=True)
    assert days(app) == {}


def test_age_bands_and_sections_add_up_to_the_day(app, client, branch):
    post(
        client,
        GRID,
        {"c-3-readers_new": "3", "c-3-visits": "10", "c-3-issues": "4", "c-3-issues_kk": "4"},
    )
    bands = f"{GRID}?part=bands"
    response = post(
        client,
        bands,
        {"c-3-children.readers": "1", "c-3-children.visits": "10", "c-3-children.issues": "4"},
    )
    assert response.status_code == 400
    assert "The age bands do not add up" in response.get_data(as_text=True)
    response = post(
        client,
        bands,
        {
            "c-3-children.readers": "1",
            "c-3-youth.readers": "2",
            "c-3-children.visits": "10",
            "c-3-children.issues": "4",
        },
    )
    assert response.status_code == 302
    sections = f"{GRID}?part=sections"
    response = post(client, sections, {"c-3-fiction": "3"})
    assert "The issues by fund section do not add up" in response.get_data(as_text=True)
    assert post(client, sections, {"c-3-fiction": "3", "c-3-children": "1"}).status_code == 302
    # Changing the day's total now would break its splits: refused.
    response = post(
        client,
        GRID,
        {"c-3-readers_new": "3", "c-3-visits": "10", "c-3-issues": "5", "c-3-issues_kk": "5"},
    )
    assert response.status_code == 400
    assert days(app)[date(2025, 3, 3)].issues == 4


def test_a_submitted_month_is_frozen(app, client, branch):
    token = csrf_token(client, GRID)
    with app.app_context():
        db.session.add(MonthlyReport(library_id=library("no-6").id, year=2025, month=3))
        db.session.commit()
    page = client.get(GRID).get_data(as_text=True)
    assert "its diary is frozen" in page
    assert "Save the diary" not in page
    response = post(client, GRID, {"c-3-visits": "5"}, token)
    assert response.status_code == 409
    assert days(app) == {}


def test_another_branch_cannot_see_or_write(app, client, login_as):
    login_as("branch_staff", library="no-7")
    assert client.get(GRID).status_code == 403
    assert client.get(FUND).status_code == 403


def test_days_ahead_are_not_in_the_grid(app, client, branch):
    assert client.get("/staff/reports/diary/no-6/2100/1").status_code == 200
    assert "This month has not begun yet." in client.get(
        "/staff/reports/diary/no-6/2100/1"
    ).get_data(as_text=True)
    assert client.get(f"{GRID}?part=nothing").status_code == 404


def test_the_database_refuses_what_the_forms_refuse(app):
    with app.app_context():
        lib = library("no-6").id
        for bad in ({"visits": -1}, {"issues": 3, "issues_kk": 1}):
            figures = {"issues": 0, "issues_kk": 0, **bad}
            db.session.add(DiaryDay(library_id=lib, day=date(2025, 3, 1), **figures))
            with pytest.raises(IntegrityError):
                db.session.flush()
            db.session.rollback()
        db.session.add(LibraryFund(library_id=lib, as_of=date(2025, 1, 1), total=5, in_kazakh=6))
        with pytest.raises(IntegrityError):
            db.session.flush()
        db.session.rollback()


def test_the_fund_is_recorded_by_section(app, client, branch):
    page = client.get(FUND).get_data(as_text=True)
    assert "The fund has not been counted yet." in page
    base = {"as_of": "2025-01-01", "total": "1000", "in_kazakh": "400"}
    response = post(client, FUND, {**base, "section_fiction": "900"})
    assert response.status_code == 400
    assert "The sections do not add up to the fund&#39;s total." in response.get_data(as_text=True)
    response = post(client, FUND, {**base, "in_kazakh": "1001"})
    assert "The copies in Kazakh cannot exceed the fund." in response.get_data(as_text=True)
    response = post(client, FUND, {**base, "section_fiction": "900", "section_children": "100"})
    assert response.status_code == 302
    # A second count on the same date replaces the first.
    assert post(client, FUND, {**base, "total": "1100"}).status_code == 302
    with app.app_context():
        funds = list(db.session.scalars(select(LibraryFund)))
        assert [(f.total, f.in_kazakh, len(f.sections)) for f in funds] == [(1100, 400, 0)]
    assert "1,100" in client.get(FUND).get_data(as_text=True)
