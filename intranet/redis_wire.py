"""Commands sent to Redis on a connection of this worker's own, past redis-py's client layer.

On the hottest paths (the data versions read for each public page, bumped by each booking; the
rate limit counted for each limited POST) redis-py's client (its pool, retries, pipelines,
hooks) cost several times the round trip itself. A command here is packed once where it can be,
sent on a connection made with the same settings as the client's pool, and its reply read; the
client stays for everything else.
"""

import os
import threading


class OwnConnection:
    """One Redis connection per thread and process, made from a redis-py pool's settings."""

    def __init__(self, pool) -> None:
        import redis  # installed wherever Redis is configured

        self.dropped = (redis.ConnectionError, redis.TimeoutError)
        self.answered = redis.ResponseError  # an error reply, read whole: the socket is sound
        self.pool = pool
        self.local = threading.local()

    def pack(self, *args) -> list:
        """A command as sent on the wire (keep it to send it again)."""
        return self._connection().pack_command(*args)

    def ask(self, packed: list):
        """Redis's reply to a packed command; once more on a new socket if the old one was gone.

        An error reply is raised as redis-py raises it (ResponseError and its kinds).
        """
        try:
            return self._send(packed)
        except self.dropped:
            # Redis closed the connection while it sat idle (its `timeout`, a restart): once
            # more on a new one, as redis-py's client would.
            return self._send(packed)

    def _send(self, packed: list):
        connection = self._connection()
        try:
            connection.send_packed_command(packed, check_health=False)
            return connection.read_response()
        except self.answered:
            raise
        except BaseException:
            # A reply left half read would answer the next request: start on a new socket.
            connection.disconnect()
            raise

    def _connection(self):
        local = self.local
        if getattr(local, "pid", None) != os.getpid():
            # A forked worker must not share its parent's socket; it connects on first use.
            local.connection = self.pool.connection_class(**self.pool.connection_kwargs)
            local.pid = os.getpid()
        return local.connection
