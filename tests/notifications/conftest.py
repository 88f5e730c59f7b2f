"""Notifications fixtures: a real SMTP server the test can stop, a one-line email template."""

import pytest
from jinja2 import ChoiceLoader, DictLoader
from sqlalchemy import select

from intranet.extensions import db
from intranet.notifications.models import OutboxMessage
from intranet.notifications.services import enqueue
from tests.notifications.mailserver import MailServer


@pytest.fixture
def smtp():
    server = MailServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def app_config(smtp):
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": smtp.port, "BASE_URL": "https://lib.kz"}


@pytest.fixture(autouse=True)
def _test_template(app):
    """A one-line email template for these tests, beside the app's own."""
    loader = DictLoader({"test.txt": '{{ _("Hello, %(name)s!", name=name) }}'})
    app.jinja_env.loader = ChoiceLoader([loader, app.jinja_env.loader])


def outbox(app) -> list[OutboxMessage]:
    with app.app_context():
        rows = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
        db.session.expunge_all()
        return list(rows)


def queue(app, recipient="reader@example.kz", subject="Сынақ хат", name="Reader") -> int:
    """One message in the outbox, as a service would add it (committed here)."""
    with app.app_context(), app.test_request_context():
        message_id = enqueue(
            kind="test",
            recipient=recipient,
            language="kk",
            subject=subject,
            template="test.txt",
            context={"name": name},
        )
        db.session.commit()
        return message_id


def run_worker(app) -> str:
    """`flask worker --once`, as cron would run it."""
    result = app.test_cli_runner().invoke(args=["worker", "--once"])
    assert result.exit_code == 0, result.output
    return result.output
