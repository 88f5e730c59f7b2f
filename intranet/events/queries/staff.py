"""What the staff desk and the staff pages read: the desk, the queue, choices, progress, export."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from intranet.clock import local_day_bounds
from intranet.events.models import Campaign, Event, EventTransition, EventType, Status
from intranet.events.queries.filters import Filters, filtered, visible_to
from intranet.extensions import db
from intranet.libraries.models import Club, Library
from intranet.models import utc_now

if TYPE_CHECKING:
    from intranet.auth.models import User


@dataclass(frozen=True)
class StaffDesk:
    """The events part of the staff desk."""

    upcoming: Sequence[Event]
    to_report: Sequence[Event]
    pending: Sequence[Event]


def staff_desk(user: "User") -> StaffDesk:
    """My library's next events, ended events to report, and the queue size for central staff."""
    now = utc_now()
    mine = select(Event).options(selectinload(Event.attendance))
    if not user.is_central:
        mine = mine.where(Event.library_id == user.library_id)
    upcoming = db.session.scalars(
        mine.where(Event.start_dt >= now, Event.status != Status.CANCELLED)
        .order_by(Event.start_dt)
        .limit(8)
    ).all()
    to_report = db.session.scalars(
        select(Event)
        .where(
            Event.status == Status.APPROVED,
            Event.end_dt <= now,
            *([] if user.is_central else [Event.library_id == user.library_id]),
        )
        .order_by(Event.end_dt)
        .limit(20)
    ).all()
    pending: Sequence[Event] = []
    if user.is_central:
        pending = db.session.scalars(
            select(Event).where(Event.status == Status.PENDING).order_by(Event.updated_dt).limit(10)
        ).all()
    return StaffDesk(upcoming=upcoming, to_report=to_report, pending=pending)


@dataclass(frozen=True)
class QueueCard:
    """One card of the approval queue: a pending event, or the pending meetings of a series.

    `event` is the first pending occurrence (the one the buttons act on); `others` are the
    series' further pending occurrences; `asked_by` is who sent it for approval.
    """

    event: Event
    others: Sequence[Event]
    asked_by: str
    asked_dt: datetime | None

    @property
    def events(self) -> list[Event]:
        """Every pending event the card stands for."""
        return [self.event, *self.others]


def approval_queue() -> list[QueueCard]:
    """Pending events, oldest request first, a series' occurrences on one card; two queries."""
    pending = db.session.scalars(
        select(Event)
        .where(Event.status == Status.PENDING)
        .order_by(Event.updated_dt, Event.id)
        .limit(500)
    ).all()
    asked: dict[int, EventTransition] = {}
    if pending:
        for sent in db.session.scalars(
            select(EventTransition)
            .where(
                EventTransition.event_id.in_([event.id for event in pending]),
                EventTransition.to_status == Status.PENDING,
            )
            .order_by(EventTransition.id)
        ):
            asked[sent.event_id] = sent  # the latest request wins
    groups: dict[object, list[Event]] = {}
    for event in pending:
        key = ("series", event.series_id) if event.series_id else ("event", event.id)
        groups.setdefault(key, []).append(event)
    cards = []
    for events in groups.values():
        events.sort(key=lambda e: (e.start_dt, e.id))
        step = asked.get(events[0].id)
        cards.append(
            QueueCard(
                event=events[0],
                others=events[1:],
                asked_by=step.actor_name if step else "",
                asked_dt=step.created_dt if step else None,
            )
        )
    return cards


@dataclass(frozen=True)
class PlanningChoices:
    """What the event form offers: the user's libraries, active types, clubs and campaigns."""

    libraries: Sequence[Library]
    types: Sequence[EventType]
    clubs: Sequence[Club]
    campaigns: Sequence[Campaign]


def planning_choices(user: "User", current: Event | None = None) -> PlanningChoices:
    """Only the libraries the user acts for; the active types and campaigns (and the edited
    event's own, even deactivated: an old event keeps them); the clubs."""
    libraries = db.session.scalars(select(Library).order_by(Library.position)).all()
    type_id = current.type_id if current else None
    campaign_id = current.campaign_id if current else None
    types = db.session.scalars(
        select(EventType)
        .where(or_(EventType.is_active, EventType.id == type_id))
        .order_by(EventType.position)
    ).all()
    clubs = db.session.scalars(select(Club).order_by(Club.slug)).all()
    campaigns = db.session.scalars(
        select(Campaign)
        .where(or_(Campaign.is_active, Campaign.id == campaign_id))
        .order_by(Campaign.start_date.desc())
    ).all()
    mine = [lib for lib in libraries if user.can_act_for_library(lib)]
    return PlanningChoices(libraries=mine, types=types, clubs=clubs, campaigns=campaigns)


def export_events(first: date, last: date, filters: Filters, viewer: "User") -> Sequence[Event]:
    """The events the viewer sees from the first day to the last, with attendance, for CSV."""
    since, _end = local_day_bounds(first)
    _start, until = local_day_bounds(last)
    query = select(Event).options(
        selectinload(Event.attendance), selectinload(Event.campaign), selectinload(Event.club)
    )
    query = visible_to(query.where(Event.start_dt >= since, Event.start_dt < until), viewer)
    return db.session.scalars(filtered(query, filters).order_by(Event.start_dt)).all()


def campaigns() -> Sequence[Campaign]:
    """Every campaign, the latest first."""
    return db.session.scalars(select(Campaign).order_by(Campaign.start_date.desc())).all()


def campaign_by_slug(slug: str) -> Campaign | None:
    """One campaign."""
    return db.session.scalar(select(Campaign).where(Campaign.slug == slug))


@dataclass(frozen=True)
class CampaignProgress:
    """One library's events in a campaign."""

    library: Library
    planned: int
    approved: int
    held: int


def campaign_progress(campaign: Campaign) -> list[CampaignProgress]:
    """Per library: planned (not cancelled), approved (approved or held) and held events."""
    counts = db.session.execute(
        select(Event.library_id, Event.status, func.count())
        .where(Event.campaign_id == campaign.id)
        .group_by(Event.library_id, Event.status)
    ).all()
    table: dict[int, dict[str, int]] = {}
    for library_id, status, number in counts:
        table.setdefault(library_id, {})[status] = number
    rows = []
    for library in db.session.scalars(select(Library).order_by(Library.position)):
        by_status = table.get(library.id, {})
        held = by_status.get(Status.HELD, 0)
        rows.append(
            CampaignProgress(
                library=library,
                planned=sum(n for s, n in by_status.items() if s != Status.CANCELLED),
                approved=by_status.get(Status.APPROVED, 0) + held,
                held=held,
            )
        )
    return rows


def event_types() -> Sequence[EventType]:
    """Every event type, in the calendar's order."""
    return db.session.scalars(select(EventType).order_by(EventType.position)).all()
