"""Loading the reference data (idempotent) and the demo accounts."""

import json
from datetime import date
from importlib import resources

from sqlalchemy import select

from intranet.auth import services as auth_services
from intranet.auth.models import Role, User
from intranet.coworking.models import CoworkingCentre, Seat
from intranet.extensions import db
from intranet.libraries.models import ClosedDay, ClosedDayKind, Club, Library

HOLIDAY_REASON = {"kk": "Мереке күні", "ru": "Праздничный день", "en": "Public holiday"}

# Documented in the README; `seed --demo` refuses to run in production.
DEMO_PASSWORD = "demo-password-2026"
DEMO_USERS = [
    {"email": "admin@demo.kz", "role": Role.ADMIN, "full_name": "Әкімші (демо)"},
    {"email": "central@demo.kz", "role": Role.CENTRAL_STAFF, "full_name": "Гүлнар Серікова (демо)"},
    {
        "email": "branch6@demo.kz",
        "role": Role.BRANCH_STAFF,
        "library": "no-6",
        "full_name": "Айгүл Нұрланова (демо)",
    },
    {
        "email": "coordinator@demo.kz",
        "role": Role.COORDINATOR,
        "centres": ["cowork-central"],
        "full_name": "Дәурен Қасымов (демо)",
        "language": "ru",
    },
]


def load_reference_data() -> dict:
    """The reference data shipped inside the package."""
    text = resources.files("intranet").joinpath("reference_data.json").read_text("utf-8")
    return json.loads(text)


def _upsert(model, slug: str, **values):
    obj = db.session.scalar(select(model).where(model.slug == slug))
    if obj is None:
        obj = model(slug=slug)
        db.session.add(obj)
    for key, value in values.items():
        setattr(obj, key, value)
    return obj


def seed_reference(today: date | None = None) -> dict[str, int]:
    """Create or update the 21 libraries, 5 centres with seats, clubs and public holidays."""
    data = load_reference_data()
    libraries = {}
    for position, item in enumerate(data["libraries"]):
        address = item.get("address") or {}
        libraries[item["slug"]] = _upsert(
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
    for item in data["coworking_centres"]:
        centre = db.session.scalar(
            select(CoworkingCentre).where(CoworkingCentre.slug == item["slug"])
        )
        if centre is None:
            # Hours and seats are placeholders that staff edit; never overwrite their edits.
            centre = CoworkingCentre(
                slug=item["slug"],
                library=libraries[item["library"]],
                opening_hours=item["opening_hours"],
            )
            db.session.add(centre)
            centre.seats = [Seat(label=f"{n:02d}") for n in range(1, item["seats"] + 1)]
    for item in data["clubs"]:
        _upsert(
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
        "centres": db.session.query(CoworkingCentre).count(),
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


def seed_demo_users() -> list[User]:
    """One demo account per role; existing accounts are left as they are."""
    created = []
    for spec in DEMO_USERS:
        if auth_services.find_user_by_email(spec["email"]) is None:
            created.append(
                auth_services.create_user(
                    actor=None,
                    email=spec["email"],
                    password=DEMO_PASSWORD,
                    role=spec["role"],
                    full_name=spec["full_name"],
                    library=spec.get("library"),
                    centres=spec.get("centres", ()),
                    language=spec.get("language", "kk"),
                    is_demo=True,
                )
            )
    return created
