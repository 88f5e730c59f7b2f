"""Recording how many people came; an approved event becomes held."""

from flask_babel import lazy_gettext as _l

from intranet.audit import clean
from intranet.auth.models import User
from intranet.errors import IntranetError, PermissionDenied
from intranet.events.models import AUDIENCE_GROUPS, Attendance, Event, Status
from intranet.events.services.data import AttendanceData
from intranet.events.services.freeze import Placement, ensure_months_open
from intranet.events.services.workflow import record_transition
from intranet.extensions import db

MAX_PEOPLE = 100_000


def record_attendance(event: Event, data: AttendanceData, *, actor: User) -> None:
    """Save the attendance of an ended event (again, to correct it) and mark it held."""
    if not event.can_record_attendance(actor):
        raise PermissionDenied(_l("Attendance can be recorded only after an approved event."))
    counts = {name: int(getattr(data, name) or 0) for name in AUDIENCE_GROUPS}
    total = data.total
    if total is None or total < 0 or total > MAX_PEOPLE or min(counts.values()) < 0:
        raise IntranetError(
            _l("Give a number of people between 0 and %(max)d.", max=MAX_PEOPLE), field="total"
        )
    if sum(counts.values()) > total:
        raise IntranetError(_l("The groups add up to more than the total."), field="total")
    if event.status == Status.APPROVED:
        # First, the conditional move to held (it checks the month's freeze): of two people
        # recording one event at once, one records it and the other is told, not a 500.
        record_transition(event, Status.HELD, actor=actor)
    else:
        ensure_months_open(Placement.of(event), Placement.of(event))  # a frozen month stays
    row = event.attendance or Attendance(event_id=event.id)
    row.total = total
    for name, value in counts.items():
        setattr(row, name, value)
    row.note = clean(data.note or "", 300).strip()
    row.recorded_by_id = actor.id
    event.attendance = row
    db.session.flush()
