"""Every staff form takes back what it shows: 0 is a number, bad numbers get one clear error."""

import importlib
import pkgutil
from datetime import timedelta

import pytest
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from wtforms import BooleanField, DecimalField, FloatField, IntegerField
from wtforms.fields.core import UnboundField
from wtforms.validators import DataRequired

import intranet
from intranet.admin.services import NewAccountRequest, create_account
from intranet.audit import AuditLog
from intranet.clock import local_today
from intranet.events.models import Attendance, Campaign, Status
from intranet.extensions import db
from tests.conftest import csrf_token
from tests.coworking.conftest import SLUG, get_centre
from tests.events import conftest as events
from tests.events.conftest import get_event, walk_to
from tests.html_forms import page_form

SETUP = f"/staff/coworking/{SLUG}/setup"
# The events fixtures (the seeded event types and make_event) serve this module too.
_event_types, make_event = events._event_types, events.make_event


def _forms() -> list[type]:
    for module in pkgutil.walk_packages(intranet.__path__, "intranet."):
        if module.name.endswith("forms") or "forms_" in module.name:
            importlib.import_module(module.name)
    found, todo = [], [FlaskForm]
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        found += [cls] if cls.__module__.startswith("intranet.") else []
    return found


def test_no_number_or_tick_box_uses_data_required():
    """DataRequired tests truthiness: it refuses 0 and an unticked box as 'required'."""
    numeric = (IntegerField, DecimalField, FloatField, BooleanField)
    wrong = []
    for form in _forms():
        for name in dir(form):
            field = getattr(form, name, None)
            if isinstance(field, UnboundField) and issubclass(field.field_class, numeric):
                validators = field.kwargs.get("validators") or ()
                if any(isinstance(v, DataRequired) for v in validators):
                    wrong.append(f"{form.__name__}.{name}")
    assert _forms(), "no forms found"
    assert not wrong, f"use whole_number() or InputRequired on: {wrong}"


# Each row: how to reach one staff form holding seeded or saved values, and who may use it.
def _rules(app, make_event):
    return "coordinator", {"centres": [SLUG]}, SETUP, SETUP, None


def _hours(app, make_event):
    return "coordinator", {"centres": [SLUG]}, SETUP, f"/staff/coworking/{SLUG}/hours", None


def _seats(app, make_event):
    return "coordinator", {"centres": [SLUG]}, SETUP, f"/staff/coworking/{SLUG}/seats", None


def _event(app, make_event):
    event_id = make_event(capacity=30)
    return "branch_staff", {"library": "no-6"}, f"/staff/events/{event_id}/edit", "", None


def _attendance_of_nobody(app, make_event):
    event_id = make_event(status=Status.APPROVED, day=local_today() - timedelta(days=2))
    with app.app_context():
        event = get_event(event_id)
        walk_to(event, Status.HELD)
        event.attendance.total = 0  # nobody came: a real answer, not a missing one
        db.session.commit()
    url = f"/staff/events/{event_id}/attendance"
    return "branch_staff", {"library": "no-6"}, url, "", None


def _user(app, make_event):
    with app.app_context():
        request = NewAccountRequest(
            email="edited@test.kz",
            password="long enough pw",
            full_name="Әлия Нұрланқызы",
            role="branch_staff",
            library="no-8",
        )
        user = create_account(request, actor=None)
        db.session.commit()
        user_id = user.id
    return "admin", {}, f"/staff/admin/users/{user_id}", "", None


def _account_language(app, make_event):
    return "central_staff", {}, "/staff/account", "", "lang-language"


UNCHANGED = [
    ("coworking rules", _rules),
    ("coworking hours", _hours),
    ("coworking seats", _seats),
    ("event", _event),
    ("attendance of 0", _attendance_of_nobody),
    ("user account", _user),
    ("own language", _account_language),
]


@pytest.mark.parametrize("arrange", [row[1] for row in UNCHANGED], ids=[r[0] for r in UNCHANGED])
def test_form_saved_unchanged_succeeds(app, client, login_as, make_event, arrange):
    role, scope, page, action, field = arrange(app, make_event)
    login_as(role, **scope)
    html = client.get(page).get_data(as_text=True)
    data = page_form(html, action, field)
    response = client.post(action or page, data=data)
    body = response.get_data(as_text=True)
    assert response.status_code in (302, 303), body[body.find("<main") :][:3000]


def _rules_data(client, **changes) -> dict:
    data = page_form(client.get(SETUP).get_data(as_text=True), SETUP).to_dict(flat=False)
    return {**data, **changes}


def test_zero_notice_grace_and_block_days_are_saved(app, client, login_as):
    login_as("coordinator", centres=[SLUG])
    data = _rules_data(client, min_notice_minutes="0", grace_minutes="0", block_days="0")
    assert client.post(SETUP, data=data).status_code == 303
    with app.app_context():
        centre = get_centre()
        assert (centre.min_notice_minutes, centre.grace_minutes, centre.block_days) == (0, 0, 0)


def test_attendance_of_zero_is_recorded(app, client, login_as, make_event):
    event_id = make_event(status=Status.APPROVED, day=local_today() - timedelta(days=1))
    login_as("branch_staff", library="no-6")
    url = f"/staff/events/{event_id}/attendance"
    response = client.post(url, data={"csrf_token": csrf_token(client, url), "total": "0"})
    assert response.status_code == 302
    with app.app_context():
        event = get_event(event_id)
        assert event.status == Status.HELD
        assert event.attendance.total == 0


def test_campaign_with_a_target_of_zero_is_saved(app, client, login_as):
    login_as("central_staff")
    url = "/staff/events/campaigns"
    data = {
        "csrf_token": csrf_token(client, url),
        "name_kk": "Оқу апталығы",
        "name_ru": "Неделя чтения",
        "start_date": "2027-04-01",
        "end_date": "2027-04-07",
        "target_per_library": "0",
    }
    assert client.post(url, data=data).status_code == 302
    with app.app_context():
        campaign = db.session.scalar(select(Campaign).where(Campaign.slug == "oqu-aptalygy"))
        assert campaign.target_per_library == 0


def _bad_rules(app, client, login_as, make_event, name, value):
    login_as("coordinator", centres=[SLUG], language="kk")
    return SETUP, _rules_data(client, **{name: value})


def _bad_attendance(app, client, login_as, make_event, name, value):
    event_id = make_event(status=Status.APPROVED, day=local_today() - timedelta(days=1))
    login_as("branch_staff", library="no-6", language="kk")
    url = f"/staff/events/{event_id}/attendance"
    return url, {"csrf_token": csrf_token(client, url), "total": "5", name: value}


def _bad_event(app, client, login_as, make_event, name, value):
    event_id = make_event(capacity=30)
    login_as("branch_staff", library="no-6", language="kk")
    url = f"/staff/events/{event_id}/edit"
    data = page_form(client.get(url).get_data(as_text=True)).to_dict(flat=False)
    return url, {**data, name: value}


# Each row: a form, the field, a bad value, and the one message a Kazakh reader must see.
BAD_NUMBERS = [
    ("grace -1", _bad_rules, "grace_minutes", "-1", "0–240 аралығындағы сан енгізіңіз."),
    ("block days -5", _bad_rules, "block_days", "-5", "0–365 аралығындағы сан енгізіңіз."),
    (
        "check-in window 500",
        _bad_rules,
        "check_in_opens_minutes",
        "500",
        "0–120 аралығындағы сан енгізіңіз.",
    ),
    (
        "longest booking as text",
        _bad_rules,
        "max_duration_minutes",
        "four",
        "15–1440 аралығындағы бүтін сан енгізіңіз.",
    ),
    ("notice 1.5", _bad_rules, "min_notice_minutes", "1.5", "0–10080 аралығындағы бүтін сан"),
    ("attendance -1", _bad_attendance, "total", "-1", "0–100000 аралығындағы сан енгізіңіз."),
    ("attendance as text", _bad_attendance, "total", "many", "0–100000 аралығындағы бүтін"),
    ("group as text", _bad_attendance, "children", "ten", "0–100000 аралығындағы бүтін сан"),
    ("capacity 0", _bad_event, "capacity", "0", "1–100000 аралығындағы сан енгізіңіз."),
    ("capacity as text", _bad_event, "capacity", "30 seats", "1–100000 аралығындағы бүтін"),
]


@pytest.mark.parametrize(
    ("arrange", "name", "value", "message"),
    [row[1:] for row in BAD_NUMBERS],
    ids=[row[0] for row in BAD_NUMBERS],
)
def test_bad_number_is_refused_with_one_translated_message(
    app, client, login_as, make_event, arrange, name, value, message
):
    url, data = arrange(app, client, login_as, make_event, name, value)
    with app.app_context():
        before = {
            table: db.session.execute(select(func.count()).select_from(table)).scalar()
            for table in (Attendance.__table__, AuditLog.__table__)
        }
    response = client.post(url, data=data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    errors = page.split(f'id="{name}-error"')[1].split("</div>\n")[0]
    assert errors.count("<div>") == 1, errors  # one message, not WTForms' English one as well
    with app.app_context():
        assert (get_centre().grace_minutes, get_centre().block_days) == (15, 14)
        after = {
            table: db.session.execute(select(func.count()).select_from(table)).scalar()
            for table in before
        }
        assert after == before  # nothing half-saved, nothing recorded as done
