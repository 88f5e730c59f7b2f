"""The dashboard's series over a year: events per month by type (the others sit beside)."""

from sqlalchemy import func, select

from intranet.events.models import Event, EventType, Status
from intranet.extensions import db
from intranet.i18n import localized
from intranet.reports.queries.span import Span, events_in, local_part


def events_per_month(span: Span, library_id: int | None) -> dict[tuple[int, int], int]:
    """{(month, type_id): held or planned events} over a year, by local month."""
    month = local_part(Event.start_dt, "month", span)
    query = events_in(span, library_id, month, Event.type_id, func.count(Event.id)).where(
        Event.status != Status.CANCELLED
    )
    return {(m, t): n for m, t, n in db.session.execute(query.group_by(month, Event.type_id))}


def events_by_type_per_month(span: Span, library_id: int | None) -> dict[str, list[int]]:
    """{event type's name: events in each month, January first}, in the order of the type ids."""
    per_month = events_per_month(span, library_id)
    type_ids = sorted({t for _m, t in per_month})
    types = {
        t.id: t for t in db.session.scalars(select(EventType).where(EventType.id.in_(type_ids)))
    }
    return {
        localized(types[t], "name"): [per_month.get((m, t), 0) for m in range(1, 13)]
        for t in type_ids
    }
