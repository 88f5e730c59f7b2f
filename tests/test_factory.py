"""The app factory and configuration from the environment."""

import sqlite3
import subprocess
import sys

import pytest
from sqlalchemy import text

from intranet import create_app
from intranet.config import ConfigError, sqlite_synchronous
from intranet.extensions import db


def test_production_refuses_to_start_without_a_real_secret_key(monkeypatch, tmp_path):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("INTRANET_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app()
    monkeypatch.setenv("SECRET_KEY", "change-me")
    with pytest.raises(ConfigError):
        create_app()
    monkeypatch.setenv("SECRET_KEY", "k" * 48)
    app = create_app()
    assert app.config["PRODUCTION"]
    assert app.config["SESSION_COOKIE_SECURE"]


def test_development_creates_and_keeps_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("INTRANET_ENV", raising=False)
    first = create_app().config["SECRET_KEY"]
    assert len(first) >= 32
    assert (tmp_path / "secret_key").read_text().strip() == first
    assert create_app().config["SECRET_KEY"] == first


def test_environment_settings(monkeypatch, tmp_path):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.sqlite3'}")
    monkeypatch.setenv("MAX_CONTENT_LENGTH", "2048")
    monkeypatch.setenv("TRUSTED_HOSTS", "intranet.library.kz, localhost")
    monkeypatch.setenv("BASE_URL", "https://intranet.library.kz/")
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "local://")
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("x.sqlite3")
    assert app.config["MAX_CONTENT_LENGTH"] == 2048
    assert app.config["TRUSTED_HOSTS"] == ["intranet.library.kz", "localhost"]
    assert app.config["BASE_URL"] == "https://intranet.library.kz"
    response = app.test_client().get("/healthz", headers={"Host": "evil.example"})
    assert response.status_code == 400


def test_base_url_follows_port_unless_set(monkeypatch, tmp_path):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("BASE_URL", raising=False)
    monkeypatch.delenv("PORT", raising=False)
    assert create_app().config["BASE_URL"] == "http://127.0.0.1:5000"
    monkeypatch.setenv("PORT", "8000")
    assert create_app().config["BASE_URL"] == "http://127.0.0.1:8000"
    monkeypatch.setenv("BASE_URL", "https://intranet.library.kz/")
    assert create_app().config["BASE_URL"] == "https://intranet.library.kz"
    monkeypatch.delenv("BASE_URL")
    monkeypatch.setenv("PORT", "eighty")
    with pytest.raises(ConfigError, match="PORT"):
        create_app()


def test_bad_number_in_environment_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("MAX_CONTENT_LENGTH", "lots")
    with pytest.raises(ConfigError, match="MAX_CONTENT_LENGTH"):
        create_app()


def test_default_database_is_sqlite_in_instance(monkeypatch, tmp_path):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'intranet.sqlite3'}"


def test_sqlite_runs_with_wal_foreign_keys_and_busy_timeout(app):
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("SQLite pragmas only apply to SQLite")
    with app.app_context():
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert db.session.execute(text("PRAGMA busy_timeout")).scalar() == 10000
        # NORMAL (1) unless SQLITE_SYNCHRONOUS says FULL (intranet.config says why).
        assert db.session.execute(text("PRAGMA synchronous")).scalar() == 1
        with pytest.raises(Exception, match="FOREIGN KEY"):
            db.session.execute(
                text(
                    "INSERT INTO coworking_centre (slug, library_id, opening_hours) "
                    "VALUES ('x', 99999, '{}')"
                )
            )
        db.session.rollback()
    assert sqlite3.sqlite_version_info >= (3, 8)


def test_sqlite_commits_wait_for_the_disk_when_sqlite_synchronous_says_full(tmp_path):
    script = (
        "from sqlalchemy import create_engine, text; import intranet; "
        f"engine = create_engine('sqlite:///{tmp_path / 'full.db'}'); "
        "print(engine.connect().execute(text('PRAGMA synchronous')).scalar())"
    )
    env = {"SQLITE_SYNCHRONOUS": "full", "PATH": "/usr/bin:/bin"}
    found = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert found.stdout.strip() == "2"  # FULL


def test_an_unknown_sqlite_synchronous_is_refused(monkeypatch):
    monkeypatch.setenv("SQLITE_SYNCHRONOUS", "off")
    with pytest.raises(ConfigError, match="SQLITE_SYNCHRONOUS"):
        sqlite_synchronous()
