"""Links and redirects never take their host from the request's Host header."""

import pytest

from intranet.urls import external_url_for


@pytest.mark.parametrize(
    ("path", "location"), [("/staff", "/staff/"), ("/staff/events", "/staff/events/")]
)
def test_slash_redirects_stay_on_this_site_whatever_the_host_header(client, path, location):
    response = client.get(path, headers={"Host": "evil.example"})
    assert response.status_code == 308
    assert response.headers["Location"] == location


@pytest.mark.parametrize(
    ("base_url", "expected"),
    [
        ("https://intranet.library.kz", "https://intranet.library.kz/events/7"),
        ("https://library.kz/intranet", "https://library.kz/intranet/events/7"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000/events/7"),
    ],
)
def test_external_links_are_built_on_base_url_outside_a_request(app, base_url, expected):
    app.config["BASE_URL"] = base_url
    with app.app_context():  # the reminder sweep runs from cron, without a request
        assert external_url_for("events_public.event", event_id=7) == expected
