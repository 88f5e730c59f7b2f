"""Series of events (weekly, every two weeks, monthly) and edits of one, following, or all."""

import calendar
from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from intranet.audit import record_audit
from intranet.clock import from_local, to_local
from intranet.errors import Conflict, IntranetError, PermissionDenied
from intranet.events.constants import FREQUENCIES, MAX_OCCURRENCES, SCOPES
from intranet.events.models import Event, EventSeries, SeriesSkip
from intranet.events.services.workflow import (
    EDITABLE_FIELDS,
    STEPS,
    approve_event,
    cancel_event,
    check_event_data,
    create_event,
    require_step,
    return_event,
    submit_event,
    update_event,
)
from intranet.extensions import db
from intranet.libraries.services import closed_days


def _add_months(day: date, months: int, anchor: int) -> date:
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
    *,
    actor,
    frequency: str,
    until_date: date | None = None,
    occurrences: int | None = None,
    is_demo: bool = False,
    **data,
) -> tuple[EventSeries, list[Event]]:
    """Plan every occurrence of a series as a draft; closed days are skipped and noted."""
    data = check_event_data(data)
    first = to_local(data["start_dt"]).date()
    days = occurrence_dates(first, frequency, until=until_date, count=occurrences)
    closed = closed_days(days[0], days[-1], data["library"].id)
    series = EventSeries(frequency=frequency, until_date=until_date, occurrences=occurrences)
    db.session.add(series)
    events = []
    for day in days:
        if day in closed:
            series.skips.append(SeriesSkip(day=day, kind=closed[day].kind))
            continue
        start, end = _shifted(data["start_dt"], data["end_dt"], day)
        event = create_event(
            actor=actor, is_demo=is_demo, **{**data, "start_dt": start, "end_dt": end}
        )
        event.series = series
        events.append(event)
    if not events:
        raise IntranetError(_l("Every date of this series falls on a closed day."))
    db.session.flush()
    return series, events


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


def update_occurrences(event: Event, *, actor, scope: str = "one", **data) -> tuple[int, int]:
    """Apply a change to the chosen occurrences; returns (changed, left as they were).

    An occurrence that someone else moved on meanwhile, or that lies in a frozen month, is left
    as it was; if that is the occurrence the change was asked on, the whole change is refused.
    """
    if not event.can_edit(actor):
        raise PermissionDenied(_l("You cannot change this event."))
    targets = scope_events(event, scope)
    if len(targets) == 1:
        update_event(event, actor=actor, **data)
        return 1, 0
    data = {name: value for name, value in data.items() if name in EDITABLE_FIELDS}
    start, end = data.pop("start_dt", event.start_dt), data.pop("end_dt", event.end_dt)
    if end <= start:
        raise IntranetError(_l("The event must end after it starts."))
    shift = to_local(start).date() - to_local(event.start_dt).date()
    changed = skipped = 0
    for target in targets:
        if not target.can_edit(actor):
            skipped += 1
            continue
        new_start, new_end = _shifted(start, end, to_local(target.start_dt).date() + shift)
        try:
            update_event(target, actor=actor, start_dt=new_start, end_dt=new_end, **data)
        except Conflict:
            if target is event:
                raise
            skipped += 1  # refused before anything of it was written
            continue
        changed += 1
    record_audit("event.series_update", actor=actor, target=f"event:{event.id}", detail=scope)
    return changed, skipped


ACTIONS = {
    "submit": submit_event,
    "approve": approve_event,
    "return": return_event,
    "cancel": cancel_event,
}


def act_on_scope(
    event: Event, *, actor, action: str, scope: str = "one", comment: str = ""
) -> tuple[int, int]:
    """A workflow step on one occurrence, the following ones, or the whole series.

    Occurrences not in a status for this step, moved on by someone else meanwhile, or in a
    frozen month are left as they were; the occurrence the step was asked on must succeed.
    """
    require_step(event, actor, action)
    check, _refusal = STEPS[action]
    step = ACTIONS[action]
    changed = skipped = 0
    for target in scope_events(event, scope):
        if not getattr(target, check)(actor):
            skipped += 1
            continue
        try:
            if action == "cancel":
                step(target, actor=actor, reason=comment)
            else:
                step(target, actor=actor, comment=comment)
        except Conflict:
            if target is event:
                raise
            skipped += 1  # refused before anything of it was written
            continue
        changed += 1
    return changed, skipped


def cancel_occurrences(event: Event, *, actor, scope: str, reason: str) -> tuple[int, int]:
    """Cancel the chosen occurrences; held and already cancelled ones are left alone."""
    return act_on_scope(event, actor=actor, action="cancel", scope=scope, comment=reason)
