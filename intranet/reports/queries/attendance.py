"""Attendance: the people who came, by audience group, and per month for the dashboard."""

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func

from intranet.events.models import AUDIENCE_GROUPS, AUDIENCE_LABELS, Attendance, Event
from intranet.extensions import db
from intranet.reports.queries.sections import Section, side_by_side
from intranet.reports.queries.span import Span, events_in, local_part


def attendance_totals(span: Span, library_id: int | None) -> dict[str, int]:
    """Events with attendance, people in total and by audience group."""
    groups = [func.coalesce(func.sum(getattr(Attendance, g)), 0) for g in AUDIENCE_GROUPS]
    query = events_in(
        span,
        library_id,
        func.count(Attendance.event_id),
        func.coalesce(func.sum(Attendance.total), 0),
        *groups,
    ).join(Attendance, Attendance.event_id == Event.id)
    row = db.session.execute(query).one()
    return {"events": row[0], "total": row[1], **dict(zip(AUDIENCE_GROUPS, row[2:], strict=True))}


def attendance_section(now: Span, before: Span, library_id: int | None) -> Section:
    """People by audience group, the rest not counted by group, and the events counted."""
    a, b = (attendance_totals(s, library_id) for s in (now, before))
    section = Section(
        "attendance", _("Attendance"), [_("Audience group"), *side_by_side([_("Participants")])]
    )
    for group in AUDIENCE_GROUPS:
        section.rows.append([str(AUDIENCE_LABELS[group]), a[group], b[group]])
    rest = [x["total"] - sum(x[g] for g in AUDIENCE_GROUPS) for x in (a, b)]
    section.rows.append([_("Not counted by group"), *rest])
    section.total = [_("Total"), a["total"], b["total"]]
    # The number of events is not a number of people: it is said beside the table, not in it.
    section.note = ngettext(
        "Counted at %(num)d event with attendance recorded.",
        "Counted at %(num)d events with attendance recorded.",
        a["events"],
    )
    return section


def attendance_per_month(span: Span, library_id: int | None) -> list[int]:
    """People who came in each local month of a year span, January first."""
    month = local_part(Event.start_dt, "month", span)
    query = events_in(span, library_id, month, func.sum(Attendance.total)).join(
        Attendance, Attendance.event_id == Event.id
    )
    people = {m: n or 0 for m, n in db.session.execute(query.group_by(month))}
    return [people.get(m, 0) for m in range(1, 13)]
