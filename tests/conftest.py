"""Shared fixtures: an app on a real database (SQLite, or TEST_DATABASE_URL), clients, users."""

import os
from datetime import date

import pytest
from sqlalchemy import Engine, Insert, Table, event, inspect
from sqlalchemy.orm import Session

from intranet import create_app
from intranet.admin.services import NewAccountRequest, create_account
from intranet.cli import seed_reference_data
from intranet.extensions import db
from intranet.notifications.models import OutboxMessage
from tests.language import unnatural
from tests.liveserver import CSRF_RE

pytest_plugins = ["tests.parallel"]

# Production hashing (pbkdf2 at 600k) costs ~0.3 s a call; tests that are not about hashing
# use a cheap setting. test_password_hashing checks the production default.
FAST_HASH = "pbkdf2:sha256:1000"
PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """PostgreSQL when TEST_DATABASE_URL is set, else a fresh SQLite file."""
    return os.environ.get("TEST_DATABASE_URL") or (
        f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    )


def make_app(database_url: str, instance_path, **overrides):
    """An app for tests with its own instance folder."""
    os.environ["INSTANCE_PATH"] = str(instance_path)
    config = {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "PASSWORD_HASH_METHOD": FAST_HASH,
        "RATELIMIT_STORAGE_URI": "local://",
        "MAIL_SERVER": "",
        # Admins of other tests sign in with a password alone; tests/accounts/test_two_factor*
        # turn the second step on.
        "TOTP_REQUIRED_FOR_ADMINS": False,
    }
    config.update(overrides)
    return create_app(config)


@pytest.fixture(scope="session")
def _schema(database_url, tmp_path_factory):
    """Create the schema once per run from the models (migrations have their own test)."""
    app = make_app(database_url, tmp_path_factory.mktemp("instance"))
    with app.app_context():
        db.drop_all()
        db.create_all()
        db.engine.dispose()


def empty_database() -> None:
    """Delete every row, children first."""
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()


# The reference data as rows, per day seeded (holidays follow the year): the ORM seed costs
# hundreds of statements on every test's new engine; copying its rows back costs one per table.
_REFERENCE_ROWS: dict[date, list[tuple[Table, list[dict]]]] = {}


def restore_reference_data() -> None:
    """Seed the reference data: the real seed once a day, its rows copied back after that."""
    today = date.today()
    snapshot = _REFERENCE_ROWS.get(today)
    if snapshot is None:
        seed_reference_data()
        db.session.commit()
        _REFERENCE_ROWS[today] = [
            (table, [dict(row) for row in db.session.execute(table.select()).mappings()])
            for table in db.metadata.sorted_tables
        ]
        return
    for table, rows in snapshot:
        if rows:
            db.session.execute(table.insert(), rows)
    db.session.commit()


@pytest.fixture
def app_config() -> dict:
    """Override in a test module to change the app's configuration."""
    return {}


@pytest.fixture
def app(database_url, _schema, tmp_path, app_config):
    """A fresh app on an emptied database holding the reference data."""
    app = make_app(database_url, tmp_path / "instance", **app_config)
    with app.app_context():
        empty_database()
        restore_reference_data()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_user(app):
    """Create an account: make_user("branch_staff", library="no-6")."""
    counter = iter(range(1, 10_000))

    def _make(role: str = "admin", *, email: str | None = None, password: str = PASSWORD, **kw):
        kw.setdefault("language", "en")  # tests read English text unless they say otherwise
        with app.app_context():
            if "centres" in kw:
                kw["centres"] = tuple(kw["centres"])
            request = NewAccountRequest(
                email=email or f"{role}{next(counter)}@test.kz", password=password, role=role, **kw
            )
            user = create_account(request, actor=None)
            db.session.commit()
            return user.id, user.email

    return _make


def csrf_token(client, url: str = "/login") -> str:
    """The CSRF token of this client's session, read from a page's form."""
    page = client.get(url, follow_redirects=True).get_data(as_text=True)
    match = CSRF_RE.search(page)
    assert match, f"no CSRF token on {url}"
    return match.group(1)


def english_client(app):
    """A new browser whose chosen language is English."""
    client = app.test_client()
    client.get("/?lang=en")
    return client


def login(client, email: str, password: str = PASSWORD):
    """Sign in through the real form."""
    token = csrf_token(client)
    return client.post("/login", data={"email": email, "password": password, "csrf_token": token})


@pytest.fixture
def login_as(client, make_user):
    """Sign the client in with a new account of this role; returns (user_id, email)."""

    def _login(role: str = "admin", **kw):
        user_id, email = make_user(role, **kw)
        response = login(client, email)
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return user_id, email

    return _login


# Every email queued in Kazakh or Russian by any test is read as its recipient would read it.
_UNNATURAL_MAIL: list[tuple[str, str, list[str]]] = []


def _read_as_its_reader(kind: str, language: str, subject: str, body: str | None) -> None:
    if language in ("kk", "ru"):
        problems = unnatural(f"{subject}\n{body or ''}", language)
        if problems:
            _UNNATURAL_MAIL.append((kind, language, problems))


@event.listens_for(Engine, "before_execute")
def _read_each_queued_email(_connection, statement, multiparams, params, _options) -> None:
    """No seconds, «.0», US dates, Latin look-alikes or «email» in kk and ru mail."""
    if not (isinstance(statement, Insert) and statement.table is OutboxMessage.__table__):
        return
    for message in [*multiparams, params]:
        if message:
            _read_as_its_reader(
                message["kind"], message["language"], message["subject"], message["body_text"]
            )


@event.listens_for(Session, "before_flush")
def _read_each_email_written_when_sent(session, _context, _instances) -> None:
    """The same for a body the worker writes when it sends the message (enqueue_later)."""
    for message in session.dirty:
        written = isinstance(message, OutboxMessage) and message.body_text is not None
        if written and inspect(message).attrs.body_text.history.added:
            _read_as_its_reader(message.kind, message.language, message.subject, message.body_text)


@pytest.fixture(autouse=True)
def every_queued_email_reads_naturally():
    """After each test: none of the kk and ru emails it queued reads unnaturally."""
    _UNNATURAL_MAIL.clear()
    yield
    found = list(_UNNATURAL_MAIL)
    _UNNATURAL_MAIL.clear()
    assert not found, found[:5]
