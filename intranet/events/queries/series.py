"""Series registration, read: the meetings, what one registration gives, a person's places."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from intranet.events.models import (
    Event,
    EventSeries,
    Registration,
    RegistrationMode,
    RegistrationRules,
    SeriesRegistration,
    SeriesStatus,
    Status,
)
from intranet.extensions import db

Meeting = tuple[Event, RegistrationRules]


def series_of(event: Event) -> EventSeries | None:
    """The event's series when one registration covers all its meetings."""
    series = event.series
    return series if series is not None and series.register_once else None


def meetings(series_id: int, after: datetime) -> list[Meeting]:
    """The series' published meetings starting after `after`, with registration on, by start."""
    rows = db.session.execute(
        select(Event, RegistrationRules)
        .join(RegistrationRules, RegistrationRules.event_id == Event.id)
        .where(
            Event.series_id == series_id,
            Event.status == Status.APPROVED,
            Event.start_dt > after,
            RegistrationRules.mode != RegistrationMode.OFF,
        )
        .order_by(Event.start_dt, Event.id)
    ).all()
    return [(event, rules) for event, rules in rows]


def open_meetings(series_id: int, now: datetime) -> list[Meeting]:
    """The meetings a registration made now covers: those whose registration has not closed."""
    return [
        (e, r)
        for e, r in meetings(series_id, now)
        if now < e.start_dt - timedelta(hours=r.closes_hours)
    ]


@dataclass(frozen=True)
class SeriesOffer:
    """What one registration for the series gives now: its meetings and the places left."""

    events: list[Event]
    places_left: int
    waiting: int


def series_offer(series: EventSeries, now: datetime) -> SeriesOffer:
    """The meetings a registration now covers and the fewest places left among them."""
    ahead = open_meetings(series.id, now)
    return SeriesOffer(
        events=[e for e, _ in ahead],
        places_left=min((r.places_left for _, r in ahead), default=0),
        waiting=series_waiting_count(series.id),
    )


def series_waiting_count(series_id: int) -> int:
    """How many series registrations wait for places in every meeting."""
    return int(
        db.session.scalar(
            select(func.count()).where(
                SeriesRegistration.series_id == series_id,
                SeriesRegistration.status == SeriesStatus.WAITLISTED,
            )
        )
        or 0
    )


def series_waitlist(event: Event) -> list[SeriesRegistration]:
    """Who waits for places in every meeting of the event's series, in order of arrival."""
    series = series_of(event)
    if series is None:
        return []
    return list(
        db.session.scalars(
            select(SeriesRegistration)
            .where(
                SeriesRegistration.series_id == series.id,
                SeriesRegistration.status == SeriesStatus.WAITLISTED,
            )
            .order_by(SeriesRegistration.id)
        )
    )


def series_registration_by_token(token: str) -> SeriesRegistration | None:
    """The series registration behind a private link."""
    return db.session.scalar(select(SeriesRegistration).where(SeriesRegistration.token == token))


def series_places(entry: SeriesRegistration) -> list[tuple[Event, Registration | None]]:
    """Each meeting since the person registered, with their place in it (None: no place)."""
    places = {
        r.event_id: r
        for r in db.session.scalars(
            select(Registration).where(Registration.series_registration_id == entry.id)
        )
    }
    return [(e, places.get(e.id)) for e, _ in meetings(entry.series_id, entry.created_dt)]


def series_registration_of(registration: Registration) -> SeriesRegistration | None:
    """The whole-series registration a meeting's place belongs to, if any."""
    if registration.series_registration_id is None:
        return None
    return db.session.get(SeriesRegistration, registration.series_registration_id)
