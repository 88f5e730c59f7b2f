"""Database connections: SQLite's settings, and a ping only for a connection left idle.

SQLAlchemy's pool_pre_ping sends a round trip before every request's first query. A server
drops connections that sat idle (a restart, a firewall's or pooler's timeout); one checked
in a moment ago is as alive as a ping would say, and under load every connection is.
"""

import sqlite3
from functools import partial
from time import monotonic

from flask import Flask
from sqlalchemy import Engine, event, exc
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
