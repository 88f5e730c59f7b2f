"""The libraries' public pages: the grouped, searchable list and one page per library."""

import json
import re
from datetime import time, timedelta

from sqlalchemy import select

from intranet.clock import from_local, local_today
from intranet.coworking.models import CoworkingCentre
from intranet.coworking.services import create_booking
from intranet.events import services as event_services
from intranet.events.models import Event, EventType
from intranet.events.seed import _advance
from intranet.extensions import db
from intranet.libraries.models import ClosedDay, Library
from intranet.libraries.seed import seed_demo_library_contacts
from intranet.libraries.services import closed_days
from tests.conftest import english_client
from tests.coworking.conftest import booking_request, open_days

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def get_library(slug: str) -> Library:
    return db.session.scalar(select(Library).where(Library.slug == slug))


def approved_event(library: Library, *, approve: bool = True, **fields) -> int:
    """An approved (or draft) event at this library five days ahead, 15:00-16:00."""
    day = local_today() + timedelta(days=5)
    data = {
        "type": db.session.scalar(select(EventType).limit(1)),
        "library": library,
        "room": "",
        "start_dt": from_local(day, time(15)),
        "end_dt": from_local(day, time(16)),
        "title_kk": "Поэзия сағаты",
        "title_ru": "Час поэзии",
        "title_en": "Poetry hour",
        "description_kk": "",
        "description_ru": "",
        "description_en": "",
        "audience": "youth",
        "language": "kk",
        "organiser": "",
        "partners": "",
        "club": None,
        "campaign": None,
        "capacity": None,
        "internal_notes": "",
        **fields,
    }
    event = event_services.create_event(event_services.EventData(**data), actor=None)
    if approve:
        _advance(event, "approved", None)
    db.session.flush()
    return event.id


def test_the_list_groups_all_21_libraries(app):
    page = english_client(app).get("/libraries").get_data(as_text=True)
    assert page.count('href="/libraries/') == 21
    central, branches, rural = (
        page.index("Central library"),
        page.index("City branch libraries"),
        page.index("Rural model libraries"),
    )
    assert central < branches < rural
    assert page.index("Branch library No. 14") < rural < page.index("Akzharma rural library")


def test_the_list_is_searchable_without_javascript(app):
    client = english_client(app)
    page = client.get("/libraries?q=№ 8").get_data(as_text=True)
    assert 'href="/libraries/no-8?lang=en"' in page
    assert 'href="/libraries/no-6?' not in page
    page = client.get("/libraries?q=чайковск").get_data(as_text=True)
    assert re.findall(r'href="/libraries/([^"?]+)\?lang=en"', page) == ["central"]
    page = client.get("/libraries?q=nowhere").get_data(as_text=True)
    assert "No library matches «nowhere»." in page


def test_kazakh_is_the_default_language_of_the_list(app):
    page = app.test_client().get("/libraries").get_data(as_text=True)
    assert "Ауылдық модельдік кітапханалар" in page
    assert "Қалалық кітапхана-филиалдар" in page


def test_a_library_page_shows_contacts_hours_today_and_map_links(app):
    with app.app_context():
        library = get_library("no-8")
        library.phone = "+7 7242 23-45-67"
        library.email = "no8@example.kz"
        library.address_en = "12 Abai avenue"
        library.latitude, library.longitude = 44.8421, 65.5012
        library.opening_hours = {
            day: ["09:00", "18:00"] for day in ("mon", "tue", "wed", "thu", "fri")
        }
        # A day no holiday closes already: the city's reason would be the one shown.
        sanitary = local_today() + timedelta(days=3)
        while sanitary in closed_days(sanitary, sanitary, library.id):
            sanitary += timedelta(days=1)
        db.session.add(
            ClosedDay(
                day=sanitary,
                library=library,
                kind="sanitary",
                reason_kk="Санитарлық күн",
                reason_ru="Санитарный день",
                reason_en="Sanitary day",
            )
        )
        db.session.commit()
    page = english_client(app).get("/libraries/no-8").get_data(as_text=True)
    assert "Branch library No. 8" in page
    assert "Branch library</p>" in page
    assert "12 Abai avenue" in page
    assert 'href="tel:+77242234567"' in page
    assert "https://2gis.kz/kyzylorda/geo/65.50120%2C44.84210" in page
    assert "https://www.openstreetmap.org/?mlat=44.84210&amp;mlon=65.50120" in page
    today = WEEKDAYS[local_today().weekday()]
    assert re.search(rf'fw-bold[^>]*>{today} <span class="badge text-bg-primary">today', page)
    assert "Sanitary day" in page
    assert "Demo data" not in page


def test_a_library_page_carries_schema_org_library_markup(app):
    with app.app_context():
        library = get_library("central")
        library.phone = "+7 7242 40-00-00"
        library.latitude, library.longitude = 44.85, 65.5
        library.opening_hours = {"mon": ["09:00", "18:00"], "sun": None}
        library.name_en = "Central </script><b>library"
        db.session.commit()
    page = english_client(app).get("/libraries/central").get_data(as_text=True)
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert block, "no JSON-LD"
    data = json.loads(block.group(1))
    assert data["@type"] == "Library"
    assert data["name"] == "Central </script><b>library"
    assert data["telephone"] == "+7 7242 40-00-00"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 44.85, "longitude": 65.5}
    assert data["openingHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/Monday",
            "opens": "09:00",
            "closes": "18:00",
        }
    ]
    assert "<b>library" not in page.replace(block.group(1), "")


def test_a_library_page_shows_its_centre_clubs_and_next_events(app):
    with app.app_context():
        approved_event(get_library("central"), title_en="Published hour")
        approved_event(get_library("central"), approve=False)
        db.session.commit()
    page = english_client(app).get("/libraries/central").get_data(as_text=True)
    assert 'href="/coworking/cowork-central?lang=en"' in page
    assert "Bookworms" in page
    assert "English club" in page
    assert "Published hour" in page
    assert "Poetry hour" not in page


def test_an_unknown_library_is_404(app):
    assert english_client(app).get("/libraries/no-99").status_code == 404


def test_demo_contacts_fill_every_library_and_say_so(app):
    with app.app_context():
        assert seed_demo_library_contacts() == 21
        assert seed_demo_library_contacts() == 0
        db.session.commit()
        libraries = db.session.scalars(select(Library)).all()
        assert all(lib.phone and lib.address_kk and lib.address_ru for lib in libraries)
        assert get_library("central").address_ru == "улица Чайковского"
    page = english_client(app).get("/libraries/no-3").get_data(as_text=True)
    assert "Demo data: the address, phone, map point and hours below are placeholders" in page


def test_event_and_booking_pages_lead_to_the_library_page(app):
    with app.app_context():
        library = get_library("central")
        library.phone = "+7 7242 40-00-00"
        library.opening_hours = {
            day: ["08:30", "19:00"] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
        }
        event_id = approved_event(library)
        centre = db.session.scalar(
            select(CoworkingCentre).where(CoworkingCentre.library == library)
        )
        booking = create_booking(centre, booking_request(open_days(1)[0]))
        db.session.commit()
        event_url, booking_url = f"/events/{event_id}", f"/booking/{booking.token}"
    client = english_client(app)
    for url in (event_url, booking_url):
        page = client.get(url).get_data(as_text=True)
        assert 'href="/libraries/central?lang=en"' in page, url
        assert "Library hours that day: 08:30–19:00" in page, url
        assert "+7 7242 40-00-00" in page, url


def test_an_event_page_carries_schema_org_event_markup(app):
    with app.app_context():
        library = get_library("no-8")
        library.address_en = "12 Abai avenue"
        event_id = approved_event(
            library, title_en="Poetry </script> hour", description_en="Abai", language="kk_ru"
        )
        db.session.commit()
        start = db.session.get(Event, event_id).start_dt
    page = english_client(app).get(f"/events/{event_id}").get_data(as_text=True)
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    data = json.loads(block.group(1))
    assert data["@type"] == "Event"
    assert data["name"] == "Poetry </script> hour"
    assert data["startDate"] == start.isoformat()
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["inLanguage"] == ["kk", "ru"]
    assert data["location"]["name"] == "Branch library No. 8"
    assert data["location"]["address"]["streetAddress"] == "12 Abai avenue"
    assert data["location"]["url"].endswith("/libraries/no-8")
    assert data["url"].endswith(f"/events/{event_id}")
