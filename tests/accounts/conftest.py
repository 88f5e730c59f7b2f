"""Mailed-link fixtures: a real SMTP server (aiosmtpd) and the link read from a received mail."""

import re

import pytest

from tests.coworking.test_mail import deliver
from tests.notifications.mailserver import MailServer

BASE_URL = "https://library.example.kz"
LINK_RE = re.compile(
    re.escape(BASE_URL) + r"(/(?:password/reset|invitation)/[A-Za-z0-9_-]{43})\?lang=(\w\w)"
)


@pytest.fixture
def smtp():
    server = MailServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def app_config(smtp):
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": smtp.port, "BASE_URL": BASE_URL}


def received(app, smtp) -> list[tuple[str, str, str]]:
    """Send the outbox as the worker does; (recipient, subject, body) of every mail received."""
    deliver(app)
    return [(m["To"], m["Subject"], m.get_body().get_content()) for m in smtp.messages]


def link_in(body: str) -> str:
    """The path and ?lang= of the one link in a mail body."""
    match = LINK_RE.search(body)
    assert match, body
    return f"{match.group(1)}?lang={match.group(2)}"
