"""Public responses are right for any HTTP cache: no cookie for strangers, the right Vary."""

import re

import pytest

from intranet.auth.models import TokenPurpose, User
from intranet.auth.services import issue_link_token
from intranet.coworking import qr
from intranet.coworking.models import Booking
from intranet.events.seed import seed_event_types
from intranet.extensions import db
from tests.coworking.conftest import SLUG, form_data, make_booking, open_days  # noqa: F401
from tests.events.conftest import make_event  # noqa: F401 - a fixture used here
from tests.test_request_overhead import session_of

# Every public GET route, with the URL a reader would open. {event} and {token} are filled in.
PUBLIC = {
    "public.home": "/",
    "public.healthz": "/healthz",
    "public.liveness": "/healthz/live",
    "public.manifest": "/manifest.webmanifest",
    "events_public.calendar": "/events",
    "events_public.event": "/events/{event}",
    "events_public.event_ics": "/events/{event}.ics",
    "events_public.feed": "/events.ics",
    "events_public.print_month": "/events/print?library=no-6",
    "coworking_public.centres": "/coworking",
    "coworking_public.centre": f"/coworking/{SLUG}",
    "coworking_public.find": "/coworking/find?date=2026-12-01&start=15:00&duration=120",
    "coworking_api.availability": f"/api/v1/coworking/{SLUG}/availability",
    "libraries_api.libraries": "/api/v1/libraries",
    "libraries_public.libraries": "/libraries",
    "libraries_public.library": "/libraries/no-8",
    "clubs_public.club": "/clubs/bookworms",
    "events_api.events": "/api/v1/events",
}
# Pages with a form: the CSRF token ties them to one browser's session.
FORMS = {
    "auth_public.login": "/login",
    "coworking_public.book": f"/coworking/{SLUG}/book",
    "coworking_public.lost_link": "/booking/lost",
    "accounts_public.forgot": "/password/forgot",
}
# The visitor's private booking pages: personal data.
PRIVATE = {
    "coworking_public.booking_page": "/booking/{token}",
    "coworking_public.booking_calendar": "/booking/{token}.ics",
    "coworking_public.erase": "/booking/{token}/erase",
    "coworking_public.cancel": "/booking/{token}/cancel",
    "coworking_checkin.scan": "{scan}",
    # An event's registration form (its CSRF token) and a registrant's private page.
    "events_public.register": "/events/{event}/register",
    "events_public.registration": "/registration/{registration}",
    "events_public.series_registration": "/registration/series/{series_registration}",
    "accounts_public.reset": "/password/reset/{reset}",
    "accounts_public.accept_invitation": "/invitation/{invite}",
}
# Health probes: always asked again, by a browser and by nginx.
REVALIDATED_PROBES = {"public.healthz", "public.liveness"}
# Scraped by Prometheus on the node's own port: never kept.
INTERNAL = {"public.metrics": "/metrics"}
# The second step of a sign-in: without a password just accepted, a plain way back to sign-in.
SIGN_IN_STEPS = {"auth_two_factor.code": "/login/code", "auth_two_factor.enrol": "/login/enrol"}
ERRORS = {
    "404 page": "/no-such-page",
    "404 event": "/events/999999",
    "400 API": "/api/v1/events?start=yesterday",
    "400 feed": "/events.ics?library=nowhere",
    "405": "/logout",
}


def _links(app, make_user) -> dict[str, str]:
    """An open reset link and an open invitation of a new account."""
    user_id, _email = make_user("central_staff")
    with app.app_context():
        user = db.session.get(User, user_id)
        links = {
            p.value: issue_link_token(user, p) for p in (TokenPurpose.RESET, TokenPurpose.INVITE)
        }
        db.session.commit()
    return links


@pytest.fixture
def urls(app, make_event, make_booking, make_user):  # noqa: F811 - fixtures imported above
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

    with app.app_context():
        centre = db.session.get(Booking, booking_id).centre
        seat_id = centre.seats[0].id
        scan = f"/coworking/{centre.slug}/scan/{seat_id}/{qr.signature(centre.id, seat_id)}"

    registration = registered(app, event_id)
    series_registration = registered(app, make_event(status="approved"), series=True)
    links = _links(app, make_user)

    def fill(path: str) -> str:
        return path.format(
            event=event_id, token=token, scan=scan, registration=registration,
            series_registration=series_registration, **links,
        )  # fmt: skip

    return fill


def registered(app, event_id: int, *, series: bool = False) -> str:
    """Open the event (as a one-meeting series: for all its meetings) for registration and
    register someone; the private link's token."""
    from intranet.events import services
    from intranet.events.models import Event, EventSeries, RegistrationRules

    with app.app_context():
        db.session.add(RegistrationRules(event_id=event_id, mode="open", capacity=5))
        event = db.session.get(Event, event_id)
        data = services.RegistrationData(full_name="Әлия", phone="87011234567", consent=True)
        if series:
            event.series = EventSeries(frequency="weekly", occurrences=1, register_once=True)
            token = services.register_series(event, data).token
        else:
            token = services.register(event, data).token
        db.session.commit()
        return token


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
    assert public_gets == set(PUBLIC) | set(FORMS) | set(PRIVATE) | set(INTERNAL) | set(
        SIGN_IN_STEPS
    )


@pytest.mark.parametrize("endpoint", sorted(SIGN_IN_STEPS))
def test_a_stranger_at_the_second_step_is_sent_to_sign_in_without_a_cookie(app, endpoint):
    response = get(app, SIGN_IN_STEPS[endpoint])
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/login")
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize("endpoint", sorted(INTERNAL))
def test_internal_pages_are_never_kept(app, endpoint):
    response = get(app, INTERNAL[endpoint])
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


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
    # The language came from the reader's headers: a browser may keep it, a shared cache not.
    assert feed.headers["Cache-Control"] == "private, max-age=300"
    assert "Час поэзии" in feed.get_data(as_text=True)
    assert "Поэзия сағаты" in get(app, "/events.ics", "kk").get_data(as_text=True)
    named = get(app, "/events.ics?lang=ru", "ru")
    assert named.headers["Cache-Control"] == "public, max-age=300, stale-while-revalidate=60"
    assert "Час поэзии" in named.get_data(as_text=True)
    assert "Accept-Language" not in named.vary


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


@pytest.mark.parametrize("endpoint", sorted(PUBLIC))
def test_every_public_get_has_an_etag_and_answers_304_when_unchanged(app, urls, endpoint):
    client = app.test_client()
    first = client.get(urls(PUBLIC[endpoint]))
    etag = first.headers["ETag"]
    again = client.get(urls(PUBLIC[endpoint]), headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.get_data() == b""
    assert again.headers["ETag"] == etag
    assert again.headers["Cache-Control"] == first.headers["Cache-Control"]
    elsewhere = client.get(urls(PUBLIC[endpoint]), headers={"If-None-Match": '"other"'})
    assert elsewhere.status_code == 200
    assert elsewhere.get_data() == first.get_data()


def test_a_compressed_page_is_revalidated_without_compressing_it_again(app):
    client = app.test_client()
    gzipped = client.get("/coworking?lang=kk", headers={"Accept-Encoding": "gzip"})
    assert gzipped.headers["Content-Encoding"] == "gzip"
    etag = gzipped.headers["ETag"]
    assert etag.endswith(':gzip"')  # another body than the plain one, another tag
    again = client.get(
        "/coworking?lang=kk", headers={"Accept-Encoding": "gzip", "If-None-Match": etag}
    )
    assert again.status_code == 304
    assert again.headers["ETag"] == etag
    assert "Content-Encoding" not in again.headers


def test_a_booking_gives_the_availability_a_new_etag(app, client):
    with app.app_context():
        day = open_days(1)[0].isoformat()
    url = f"/api/v1/coworking/{SLUG}/availability?date={day}"
    before = client.get(url)
    assert client.get(url).headers["ETag"] == before.headers["ETag"]  # kept with the body
    assert (
        client.post(f"/coworking/{SLUG}/book", data=form_data(client, day=day)).status_code == 302
    )
    after = app.test_client().get(url, headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200
    assert after.headers["ETag"] != before.headers["ETag"]


@pytest.mark.parametrize("path", ["/", "/events", "/coworking", "/libraries", "/events.ics"])
def test_a_page_whose_url_names_its_language_may_be_shared(app, path):
    named = app.test_client().get(f"{path}?lang=ru", headers={"Accept-Language": "ru"})
    assert named.headers["Cache-Control"] == (
        "public, max-age=300, stale-while-revalidate=60"
        if path.endswith(".ics")
        else "public, max-age=30, stale-while-revalidate=60"
    )
    assert "Accept-Language" not in named.vary  # the URL says which language
    assert "Cookie" in named.vary  # a signed-in person's copy is another
    assert "Set-Cookie" not in named.headers  # the reader's own language: nothing to remember
    negotiated = app.test_client().get(path, headers={"Accept-Language": "ru"})
    assert negotiated.cache_control.private
    assert {"Accept-Language", "Cookie"} <= set(negotiated.vary)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_links_to_public_pages_carry_the_language(app, language):
    page = app.test_client().get("/", headers={"Accept-Language": language})
    links = re.findall(
        r'href="(/(?:events|coworking|libraries)[^"#]*)"', page.get_data(as_text=True)
    )
    assert links
    for link in links:
        assert f"lang={language}" in link, link
    # The switcher names the other languages once, after the page's own parameters.
    switcher = app.test_client().get("/events?view=list&lang=kk").get_data(as_text=True)
    assert 'href="/events?view=list&amp;lang=ru"' in switcher


def test_following_links_in_a_chosen_language_keeps_it_without_a_new_cookie(app):
    client = app.test_client()
    chosen = client.get("/coworking?lang=ru", headers={"Accept-Language": "kk"})
    assert "Set-Cookie" in chosen.headers  # a switch is remembered
    assert chosen.cache_control.private
    link = re.search(r'href="(/libraries\?lang=ru)"', chosen.get_data(as_text=True)).group(1)
    followed = client.get(link, headers={"Accept-Language": "kk"})
    assert 'lang="ru"' in followed.get_data(as_text=True)
    assert session_of(app, client) == {"lang": "ru", "_permanent": True}


def test_the_health_check_is_always_asked_again(app):
    response = app.test_client().get("/healthz")
    assert response.headers["Cache-Control"] == "no-cache"
    assert response.headers["ETag"]


def test_personal_pages_carry_no_etag(app, urls, client, login_as):
    assert "ETag" not in get(app, urls("/booking/{token}")).headers
    login_as("admin")
    for path in ("/events", "/coworking", "/libraries"):
        response = client.get(path)
        assert response.headers["Cache-Control"] == "no-store"
        assert "ETag" not in response.headers


@pytest.mark.parametrize("endpoint", sorted(PUBLIC))
def test_nginx_is_told_how_long_to_keep_a_shared_page_and_only_a_shared_one(app, urls, endpoint):
    path = urls(PUBLIC[endpoint])
    path += ("&" if "?" in path else "?") + "lang=ru"
    shared = app.test_client().get(path, headers={"Accept-Language": "ru"})
    if endpoint in REVALIDATED_PROBES:
        assert shared.headers["Cache-Control"] == "no-cache"  # nginx asks the app each time
        assert "X-Accel-Expires" not in shared.headers
        return
    assert shared.headers["Cache-Control"].startswith("public, max-age=")
    assert shared.headers["X-Accel-Expires"] == "2"  # the default of PROXY_CACHE_SECONDS
    again = app.test_client().get(
        path, headers={"Accept-Language": "ru", "If-None-Match": shared.headers["ETag"]}
    )
    assert again.status_code == 304  # nginx revalidating its copy is given a new lifetime
    assert again.headers["X-Accel-Expires"] == "2"
    negotiated = get(app, urls(PUBLIC[endpoint]))  # the language from the browser's headers
    if not negotiated.headers["Cache-Control"].startswith("public"):
        assert "X-Accel-Expires" not in negotiated.headers


def test_nothing_personal_or_per_browser_carries_a_lifetime_for_nginx(app, urls, client, login_as):
    paths = [urls(p) for p in (*FORMS.values(), *PRIVATE.values(), *INTERNAL.values())]
    paths += ["/healthz", "/no-such-page", "/events?lang=kk"]
    answers = [get(app, path) for path in paths]
    answers.append(app.test_client().get("/coworking?lang=ru", headers={"Accept-Language": "kk"}))
    assert "Set-Cookie" in answers[-1].headers  # a language switch: this browser's answer
    login_as("admin")
    answers += [client.get(path) for path in ("/events?lang=kk", "/coworking?lang=ru")]
    for response in answers:
        assert "public" not in response.headers.get("Cache-Control", ""), response.request.path
        assert "X-Accel-Expires" not in response.headers, response.request.path


@pytest.mark.parametrize("app_config", [{"PROXY_CACHE_SECONDS": 7}, {"PROXY_CACHE_SECONDS": 0}])
def test_the_lifetime_for_nginx_is_the_configured_one(app, app_config):
    response = app.test_client().get("/events?view=month&lang=kk")
    assert response.headers["Cache-Control"] == "public, max-age=30, stale-while-revalidate=60"
    # 0 tells nginx to keep nothing; browsers keep their 30 s either way.
    assert response.headers["X-Accel-Expires"] == str(app_config["PROXY_CACHE_SECONDS"])


def test_a_negative_lifetime_for_nginx_is_refused(monkeypatch, tmp_path):
    from intranet import create_app
    from intranet.config import ConfigError

    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("PROXY_CACHE_SECONDS", "-1")
    with pytest.raises(ConfigError, match="PROXY_CACHE_SECONDS"):
        create_app()
