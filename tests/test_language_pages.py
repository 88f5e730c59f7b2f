"""The demo city's pages, in Kazakh and Russian, read without a stumble (emails: test_mail)."""

from datetime import date

import pytest
from sqlalchemy import select

from intranet.admin.seed import DEMO_PASSWORD, seed_demo_users
from intranet.clock import local_today
from intranet.coworking.models import Booking
from intranet.coworking.seed import seed_demo_bookings
from intranet.events.models import Event
from intranet.events.seed import seed_demo_events
from intranet.extensions import db
from intranet.libraries.seed import seed_demo_library_contacts
from tests.conftest import login
from tests.language import unnatural, visible_text

PUBLIC = [
    "/",
    "/events",
    "/events?view=week",
    "/events?view=list",
    "/events/{event}",
    "/events/print?library=no-6",
    "/coworking",
    "/coworking/cowork-central",
    "/coworking/cowork-central/book",
    "/booking/{token}",
    "/libraries",
    "/libraries/no-6",
    "/clubs/bookworms",
]
STAFF = {
    "central@demo.kz": [
        "/staff/",
        "/staff/events/queue",
        "/staff/events/",
        "/staff/events/{event}",
        "/staff/reports/cycle",
        "/staff/reports/month/no-6/{year}/{month}",
        "/staff/reports/?period=month",
        "/staff/notices",
    ],
    "coordinator@demo.kz": [
        "/staff/coworking/",
        "/staff/coworking/cowork-central/board",
        "/staff/coworking/cowork-central/setup",
    ],
    "admin@demo.kz": ["/staff/admin/users", "/staff/admin/audit", "/staff/admin/outbox"],
}


@pytest.fixture
def demo(app):
    """The demo city, as `make run` shows it."""
    with app.app_context():
        seed_demo_users()
        seed_demo_library_contacts()
        seed_demo_events()
        seed_demo_bookings()
        db.session.commit()
        event = db.session.scalar(select(Event.id).where(Event.status == "approved").limit(1))
        token = db.session.scalar(select(Booking.token).limit(1))
    last = local_today().replace(day=1)
    previous = date(last.year - (last.month == 1), (last.month - 2) % 12 + 1, 1)
    return {"event": event, "token": token, "year": previous.year, "month": previous.month}


def check(client, path: str, lang: str) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    body = response.get_data(as_text=True)
    assert f'<html lang="{lang}">' in body, path
    return [f"{path}: {problem}" for problem in unnatural(visible_text(body), lang)]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_public_pages_read_naturally(client, demo, lang):
    problems = []
    for path in PUBLIC:
        url = path.format(**demo)
        problems += check(client, f"{url}{'&' if '?' in url else '?'}lang={lang}", lang)
    assert not problems, problems


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_staff_pages_read_naturally(app, demo, lang):
    problems = []
    for email, paths in STAFF.items():
        client = app.test_client()
        login(client, email, DEMO_PASSWORD)
        client.get(f"/staff/?lang={lang}")  # a signed-in user's choice is saved
        problems += [p for path in paths for p in check(client, path.format(**demo), lang)]
    assert not problems, problems
