"""The 21 libraries, their clubs and the public holidays, from the reference data (idempotent)."""

import json
from datetime import date
from importlib import resources

from sqlalchemy import select

from intranet.extensions import db
from intranet.libraries.models import ClosedDay, ClosedDayKind, Club, Library

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
    for item in data["clubs"]:
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
    """Fixed public holidays for this year and the next, city-wide; existing days are kept."""
    existing = set(db.session.scalars(select(ClosedDay.day).where(ClosedDay.library_id.is_(None))))
    for year in (today.year, today.year + 1):
        for month_day in month_days:
            month, day = (int(part) for part in month_day.split("-"))
            when = date(year, month, day)
            if when not in existing:
                db.session.add(
                    ClosedDay(
                        day=when,
                        kind=ClosedDayKind.HOLIDAY,
                        reason_kk=HOLIDAY_REASON["kk"],
                        reason_ru=HOLIDAY_REASON["ru"],
                        reason_en=HOLIDAY_REASON["en"],
                    )
                )
