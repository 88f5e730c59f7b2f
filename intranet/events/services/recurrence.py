"""Series of events (weekly, every two weeks, monthly) and edits of one, following, or all."""

import calendar
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Protocol

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from intranet.audit import record_audit
from intranet.auth.models import User
from intranet.clock import from_local, to_local
from intranet.errors import Conflict, IntranetError, PermissionDenied
from intranet.events.models import (
    FREQUENCIES,
    MAX_OCCURRENCES,
    SCOPES,
    Event,
    EventSeries,
    SeriesSkip,
)
from intranet.events.services.data import EventData, SeriesData
from intranet.events.services.editing import create_event, update_event
from intranet.events.services.rules import check_event_data
from intranet.events.services.workflow import (
    approve_event,
    cancel_event,
    may_take,
    require_step,
    return_event,
    submit_event,
)
from intranet.extensions import db
from intranet.libraries.services import closed_days


def _add_months(day: date, months: int, anchor: int) -> date:
    """The day `months` later, on the anchor day of the month or the month's last day."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(anchor, calendar.monthrange(year, month)[1]))


def occurrence_dates(
    first: date, frequency: str, *, until: date | None = None, count: int | None = None
) -> list[date]:
    """The dates of a series; more than MAX_OCCURRENCES is refused, not cut."""
    if frequency not in FREQUENCIES:
        raise IntranetError(_l("Unknown repetition."))
    if until is None and count is None:
        raise IntranetError(_l("Say until when the event repeats, or how many times."))
    if count is not None and not 1 <= count <= MAX_OCCURRENCES:
        raise IntranetError(_l("A series has at most %(max)d events.", max=MAX_OCCURRENCES))
    if until is not None and until < first:
        raise IntranetError(_l("The series must end after its first event."))
    days: list[date] = []
    index = 0
    while True:
        if frequency == "monthly":
            day = _add_months(first, index, first.day)
        else:
            day = first + timedelta(weeks=index * (2 if frequency == "biweekly" else 1))
        if (until is not None and day > until) or (count is not None and index >= count):
            return days
        if len(days) >= MAX_OCCURRENCES:
            raise IntranetError(_l("A series has at most %(max)d events.", max=MAX_OCCURRENCES))
        days.append(day)
        index += 1


def _shifted(start: datetime, end: datetime, day: date) -> tuple[datetime, datetime]:
    """The same local time of day and duration, on another date."""
    local = to_local(start)
    new_start = from_local(day, local.time().replace(tzinfo=None))
    return new_start, new_start + (end - start)


def create_series(
    data: EventData, series: SeriesData, *, actor: User | None, is_demo: bool = False
) -> tuple[EventSeries, list[Event]]:
    """Plan every occurrence of a series as a draft; closed days are skipped and noted."""
    data = check_event_data(data)
    first = to_local(data.start_dt).date()
    days = occurrence_dates(first, series.repeat, until=series.until_date, count=series.occurrences)
    closed = closed_days(days[0], days[-1], data.library.id)
    row = EventSeries(
        frequency=series.repeat, until_date=series.until_date, occurrences=series.occurrences
    )
    db.session.add(row)
    events = []
    for day in days:
        if day in closed:
            row.skips.append(SeriesSkip(day=day, kind=closed[day].kind))
            continue
        start, end = _shifted(data.start_dt, data.end_dt, day)
        event = create_event(
            replace(data, start_dt=start, end_dt=end), actor=actor, is_demo=is_demo
        )
        event.series = row
        events.append(event)
    if not events:
        raise IntranetError(_l("Every date of this series falls on a closed day."))
    db.session.flush()
    return row, events


def scope_events(event: Event, scope: str) -> list[Event]:
    """The occurrences an edit applies to: this one, this and the following, or all."""
    if scope not in SCOPES:
        raise IntranetError(_l("Unknown choice of events."))
    if scope == "one" or event.series_id is None:
        return [event]
    query = select(Event).where(Event.series_id == event.series_id)
    if scope == "following":
        query = query.where(Event.start_dt >= event.start_dt)
    return list(db.session.scalars(query.order_by(Event.start_dt)))


def update_occurrences(
    event: Event, data: EventData, *, actor: User, scope: str = "one"
) -> tuple[int, int]:
    """Apply a change to the chosen occurrences; returns (changed, left as they were).

    An occurrence that someone else moved on meanwhile, or that lies in a frozen month, is left
    as it was; if that is the occurrence the change was asked on, the whole change is refused.
    """
    if not event.can_edit(actor):
        raise PermissionDenied(_l("You cannot change this event."))
    targets = scope_events(event, scope)
    if len(targets) == 1:
        update_event(event, data, actor=actor)
        return 1, 0
    if data.end_dt <= data.start_dt:
        raise IntranetError(_l("The event must end after it starts."), field="end_time")
    shift = to_local(data.start_dt).date() - to_local(event.start_dt).date()
    changed = skipped = 0
    for target in targets:
        if not target.can_edit(actor):
            skipped += 1
            continue
        day = to_local(target.start_dt).date() + shift
        new_start, new_end = _shifted(data.start_dt, data.end_dt, day)
        try:
            update_event(target, replace(data, start_dt=new_start, end_dt=new_end), actor=actor)
        except Conflict:
            if target is event:
                raise
            skipped += 1  # refused before anything of it was written
            continue
        changed += 1
    record_audit("event.series_update", actor=actor, target=f"event:{event.id}", detail=scope)
    return changed, skipped


class Step(Protocol):
    """A workflow step on one event."""

    def __call__(self, event: Event, *, actor: User, comment: str) -> None:
        """Take the step on the event."""


def _cancel(event: Event, *, actor: User, comment: str) -> None:
    """Cancel, the comment being the reason."""
    cancel_event(event, actor=actor, reason=comment)


# The step each action takes on one occurrence.
ACTIONS: dict[str, Step] = {
    "submit": submit_event,
    "approve": approve_event,
    "return": return_event,
    "cancel": _cancel,
}


def act_on_scope(
    event: Event, *, actor: User, action: str, scope: str = "one", comment: str = ""
) -> tuple[int, int]:
    """A workflow step on one occurrence, the following ones, or the whole series.

    Occurrences not in a status for this step, moved on by someone else meanwhile, or in a
    frozen month are left as they were; the occurrence the step was asked on must succeed.
    """
    require_step(event, actor, action)
    step = ACTIONS[action]
    changed = skipped = 0
    for target in scope_events(event, scope):
        if not may_take(target, actor, action):
            skipped += 1
            continue
        try:
            step(target, actor=actor, comment=comment)
        except Conflict:
            if target is event:
                raise
            skipped += 1  # refused before anything of it was written
            continue
        changed += 1
    return changed, skipped
