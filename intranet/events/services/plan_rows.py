"""One row of an uploaded plan, read into what it plans, or refused with the column and why."""

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, TypeVar

from babel.dates import get_month_names
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from intranet.auth.models import User
from intranet.errors import IntranetError
from intranet.events.models import AUDIENCE_LABELS, Campaign, EventType
from intranet.extensions import db
from intranet.libraries.models import Library

DEFAULT_START = time(11, 0)  # a dated row without a time: the draft says 11:00, to be edited
Named = TypeVar("Named", EventType, Library, Campaign)
TEXT_LIMITS = {"title": 200, "partner": 500, "responsible": 200}


class RowRefused(IntranetError):
    """A rule refused one cell of a row; `field` names the column."""


def normal(text: Any) -> str:
    """Text compared loosely: spaces collapsed, case folded, quotes dropped, ё as е, «№6»."""
    cleaned = re.sub("[«»\"'“”]", "", str(text or "")).replace("№ ", "№")
    return " ".join(cleaned.split()).casefold().replace("ё", "е")


@dataclass(frozen=True)
class Lookup:
    """The names a plan may use for types, audiences, libraries and campaigns, in kk, ru, en."""

    types: dict[str, EventType]
    audiences: dict[str, str]
    libraries: dict[str, Library]
    campaigns: dict[str, Campaign]
    months: dict[str, int]

    @classmethod
    def load(cls) -> "Lookup":
        """Every active type and campaign and every library, by each of their names."""
        audiences: dict[str, str] = {}
        for language in ("en", "ru", "kk"):
            with force_locale(language):
                audiences.update({normal(label): code for code, label in AUDIENCE_LABELS.items()})
        months: dict[str, int] = {}
        for language in ("en", "ru", "kk"):
            for context in ("format", "stand-alone"):
                names = get_month_names("wide", context=context, locale=language)
                months.update({normal(name): number for number, name in names.items()})
        return cls(
            types=_named(db.session.scalars(select(EventType).where(EventType.is_active))),
            audiences=audiences | {code: code for code in AUDIENCE_LABELS},
            libraries=_named(db.session.scalars(select(Library))),
            campaigns=_named(db.session.scalars(select(Campaign).where(Campaign.is_active))),
            months=months,
        )


def _named(rows: Iterable[Named]) -> dict[str, Named]:
    found: dict[str, Named] = {}
    for row in rows:
        for name in (row.slug, row.name_en, row.name_ru, row.name_kk):
            if name:
                found[normal(name)] = row
    return found


@dataclass(frozen=True)
class PlannedRow:
    """What one row plans: a day (or only a month) of the year, and the event's particulars."""

    library: Library
    month: int
    day: date | None
    start: time
    title: str
    type: EventType
    audience: str
    campaign: Campaign | None
    partner: str
    responsible: str

    @property
    def fingerprint(self) -> str:
        """The same row uploaded again has the same fingerprint (the UNIQUE key)."""
        parts = (self.library.id, self.month, self.day, self.start, normal(self.title))
        text = "|".join(str(part) for part in (*parts, self.type.id))
        return hashlib.sha256(text.encode()).hexdigest()


def _text(cells: dict[str, Any], key: str) -> str:
    value = " ".join(str(cells.get(key) or "").split())
    if len(value) > TEXT_LIMITS.get(key, 200):
        raise RowRefused(_l("At most %(max)d characters."), field=key, max=TEXT_LIMITS[key])
    return value


def _when(value: Any, year: int, months: dict[str, int]) -> tuple[int, date | None]:
    """The month and the day (None when only a month is given) a cell names."""
    day: date | None = None
    month: int | None = None
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    elif isinstance(value, int | float) and float(value).is_integer() and 1 <= value <= 12:
        month = int(value)
    elif isinstance(value, str):
        text = value.strip()
        if match := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text):
            day = _date(int(match[3]), int(match[2]), int(match[1]))
        elif match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
            day = _date(int(match[1]), int(match[2]), int(match[3]))
        elif match := re.fullmatch(r"(\d{1,2})\.(\d{4})|(\d{4})-(\d{1,2})", text):
            got_year, month = int(match[2] or match[3]), int(match[1] or match[4])
            if got_year != year:
                raise RowRefused(_l("The date is not in %(year)s."), field="when", year=year)
        else:
            month = months.get(normal(text)) or (int(text) if text.isdecimal() else None)
    if day is not None:
        if day.year != year:
            raise RowRefused(_l("The date is not in %(year)s."), field="when", year=year)
        return day.month, day
    if month is None or not 1 <= month <= 12:
        raise RowRefused(_l("Write a date (15.03.2026) or a month (March, or 3)."), field="when")
    return month, None


def _date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise RowRefused(_l("There is no such date."), field="when") from None


def _time(value: Any, when: Any) -> time:
    if value in (None, ""):  # a date cell may carry the time itself (15.03.2026 15:00)
        has_time = isinstance(when, datetime) and when.time() != time(0)
        return when.time() if has_time else DEFAULT_START
    if isinstance(value, datetime):
        return value.time()
    if isinstance(value, time):
        return value
    match = re.fullmatch(r"(\d{1,2})[:.](\d{2})", str(value).strip())
    if match and int(match[1]) < 24 and int(match[2]) < 60:
        return time(int(match[1]), int(match[2]))
    raise RowRefused(_l("Write the time as 15:00."), field="time")


def _choice(found: dict[str, Any], value: Any, key: str, *, required: bool = True) -> Any:
    if value in (None, "") and not required:
        return None
    choice = found.get(normal(value))
    if choice is None:
        if value in (None, ""):
            raise RowRefused(_l("Fill in this column."), field=key)
        raise RowRefused(
            _l("«%(value)s» is not on the list (see the second sheet)."), field=key, value=value
        )
    return choice


def _library(cells: dict[str, Any], lookup: Lookup, actor: User) -> Library:
    value = cells.get("library")
    if value in (None, "") and actor.library is not None and not actor.is_central:
        return actor.library
    library: Library = _choice(lookup.libraries, value, "library")
    if not actor.can_act_for_library(library):
        raise RowRefused(_l("You can plan events only for your own library."), field="library")
    return library


def read_row(cells: dict[str, Any], *, year: int, lookup: Lookup, actor: User) -> PlannedRow:
    """The row read into what it plans; RowRefused names the first column that is wrong."""
    month, day = _when(cells.get("when"), year, lookup.months)
    title = _text(cells, "title")
    if not title:
        raise RowRefused(_l("Fill in this column."), field="title")
    return PlannedRow(
        library=_library(cells, lookup, actor),
        month=month,
        day=day,
        start=_time(cells.get("time"), cells.get("when")),
        title=title,
        type=_choice(lookup.types, cells.get("type"), "type"),
        audience=_choice(lookup.audiences, cells.get("audience"), "audience", required=False)
        or "everyone",
        campaign=_choice(lookup.campaigns, cells.get("campaign"), "campaign", required=False),
        partner=_text(cells, "partner"),
        responsible=_text(cells, "responsible"),
    )
