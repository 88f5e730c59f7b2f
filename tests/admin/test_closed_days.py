"""Closed days are editable data (holidays move every year)."""

from datetime import date

from sqlalchemy import select

from intranet.extensions import db
from intranet.libraries.models import ClosedDay
from intranet.libraries.services import closed_day, closed_days
from tests.conftest import csrf_token


def test_central_staff_add_and_remove_a_closed_day(app, client, login_as):
    login_as("central_staff")
    token = csrf_token(client, "/staff/admin/closed-days")
    response = client.post(
        "/staff/admin/closed-days",
        data={
            "csrf_token": token,
            "day": "2027-05-17",
            "library": "no-8",
            "kind": "closure",
            "reason_kk": "Жөндеу",
            "reason_ru": "Ремонт",
        },
    )
    assert response.status_code == 302
    assert "Ремонт" in client.get("/staff/admin/closed-days?lang=ru").get_data(as_text=True)
    with app.app_context():
        row = db.session.scalar(select(ClosedDay).where(ClosedDay.day == date(2027, 5, 17)))
        assert row.library.slug == "no-8"
        assert closed_day(date(2027, 5, 17), row.library_id) is not None
        assert closed_day(date(2027, 5, 17), None) is None  # not city-wide
        row_id = row.id
    client.post(f"/staff/admin/closed-days/{row_id}/delete", data={"csrf_token": token})
    with app.app_context():
        assert db.session.get(ClosedDay, row_id) is None


def test_duplicate_and_bad_input_are_clear_errors(app, client, login_as):
    login_as("admin")
    token = csrf_token(client, "/staff/admin/closed-days")
    data = {
        "csrf_token": token,
        "day": "2027-03-22",
        "library": "",
        "kind": "holiday",
        "reason_kk": "Наурыз",
        "reason_ru": "Наурыз",
    }
    response = client.post("/staff/admin/closed-days", data=data)  # seeded already
    assert "already marked as closed" in response.get_data(as_text=True)
    for bad in (
        {"day": "2027-02-30"},
        {"day": "abc"},
        {"day": "0001-01-01"},
        {"reason_kk": "", "reason_ru": ""},
    ):
        response = client.post(
            "/staff/admin/closed-days", data={**data, "day": "2027-06-02", **bad}
        )
        assert response.status_code == 200
    with app.app_context():
        assert db.session.scalar(select(ClosedDay).where(ClosedDay.day == date(2027, 6, 2))) is None


def test_city_wide_holidays_apply_to_every_library(app):
    with app.app_context():
        days = closed_days(date(2027, 3, 1), date(2027, 3, 31), library_id=5)
        assert {d.day for d in days.values()} >= {date(2027, 3, 8), date(2027, 3, 21)}


def test_branch_staff_cannot_edit_closed_days(client, login_as):
    login_as("branch_staff", library="no-6")
    assert client.get("/staff/admin/closed-days").status_code == 403
