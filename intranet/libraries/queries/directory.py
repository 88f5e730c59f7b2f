"""The list of the 21 libraries by kind, a search over it, and a library's clubs and closed days."""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from intranet.extensions import db
from intranet.libraries.models import ClosedDay, Club, Library, LibraryKind
from intranet.libraries.services.closed_days import closed_days

CLOSED_DAYS_AHEAD = 60


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
    return all(word in numbers if word.isdigit() else word in text for word in words)


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


def upcoming_closed_days(library: Library, today: date) -> list[ClosedDay]:
    """The days this library is closed in the next two months, city-wide holidays included."""
    days = closed_days(today, today + timedelta(days=CLOSED_DAYS_AHEAD), library.id)
    return [days[day] for day in sorted(days)]
