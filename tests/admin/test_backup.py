"""Backup and restore drills: restore into an empty database and compare row counts."""

import os
import sqlite3
import threading
import uuid

import pytest
from flask_migrate import upgrade
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from intranet.admin.seed import seed_demo_users
from intranet.audit import record_audit
from intranet.cli import seed_reference_data
from intranet.extensions import db
from tests.conftest import make_app


def row_counts(app) -> dict[str, int]:
    with app.app_context():
        return {
            table.name: db.session.scalar(select(func.count()).select_from(table))
            for table in db.metadata.sorted_tables
        }


def populated_app(url, instance):
    app = make_app(url, instance)
    with app.app_context():
        upgrade()
        seed_reference_data()
        seed_demo_users()
        for n in range(50):
            record_audit("drill.write", target=f"row {n}")
        db.session.commit()
    return app


def test_sqlite_backup_and_restore_into_an_empty_database(tmp_path):
    source = populated_app(f"sqlite:///{tmp_path / 'live.sqlite3'}", tmp_path / "a")
    backup = tmp_path / "backups" / "nightly.sqlite3"
    result = source.test_cli_runner().invoke(args=["backup", str(backup)])
    assert result.exit_code == 0, result.output
    target = make_app(f"sqlite:///{tmp_path / 'empty.sqlite3'}", tmp_path / "b")
    result = target.test_cli_runner().invoke(args=["restore", str(backup), "--yes"])
    assert result.exit_code == 0, result.output
    before = row_counts(source)
    assert before["library"] == 21
    assert before["user"] == 4
    assert row_counts(target) == before


def test_sqlite_backup_is_consistent_while_the_app_writes(tmp_path):
    source = populated_app(f"sqlite:///{tmp_path / 'live.sqlite3'}", tmp_path / "a")
    stop = threading.Event()
    written = []

    def writer():
        with source.app_context():
            while not stop.is_set():
                record_audit("drill.concurrent", target=str(len(written)))
                db.session.commit()
                written.append(1)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 20:
            threading.Event().wait(0.01)
        backup = tmp_path / "hot.sqlite3"
        result = source.test_cli_runner().invoke(args=["backup", str(backup)])
    finally:
        stop.set()
        thread.join()
    assert result.exit_code == 0, result.output
    with sqlite3.connect(backup) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        copied = conn.execute("SELECT count(*) FROM audit_log WHERE action='drill.concurrent'")
        assert 20 <= copied.fetchone()[0] <= len(written)


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path, app):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database" * 100)
    result = app.test_cli_runner().invoke(args=["restore", str(junk), "--yes"])
    assert result.exit_code != 0
    assert any(word in result.output for word in ("not a backup", "damaged", "pg_restore failed"))
    assert row_counts(app)["library"] == 21  # nothing was touched


@pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="TEST_DATABASE_URL not set")
def test_postgresql_backup_and_restore_drill(tmp_path):
    import psycopg

    base = make_url(os.environ["TEST_DATABASE_URL"])
    admin_dsn = base.set(drivername="postgresql").render_as_string(hide_password=False)
    names = [f"intranet_drill_{uuid.uuid4().hex[:8]}" for _ in range(2)]
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        for name in names:
            conn.execute(f'CREATE DATABASE "{name}"')
    try:
        urls = [base.set(database=n).render_as_string(hide_password=False) for n in names]
        source = populated_app(urls[0], tmp_path / "a")
        dump = tmp_path / "intranet.dump"
        result = source.test_cli_runner().invoke(args=["backup", str(dump)])
        assert result.exit_code == 0, result.output
        target = make_app(urls[1], tmp_path / "b")
        result = target.test_cli_runner().invoke(args=["restore", str(dump), "--yes"])
        assert result.exit_code == 0, result.output
        assert row_counts(target) == row_counts(source)
        for app in (source, target):
            with app.app_context():
                db.engine.dispose()
    finally:
        with psycopg.connect(admin_dsn, autocommit=True) as conn:
            for name in names:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
