"""Alembic migrations build the same schema as the models, from empty, on SQLite and PostgreSQL."""

import os
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect
from sqlalchemy.engine import make_url

from intranet.cli import seed_reference_data
from intranet.extensions import db
from tests.conftest import make_app


def upgrade_and_compare(database_url: str, instance_path) -> None:
    """Upgrade an empty database to head, then check models and schema agree."""
    app = make_app(database_url, instance_path)
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            diff = compare_metadata(context, db.metadata)
        assert diff == [], f"models and migrations differ: {diff}"
        assert {"library", "user", "audit_log", "seat", "closed_day"} <= set(
            inspect(db.engine).get_table_names()
        )
        seed_reference_data()
        db.session.commit()
        db.session.remove()
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        db.engine.dispose()


def test_migrations_from_empty_sqlite(tmp_path):
    upgrade_and_compare(f"sqlite:///{tmp_path / 'empty.sqlite3'}", tmp_path / "instance")


@pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="TEST_DATABASE_URL not set")
def test_migrations_from_empty_postgresql(tmp_path):
    import psycopg

    base = make_url(os.environ["TEST_DATABASE_URL"])
    name = f"intranet_migrations_{uuid.uuid4().hex[:8]}"
    admin_dsn = base.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        upgrade_and_compare(
            base.set(database=name).render_as_string(hide_password=False), tmp_path / "instance"
        )
    finally:
        with psycopg.connect(admin_dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
