"""Authorization matrix rows of the event calendar (see tests/security/matrix.py)."""

from datetime import timedelta

from sqlalchemy import select

from intranet.clock import local_today
from intranet.events import services
from intranet.events.models import Campaign, EventType, Status
from intranet.events.seed import seed_event_types
from intranet.extensions import db
from tests.events.conftest import event_data, walk_to
from tests.security.matrix import CENTRAL_ONLY, PUBLIC, outcome, plain

EVENT_STAFF = outcome("ok", anonymous="login", coordinator_x="forbidden", coordinator_y="forbidden")
LIBRARY_A = outcome("forbidden", anonymous="login", branch_a="ok", central="ok", admin="ok")
ADMIN_ONLY = outcome("forbidden", anonymous="login", admin="ok")


def _event(world, status: str, days_ahead: int = 10) -> dict:
    """A fresh event of library A (No. 6) in this status."""
    with world.app.app_context():
        seed_event_types()
        data = event_data(library_slug="no-6", day=local_today() + timedelta(days=days_ahead))
        event = services.create_event(data, actor=None)
        walk_to(event, status)
        db.session.commit()
        return {"event_id": event.id}


def draft(world) -> dict:
    return _event(world, Status.DRAFT)


def pending(world) -> dict:
    return _event(world, Status.PENDING)


def approved(world) -> dict:
    return _event(world, Status.APPROVED)


def ended(world) -> dict:
    return _event(world, Status.APPROVED, days_ahead=-3)


def campaign(world) -> dict:
    with world.app.app_context():
        slug = "one-country-one-book"
        if db.session.scalar(select(Campaign).where(Campaign.slug == slug)) is None:
            today = local_today()
            db.session.add(
                Campaign(
                    slug=slug,
                    name_kk="Бір ел – бір кітап",
                    name_ru="Одна страна – одна книга",
                    start_date=today,
                    end_date=today + timedelta(days=60),
                    target_per_library=2,
                )
            )
            db.session.commit()
        return {"slug": slug}


def event_type(world) -> dict:
    with world.app.app_context():
        seed_event_types()
        db.session.commit()
        return {"type_id": db.session.scalar(select(EventType.id).order_by(EventType.id))}


ROWS = {
    ("events_staff.calendar", "GET"): (plain, EVENT_STAFF),
    ("events_staff.create", "GET"): (plain, EVENT_STAFF),
    ("events_staff.create", "POST"): (plain, EVENT_STAFF),
    ("events_staff.detail", "GET"): (draft, LIBRARY_A),
    ("events_staff.edit", "GET"): (draft, LIBRARY_A),
    ("events_staff.edit", "POST"): (draft, LIBRARY_A),
    ("events_staff.submit", "POST"): (draft, LIBRARY_A),
    ("events_staff.delete", "GET"): (draft, LIBRARY_A),
    ("events_staff.delete", "POST"): (draft, LIBRARY_A),
    ("events_staff.approve", "POST"): (pending, CENTRAL_ONLY),
    ("events_staff.return_", "POST"): (pending, CENTRAL_ONLY),
    ("events_staff.cancel", "POST"): (approved, LIBRARY_A),
    ("events_staff.attendance", "GET"): (ended, LIBRARY_A),
    ("events_staff.attendance", "POST"): (ended, LIBRARY_A),
    ("events_staff.queue", "GET"): (plain, CENTRAL_ONLY),
    ("events_staff.plan_upload", "GET"): (plain, EVENT_STAFF),
    ("events_staff.plan_upload", "POST"): (plain, EVENT_STAFF),
    ("events_staff.plan_template", "GET"): (plain, EVENT_STAFF),
    ("events_staff.export", "GET"): (plain, EVENT_STAFF),
    ("events_staff.campaign", "GET"): (campaign, EVENT_STAFF),
    ("events_staff.campaigns", "GET"): (plain, EVENT_STAFF),
    ("events_staff.campaigns", "POST"): (plain, CENTRAL_ONLY),
    ("events_staff.types", "GET"): (plain, ADMIN_ONLY),
    ("events_staff.types", "POST"): (plain, ADMIN_ONLY),
    ("events_staff.edit_type", "GET"): (event_type, ADMIN_ONLY),
    ("events_staff.edit_type", "POST"): (event_type, ADMIN_ONLY),
    ("events_staff.type_action", "POST"): (event_type, ADMIN_ONLY),
    ("events_staff.edit_campaign", "GET"): (campaign, CENTRAL_ONLY),
    ("events_staff.edit_campaign", "POST"): (campaign, CENTRAL_ONLY),
    ("events_staff.campaign_action", "POST"): (campaign, CENTRAL_ONLY),
    ("events_public.calendar", "GET"): (plain, PUBLIC),
    ("events_public.event", "GET"): (approved, PUBLIC),
    ("events_public.event_ics", "GET"): (approved, PUBLIC),
    ("events_public.feed", "GET"): (plain, PUBLIC),
    ("events_public.print_month", "GET"): (plain, PUBLIC),
    ("events_api.events", "GET"): (plain, PUBLIC),
}
