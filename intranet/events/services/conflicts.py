"""Conflicts are shown, not hidden: same room, same audience, or a closed day."""

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from intranet.clock import to_local
from intranet.events.models import Event, Status
from intranet.extensions import db
from intranet.libraries.services import closed_days

KIND_MESSAGES = {
    "room": _l("The same room is taken by another event at this time"),
    "audience": _l("Another event for the same audience overlaps in this library"),
    "closed": _l("The library is closed on this day"),
}


@dataclass(frozen=True)
class ConflictWarning:
    """One reason to look again; `other` is the overlapping event, if any."""

    kind: str
    other: Event | None = None
    day: date | None = None

    @property
    def message(self) -> str:
        """What to look at again, in the reader's language."""
        return str(KIND_MESSAGES[self.kind])


def find_conflicts(event: Event) -> list[ConflictWarning]:
    """Overlaps in the same library (room or audience) and closed days; two queries."""
    if event.status == Status.CANCELLED:
        return []
    others = db.session.scalars(
        select(Event)
        .where(
            Event.library_id == event.library_id,
            Event.id != event.id,
            Event.status != Status.CANCELLED,
            Event.start_dt < event.end_dt,
            Event.end_dt > event.start_dt,
        )
        .order_by(Event.start_dt)
        .limit(50)
    ).all()
    warnings: list[ConflictWarning] = []
    room = (event.room or "").strip().casefold()
    for other in others:
        if room and (other.room or "").strip().casefold() == room:
            warnings.append(ConflictWarning("room", other))
        elif other.audience == event.audience:
            warnings.append(ConflictWarning("audience", other))
    first = to_local(event.start_dt).date()
    last = to_local(event.end_dt - timedelta(microseconds=1)).date()
    for day in sorted(closed_days(first, last, event.library_id)):
        warnings.append(ConflictWarning("closed", day=day))
    return warnings
