"""No secret reaches a log line: gunicorn's access log as `make run` writes it, and the app's."""

import logging
import shlex
import subprocess

import pytest
from sqlalchemy import select, text

from intranet.coworking.models import Booking
from intranet.extensions import db
from tests.coworking.conftest import SLUG, open_days
from tests.liveserver import ROOT, Browser, live_server, server_env


def make_run_gunicorn_options() -> list[str]:
    """The options `make run` gives gunicorn, from the Makefile (its port and workers aside)."""
    dry_run = subprocess.run(
        ["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.replace("\\\n", " ")
    (command,) = [line for line in dry_run.splitlines() if "gunicorn" in line]
    words = shlex.split(command)[1:-1]  # without the program and wsgi:app
    options = []
    while words:
        word = words.pop(0)
        if word in ("--workers", "--bind"):
            words.pop(0)  # live_server picks a free port
        else:
            options.append(word)
    assert "--access-logfile" in options
    return options


def test_booking_tokens_stay_out_of_the_access_log_of_make_run(app, database_url, tmp_path):
    with app.app_context():
        day = open_days(1)[0].isoformat()
    env = server_env(tmp_path / "live", database_url, MAIL_SERVER="")
    log_path = tmp_path / "gunicorn.log"
    with live_server(env, log_path=log_path, args=tuple(make_run_gunicorn_options())) as base:
        visitor = Browser(base)
        form = {
            "csrf_token": visitor.csrf_token(f"/coworking/{SLUG}/book"),
            "day": day,
            "start": "10:00",
            "duration": "60",
            "full_name": "Log Visitor",
            "phone": "+77021234567",
            "email": "log@example.kz",
            "institution": "Korkyt Ata University",
            "consent": "y",
        }
        assert visitor.request(f"/coworking/{SLUG}/book", form)[0] == 302
        with app.app_context():
            token = db.session.scalar(select(Booking.token))
        assert visitor.request(f"/booking/{token}?new=1")[0] == 200
        assert visitor.request(f"/booking/{token}.ics")[0] == 404  # not confirmed yet
        cancel = {"csrf_token": visitor.csrf_token(f"/booking/{token}")}
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
