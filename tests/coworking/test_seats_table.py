"""The set-up's seats table: every seat a row, saved at once, all rows or none."""

import re

import pytest
from sqlalchemy import select

from intranet.admin.audit_details import details_in_words
from intranet.audit import AuditLog
from intranet.auth.models import User
from intranet.coworking import services
from intranet.coworking.models import Seat
from intranet.coworking.services import SeatData, SeatRow
from intranet.errors import IntranetError, PermissionDenied
from intranet.extensions import db
from tests.coworking.conftest import OTHER, SLUG, get_centre, seats_table

URL = f"/staff/coworking/{SLUG}/seats"


def seats(app, slug: str = SLUG) -> dict[str, tuple[bool, bool]]:
    """Label -> (has power, bookable) of the centre's seats."""
    with app.app_context():
        return {s.label: (s.has_power, s.is_active) for s in get_centre(slug).seats}


def refused(app, client, data: dict) -> str:
    """Post the table, expect it refused with nothing saved; the page shown again."""
    before = seats(app)
    response = client.post(URL, data=data)
    assert response.status_code == 400
    assert seats(app) == before
    return response.get_data(as_text=True)


def new_row(data: dict) -> str:
    """The prefix of the first blank row for a new seat."""
    return next(k for k, v in data.items() if k.endswith("-label") and v == [""]).removesuffix(
        "label"
    )


def test_two_seats_changed_and_one_added_with_one_save(app, client, login_as):
    login_as("coordinator", centres=[SLUG])
    data, rows = seats_table(client)
    data[rows["01"] + "has_power"] = ["y"]
    data[rows["02"] + "label"] = ["B2"]
    data[new_row(data) + "label"] = ["Q1"]
    response = client.post(URL, data=data)
    assert response.status_code == 303
    after = seats(app)
    assert after["01"] == (True, True)
    assert "02" not in after
    assert after["B2"] == (False, True)
    assert after["Q1"] == (False, True)  # a new row is bookable unless unticked
    with app.app_context():
        details = db.session.scalars(
            select(AuditLog.detail).where(AuditLog.action == "coworking.seat")
        ).all()
    assert sorted(details) == ["+Q1", "01: has_power", "B2: label"]
    with app.test_request_context(headers={"Accept-Language": "ru"}), app.app_context():
        entries = db.session.scalars(select(AuditLog).where(AuditLog.action == "coworking.seat"))
        words = sorted(details_in_words(list(entries)).values())
    assert words == ["01. Изменено: Розетка", "B2. Изменено: Обозначение", "Место Q1 добавлено."]


def test_one_bad_row_saves_nothing_and_keeps_what_was_typed(app, client, login_as):
    login_as("coordinator", centres=[SLUG])
    data, rows = seats_table(client)
    data[rows["01"] + "has_power"] = ["y"]
    data[rows["02"] + "label"] = ["03"]  # the label of another seat
    body = refused(app, client, data)
    error_id = rows["02"] + "label-error"
    assert f'id="{error_id}"' in body
    assert "already has a seat with this label" in body.split(f'id="{error_id}"')[1][:200]
    # What was typed stays: the other row's tick and the refused label.
    assert re.search(f'<input checked [^>]*name="{rows["01"]}has_power"', body)
    assert body.count('value="03"') == 2


def test_an_empty_label_is_refused_on_its_row(app, client, login_as):
    login_as("coordinator", centres=[SLUG])
    data, rows = seats_table(client)
    data[rows["01"] + "label"] = [""]
    data[rows["02"] + "has_power"] = ["y"]
    assert "Give the seat a label" in refused(app, client, data)


def test_two_seats_swap_labels_in_one_save(app, client, login_as):
    login_as("coordinator", centres=[SLUG])
    with app.app_context():
        ids = {s.label: s.id for s in get_centre().seats}
    data, rows = seats_table(client)
    data[rows["01"] + "label"], data[rows["02"] + "label"] = ["02"], ["01"]
    assert client.post(URL, data=data).status_code == 303
    with app.app_context():
        assert db.session.get(Seat, ids["01"]).label == "02"
        assert db.session.get(Seat, ids["02"]).label == "01"


@pytest.mark.usefixtures("in_english")
def test_a_label_taken_meanwhile_is_refused_by_the_database(app, make_user):
    admin_id, _email = make_user("admin")
    with app.app_context():
        admin = db.session.get(User, admin_id)
        centre = get_centre()
        assert centre.seats  # read now; another coordinator adds "Z9" before this one saves
        with db.engine.begin() as connection:
            connection.execute(Seat.__table__.insert().values(centre_id=centre.id, label="Z9"))
        rows = [SeatRow(row=7, seat_id=None, data=SeatData(label="Z9"))]
        with pytest.raises(IntranetError, match="already has a seat") as caught:
            services.save_seats(centre, rows, actor=admin)
        assert caught.value.field == "seats-7-label"


def test_a_booked_seat_is_not_removed_and_nothing_else_is_saved(
    app, client, login_as, make_booking
):
    with app.app_context():
        seat_id = get_centre().seats[0].id
    make_booking(seat_id=seat_id)
    login_as("coordinator", centres=[SLUG])
    data, rows = seats_table(client)
    data[rows["01"] + "remove"] = ["y"]
    data[rows["02"] + "has_power"] = ["y"]
    body = refused(app, client, data)
    error = body.split(f'id="{rows["01"]}remove-error"')[1][:300]
    assert "Seat 01 has bookings" in error
    assert "out of service" in error


def test_a_seat_never_booked_is_removed(app, client, login_as):
    login_as("coordinator", centres=[SLUG])
    data, rows = seats_table(client)
    data[rows["03"] + "remove"] = ["y"]
    assert client.post(URL, data=data).status_code == 303
    assert "03" not in seats(app)
    with app.app_context():
        assert (
            db.session.scalar(select(AuditLog.detail).where(AuditLog.action == "coworking.seat"))
            == "-03"
        )


def test_a_seat_of_another_centre_is_refused(app, client, login_as):
    with app.app_context():
        foreign = get_centre(OTHER).seats[0].id
    login_as("coordinator", centres=[SLUG])
    before, before_other = seats(app), seats(app, OTHER)
    data, rows = seats_table(client)
    data[rows["01"] + "seat_id"] = [str(foreign)]
    data[rows["01"] + "label"] = ["X1"]
    assert client.post(URL, data=data).status_code == 403
    assert (seats(app), seats(app, OTHER)) == (before, before_other)


def test_more_rows_keep_what_was_typed_and_save_nothing(app, client, login_as):
    login_as("coordinator", centres=[SLUG])
    before = seats(app)
    data, rows = seats_table(client)
    blanks = sum(1 for k, v in data.items() if k.endswith("-label") and v == [""])
    data[new_row(data) + "label"] = ["Q7"]
    response = client.post(URL, data={**data, "more": "y"})
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert 'value="Q7"' in body
    assert body.count("New seat's label") == blanks + 5  # the typed one is still new
    assert seats(app) == before


def test_permission_is_checked_by_the_services_too(app, make_user):
    user_id, _email = make_user("coordinator", centres=[OTHER])
    with app.app_context():
        actor, centre = db.session.get(User, user_id), get_centre()
        with pytest.raises(PermissionDenied):
            services.save_seats(centre, [], actor=actor)
        with pytest.raises(PermissionDenied):
            services.change_rules(centre, services.rules_of(centre), actor=actor)
