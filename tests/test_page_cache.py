"""Public pages come from the page cache until a write changes what they show, never later."""

import gzip
import os
import uuid

import pytest
from sqlalchemy import select

from intranet.auth.models import User
from intranet.events.seed import seed_event_types
from intranet.events.services.workflow import approve_event
from intranet.extensions import db
from intranet.page_cache import CACHEABLE
from tests.coworking.conftest import SLUG, form_data, open_days
from tests.events.conftest import get_event, make_event  # noqa: F401 - a fixture used here
from tests.notifications.conftest import _test_template, queue  # noqa: F401 - its template
from tests.test_request_overhead import statements_of


@pytest.fixture(params=["files", "redis"])
def app_config(request):
    """The embedded default (files in the instance folder), and Redis when one is given."""
    if request.param == "files":
        return {}
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL not set")
    return {"CACHE_URL": url, "CACHE_KEY_PREFIX": f"test-{uuid.uuid4().hex}:"}


@pytest.fixture
def event_types(app):
    with app.app_context():
        seed_event_types()
        db.session.commit()


def availability(client, day: str) -> str:
    response = client.get(f"/api/v1/coworking/{SLUG}/availability?date={day}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_page_read_again_costs_no_query(app, client):
    assert client.get("/coworking").status_code == 200
    with statements_of(app) as sent:
        again = client.get("/coworking")
    assert again.status_code == 200
    assert sent == []


def test_a_booking_is_on_the_very_next_availability(app, client):
    with app.app_context():
        day = open_days(1)[0].isoformat()
    before = availability(client, day)
    with statements_of(app) as sent:
        assert availability(client, day) == before  # from the cache
    assert sent == []
    booked = client.post(f"/coworking/{SLUG}/book", data=form_data(client, day=day))
    assert booked.status_code == 302
    after = availability(app.test_client(), day)
    assert after != before


def test_an_approval_is_on_the_very_next_calendar(app, client, make_event, make_user, event_types):  # noqa: F811
    event_id = make_event(status="pending", title_kk="Абай оқулары")
    with app.app_context():
        month = get_event(event_id).start_dt.strftime("%Y-%m")
    url = f"/events?view=month&month={month}"
    assert "Абай оқулары" not in client.get(url).get_data(as_text=True)
    client.get(url)  # kept
    user_id, _ = make_user("central_staff")
    with app.app_context():
        approve_event(get_event(event_id), actor=db.session.get(User, user_id))
        db.session.commit()
    assert "Абай оқулары" in client.get(url).get_data(as_text=True)


def test_one_languages_page_is_never_given_to_another(app):
    kk = app.test_client().get("/coworking", headers={"Accept-Language": "kk"})
    ru = app.test_client().get("/coworking", headers={"Accept-Language": "ru"})
    assert 'lang="kk"' in kk.get_data(as_text=True)
    assert 'lang="ru"' in ru.get_data(as_text=True)


def test_a_signed_in_page_is_never_served_from_the_cache(app, client, login_as):
    app.test_client().get("/coworking")  # a visitor's copy is kept
    login_as("central_staff")
    for _ in range(2):
        with statements_of(app) as sent:
            page = client.get("/coworking")
        assert page.status_code == 200
        assert sent, "a signed-in person's page is rendered for them"
        assert page.headers["Cache-Control"] == "no-store"


def test_a_form_with_a_csrf_token_is_never_cached(app, client):
    assert "coworking_public.book" not in CACHEABLE
    client.get("/coworking")
    with statements_of(app) as sent:
        client.get("/")
    assert sent  # the home page was not cached by reading another page


def test_a_library_edit_is_on_the_very_next_library_page(app, client, login_as):
    from tests.libraries.test_editing import post

    reader = app.test_client()
    before = reader.get("/libraries/no-8?lang=kk")  # the choice is remembered, then plain reads
    assert before.status_code == 200
    assert "Абай даңғылы, 12" not in reader.get("/libraries/no-8").get_data(as_text=True)
    with statements_of(app) as sent:
        assert reader.get("/libraries/no-8").status_code == 200  # from the cache
    assert sent == []
    login_as("admin")
    assert post(client, "no-8").status_code == 302
    assert "Абай даңғылы, 12" in reader.get("/libraries/no-8").get_data(as_text=True)
    assert "Абай даңғылы, 12" in reader.get("/libraries").get_data(as_text=True)


def test_a_kept_page_is_compressed_once_and_served_so(app, client):
    gzip_please = {"Accept-Encoding": "gzip"}
    plain = client.get("/events?lang=kk").get_data()
    answers = [client.get("/events?lang=kk", headers=gzip_please) for _ in range(3)]
    for answer in answers:
        assert answer.headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(answer.get_data()) == plain
    # The second reader's compressed body was kept: the third gets the very same bytes.
    assert answers[1].get_data() == answers[2].get_data()
    assert answers[1].headers["ETag"] == answers[2].headers["ETag"]
    assert answers[2].headers["ETag"].endswith(':gzip"')
    again = client.get(
        "/events?lang=kk", headers={**gzip_please, "If-None-Match": answers[2].headers["ETag"]}
    )
    assert again.status_code == 304
    zstd = client.get("/events?lang=kk", headers={"Accept-Encoding": "zstd"})
    assert zstd.headers["Content-Encoding"] == "zstd"  # each encoding kept on its own


def test_versions_move_on_the_commit_not_on_a_savepoint(app):
    from intranet.libraries.models import Library
    from intranet.page_cache import version_key, versions

    def version() -> str:
        return versions().read([version_key("libraries")])[0]

    with app.test_request_context("/"):
        before = version()
        library = db.session.scalars(select(Library)).first()
        with db.session.begin_nested():
            library.phone = "+7 7242 00-00-01"
        assert version() == before  # released, not committed: readers still see the old data
        db.session.commit()
        assert version() != before


def test_a_commit_outside_the_pages_domains_moves_no_version(app):
    """Mail queued, or the audit log written, changes no public page: no version is bumped."""
    from intranet.page_cache import KEYED_DOMAINS, version_key, versions

    assert "notifications" not in KEYED_DOMAINS
    assert "coworking" in KEYED_DOMAINS
    keys = [version_key(domain) for domain in sorted(KEYED_DOMAINS)]
    with app.app_context():
        before = versions().read(keys)
    queue(app)  # one message, added and committed as a service would
    with app.app_context():
        assert versions().read(keys) == before
