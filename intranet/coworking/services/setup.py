"""Set-up changes of a centre: description and rules, hours, closures (seats: seats.py).

Those that cancel bookings ask first: ConfirmCancellations until the user agreed to the list.
"""

from dataclasses import asdict, fields
from datetime import datetime

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from intranet.audit import record_audit
from intranet.auth.models import User
from intranet.clock import from_local, to_local
from intranet.coworking.models import (
    QUARTER_HOURS,
    Booking,
    CoworkingCentre,
    on_quarter_hours,
)
from intranet.coworking.services.cancellations import (
    cancel_by_centre,
    cancellable_bookings,
    close_day,
    lock_rules,
    settle,
)
from intranet.coworking.services.requests import (
    CentreDescription,
    ClosureData,
    RulesData,
)
from intranet.errors import IntranetError, PermissionDenied
from intranet.extensions import db
from intranet.i18n import format_clock
from intranet.libraries.models import ClosedDayKind
from intranet.libraries.services import Calendar, day_changes
from intranet.models import utc_now


def misfit(
    centre: CoworkingCentre, booking: Booking, calendar: Calendar
) -> tuple[LazyString, dict[str, str]] | None:
    """Why a booking no longer fits the centre's weekly hours and sanitary day, or None.

    On a moved working day the hours are those of the weekday it names (from `calendar`).
    """
    day = to_local(booking.start_dt).date()
    hours = centre.hours_on(day, calendar.on(centre.library_id, day).opening)
    if hours is None:
        return _l("The centre is closed on this day of the week."), {}
    if centre.is_sanitary_day(day):
        return _l("Sanitary day: the centre is closed."), {}
    opens, closes = hours
    if booking.start_dt < from_local(day, opens) or booking.end_dt > from_local(day, closes):
        return _l("The centre's hours on this day are now %(opens)s–%(closes)s."), {
            "opens": format_clock(opens),
            "closes": format_clock(closes),
        }
    return None


def change_description(centre: CoworkingCentre, data: CentreDescription, *, actor: User) -> bool:
    """Save the centre's public description, audited; whether anything changed."""
    if not actor.can_edit_centre_description(centre):
        raise PermissionDenied(_l("You may not change this centre's description."))
    changed = [name for name, value in asdict(data).items() if getattr(centre, name) != value]
    for name in changed:
        setattr(centre, name, getattr(data, name))
    if changed:
        record_audit(
            "coworking.description",
            actor=actor,
            target=f"centre:{centre.slug}",
            detail=", ".join(changed),
        )
    db.session.flush()
    return bool(changed)


def rules_of(centre: CoworkingCentre) -> RulesData:
    """The centre's rules and hours as saved, for a form that changes some of them."""
    return RulesData(**{f.name: getattr(centre, f.name) for f in fields(RulesData)})


def change_centre(
    centre: CoworkingCentre,
    description: CentreDescription,
    rules: RulesData,
    *,
    actor: User,
    agreed: set[int] | None = None,
) -> list[Booking]:
    """Save the centre's description and rules together (the set-up's first section)."""
    change_description(centre, description, actor=actor)
    return change_rules(centre, rules, actor=actor, agreed=agreed)


def change_rules(
    centre: CoworkingCentre,
    data: RulesData,
    *,
    actor: User,
    agreed: set[int] | None = None,
    now: datetime | None = None,
) -> list[Booking]:
    """Save rules and weekly hours; cancel the bookings the new hours or sanitary day exclude.

    The slot length may change freely: bookings hold quarter hours, whatever it is.
    """
    if not centre.can_manage(actor):
        raise PermissionDenied(_l("You may not change this centre's rules."))
    now = now or utc_now()
    if not on_quarter_hours(data.opening_hours):
        raise IntranetError(QUARTER_HOURS)
    lock_rules([centre.id])
    try:
        # Changed inside the savepoint: begin_nested() first flushes what is pending.
        with db.session.begin_nested():
            for name, value in asdict(data).items():
                setattr(centre, name, value)
            db.session.flush()  # the CHECKs on durations and limits speak here
    except IntegrityError as error:
        raise IntranetError(_l("These rules contradict each other.")) from error
    record_audit("coworking.rules", actor=actor, target=f"centre:{centre.slug}")
    reasons = {}
    bookings = cancellable_bookings([centre.id], now)
    days = [to_local(booking.start_dt).date() for booking in bookings]
    calendar = day_changes(min(days), max(days), [centre.library_id]) if days else Calendar()
    for booking in bookings:
        why = misfit(centre, booking, calendar)
        if why is not None:
            reasons[booking] = why
    settle(list(reasons), agreed)
    return cancel_by_centre(
        list(reasons),
        actor=actor,
        reason=lambda b: reasons[b][0] % reasons[b][1],
        cause=f"coworking.rules:{centre.slug}",
        now=now,
    )


def add_closure(
    centre: CoworkingCentre,
    data: ClosureData,
    *,
    actor: User,
    language: str,
    agreed: set[int] | None = None,
    now: datetime | None = None,
) -> list[Booking]:
    """Close the centre's library on one day and cancel the bookings on it (asking first).

    The reason is kept in the language it was written in: Russian, else Kazakh. Returns the
    bookings cancelled.
    """
    _row, cancelled = close_day(
        actor=actor,
        day=data.day,
        library=centre.library,
        kind=ClosedDayKind.CLOSURE,
        reason_kk=data.reason if language != "ru" else "",
        reason_ru=data.reason if language == "ru" else "",
        agreed=agreed,
        now=now,
    )
    return cancelled
