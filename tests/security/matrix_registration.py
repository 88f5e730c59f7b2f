"""Authorization matrix rows of event registration (see tests/security/matrix.py)."""

from intranet.events import services
from intranet.events.models import Event, EventSeries, RegistrationRules
from intranet.extensions import db
from tests.security.matrix import PUBLIC, outcome
from tests.security.matrix_events import approved

# The library's staff (branch A, central, admin) manage its event's registrations.
LIBRARY_A = outcome("forbidden", anonymous="login", branch_a="ok", central="ok", admin="ok")
_people = iter(range(1, 1_000_000))


def open_event(world) -> dict:
    """An approved event of library A open for registration."""
    ids = approved(world)
    with world.app.app_context():
        db.session.add(
            RegistrationRules(
                event_id=ids["event_id"], mode="open", capacity=50, places_taken=0,
                opens_days=30, closes_hours=2, max_group=2, ask_school=False, ask_grade=False,
            )
        )  # fmt: skip
        db.session.commit()
    return ids


def _registration(world) -> tuple[int, int, str]:
    ids = open_event(world)
    with world.app.app_context():
        n = next(_people)
        event = db.session.get(Event, ids["event_id"])
        data = services.RegistrationData(
            full_name="Матрица Тексеру", phone=f"+7705{n:07d}", email=f"m{n}@example.kz",
            consent=True,
        )  # fmt: skip
        registration = services.register(event, data)
        db.session.commit()
        return event.id, registration.id, registration.token


def token(world) -> dict:
    return {"token": _registration(world)[2]}


def series_token(world) -> dict:
    """A registration for all meetings of a one-meeting series of library A."""
    ids = open_event(world)
    with world.app.app_context():
        n = next(_people)
        event = db.session.get(Event, ids["event_id"])
        event.series = EventSeries(frequency="weekly", occurrences=1, register_once=True)
        data = services.RegistrationData(
            full_name="Матрица Тексеру", phone=f"+7706{n:07d}", consent=True
        )
        entry = services.register_series(event, data)
        db.session.commit()
        return {"token": entry.token}


def registration(world) -> dict:
    event_id, registration_id, _ = _registration(world)
    return {"event_id": event_id, "registration_id": registration_id}


def export(fmt: str):
    def build(world) -> dict:
        return {**open_event(world), "fmt": fmt}

    return build


ROWS = {
    ("events_public.register", "GET"): (open_event, PUBLIC),
    ("events_public.register", "POST"): (open_event, PUBLIC),
    ("events_public.registration", "GET"): (token, PUBLIC),
    ("events_public.registration_cancel", "POST"): (token, PUBLIC),
    ("events_public.registration_accept", "POST"): (token, PUBLIC),
    ("events_public.series_registration", "GET"): (series_token, PUBLIC),
    ("events_public.series_registration_cancel", "POST"): (series_token, PUBLIC),
    ("events_staff.settings", "GET"): (open_event, LIBRARY_A),
    ("events_staff.settings", "POST"): (open_event, LIBRARY_A),
    ("events_staff.registrations", "GET"): (open_event, LIBRARY_A),
    ("events_staff.add", "POST"): (open_event, LIBRARY_A),
    ("events_staff.walk_in", "POST"): (open_event, LIBRARY_A),
    ("events_staff.tick", "POST"): (registration, LIBRARY_A),
    ("events_staff.cancel_registration", "POST"): (registration, LIBRARY_A),
    ("events_staff.print_list", "GET"): (open_event, LIBRARY_A),
    ("events_staff.export_registrations", "GET"): (export("xlsx"), LIBRARY_A),
    ("events_staff.message_registrants", "GET"): (open_event, LIBRARY_A),
    ("events_staff.message_registrants", "POST"): (open_event, LIBRARY_A),
}
