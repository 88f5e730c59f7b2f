"""What waits for a staff member: the counters of the staff menu, all in one query."""

from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select, tuple_

from intranet.auth.models import Role, User
from intranet.auth.models.user import user_centre
from intranet.clock import local_today
from intranet.coworking.models import Booking, BookingStatus
from intranet.events.models import Event, Status
from intranet.extensions import db
from intranet.libraries.models import FROZEN_STATUSES, MonthlyReport, ReportStatus
from intranet.models import utc_now


@dataclass(frozen=True)
class Waiting:
    """How much work waits, by kind; zero where the person has nothing of that kind to do."""

    pending_events: int = 0
    returned_events: int = 0
    requests: int = 0
    months_to_report: int = 0

    @property
    def events(self) -> int:
        """What the Events menu shows on its own label."""
        return self.pending_events + self.returned_events


def last_month() -> tuple[int, int]:
    """The month that ended last (local time): the one a branch reports now."""
    today = local_today()
    return (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)


def _count(query: ColumnElement[bool], model: type) -> ColumnElement[int]:
    return select(func.count()).select_from(model).where(query).scalar_subquery()


def waiting_for(user: User) -> Waiting:
    """The counts for this person's role and scope, in a single SELECT."""
    now = utc_now()
    counts: dict[str, ColumnElement[int]] = {}
    if user.can_approve_events():
        # Every pending event, as the approval queue lists them.
        counts["pending_events"] = _count(Event.status == Status.PENDING, Event)
    if user.role == Role.BRANCH_STAFF:
        mine = Event.library_id == user.library_id
        counts["returned_events"] = _count(
            mine & (Event.status == Status.RETURNED) & (Event.end_dt > now), Event
        )
        # Last month unless it is submitted or accepted, plus every other month sent back.
        last = tuple_(MonthlyReport.year, MonthlyReport.month) == last_month()
        of_mine = MonthlyReport.library_id == user.library_id
        counts["months_to_report"] = (
            1
            - _count(of_mine & last & MonthlyReport.status.in_(FROZEN_STATUSES), MonthlyReport)
            + _count(
                of_mine & ~last & (MonthlyReport.status == ReportStatus.RETURNED), MonthlyReport
            )
        )
    if user.can_use_coworking_desk():
        open_request = (Booking.status == BookingStatus.PENDING) & (Booking.start_dt > now)
        if user.role == Role.COORDINATOR:
            open_request &= Booking.centre_id.in_(
                select(user_centre.c.centre_id).where(user_centre.c.user_id == user.id)
            )
        counts["requests"] = _count(open_request, Booking)
    if not counts:
        return Waiting()
    row = db.session.execute(select(*(value.label(key) for key, value in counts.items()))).one()
    return Waiting(**row._asdict())
