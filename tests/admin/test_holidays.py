"""Public holidays by name in the reader's language, and Kurban ait entered year by year."""

from datetime import date, timedelta

from sqlalchemy import select

from intranet.audit import AuditLog
from intranet.clock import local_today
from intranet.coworking.services import create_booking
from intranet.extensions import db
from intranet.libraries.models import ClosedDay
from intranet.libraries.seed import _seed_holidays
from intranet.libraries.services import suggested_kurban_ait
from tests.conftest import csrf_token
from tests.coworking.conftest import booking_request, get_centre, load, open_days

NAURYZ = ("Наурыз мейрамы", "Наурыз мейрамы", "Nauryz")
INDEPENDENCE = ("Тәуелсіздік күні", "День Независимости", "Independence Day")


def citywide(day: date) -> ClosedDay | None:
    return db.session.scalar(
        select(ClosedDay).where(ClosedDay.day == day, ClosedDay.library_id.is_(None))
    )


def test_every_fixed_holiday_has_its_name_and_old_generic_ones_are_renamed(app):
    year = local_today().year + 1
    with app.app_context():
        row = citywide(date(year, 3, 22))
        assert (row.reason_kk, row.reason_ru, row.reason_en) == NAURYZ
        assert row.holiday == "nauryz"
        generic = citywide(date(year, 12, 16))
        generic.holiday = None
        generic.reason_kk, generic.reason_ru = "Мереке күні", "Праздничный день"
        edited = citywide(date(year, 5, 9))
        edited.reason_ru = "День Победы (переносится)"
        _seed_holidays(["12-16", "05-09"], date(year, 1, 1))
        db.session.flush()
        renamed = citywide(date(year, 12, 16))
        assert (renamed.reason_kk, renamed.reason_ru, renamed.reason_en) == INDEPENDENCE
        assert citywide(date(year, 5, 9)).reason_ru == "День Победы (переносится)"
        names = db.session.scalars(
            select(ClosedDay.reason_kk).where(ClosedDay.library_id.is_(None))
        ).all()
        assert "Мереке күні" not in names
        assert {"Жаңа жыл", "Жеңіс күні", "Астана күні", "Республика күні"} <= set(names)


def test_the_library_page_and_the_booking_page_name_the_holiday_in_the_readers_language(app):
    with app.app_context():
        today = local_today()
        row = db.session.scalar(
            select(ClosedDay)
            .where(
                ClosedDay.library_id.is_(None),
                ClosedDay.day >= today + timedelta(days=1),
                ClosedDay.day <= today + timedelta(days=60),
            )
            .order_by(ClosedDay.day)
        )
        if row is None:  # no fixed holiday in the next two months: put one there
            row = ClosedDay(
                day=today + timedelta(days=10),
                kind="holiday",
                holiday="nauryz",
                reason_kk=NAURYZ[0],
                reason_ru="Наурыз",
                reason_en=NAURYZ[2],
            )
            db.session.add(row)
            db.session.commit()
        day, names = row.day, {"kk": row.reason_kk, "ru": row.reason_ru}
    reader = app.test_client()
    for lang in ("kk", "ru"):
        reader.get(f"/?lang={lang}")
        assert names[lang] in reader.get("/libraries/no-8").get_data(as_text=True)
        page = reader.get(f"/coworking/cowork-no-8?date={day.isoformat()}").get_data(as_text=True)
        assert names[lang] in page


def kurban(client, year: int, day: str):
    token = csrf_token(client, "/staff/admin/closed-days")
    return client.post(
        f"/staff/admin/closed-days/kurban-ait/{year}",
        data={"csrf_token": token, f"kurban-{year}-day": day},
    )


def test_an_admin_enters_kurban_ait_from_the_suggested_date_and_moves_it(app, client, login_as):
    year = local_today().year + 1
    login_as("admin")
    page = client.get("/staff/admin/closed-days?lang=kk").get_data(as_text=True)
    assert f'name="kurban-{year}-day"' in page
    assert "Құрбан айт" in page
    with app.app_context():
        suggested = suggested_kurban_ait(year)
    assert suggested is not None
    assert f'value="{suggested.isoformat()}"' in page
    assert kurban(client, year, suggested.isoformat()).status_code == 302
    moved = suggested + timedelta(days=1)
    assert kurban(client, year, moved.isoformat()).status_code == 302
    with app.app_context():
        rows = db.session.scalars(select(ClosedDay).where(ClosedDay.holiday == "kurban_ait")).all()
        assert [(r.day, r.reason_kk, r.reason_ru, r.library_id) for r in rows] == [
            (moved, "Құрбан айт", "Курбан айт", None)
        ]
        actions = db.session.scalars(
            select(AuditLog.action)
            .where(AuditLog.action.like("closed_day.%"))
            .order_by(AuditLog.id)
        ).all()
        assert actions == ["closed_day.add", "closed_day.remove", "closed_day.add"]
    reader = app.test_client()
    reader.get("/?lang=ru")
    assert "Курбан айт" in reader.get(f"/coworking/cowork-no-8?date={moved.isoformat()}").get_data(
        as_text=True
    )


def test_a_kurban_ait_in_another_year_is_refused_with_a_translated_message(app, client, login_as):
    year = local_today().year + 1
    login_as("admin")
    client.get("/?lang=ru")
    response = kurban(client, year, f"{year + 1}-05-05")
    assert response.status_code == 400
    assert f"Выберите день в {year} году." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(ClosedDay).where(ClosedDay.holiday == "kurban_ait")) is None


def test_only_an_admin_enters_kurban_ait(app, client, login_as):
    year = local_today().year + 1
    login_as("central_staff")
    page = client.get("/staff/admin/closed-days").get_data(as_text=True)
    assert "kurban-" not in page
    assert kurban(client, year, f"{year}-05-16").status_code == 403


def test_the_years_offered_start_after_this_years_kurban_ait_is_past(app, client, login_as):
    today = local_today()
    login_as("admin")
    page = client.get("/staff/admin/closed-days").get_data(as_text=True)
    this_years = suggested_kurban_ait(today.year)
    offered = [year for year in range(today.year, today.year + 4) if f"kurban-{year}-day" in page]
    if this_years is not None and this_years < today:
        assert offered == [today.year + 1, today.year + 2, today.year + 3]
    else:
        assert offered == [today.year, today.year + 1, today.year + 2]


def test_kurban_ait_on_a_day_with_bookings_lists_them_first_then_cancels_them(
    app, client, login_as
):
    with app.app_context():
        day = open_days(1)[0]
        booking = create_booking(get_centre("cowork-central"), booking_request(day))
        db.session.commit()
        booking_id = booking.id
    login_as("admin")
    client.get("/?lang=ru")
    asked = kurban(client, day.year, day.isoformat())
    assert asked.status_code == 200
    page = asked.get_data(as_text=True)
    assert "Проверьте перед сохранением" in page or 'name="affected"' in page
    with app.app_context():
        assert db.session.scalar(select(ClosedDay).where(ClosedDay.holiday == "kurban_ait")) is None
    token = csrf_token(client, "/staff/admin/closed-days")
    confirmed = client.post(
        f"/staff/admin/closed-days/kurban-ait/{day.year}",
        data={
            "csrf_token": token,
            f"kurban-{day.year}-day": day.isoformat(),
            "affected": str(booking_id),
        },
    )
    assert confirmed.status_code == 302
    assert load(app, booking_id).status == "cancelled"
    with app.app_context():
        assert citywide(day).reason_ru == "Курбан айт"
