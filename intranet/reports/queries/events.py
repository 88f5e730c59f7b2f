"""Events by type and by audience: planned, held and cancelled, and the people who came."""

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select

from intranet.events.models import AUDIENCE_LABELS, AUDIENCES, Attendance, Event, EventType
from intranet.extensions import db
from intranet.i18n import localized
from intranet.reports.queries.sections import Section, pairs, side_by_side, total_row
from intranet.reports.queries.span import CANCELLED, HELD, PLANNED, Span, events_in

# (planned, held, cancelled, people) of a group without events.
NONE = (0, 0, 0, 0)


def events_by(column: Any, span: Span, library_id: int | None) -> dict[Any, tuple[int, ...]]:
    """{key: (planned, held, cancelled, people)} grouped by an Event column."""
    query = (
        events_in(span, library_id, column, PLANNED, HELD, CANCELLED, func.sum(Attendance.total))
        .outerjoin(Attendance, Attendance.event_id == Event.id)
        .group_by(column)
    )
    return {row[0]: (row[1], row[2], row[3], row[4] or 0) for row in db.session.execute(query)}


def types_section(now: Span, before: Span, library_id: int | None) -> Section:
    """Planned, held and cancelled events of each event type."""
    a, b = (events_by(Event.type_id, s, library_id) for s in (now, before))
    types = db.session.scalars(select(EventType).where(EventType.id.in_(set(a) | set(b))))
    names = [_("Planned"), _("Held"), _("Cancelled")]
    section = Section("types", _("Events by type"), [_("Event type"), *side_by_side(names)])
    for kind in sorted(types, key=lambda t: (t.position, t.id)):
        now_row, before_row = a.get(kind.id, NONE)[:3], b.get(kind.id, NONE)[:3]
        section.rows.append([localized(kind, "name"), *pairs(now_row, before_row)])
    section.total = total_row(_("Total"), section.rows) if section.rows else None
    return section


def audiences_section(now: Span, before: Span, library_id: int | None) -> Section:
    """Planned and held events, and the people who came, of each audience."""
    a, b = (events_by(Event.audience, s, library_id) for s in (now, before))
    names = [_("Planned"), _("Held"), _("Participants")]
    section = Section("audiences", _("Events by audience"), [_("Audience"), *side_by_side(names)])
    for audience in AUDIENCES:
        now_row, before_row = a.get(audience, NONE), b.get(audience, NONE)
        if now_row != NONE or before_row != NONE:
            shown = [(r[0], r[1], r[3]) for r in (now_row, before_row)]
            section.rows.append([str(AUDIENCE_LABELS[audience]), *pairs(*shown)])
    section.total = total_row(_("Total"), section.rows) if section.rows else None
    return section
