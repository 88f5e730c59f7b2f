"""Statements run on the driver's cursor answer, refuse and report as Connection.execute does."""

from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import Date, Time, bindparam, event, insert, literal, select
from sqlalchemy.exc import DBAPIError, IntegrityError

from intranet.driver_statements import DriverStatement
from intranet.extensions import db
from intranet.notifications.models import OutboxMessage, OutboxStatus

MESSAGES = OutboxMessage.__table__
COLUMNS = [c.key for c in MESSAGES.c if c.key != "id"]
AT = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)


def message(message_id: str, **values) -> dict:
    """Every column of an English outbox message (the tests' mail reader reads kk and ru)."""
    row = dict.fromkeys(COLUMNS)
    row.update(
        message_id=message_id,
        kind="test.driver",
        recipient="reader@example.kz",
        language="en",
        subject="Hello",
        body_text="Hello",
        status=OutboxStatus.PENDING,
        attempts=0,
        next_attempt_dt=AT,
        created_dt=AT,
    )
    row.update(values)
    return row


INSERT = DriverStatement(insert(MESSAGES).returning(MESSAGES.c.id), COLUMNS)
INSERT_MANY = DriverStatement(insert(MESSAGES), COLUMNS)
# A constant held by the statement (a bound literal) beside the caller's parameters.
READ = DriverStatement(
    select(
        MESSAGES.c.message_id,
        MESSAGES.c.next_attempt_dt,
        MESSAGES.c.status,
        literal(date(2026, 12, 3), Date()).label("on"),
        literal(time(9, 30), Time()).label("at"),
    )
    .where(MESSAGES.c.status == OutboxStatus.PENDING, MESSAGES.c.kind == bindparam("kind"))
    .order_by(MESSAGES.c.message_id)
)


def test_rows_come_back_as_connection_execute_gives_them(app):
    with app.app_context():
        connection = db.session.connection()
        new_id = INSERT.scalar(connection, message("<a@test>"))
        INSERT_MANY.execute_many(connection, [message("<b@test>"), message("<c@test>")])
        ours = READ.rows(connection, {"kind": "test.driver"})
        theirs = [tuple(row) for row in connection.execute(READ.statement, {"kind": "test.driver"})]
        db.session.commit()
        assert isinstance(new_id, int)
        assert ours == theirs
        assert [row[0] for row in ours] == ["<a@test>", "<b@test>", "<c@test>"]
        # Converted as their types say: an aware time in UTC, a date, a time.
        assert ours[0][1:] == (AT, OutboxStatus.PENDING, date(2026, 12, 3), time(9, 30))
        assert ours[0][1].tzinfo is not None


def test_a_refused_row_is_sqlalchemys_integrity_error_and_nothing_is_kept(app):
    with app.app_context():
        connection = db.session.connection()
        INSERT.scalar(connection, message("<same@test>"))
        db.session.commit()
        connection = db.session.connection()
        with pytest.raises(IntegrityError) as refused:
            INSERT_MANY.execute_many(connection, [message("<new@test>"), message("<same@test>")])
        assert "message_id" in str(refused.value.orig).lower()
        db.session.rollback()
        kept = db.session.scalars(select(OutboxMessage.message_id)).all()
        assert kept == ["<same@test>"]


def test_they_run_in_the_sessions_transaction(app):
    with app.app_context():
        INSERT.scalar(db.session.connection(), message("<undone@test>"))
        db.session.rollback()
        assert db.session.scalars(select(OutboxMessage.id)).all() == []


def test_the_engines_statement_events_see_each_one(app):
    seen: list[tuple[str, object]] = []

    def before_execute(_conn, statement, multiparams, params, _options) -> None:
        seen.append(("statement", statement))
        seen.append(("rows", len(multiparams) or 1))

    def before_cursor(_conn, _cursor, sql, _parameters, _context, many) -> None:
        seen.append(("sql", sql.split()[0], many))

    with app.app_context():
        engine = db.engine
        event.listen(engine, "before_execute", before_execute)
        event.listen(engine, "before_cursor_execute", before_cursor)
        try:
            connection = db.session.connection()
            INSERT_MANY.execute_many(connection, [message("<1@test>"), message("<2@test>")])
            READ.rows(connection, {"kind": "test.driver"})
        finally:
            event.remove(engine, "before_execute", before_execute)
            event.remove(engine, "before_cursor_execute", before_cursor)
            db.session.rollback()
    assert seen == [
        ("statement", INSERT_MANY.statement),
        ("rows", 2),
        ("sql", "INSERT", True),
        ("statement", READ.statement),
        ("rows", 1),
        ("sql", "SELECT", False),
    ]


def test_a_column_left_to_its_python_default_is_refused(app):
    partial = DriverStatement(insert(MESSAGES), ["message_id", "kind"])
    with app.app_context(), pytest.raises(ValueError, match="created_dt"):
        partial.execute_many(db.session.connection(), [{"message_id": "<x>", "kind": "x"}])


def test_a_connection_the_server_dropped_is_replaced(app):
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("a SQLite file has no server to drop the connection")
    with app.app_context():
        connection = db.session.connection()
        pid = connection.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
        with db.engine.connect() as other:
            other.exec_driver_sql(f"SELECT pg_terminate_backend({int(pid)})")
        with pytest.raises(DBAPIError) as dropped:
            READ.rows(connection, {"kind": "test.driver"})
        assert dropped.value.connection_invalidated
        db.session.rollback()
        # The next request's connection is a new one, and works.
        assert READ.rows(db.session.connection(), {"kind": "test.driver"}) == []
        db.session.rollback()
