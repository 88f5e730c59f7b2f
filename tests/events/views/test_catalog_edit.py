"""Event types and campaigns: edited, deactivated, deleted only while unused, slugs made."""

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from intranet.audit import AuditLog
from intranet.events.models import Campaign, Event, EventType
from intranet.events.services.slugs import latin
from intranet.extensions import db
from tests.conftest import csrf_token
from tests.events.conftest import event_data

TYPES = "/staff/events/types"


def type_id(app, slug: str = "poetry_hour") -> int:
    with app.app_context():
        return db.session.scalar(select(EventType.id).where(EventType.slug == slug))


def a_campaign(app, slug: str = "bir-el") -> int:
    with app.app_context():
        row = Campaign(
            slug=slug,
            name_kk="Бір ел – бір кітап",
            name_ru="Одна страна – одна книга",
            start_date=date(2027, 4, 1),
            end_date=date(2027, 5, 31),
        )
        db.session.add(row)
        db.session.commit()
        return row.id


def act(client, url: str, do: str):
    return client.post(url, data={"csrf_token": csrf_token(client, TYPES), "do": do})


@pytest.mark.parametrize(
    ("name", "separator", "slug"),
    [
        ("Әдеби-жыр кеші", "_", "adebi_zhyr_keshi"),
        ("«Бір ел – бір кітап» акциясы", "-", "bir-el-bir-kitap-aktsiyasy"),
        ("Щедрый вечер ёлки", "-", "shchedryi-vecher-elki"),
        ("2027 жыл", "_", "x_2027_zhyl"),
    ],
)
def test_identifiers_are_made_from_the_name_in_latin(name, separator, slug):
    assert latin(name, separator) == slug


def test_the_colour_is_picked_from_named_swatches(client, login_as):
    login_as("admin", language="kk")
    page = client.get(TYPES).get_data(as_text=True)
    assert page.count('name="colour" required type="radio"') == 16
    assert "Көк" in page
    assert "Қоңыр" in page
    assert 'class="swatch"' in page
    assert 'name="slug"' not in page


def test_admin_edits_a_type_and_the_log_says_what_changed(app, client, login_as):
    login_as("admin", language="ru")
    url = f"{TYPES}/{type_id(app)}"
    assert "Час поэзии" in client.get(url).get_data(as_text=True)
    data = {"csrf_token": csrf_token(client, url), "name_kk": "Поэзия сағаты", "colour": "4"}
    bad = client.post(url, data={**data, "name_ru": ""})
    assert bad.status_code == 400
    assert "Это поле обязательно." in bad.get_data(as_text=True)
    saved = client.post(url, data={**data, "name_ru": "Час стихов"}, follow_redirects=True)
    assert "Изменения «Час стихов» сохранены." in saved.get_data(as_text=True)
    with app.app_context():
        row = db.session.get(EventType, type_id(app))
        assert (row.name_ru, row.colour, row.slug) == ("Час стихов", 4, "poetry_hour")
    log = client.get("/staff/admin/audit").get_data(as_text=True)
    assert "Изменено: Название на русском, Цвет в календаре" in log


def test_a_deactivated_type_is_not_offered_but_old_events_keep_it(
    app, client, login_as, make_event
):
    event_id = make_event(status="draft")
    login_as("admin")
    response = act(client, f"{TYPES}/{type_id(app)}/action", "deactivate")
    assert response.status_code == 302
    assert 'value="poetry_hour"' not in client.get("/staff/events/new").get_data(as_text=True)
    edit = client.get(f"/staff/events/{event_id}/edit").get_data(as_text=True)
    assert 'value="poetry_hour" selected' in edit or 'selected value="poetry_hour"' in edit
    assert "Poetry hour" in client.get(f"/staff/events/{event_id}").get_data(as_text=True)
    assert "Not in use" in client.get(TYPES).get_data(as_text=True)
    act(client, f"{TYPES}/{type_id(app)}/action", "activate")
    assert 'value="poetry_hour"' in client.get("/staff/events/new").get_data(as_text=True)
    with app.app_context():
        actions = set(db.session.scalars(select(AuditLog.action)))
        assert {"event_type.deactivate", "event_type.activate"} <= actions


def test_a_used_type_is_never_deleted_an_unused_one_is(app, client, login_as, make_event):
    make_event(status="draft")
    login_as("admin", language="kk")
    used = act(client, f"{TYPES}/{type_id(app)}/action", "delete")
    assert used.status_code == 302
    page = client.get(used.headers["Location"]).get_data(as_text=True)
    assert "жоюға болмайды" in page
    unused = act(client, f"{TYPES}/{type_id(app, 'art_hour')}/action", "delete")
    assert unused.headers["Location"].endswith(TYPES)
    with app.app_context():
        slugs = set(db.session.scalars(select(EventType.slug)))
        assert "poetry_hour" in slugs
        assert "art_hour" not in slugs


def test_the_database_refuses_to_delete_a_used_type_or_campaign(app, make_event):
    campaign_id = a_campaign(app)
    with app.app_context():
        from intranet.events import services

        data = replace(event_data(), campaign=db.session.get(Campaign, campaign_id))
        services.create_event(data, actor=None)
        db.session.commit()
        for model, row_id in ((EventType, type_id(app)), (Campaign, campaign_id)):
            db.session.delete(db.session.get(model, row_id))
            with pytest.raises(IntegrityError):
                db.session.flush()
            db.session.rollback()
        assert db.session.scalar(select(Event.campaign_id)) == campaign_id


def test_central_staff_edit_and_deactivate_a_campaign(app, client, login_as):
    a_campaign(app)
    login_as("central_staff", language="kk")
    url = "/staff/events/campaigns/bir-el/edit"
    data = {
        "csrf_token": csrf_token(client, url),
        "name_kk": "Бір ел – бір кітап 2027",
        "name_ru": "Одна страна – одна книга 2027",
        "start_date": "2027-04-01",
        "end_date": "2027-03-01",
        "target_per_library": "2",
    }
    assert client.post(url, data=data).status_code == 400
    assert client.post(url, data={**data, "end_date": "2027-06-30"}).status_code == 302
    assert 'value="bir-el"' in client.get("/staff/events/new").get_data(as_text=True)
    act(client, "/staff/events/campaigns/bir-el/action", "deactivate")
    assert 'value="bir-el"' not in client.get("/staff/events/new").get_data(as_text=True)
    with app.app_context():
        row = db.session.scalar(select(Campaign))
        assert (row.end_date, row.is_active, row.slug) == (date(2027, 6, 30), False, "bir-el")
    act(client, "/staff/events/campaigns/bir-el/action", "delete")
    with app.app_context():
        assert db.session.scalar(select(Campaign)) is None
