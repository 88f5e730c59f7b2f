"""The 21 libraries, their clubs and the public holidays, from the reference data (idempotent)."""

import json
from datetime import date, timedelta
from importlib import resources

from sqlalchemy import select

from intranet.extensions import db
from intranet.libraries.models import (
    AgeBand,
    ClosedDay,
    ClosedDayKind,
    Club,
    Library,
    WorkingDay,
)
from intranet.libraries.services.holidays import fixed_holiday

# The generic name of a public holiday before each was named (and for a day with no name).
HOLIDAY_REASON = {"kk": "Мереке күні", "ru": "Праздничный день", "en": "Public holiday"}


def load_reference_data() -> dict:
    """The reference data shipped inside the package."""
    text = resources.files("intranet").joinpath("reference_data.json").read_text("utf-8")
    return json.loads(text)


def upsert(model, slug: str, **values):
    obj = db.session.scalar(select(model).where(model.slug == slug))
    if obj is None:
        obj = model(slug=slug)
        db.session.add(obj)
    for key, value in values.items():
        setattr(obj, key, value)
    return obj


def seed_libraries(data: dict, today: date | None = None) -> dict[str, int]:
    """Create or update the 21 libraries, their clubs and the public holidays."""
    libraries = {}
    for position, item in enumerate(data["libraries"]):
        address = item.get("address") or {}
        libraries[item["slug"]] = upsert(
            Library,
            item["slug"],
            kind=item["kind"],
            is_model_library=item["model_library"],
            name_kk=item["name"]["kk"],
            name_ru=item["name"]["ru"],
            name_en=item["name"].get("en"),
            address_kk=address.get("kk"),
            address_ru=address.get("ru"),
            address_en=address.get("en"),
            position=position,
        )
    db.session.flush()
    existing_clubs = set(db.session.scalars(select(Club.slug)))
    for item in data["clubs"]:
        if item["slug"] in existing_clubs:
            continue  # staff keep the clubs from here on: a new seed must not undo their edits
        upsert(
            Club,
            item["slug"],
            name_kk=item["name"]["kk"],
            name_ru=item["name"]["ru"],
            name_en=item["name"].get("en"),
            library=libraries.get(item["library"]) if item.get("library") else None,
        )
    _seed_holidays(data["fixed_public_holidays"], today or date.today())
    db.session.flush()
    return {
        "libraries": db.session.query(Library).count(),
        "clubs": db.session.query(Club).count(),
    }


def _seed_holidays(month_days: list[str], today: date) -> None:
    """Fixed public holidays for this year and the next, city-wide, each by its name.

    Existing days are kept; one still called by the old generic name gets its own.
    """
    rows = {
        row.day: row
        for row in db.session.scalars(select(ClosedDay).where(ClosedDay.library_id.is_(None)))
    }
    for year in (today.year, today.year + 1):
        for month_day in month_days:
            month, day = (int(part) for part in month_day.split("-"))
            when = date(year, month, day)
            name = fixed_holiday(month_day) or {"key": "", **HOLIDAY_REASON}
            row = rows.get(when)
            if row is None:
                db.session.add(
                    ClosedDay(
                        day=when,
                        kind=ClosedDayKind.HOLIDAY,
                        holiday=name["key"] or None,
                        reason_kk=name["kk"],
                        reason_ru=name["ru"],
                        reason_en=name["en"],
                    )
                )
            elif row.holiday is None and row.reason_kk == HOLIDAY_REASON["kk"] and name["key"]:
                row.holiday = name["key"]
                row.reason_kk, row.reason_ru, row.reason_en = name["kk"], name["ru"], name["en"]


# Demo only: placeholder streets, phones and points around Kyzylorda, so that the library pages
# are not empty after `make run`. They are not the libraries' real addresses; each library so
# filled is marked `is_demo_contacts`, and its page says so until staff enter the real ones.
DEMO_STREETS = [
    ("Абай даңғылы", "проспект Абая", "Abai avenue"),
    ("Әйтеке би көшесі", "улица Айтеке би", "Aiteke bi street"),
    ("Қорқыт ата көшесі", "улица Коркыт ата", "Korkyt Ata street"),
    ("Жібек жолы көшесі", "улица Жибек жолы", "Zhibek zholy street"),
    ("Төле би көшесі", "улица Толе би", "Tole bi street"),
    ("Желтоқсан көшесі", "улица Желтоксан", "Zheltoksan street"),
    ("Бейбітшілік көшесі", "улица Бейбитшилик", "Beibitshilik street"),
]
DEMO_HOURS = {
    "mon": ["09:00", "18:00"],
    "tue": ["09:00", "18:00"],
    "wed": ["09:00", "18:00"],
    "thu": ["09:00", "18:00"],
    "fri": ["09:00", "18:00"],
    "sat": ["10:00", "17:00"],
    "sun": None,
}
CITY_CENTRE = (44.8488, 65.4823)


def seed_demo_library_contacts() -> int:
    """Placeholder contacts for libraries without a phone, marked as demo; returns how many."""
    filled = 0
    libraries = db.session.scalars(select(Library).order_by(Library.position)).all()
    for index, library in enumerate(libraries):
        if library.phone:
            continue
        street_kk, street_ru, street_en = DEMO_STREETS[index % len(DEMO_STREETS)]
        house = 10 + index * 7
        if not (library.address_kk or library.address_ru):
            if library.kind == "rural":
                village_kk, village_ru = library.name_kk.split()[0], library.name_ru.split()[-1]
                library.address_kk = f"{village_kk} ауылы, {street_kk}, {house}"
                library.address_ru = f"село {village_ru}, {street_ru}, {house}"
                library.address_en = f"{house} {street_en}, {library.slug.title()} village"
            else:
                library.address_kk = f"Қызылорда қ., {street_kk}, {house}"
                library.address_ru = f"г. Кызылорда, {street_ru}, {house}"
                library.address_en = f"{house} {street_en}, Kyzylorda"
        library.phone = f"+7 7242 40-{index:02d}-{(index * 13) % 100:02d}"
        # Spread the points a few kilometres around the city centre (rural ones further out).
        spread = 0.25 if library.kind == "rural" else 0.04
        library.latitude = round(CITY_CENTRE[0] + spread * ((index % 5) - 2) / 2, 5)
        library.longitude = round(CITY_CENTRE[1] + spread * ((index % 7) - 3) / 3, 5)
        library.opening_hours = dict(DEMO_HOURS)
        library.is_demo_contacts = True
        filled += 1
    db.session.flush()
    return filled


DEMO_MOVE_AHEAD = 21  # days: after the demo bookings (two weeks either side of today)


def seed_demo_working_day(today: date) -> int:
    """A demo transfer: a Saturday worked as Monday, the Monday after it off; returns 1 or 0.

    Marked as demo in its reason: the real transfers come from the government's decree.
    """
    if db.session.scalar(select(WorkingDay.id).limit(1)) is not None:
        return 0
    day = today + timedelta(days=DEMO_MOVE_AHEAD)
    closed = set(db.session.scalars(select(ClosedDay.day).where(ClosedDay.day >= day)))
    while day.weekday() != 5 or day in closed or day + timedelta(days=2) in closed:
        day += timedelta(days=1)
    db.session.add_all(
        [
            WorkingDay(
                day=day,
                works_as="mon",
                reason_kk="Демо-мысал: жұмыс күнін ауыстыру",
                reason_ru="Демо-пример: перенос рабочего дня",
                reason_en="Demo example: a moved working day",
            ),
            ClosedDay(
                day=day + timedelta(days=2),
                kind=ClosedDayKind.HOLIDAY,
                reason_kk="Демо-мысал: сенбіден ауыстырылған демалыс",
                reason_ru="Демо-пример: выходной, перенесённый с субботы",
                reason_en="Demo example: a day off moved from Saturday",
            ),
        ]
    )
    db.session.flush()
    return 1


# The documented default age bands: children up to 14, youth 14-35 (the youth policy law),
# adults up to the pension age, seniors. Admins change them; the seed only adds missing ones.
DEFAULT_AGE_BANDS = [
    ("children", "Балалар (14 жасқа дейін)", "Дети (до 14 лет)", "Children (under 14)", 0, 13),
    ("youth", "Жастар (14–35)", "Молодёжь (14–35)", "Youth (14–35)", 14, 35),
    ("adults", "Ересектер (36–62)", "Взрослые (36–62)", "Adults (36–62)", 36, 62),
    ("seniors", "Егде жастағылар (63+)", "Пожилые (63+)", "Seniors (63+)", 63, None),
]


def seed_age_bands() -> int:
    """Add the default age bands that are missing (by code); returns how many were added."""
    have = set(db.session.scalars(select(AgeBand.code)))
    added = 0
    for position, (code, kk, ru, en, low, high) in enumerate(DEFAULT_AGE_BANDS):
        if code in have:
            continue
        db.session.add(
            AgeBand(
                code=code,
                name_kk=kk,
                name_ru=ru,
                name_en=en,
                min_age=low,
                max_age=high,
                position=position,
            )
        )
        added += 1
    return added
