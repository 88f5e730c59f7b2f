"""Database connections: SQLite's settings, a ping only for a connection left idle, and a
connection each thread keeps for the booking POST's statements (each_statement_commits).

SQLAlchemy's pool_pre_ping sends a round trip before every request's first query. A server
drops connections that sat idle (a restart, a firewall's or pooler's timeout); one checked
in a moment ago is as alive as a ping would say, and under load every connection is.
"""

import sqlite3
import threading
import weakref
from dataclasses import dataclass
from functools import partial
from time import monotonic

from flask import Flask, current_app, g
from sqlalchemy import Connection, Engine, event, exc
from sqlalchemy.engine import Dialect
from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection

from intranet.config import sqlite_synchronous
from intranet.extensions import db

# Read once, when the first connection is made (config.SQLITE_SYNCHRONOUS_LEVELS says why).
SYNCHRONOUS = sqlite_synchronous()


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """SQLite: WAL for concurrent readers, enforced foreign keys, wait instead of failing.

    Commits synced to disk as SQLITE_SYNCHRONOUS says: with FULL, each one waits for the disk
    with the write lock held, and the other workers' writes sleep in SQLite's busy handler
    (1 ms, then 2, then 5) until it is free.
    """
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute(f"PRAGMA synchronous={SYNCHRONOUS}")
        cursor.close()


def init_app(app: Flask) -> None:
    """Ping the app's server connections that sat idle (a SQLite file has none to drop)."""
    with app.app_context():
        engines = list(db.engines.values())
    idle = app.config["DATABASE_IDLE_BEFORE_PING"]
    for engine in engines:
        if engine.dialect.name != "sqlite":
            event.listen(engine, "checkout", partial(_ping_if_idle, engine.dialect, idle))
            event.listen(engine, "checkin", _note_idle)
    app.teardown_request(_end_holding)


def _note_idle(_dbapi_connection, record: ConnectionPoolEntry) -> None:
    """When the connection went back into the pool."""
    record.info["idle_since"] = monotonic()


def _ping_if_idle(
    dialect: Dialect,
    idle: float,
    dbapi_connection,
    record: ConnectionPoolEntry,
    _proxy: PoolProxiedConnection,
) -> None:
    """Ping a connection idle for longer than `idle` seconds; a dead one is replaced."""
    since = record.info.get("idle_since")
    if since is None or monotonic() - since < idle:
        return  # just opened, or used a moment ago
    try:
        dialect.do_ping(dbapi_connection)
    except Exception as error:
        # The pool discards this connection and takes (or opens) another.
        raise exc.DisconnectionError() from error


@dataclass
class _Held:
    """A thread's kept connection, and when it was last handed out."""

    engine: Engine
    connection: Connection
    used: float


_local = threading.local()
# Every kept connection of an engine, whichever thread keeps it: closed when it is disposed.
_KEPT: "weakref.WeakKeyDictionary[Engine, list[Connection]]" = weakref.WeakKeyDictionary()
_kept_lock = threading.Lock()


def each_statement_commits() -> None:
    """On PostgreSQL, each statement of this request commits by itself: no BEGIN, no COMMIT.

    For a view whose one write is a single statement that holds all its rules (the booking
    POST, see coworking.services.booking_writes): the two round trips of a transaction are
    a third of its cost. SQLite, in the process, keeps its transaction (one sync to disk at
    its commit instead of one per statement), and so does a request that has already queried
    (a signed-in person's session was read): its statements run in that transaction.
    The statements that ask statement_connection() run on this thread's kept connection.
    """
    if db.engine.dialect.name == "postgresql" and db.session().get_transaction() is None:
        _hold_for_request(db.engine, current_app.config["DATABASE_IDLE_BEFORE_PING"])


def statement_connection() -> Connection:
    """Where a view's one write runs: the kept autocommit connection each_statement_commits
    chose for this request, else the session's (in its transaction)."""
    held = g.get("held_connection")
    return held if held is not None else db.session.connection()


def _hold_for_request(engine: Engine, idle: float) -> None:
    """Until this request ends, statement_connection() is this thread's autocommit connection.

    Checking a connection out of the pool and back, with the session's bookkeeping around
    both, cost a booking a twentieth of its instructions: this connection stays checked out
    from one request to the next instead, one for each thread that served such a request.
    Like the pool's, it is pinged when it sat idle for `idle` seconds; it is replaced when a
    statement found the server gone (it was invalidated), and closed when its engine is
    disposed.
    """
    held: _Held | None = getattr(_local, "held", None)
    now = monotonic()
    if held is not None and not _usable(held, engine, idle, now):
        _forget(held)
        held = None
    if held is None:
        connection = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        held = _local.held = _Held(engine, connection, now)
        with _kept_lock:
            _KEPT.setdefault(engine, []).append(connection)
    elif held.connection.in_transaction():
        held.connection.rollback()  # SQLAlchemy's own begin (autobegin), nothing on the server
    held.used = now
    g.held_connection = held.connection


def _end_holding(_error: BaseException | None) -> None:
    """The request is over: its statements no longer go to the kept connection."""
    g.pop("held_connection", None)


def _usable(held: _Held, engine: Engine, idle: float, now: float) -> bool:
    """Still this engine's, open, not invalidated, and answering if it sat idle."""
    connection = held.connection
    if held.engine is not engine or connection.closed or connection.invalidated:
        return False
    if now - held.used < idle:
        return True
    try:
        dbapi_connection = connection.connection.dbapi_connection
        if dbapi_connection is None:
            return False
        connection.dialect.do_ping(dbapi_connection)
    except Exception:
        connection.invalidate()  # the pool discards it when it is closed
        return False
    return True


def _forget(held: _Held) -> None:
    """Close a kept connection that can no longer serve, and stop keeping it."""
    with _kept_lock:
        kept = _KEPT.get(held.engine, [])
        if held.connection in kept:
            kept.remove(held.connection)
    held.connection.close()
    _local.held = None


@event.listens_for(Engine, "engine_disposed")
def _close_kept(engine: Engine) -> None:
    """A disposed engine's kept connections are closed.

    Invalidated first: its pool, which would take them back, is already disposed of.
    """
    with _kept_lock:
        kept = _KEPT.pop(engine, [])
    for connection in kept:
        connection.invalidate()
        connection.close()
