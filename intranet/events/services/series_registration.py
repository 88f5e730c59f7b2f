"""One registration for all meetings of a series: a place in every remaining meeting, or a
turn on the series' waitlist, taken and freed as a whole."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError

from intranet.errors import Conflict, IntranetError
from intranet.events.models import (
    Event,
    EventSeries,
    Registration,
    RegistrationRules,
    RegistrationStatus,
    SeriesRegistration,
    SeriesStatus,
)
from intranet.events.queries.series import Meeting, meetings, open_meetings, series_of
from intranet.events.services.registration import (
    RegistrationData,
    RegistrationError,
    lock_rules,
    person_fields,
    registration_refusal,
)
from intranet.events.services.waitlist import (
    fill_places,
    leave,
    move,
    release_places,
    take_places,
)
from intranet.extensions import db
from intranet.models import utc_now
from intranet.notifications.services import enqueue
from intranet.urls import external_url_for

SUBJECTS = {
    SeriesStatus.CONFIRMED: _l("Your places at the club's meetings are confirmed"),
    SeriesStatus.WAITLISTED: _l("You are on the waitlist for the club's meetings"),
    "promoted": _l("Places at the club's meetings have freed up: your places are confirmed"),
    SeriesStatus.CANCELLED: _l("Your registration for the club's meetings is cancelled"),
}


def series_refusal(series: EventSeries, now: datetime, *, by_staff: bool = False) -> str | None:
    """Why nobody can register for the series now (translated), or None when it is open."""
    ahead = open_meetings(series.id, now)
    if not ahead:
        return str(_l("Registration for this event is closed."))
    return registration_refusal(ahead[0][0], ahead[0][1], now, by_staff=by_staff)


def queue_series_email(series_registration: SeriesRegistration, kind: str, now: datetime) -> None:
    """Tell the registrant in the outbox, in their language, with the meetings they hold."""
    if not series_registration.email:
        return
    enqueue(
        kind=f"registration.series_{kind}",
        recipient=series_registration.email,
        language=series_registration.language,
        subject=SUBJECTS[kind],
        template=f"events/email/series_{kind}.txt",
        context={
            "registration": series_registration,
            "meetings": [event for event, _ in meetings(series_registration.series_id, now)],
            "link": external_url_for(
                "events_public.series_registration", token=series_registration.token
            ),
        },
    )


def _seat(series_registration: SeriesRegistration, ahead: list[Meeting]) -> bool:
    """Take a place in every meeting ahead for the registrant, or none at all."""
    n = series_registration.group_size
    rows = [
        Registration(
            event_id=event.id,
            series_registration_id=series_registration.id,
            status=RegistrationStatus.WAITLISTED,
            **{c: getattr(series_registration, c) for c in COPIED},
        )
        for event, _ in ahead
    ]
    db.session.add_all(rows)
    db.session.flush()
    taken: list[RegistrationRules] = []
    for (_, rules), row in zip(ahead, rows, strict=True):
        if not take_places(rules, n, ahead_of=row.id):
            for held in taken:
                release_places(held, n)
            for unused in rows:
                db.session.delete(unused)
            db.session.flush()
            return False
        taken.append(rules)
    for row in rows:
        row.status = RegistrationStatus.CONFIRMED
    series_registration.status = SeriesStatus.CONFIRMED
    db.session.flush()
    return True


# What a meeting's place copies from the whole-series registration.
COPIED = (
    *("full_name", "phone", "email", "group_size", "school", "grade", "language"),
    *("consent_version", "created_dt"),
)


def register_series(
    event: Event, data: RegistrationData, *, now: datetime | None = None
) -> SeriesRegistration:
    """A place in every remaining meeting of the event's series, else the series' waitlist."""
    now = now or utc_now()
    series = series_of(event)
    if series is None:
        raise RegistrationError(_l("This event needs no registration."))
    lock_rules([e.id for e, _ in meetings(series.id, now)])
    ahead = open_meetings(series.id, now)
    for _, rules in ahead:
        db.session.refresh(rules)
    refusal = series_refusal(series, now)
    if refusal:
        raise RegistrationError(refusal)
    entry = SeriesRegistration(
        series_id=series.id,
        status=SeriesStatus.WAITLISTED,
        **person_fields(ahead[0][1], data, now),
    )
    try:
        with db.session.begin_nested():
            db.session.add(entry)
            db.session.flush()
            waiting_earlier = db.session.scalar(
                select(
                    exists().where(
                        SeriesRegistration.series_id == series.id,
                        SeriesRegistration.status == SeriesStatus.WAITLISTED,
                        SeriesRegistration.id < entry.id,
                    )
                )
            )
            if not waiting_earlier:
                _seat(entry, ahead)
    except IntegrityError:
        raise RegistrationError(
            _l(
                "Someone is already registered for the meetings of this club with this phone "
                "or email. Use the link we sent to see or cancel that registration."
            ),
            field="phone",
        ) from None
    queue_series_email(entry, entry.status, now)
    return entry


def fill_series(series_id: int, now: datetime) -> int:
    """Give every remaining meeting's places to the series' waitlist, whole registrations in
    order of arrival (always confirmed at once: an offer in every meeting would never end)."""
    moved = 0
    ahead = open_meetings(series_id, now)
    while ahead:
        head = db.session.scalar(
            select(SeriesRegistration)
            .where(
                SeriesRegistration.series_id == series_id,
                SeriesRegistration.status == SeriesStatus.WAITLISTED,
            )
            .order_by(SeriesRegistration.id)
            .limit(1)
        )
        if head is None or not _seat(head, ahead):
            break
        queue_series_email(head, "promoted", now)
        moved += 1
    return moved


def leave_meeting(
    event: Event, registration: Registration, *, now: datetime | None = None
) -> Registration:
    """A place in one meeting freed ("I can't come", or staff on the phone): the meeting's
    waitlist moves up, and on a series the whole-series waitlist may now fit everywhere."""
    now = now or utc_now()
    series = series_of(event)
    if series is None:
        return leave(event, registration, now=now)
    # Every meeting's rules row first, in id order, as registering for the series does.
    lock_rules([e.id for e, _ in meetings(series.id, now)])
    leave(event, registration, now=now)
    fill_series(series.id, now)
    return registration


def leave_series(
    series_registration: SeriesRegistration, *, now: datetime | None = None
) -> SeriesRegistration:
    """Cancel the registration: its place in every meeting ahead frees for the next people."""
    now = now or utc_now()
    if series_registration.status == SeriesStatus.CANCELLED:
        raise IntranetError(_l("This registration can no longer be cancelled."))
    ahead = meetings(series_registration.series_id, now)
    if not ahead:
        raise IntranetError(_l("The event has started; the registration can no longer change."))
    lock_rules([e.id for e, _ in ahead])
    db.session.refresh(series_registration)
    if series_registration.status == SeriesStatus.CANCELLED:
        raise Conflict(_l("This registration has just changed; look at it again."))
    places = {
        r.event_id: r
        for r in db.session.scalars(
            select(Registration).where(
                Registration.series_registration_id == series_registration.id
            )
        )
    }
    for event, rules in ahead:
        row = places.get(event.id)
        live = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)
        if row is None or not move(row, live, RegistrationStatus.CANCELLED, left_dt=now):
            continue  # no place here, or already freed by "I can't come"
        db.session.refresh(rules)
        release_places(rules, row.group_size)
        fill_places(event, rules, now)
    series_registration.status, series_registration.live = SeriesStatus.CANCELLED, None
    series_registration.left_dt = now
    db.session.flush()
    fill_series(series_registration.series_id, now)
    queue_series_email(series_registration, SeriesStatus.CANCELLED, now)
    return series_registration
