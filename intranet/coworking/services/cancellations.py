"""Changes of days, hours and seats that cancel the bookings they cover, and the closed day.

Every such change runs in the caller's one transaction: it first bumps the rules version of
the centres it touches (so a booking being made meanwhile is refused or seen, never missed),
then makes the change, lists the active bookings it covers and cancels them. If the list is not
the one the user agreed to, ConfirmCancellations is raised: the caller's unit of work rolls
back, and the view shows the list (`confirmation_context`) with a button that sends it again.
"""

from collections.abc import Callable
from datetime import date, datetime

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import selectinload

from intranet.audit import record_audit
from intranet.auth.models import User
from intranet.clock import local_day_bounds
from intranet.coworking.models import Booking, BookingStatus, CoworkingCentre
from intranet.coworking.services.decisions import move_status, release_slots
from intranet.coworking.services.emails import queue_booking_email
from intranet.errors import IntranetError
from intranet.extensions import db
from intranet.i18n import localized
from intranet.libraries import services as library_services
from intranet.libraries.models import ClosedDay, Library
from intranet.models import utc_now

# Bookings that can still take place; a visitor already checked in is left to the staff.
CANCELLABLE = (BookingStatus.PENDING, BookingStatus.CONFIRMED)
# The page that lists the bookings a change would cancel (see confirmation_context).
CONFIRMATION_TEMPLATE = "coworking/staff/confirm_cancellations.html"


class ConfirmCancellations(IntranetError):
    """The change cancels these bookings: the user must see the list and agree to it first.

    It belongs to the hidden `affected` field that carries the ids the user agreed to; the
    view answers it with the confirmation page rather than with an error message.
    """

    status_code = 409

    def __init__(self, bookings: list[Booking], *, changed: bool) -> None:
        super().__init__(
            _l("This change cancels bookings: check the list and confirm."), field="affected"
        )
        self.bookings = bookings
        self.changed = changed  # the user agreed to another list (someone booked meanwhile)


def confirmation_context(
    ask: ConfirmCancellations, *, title: str, action: str, back: str
) -> dict[str, object]:
    """What CONFIRMATION_TEMPLATE shows: who loses which seat when, and where its buttons lead.

    Its button sends the same form again to `action`, with the ids agreed to; its link goes
    `back` without saving.
    """
    return {
        "title": title,
        "bookings": ask.bookings,
        "changed": ask.changed,
        "affected": ",".join(str(booking.id) for booking in ask.bookings),
        "action": action,
        "back": back,
    }


def lock_rules(centre_ids: list[int]) -> None:
    """Bump the centres' rules version first: see booking.rules_unchanged for why."""
    if centre_ids:
        db.session.execute(
            update(CoworkingCentre)
            .where(CoworkingCentre.id.in_(sorted(centre_ids)))
            .values(rules_version=CoworkingCentre.rules_version + 1)
            .execution_options(synchronize_session=False)
        )
        for held in list(db.session.identity_map.values()):
            if isinstance(held, CoworkingCentre) and held.id in centre_ids:
                db.session.expire(held, ["rules_version"])


def cancellable_bookings(
    centre_ids: list[int], now: datetime, *conditions: ColumnElement[bool]
) -> list[Booking]:
    """Bookings of these centres that have not ended and can still take place."""
    if not centre_ids:
        return []
    return list(
        db.session.scalars(
            select(Booking)
            .where(
                Booking.centre_id.in_(centre_ids),
                Booking.status.in_(CANCELLABLE),
                Booking.end_dt > now,
                *conditions,
            )
            .options(selectinload(Booking.seat), selectinload(Booking.centre))
            .order_by(Booking.start_dt, Booking.id)
        )
    )


def settle(bookings: list[Booking], agreed: set[int] | None) -> None:
    """Go on only if the user agreed to cancel every one of these bookings."""
    if not bookings:
        return
    if agreed is None or not {b.id for b in bookings} <= agreed:
        raise ConfirmCancellations(bookings, changed=agreed is not None)


def cancel_by_centre(
    bookings: list[Booking],
    *,
    actor: User,
    reason: Callable[[Booking], object],
    cause: str,
    now: datetime,
) -> list[Booking]:
    """Cancel the bookings for the centre, each reason in the visitor's language; audited."""
    cancelled = []
    for booking in bookings:
        with force_locale(booking.language):
            text = str(reason(booking))[:500]
        # A visitor cancelling at this very moment wins; then there is nothing left to do.
        if move_status(
            booking,
            CANCELLABLE,
            BookingStatus.CANCELLED,
            cancelled_dt=now,
            decided_dt=now,
            decided_by_id=actor.id,
            cancel_reason=text,
        ):
            release_slots(booking)
            record_audit(
                "booking.cancel_by_centre",
                actor=actor,
                target=f"booking:{booking.id}",
                detail=cause,
            )
            queue_booking_email(booking, "cancelled_by_centre")
            cancelled.append(booking)
    db.session.flush()
    return cancelled


def close_day(
    *,
    actor: User,
    day: date,
    library: Library | None,
    kind: str,
    reason_kk: str,
    reason_ru: str,
    reason_en: str = "",
    agreed: set[int] | None = None,
    now: datetime | None = None,
    holiday: str | None = None,
) -> tuple[ClosedDay, list[Booking]]:
    """Close a day for one library (or all) and cancel the coworking bookings on it."""
    now = now or utc_now()
    query = select(CoworkingCentre.id)
    if library is not None:
        query = query.where(CoworkingCentre.library_id == library.id)
    centre_ids = list(db.session.scalars(query))
    lock_rules(centre_ids)
    row = library_services.add_closed_day(
        actor=actor,
        day=day,
        library=library,
        kind=kind,
        reason_kk=reason_kk,
        reason_ru=reason_ru,
        reason_en=reason_en,
        holiday=holiday,
    )
    lo, hi = local_day_bounds(day)
    bookings = cancellable_bookings(centre_ids, now, Booking.start_dt < hi, Booking.end_dt > lo)
    settle(bookings, agreed)

    def reason(booking: Booking) -> str:
        text = localized(row, "reason", booking.language)
        return f"{_l('The centre is closed on this day.')} {text}".strip()

    cancelled = cancel_by_centre(
        bookings, actor=actor, reason=reason, cause=f"closed_day:{day.isoformat()}", now=now
    )
    return row, cancelled
