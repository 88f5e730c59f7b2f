"""The list of the 21 libraries by kind, a search over it, a library's clubs and changed days."""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from intranet.clock import to_local
from intranet.extensions import db
from intranet.libraries.models import ClosedDay, Club, Library, LibraryKind, WorkingDay
from intranet.libraries.services.calendar import day_changes, day_rule

CHANGES_AHEAD = 60


@dataclass(frozen=True)
class LibraryGroup:
    """One heading of the list: central, city branches or rural model libraries."""

    kind: LibraryKind
    libraries: list[Library]

    @property
    def label(self) -> str:
        return self.kind.group_label


def _matches(library: Library, words: list[str]) -> bool:
    """Whether every word is in a name or an address, any language; a number names a library.

    "8" or "№ 8" finds library No. 8, not every house number with an 8 in it.
    """
    names = " ".join(value or "" for value in (library.name_kk, library.name_ru, library.name_en))
    addresses = " ".join(
        value or "" for value in (library.address_kk, library.address_ru, library.address_en)
    )
    text = f"{names} {addresses}".casefold()
    numbers = set(re.findall(r"\d+", names))
    return all(word in numbers if word.isdecimal() else word in text for word in words)


def library_directory(search: str = "") -> list[LibraryGroup]:
    """The libraries grouped by kind in reference order, those matching `search` (one query)."""
    words = search.casefold().replace("№", " ").split()
    libraries = db.session.scalars(select(Library).order_by(Library.position, Library.id)).all()
    found = [library for library in libraries if _matches(library, words)]
    groups = [
        LibraryGroup(kind, [library for library in found if library.kind == kind])
        for kind in LibraryKind
    ]
    return [group for group in groups if group.libraries]


def clubs_of(library: Library) -> Sequence[Club]:
    """The clubs that meet at this library."""
    return db.session.scalars(
        select(Club).where(Club.library_id == library.id).order_by(Club.name_kk)
    ).all()


@dataclass(frozen=True)
class DayChange:
    """A day the library's usual weekly hours do not hold: closed, or a moved working day."""

    day: date
    closure: ClosedDay | None = None
    opening: WorkingDay | None = None
    hours: tuple[time, time] | None = None  # on a working day: its hours (None: not known)


def upcoming_changes(library: Library, today: date) -> list[DayChange]:
    """Closed and moved working days of this library in the next two months; one query."""
    calendar = day_changes(today, today + timedelta(days=CHANGES_AHEAD), [library.id])
    changes = []
    for day in sorted({day for _library, day in (*calendar.closed, *calendar.opened)}):
        rule = calendar.on(library.id, day)
        if rule.closure is not None:
            changes.append(DayChange(day, closure=rule.closure))
        elif rule.opening is not None:
            hours = library.hours_on(day, rule.opening)
            changes.append(DayChange(day, opening=rule.opening, hours=hours))
    return changes


def hours_text_on(library: Library, when: date | datetime) -> str | None:
    """The library's hours on the local day of `when` as the calendar has them; one query.

    "" on a closed day, a moved working day's hours, None when the library gave no hours.
    """
    if not library.opening_hours:
        return None
    day = to_local(when).date() if isinstance(when, datetime) else when
    rule = day_rule(day, library.id)
    return "" if rule.closure is not None else library.hours_text(day, rule.opening)
