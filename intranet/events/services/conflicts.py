"""Conflicts are shown, not hidden: same room, same audience, or a closed day."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from intranet.clock import to_local
from intranet.events.models import Event, Status
from intranet.extensions import db
from intranet.libraries.models import ClosedDay
from intranet.libraries.services import day_changes

KIND_MESSAGES = {
    "room": _l("The same room is taken by another event at this time"),
    "audience": _l("Another event for the same audience overlaps in this library"),
    "closed": _l("The library is closed on this day"),
}


@dataclass(frozen=True)
class ConflictWarning:
    """One reason to look again; `other` is the overlapping event, `closed` the closed day."""

    kind: str
    other: Event | None = None
    day: date | None = None
    closed: ClosedDay | None = None

    @property
    def message(self) -> str:
        """What to look at again, in the reader's language."""
        return str(KIND_MESSAGES[self.kind])


def find_conflicts(event: Event) -> list[ConflictWarning]:
    """Overlaps in the same library (room or audience) and closed days; two queries."""
    return conflicts_for([event]).get(event.id, [])


def _local_days(event: Event) -> tuple[date, date]:
    """The first and last local day the event touches."""
    first = to_local(event.start_dt).date()
    return first, to_local(event.end_dt - timedelta(microseconds=1)).date()


def conflicts_for(events: Sequence[Event]) -> dict[int, list[ConflictWarning]]:
    """The warnings of many events at once (the approval queue): two queries, whatever N.

    One query reads every live event of the same libraries between the earliest start and the
    latest end; one reads the closed days of that span. The overlaps are then matched here.
    """
    live = [event for event in events if event.status != Status.CANCELLED]
    if not live:
        return {}
    libraries = {event.library_id for event in live}
    since = min(event.start_dt for event in live)
    until = max(event.end_dt for event in live)
    neighbours = db.session.scalars(
        select(Event)
        .where(
            Event.library_id.in_(libraries),
            Event.status != Status.CANCELLED,
            Event.start_dt < until,
            Event.end_dt > since,
        )
        .order_by(Event.start_dt, Event.id)
        .limit(5000)
    ).all()
    first_day = min(_local_days(event)[0] for event in live)
    last_day = max(_local_days(event)[1] for event in live)
    calendar = day_changes(first_day, last_day, libraries)
    by_library: dict[int, list[Event]] = {}
    for other in neighbours:
        by_library.setdefault(other.library_id, []).append(other)
    warnings: dict[int, list[ConflictWarning]] = {}
    for event in live:
        found = warnings.setdefault(event.id, [])
        room = (event.room or "").strip().casefold()
        for other in by_library.get(event.library_id, []):
            if other.id == event.id or not (
                other.start_dt < event.end_dt and other.end_dt > event.start_dt
            ):
                continue
            if room and (other.room or "").strip().casefold() == room:
                found.append(ConflictWarning("room", other))
            elif other.audience == event.audience:
                found.append(ConflictWarning("audience", other))
        first, last = _local_days(event)
        day = first
        while day <= last:
            # A library opening on its own moved working day is open despite a city-wide one.
            row = calendar.on(event.library_id, day).closure
            if row is not None:
                found.append(ConflictWarning("closed", day=day, closed=row))
            day += timedelta(days=1)
    return warnings
