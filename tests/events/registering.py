"""Helpers of the registration tests: an event open for registration, a filled-in form."""

from datetime import timedelta

from intranet.clock import local_today
from intranet.events import services
from intranet.events.models import Registration, RegistrationRules, RegistrationStatus, Status
from intranet.events.seed import seed_event_types
from intranet.extensions import db
from tests.events.conftest import event_data, get_event, walk_to, weekly_open_start


def approved_event(app, **overrides) -> int:
    """An approved event ten days ahead (the event types seeded if they are not yet)."""
    with app.app_context():
        seed_event_types()
        event = services.create_event(event_data(**overrides), actor=None)
        walk_to(event, Status.APPROVED)
        db.session.commit()
        return event.id


def open_registration(app, *, capacity: int = 3, **rules) -> int:
    """An approved event ten days ahead with registration open to all."""
    event_id = approved_event(app, **rules.pop("event", {}))
    with app.app_context():
        db.session.add(
            RegistrationRules(
                event_id=event_id, mode=rules.pop("mode", "open"), capacity=capacity,
                places_taken=0, opens_days=30, closes_hours=2,
                max_group=rules.pop("max_group", 3), ask_school=False, ask_grade=False, **rules,
            )
        )  # fmt: skip
        db.session.commit()
    return event_id


def open_series(app, *, meetings: int = 3, capacity: int = 5, taken: int = 0) -> list[int]:
    """A weekly series of approved meetings from ten days ahead (or the first day after whose
    meetings miss every holiday), one registration for all."""
    with app.app_context():
        seed_event_types()
        first = weekly_open_start(local_today() + timedelta(days=10), meetings)
        series, events = services.create_series(
            event_data(day=first),
            services.SeriesData(repeat="weekly", occurrences=meetings),
            actor=None,
        )
        series.register_once = True
        for event in events:
            walk_to(event, Status.APPROVED)
            db.session.add(
                RegistrationRules(
                    event_id=event.id, mode="open", capacity=capacity, places_taken=taken,
                    opens_days=30, closes_hours=2, max_group=3, ask_school=False, ask_grade=False,
                )
            )  # fmt: skip
        db.session.commit()
        return [e.id for e in events]


def person(n: int, **overrides) -> services.RegistrationData:
    data = {
        "full_name": f"Айгерім Сейтқали{'а' * (n % 3)}",
        "phone": f"+7 701 000 {n // 100 % 100:02d} {n % 100:02d}",
        "email": f"reader{n}@example.kz",
        "language": "kk",
        "consent": True,
    }
    data.update(overrides)
    return services.RegistrationData(**data)


def form(n: int, token: str, **overrides) -> dict:
    data = {
        "csrf_token": token,
        "full_name": "Айгерім Сейтқали",
        "phone": f"+7 702 000 {n // 100 % 100:02d} {n % 100:02d}",
        "email": f"visitor{n}@example.kz",
        "group_size": "1",
        "consent": "y",
        "website": "",
    }
    data.update(overrides)
    return data


def statuses(event_id: int) -> list[str]:
    """Each registration's status, in order of arrival."""
    rows = db.session.scalars(
        db.select(Registration).where(Registration.event_id == event_id).order_by(Registration.id)
    )
    return [r.status for r in rows]


def taken(event_id: int) -> int:
    return db.session.get(RegistrationRules, event_id).places_taken


__all__ = ["RegistrationStatus", "get_event"]
