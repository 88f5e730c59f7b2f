"""A club's own page: what it is, where and when it meets, whom to ask, its meetings (public)."""

from collections.abc import Sequence

from flask import Blueprint, abort, render_template
from sqlalchemy import select

from intranet.clock import local_now
from intranet.events.models import PUBLIC_STATUSES, Event
from intranet.events.queries.public import public_events_query
from intranet.extensions import db
from intranet.libraries.models import Club

bp = Blueprint("clubs_public", __name__)

UPCOMING_MEETINGS = 10
PAST_MEETINGS = 5


def meetings(club: Club) -> tuple[Sequence[Event], Sequence[Event]]:
    """The club's published meetings: the next ones (soonest first), then the latest past ones."""
    now = local_now()
    mine = (Event.club_id == club.id, Event.status.in_(PUBLIC_STATUSES))
    upcoming = public_events_query(now, None).where(*mine).limit(UPCOMING_MEETINGS)
    past = (
        public_events_query(None, now)
        .where(*mine, Event.end_dt <= now)
        .order_by(None)
        .order_by(Event.start_dt.desc(), Event.id.desc())
        .limit(PAST_MEETINGS)
    )
    return (
        db.session.scalars(upcoming).unique().all(),
        db.session.scalars(past).unique().all(),
    )


@bp.get("/clubs/<slug>")
def club(slug: str) -> str:
    """One club: description, library, meeting pattern, contact and its meetings."""
    found = db.session.scalar(select(Club).where(Club.slug == slug[:40]))
    if found is None:
        abort(404)
    upcoming, past = meetings(found)
    return render_template("libraries/public/club.html", club=found, upcoming=upcoming, past=past)
