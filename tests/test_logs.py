"""No secret reaches a log line: gunicorn's access log as `make run` writes it, and the app's."""

import logging

import pytest
from sqlalchemy import select, text

from intranet.coworking.models import Booking
from intranet.extensions import db
from tests.coworking.conftest import open_days
from tests.coworking.live import visitor_books
from tests.liveserver import Browser, live_server, make_run_options, server_env


def test_booking_tokens_stay_out_of_the_access_log_of_make_run(app, database_url, tmp_path):
    with app.app_context():
        day = open_days(1)[0].isoformat()
    env = server_env(tmp_path / "live", database_url, MAIL_SERVER="")
    log_path = tmp_path / "gunicorn.log"
    with live_server(env, log_path=log_path, args=make_run_options()) as base:
        visitor = Browser(base)
        assert visitor_books(visitor, day) == 302
        with app.app_context():
            token = db.session.scalar(select(Booking.token))
        assert visitor.request(f"/booking/{token}?new=1")[0] == 200
        assert visitor.request(f"/booking/{token}.ics")[0] == 404  # not confirmed yet
        cancel = {"csrf_token": visitor.csrf_token(f"/booking/{token}/cancel")}
        assert visitor.request(f"/booking/{token}/cancel", cancel)[0] == 303
        # The browser loads the page's stylesheet, saying which page it came from.
        page = Browser(base, headers={"Referer": f"{base}/booking/{token}"})
        assert page.request("/static/css/app.css")[0] == 200
    log = log_path.read_text()
    assert '"GET /booking/[redacted]?new=1 HTTP/1.1" 200' in log  # the access log is written
    assert '"POST /booking/[redacted]/cancel HTTP/1.1" 303' in log
    assert f'"{base}/booking/[redacted]"' in log  # the Referer
    assert token not in log


@pytest.fixture
def failing_app(app):
    """The app as it runs for real (errors logged, not raised), with a route that fails."""
    app.testing = False

    def broken(token):
        # A database error whose statement carries the token as a parameter.
        db.session.execute(text("INSERT INTO booking (token) VALUES (:t)"), {"t": token})

    app.add_url_rule("/booking/<token>/broken", view_func=broken)
    return app


def test_an_error_on_a_private_page_is_logged_without_the_token(failing_app, caplog):
    token = "Secret-booking-token_0123456789abcdefghijklmno"
    response = failing_app.test_client().get(f"/booking/{token}/broken")
    assert response.status_code == 500
    assert "Exception on /booking/[redacted]/broken [GET]" in caplog.text
    assert "IntegrityError" in caplog.text  # the traceback is still there to debug with
    assert token not in caplog.text


def test_the_development_servers_request_lines_are_redacted(app, caplog):
    # `flask run` logs each request through the "werkzeug" logger, as this line.
    token = "Secret-booking-token_0123456789abcdefghijklmno"
    logging.getLogger("werkzeug").warning(
        '127.0.0.1 - - "GET /booking/%s.ics HTTP/1.1" 200 -', token
    )
    assert '"GET /booking/[redacted].ics HTTP/1.1"' in caplog.text
    assert token not in caplog.text
