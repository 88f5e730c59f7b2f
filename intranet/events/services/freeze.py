"""The month freeze, seen from events: a write that would change a frozen month's figures fails.

A month's report counts every event of the library dated in it except drafts (planned, held,
cancelled, attendance, partners). Once the month is submitted or accepted, no write may add,
remove or change such an event; every event write (create, edit, workflow step, attendance,
series) asks `ensure_months_open` first, before it writes anything.
"""

from dataclasses import dataclass
from datetime import datetime

from intranet.clock import to_local
from intranet.events.models import Event, Status
from intranet.libraries.services.months import ensure_month_open, hold_library


@dataclass(frozen=True)
class Placement:
    """Where an event stands for the reports: its library, its start and its status."""

    library_id: int
    start_dt: datetime
    status: str

    @classmethod
    def of(cls, event: Event) -> "Placement":
        """Where the event stands now."""
        return cls(event.library_id, event.start_dt, event.status)

    @property
    def month(self) -> tuple[int, int, int]:
        """The library and the local year and month."""
        day = to_local(self.start_dt).date()
        return self.library_id, day.year, day.month

    @property
    def counted(self) -> bool:
        """Whether the month's report counts the event (drafts are not counted)."""
        return self.status != Status.DRAFT


def touched_months(before: Placement | None, after: Placement | None) -> list[Placement]:
    """One placement per (library, month) whose figures a write from `before` to `after` changes.

    A counted event changes the figures of its month when it changes at all. Planning an event
    into a month (creating it, or moving it there) counts even as a draft: a draft in a frozen
    month could never be sent for approval.
    """
    months: dict[tuple[int, int, int], Placement] = {}
    for placement in (before, after):
        if placement is not None and placement.counted:
            months[placement.month] = placement
    if after is not None and (before is None or before.month != after.month):
        months[after.month] = after
    return [months[key] for key in sorted(months)]  # one lock order: no deadlocks


def ensure_months_open(before: Placement | None, after: Placement | None) -> None:
    """Raise Conflict if this write would change the figures of a submitted or accepted month.

    Every event write calls this before it touches the event's row: it first holds the
    libraries involved (see hold_library), always before any event row, so that writes racing
    on one library queue up in one order and never deadlock.
    """
    for library_id in sorted({p.library_id for p in (before, after) if p is not None}):
        hold_library(library_id)
    for placement in touched_months(before, after):
        ensure_month_open(placement.library_id, placement.start_dt)
