"""Telling a library what became of its event, and central staff what waits in the queue."""

from datetime import datetime, time

from flask_babel import gettext as _
from sqlalchemy import select

from intranet.auth.models import User
from intranet.clock import to_local
from intranet.events.models import Event, Status
from intranet.extensions import db
from intranet.i18n import localized
from intranet.notifications.queries import central_staff, library_staff
from intranet.notifications.services import Kind, News, once, tell

# The queue's digest goes out once a day, from this local hour on.
DIGEST_FROM = time(8, 0)


def _title(event: Event) -> str:
    return localized(event, "title")


def event_approved(event: Event, *, actor: User) -> None:
    """The library's staff learn that their event is approved and published."""
    tell(
        library_staff(event.library_id),
        News(
            Kind.EVENT_APPROVED,
            subject=lambda: _("Event approved: %(title)s", title=_title(event)),
            notice=lambda: _("Approved: %(title)s", title=_title(event)),
            endpoint="events_staff.detail",
            values={"event_id": event.id},
            context={"event": event},
        ),
        skip=actor,
    )


def event_returned(event: Event, *, actor: User, comment: str) -> None:
    """The library's staff learn that their event came back, and what to change."""
    tell(
        library_staff(event.library_id),
        News(
            Kind.EVENT_RETURNED,
            subject=lambda: _("Event returned for changes: %(title)s", title=_title(event)),
            notice=lambda: _(
                "Returned: %(title)s — %(comment)s", title=_title(event), comment=comment
            ),
            endpoint="events_staff.detail",
            values={"event_id": event.id},
            context={"event": event, "comment": comment},
        ),
        skip=actor,
    )


def event_cancelled(event: Event, *, actor: User, reason: str) -> None:
    """When central staff cancel a library's event, its staff learn it with the reason."""
    if not actor.is_central:
        return  # the library cancelled it itself
    tell(
        library_staff(event.library_id),
        News(
            Kind.EVENT_CANCELLED,
            subject=lambda: _("Event cancelled: %(title)s", title=_title(event)),
            notice=lambda: _(
                "Cancelled: %(title)s — %(reason)s", title=_title(event), reason=reason
            ),
            endpoint="events_staff.detail",
            values={"event_id": event.id},
            context={"event": event, "reason": reason},
        ),
        skip=actor,
    )


def send_queue_digest(now: datetime) -> int:
    """Once a day (from DIGEST_FROM, local time): central staff get the events awaiting them."""
    local = to_local(now)
    if local.time() < DIGEST_FROM or not once(f"events.queue_digest:{local.date().isoformat()}"):
        return 0
    waiting = list(
        db.session.scalars(
            select(Event).where(Event.status == Status.PENDING).order_by(Event.start_dt, Event.id)
        )
    )
    if not waiting:
        return 0
    return tell(
        central_staff(),
        News(
            Kind.QUEUE_DIGEST,
            subject=lambda: _("Events waiting for approval: %(num)d", num=len(waiting)),
            notice=lambda: _("Events waiting for approval: %(num)d", num=len(waiting)),
            endpoint="events_staff.queue",
            context={"events": waiting},
        ),
    )
