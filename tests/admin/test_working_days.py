"""The moved working days screen: central staff add, change and remove them; errors by fields."""

from datetime import time

from sqlalchemy import select

from intranet.audit import AuditLog
from intranet.extensions import db
from intranet.libraries.models import WorkingDay
from tests.conftest import csrf_token
from tests.libraries.working_days import quiet_saturday

URL = "/staff/admin/working-days/"


def _form(client, saturday, **changes) -> dict:
    return {
        "csrf_token": csrf_token(client, URL),
        "day": saturday.isoformat(),
        "library": "no-8",
        "works_as": "mon",
        "opens": "",
        "closes": "",
        "reason_kk": "Жұмыс күнін ауыстыру",
        "reason_ru": "Перенос рабочего дня",
        **changes,
    }


def test_central_staff_add_change_and_remove_a_working_day(app, client, login_as):
    login_as("central_staff")
    with app.app_context():
        saturday = quiet_saturday()
    response = client.post(URL, data=_form(client, saturday))
    assert response.status_code == 302
    page = client.get(f"{URL}?lang=ru").get_data(as_text=True)
    assert "Перенос рабочего дня" in page
    assert "по графику дня «Понедельник»" in page
    with app.app_context():
        row = db.session.scalars(select(WorkingDay)).one()
        row_id = row.id
    edit = client.get(f"{URL}{row_id}?lang=en").get_data(as_text=True)
    assert "Change the working day" in edit
    changed = _form(client, saturday, works_as="", opens="10:00", closes="14:00")
    assert client.post(f"{URL}{row_id}", data=changed).status_code == 302
    with app.app_context():
        row = db.session.get(WorkingDay, row_id)
        assert (row.works_as, row.opens, row.closes) == (None, time(10), time(14))
    client.post(f"{URL}{row_id}/delete", data={"csrf_token": csrf_token(client, URL)})
    with app.app_context():
        assert db.session.get(WorkingDay, row_id) is None
        actions = db.session.scalars(
            select(AuditLog.action).where(AuditLog.action.like("working_day.%"))
        ).all()
        assert actions == ["working_day.add", "working_day.edit", "working_day.remove"]


def test_mistakes_are_shown_next_to_their_fields(app, client, login_as):
    login_as("admin")
    with app.app_context():
        saturday = quiet_saturday()
    for changes, words in (
        ({"works_as": ""}, "Choose the weekday whose hours apply"),
        ({"works_as": "", "opens": "18:00", "closes": "09:00"}, "after the opening time"),
        ({"reason_kk": "", "reason_ru": ""}, "Give the reason in Kazakh or Russian"),
        ({"day": "2027-02-30"}, 'id="day-error"'),
    ):
        response = client.post(f"{URL}?lang=en", data=_form(client, saturday, **changes))
        assert response.status_code == 400, changes
        assert words in response.get_data(as_text=True), changes
    assert client.post(URL, data=_form(client, saturday)).status_code == 302
    again = client.post(f"{URL}?lang=en", data=_form(client, saturday))
    assert again.status_code == 400
    assert "already a working day" in again.get_data(as_text=True)
    with app.app_context():
        assert len(db.session.scalars(select(WorkingDay)).all()) == 1


def test_the_closed_days_page_links_to_the_working_days(client, login_as):
    login_as("central_staff")
    page = client.get("/staff/admin/closed-days?lang=en").get_data(as_text=True)
    assert f'href="{URL}"' in page
