"""Public responses are right for any HTTP cache: no cookie for strangers, the right Vary."""

import pytest

from intranet.coworking.models import Booking
from intranet.events.seed import seed_event_types
from intranet.extensions import db
from tests.coworking.conftest import SLUG, make_booking  # noqa: F401 - a fixture used here
from tests.events.conftest import make_event  # noqa: F401 - a fixture used here

# Every public GET route, with the URL a reader would open. {event} and {token} are filled in.
PUBLIC = {
    "public.home": "/",
    "public.healthz": "/healthz",
    "public.manifest": "/manifest.webmanifest",
    "events_public.calendar": "/events",
    "events_public.event": "/events/{event}",
    "events_public.event_ics": "/events/{event}.ics",
    "events_public.feed": "/events.ics",
    "events_public.print_month": "/events/print?library=no-6",
    "coworking_public.centres": "/coworking",
    "coworking_public.centre": f"/coworking/{SLUG}",
    "coworking_api.availability": f"/api/v1/coworking/{SLUG}/availability",
    "libraries_api.libraries": "/api/v1/libraries",
    "libraries_public.libraries": "/libraries",
    "libraries_public.library": "/libraries/no-8",
    "events_api.events": "/api/v1/events",
}
# Pages with a form: the CSRF token ties them to one browser's session.
FORMS = {"auth_public.login": "/login", "coworking_public.book": f"/coworking/{SLUG}/book"}
# The visitor's private booking pages: personal data.
PRIVATE = {
    "coworking_public.booking_page": "/booking/{token}",
    "coworking_public.booking_calendar": "/booking/{token}.ics",
    "coworking_public.erase": "/booking/{token}/erase",
}
ERRORS = {
    "404 page": "/no-such-page",
    "404 event": "/events/999999",
    "400 API": "/api/v1/events?start=yesterday",
    "400 feed": "/events.ics?library=nowhere",
    "405": "/logout",
}


@pytest.fixture
def urls(app, make_event, make_booking):  # noqa: F811 - fixtures imported above
    """Real objects behind the routes: a published event and a confirmed booking."""
    with app.app_context():
        seed_event_types()
        db.session.commit()
    event_id = make_event(status="approved")
    booking_id = make_booking()
    with app.app_context():
        booking = db.session.get(Booking, booking_id)
        booking.status = "confirmed"
        token = booking.token
        db.session.commit()

    def fill(path: str) -> str:
        return path.format(event=event_id, token=token)

    return fill


def get(app, path: str, language: str = "ru"):
    """A first visit from a new browser that prefers this language."""
    response = app.test_client().get(path, headers={"Accept-Language": language})
    response.close()
    return response


def test_the_tables_name_every_public_get_route(app):
    public_gets = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods
        and rule.endpoint != "static"
        and not rule.rule.startswith("/staff/")
    }
    assert public_gets == set(PUBLIC) | set(FORMS) | set(PRIVATE)


@pytest.mark.parametrize("endpoint", sorted(PUBLIC))
def test_a_stranger_gets_no_cookie_and_a_vary_for_the_language(app, urls, endpoint):
    russian, kazakh = get(app, urls(PUBLIC[endpoint]), "ru"), get(app, urls(PUBLIC[endpoint]), "kk")
    assert russian.status_code == 200
    for response in (russian, kazakh):
        assert "Set-Cookie" not in response.headers
        assert "no-store" not in response.headers.get("Cache-Control", "")
    if russian.get_data() != kazakh.get_data():
        # The same URL answers in two languages: a cache must keep them apart.
        assert {"Accept-Language", "Cookie"} <= set(russian.vary)


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_error_pages_set_no_cookie_either(app, name):
    response = get(app, ERRORS[name])
    assert response.status_code in (400, 404, 405)
    assert "Set-Cookie" not in response.headers
    assert "Accept-Language" in response.vary  # the message is translated


def test_html_pages_and_the_feed_vary_by_language(app, urls):
    for path in ("/", "/events", "/events.ics", "/coworking", urls("/events/{event}.ics")):
        assert {"Accept-Language", "Cookie"} <= set(get(app, path).vary), path
    feed = get(app, "/events.ics")
    assert feed.headers["Cache-Control"] == "public, max-age=300"
    assert "Час поэзии" in feed.get_data(as_text=True)
    assert "Поэзия сағаты" in get(app, "/events.ics", "kk").get_data(as_text=True)


@pytest.mark.parametrize("endpoint", sorted(FORMS))
def test_pages_with_a_form_are_never_kept_by_a_cache(app, endpoint):
    client = app.test_client()
    first = client.get(FORMS[endpoint])
    again = client.get(FORMS[endpoint])  # the session exists now: no new cookie is sent
    for response in (first, again):
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "no-store"
        assert 'name="csrf_token"' in response.get_data(as_text=True)


@pytest.mark.parametrize("endpoint", sorted(PRIVATE))
def test_private_booking_pages_are_never_kept(app, urls, endpoint):
    response = get(app, urls(PRIVATE[endpoint]))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


def test_a_chosen_language_is_kept_and_its_cookie_never_shared(app):
    client = app.test_client()
    chosen = client.get("/?lang=ru")
    assert "Expires=" in chosen.headers["Set-Cookie"]  # kept beyond this browser window
    feed = client.get("/events.ics", headers={"Accept-Language": "kk"})
    assert "Set-Cookie" in feed.headers  # the idle timeout is refreshed
    assert feed.cache_control.private
    assert not feed.cache_control.public
    page = client.get("/events", headers={"Accept-Language": "kk"})
    assert 'lang="ru"' in page.get_data(as_text=True)
    assert "public" not in page.headers.get("Cache-Control", "")


def test_browsing_public_pages_leaves_no_cookie_in_the_browser(app, urls):
    client = app.test_client()
    for path in ("/", "/events", urls("/events/{event}"), "/coworking", "/events.ics"):
        assert client.get(path).status_code == 200
    assert client.get_cookie("session") is None


def test_a_signed_in_feed_is_still_personal(client, login_as):
    login_as("admin")
    response = client.get("/events.ics")
    assert response.headers["Cache-Control"] == "no-store"
    assert "Cookie" in response.vary
