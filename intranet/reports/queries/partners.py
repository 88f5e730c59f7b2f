"""Partners: the organisations named on held events, with how many events each took part in."""

import re

from flask_babel import gettext as _
from sqlalchemy import func

from intranet.events.models import Event, Status
from intranet.extensions import db
from intranet.reports.queries.sections import Section, side_by_side
from intranet.reports.queries.span import Span, events_in


def partner_groups(span: Span, library_id: int | None) -> dict[str, int]:
    """{partners text: held events}; split_partners splits the (few) distinct texts into names."""
    query = events_in(span, library_id, Event.partners, func.count(Event.id)).where(
        Event.status == Status.HELD, Event.partners != ""
    )
    return {text: count for text, count in db.session.execute(query.group_by(Event.partners))}


def split_partners(groups: dict[str, int]) -> dict[str, int]:
    """Partner names from the distinct partner texts ("A, B; C"), with their events."""
    names: dict[str, tuple[str, int]] = {}
    for text, count in groups.items():
        for name in filter(None, (part.strip() for part in re.split(r"[,;\n]", text))):
            shown, total = names.get(name.casefold(), (name, 0))
            names[name.casefold()] = (shown, total + count)
    return dict(names.values())


def partners_section(now: Span, before: Span, library_id: int | None) -> Section:
    """Each partner with its held events, the most involved first."""
    a, b = (split_partners(partner_groups(s, library_id)) for s in (now, before))
    section = Section(
        "partners", _("Partners involved"), [_("Partner"), *side_by_side([_("Held events")])]
    )
    for name in sorted(set(a) | set(b), key=lambda n: (-a.get(n, 0), n.casefold())):
        section.rows.append([name, a.get(name, 0), b.get(name, 0)])
    return section
