"""Rate limits on POSTs (sign-in, booking, ...), and their counts in a worker's memory.

`RateLimiter` counts each POST to a limited view once, in RATELIMIT_STORAGE_URI's storage,
before the view runs, and answers 429 past the limit. It replaces Flask-Limiter, whose hooks
ran on every request and which evaluated a limited POST twice (its before_request hook and its
decorator): a sixteenth of a booking's CPU. The counting is the `limits` library's fixed
window, as before.

`local://` (LocalStorage) is the embedded default. limits' own `memory://` expires its counts
with a timer thread that it starts again on the first hit after each hundredth of a second: at
a rush, a new thread for nearly every booking or sign-in POST, which costs that request more
than the count itself. Here a count's window ends when the count is next read, and the expired
ones are dropped now and then. As with `memory://`, each worker counts on its own; `redis://`
shares the counts (production), counted on a connection of each worker's own (RedisCounts).
"""

import functools
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar, cast

from flask import Flask, current_app, request
from limits import RateLimitItem, parse
from limits.storage import RedisStorage, Storage, storage_from_string
from limits.strategies import FixedWindowRateLimiter
from werkzeug.exceptions import TooManyRequests

from intranet.redis_wire import OwnConnection

View = TypeVar("View", bound=Callable[..., Any])

# Every this many hits, the counts whose windows have ended are dropped (visitors who left).
_SWEEP_EVERY = 1_000


class LocalStorage(Storage):
    """Fixed-window counts in this process: {key: (count, window end)}."""

    STORAGE_SCHEME = ["local"]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options) -> None:
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self._counts: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()  # gthread workers: two requests may count at once
        self._hits = 0

    @property
    def base_exceptions(self) -> type[Exception]:
        return ValueError

    def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        """Add `amount` to the key's count, in a new window of `expiry` seconds if none is open."""
        now = time.time()
        with self._lock:
            self._hits += 1
            if self._hits % _SWEEP_EVERY == 0:
                self._counts = {k: v for k, v in self._counts.items() if v[1] > now}
            count, ends = self._counts.get(key, (0, 0.0))
            if ends <= now:
                count, ends = 0, now + expiry
            count += amount
            self._counts[key] = (count, ends)
            return count

    def get(self, key: str) -> int:
        count, ends = self._counts.get(key, (0, 0.0))
        return count if ends > time.time() else 0

    def get_expiry(self, key: str) -> float:
        _count, ends = self._counts.get(key, (0, 0.0))
        return max(ends, time.time())

    def check(self) -> bool:
        return True

    def reset(self) -> int | None:
        with self._lock:
            dropped = len(self._counts)
            self._counts.clear()
            return dropped

    def clear(self, key: str) -> None:
        with self._lock:
            self._counts.pop(key, None)


class RedisCounts(RedisStorage):
    """limits' Redis storage, whose counting runs its script on this worker's own connection.

    The same keys, script and answers as RedisStorage (which does everything else): only
    redis-py's client layer is left out of the count each limited POST makes
    (intranet.redis_wire).
    """

    def __init__(self, uri: str, **options) -> None:
        import redis

        super().__init__(uri, **options)
        self.wire = OwnConnection(self.storage.connection_pool)
        self.script_missing = redis.exceptions.NoScriptError

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Add `amount` to the key's count, in a new window of `expiry` seconds if none is open."""
        command = ("EVALSHA", self.lua_incr_expire.sha, 1, self.prefixed_key(key), expiry, amount)
        try:
            return int(self.wire.ask(self.wire.pack(*command)))
        except self.script_missing:  # Redis restarted, or its scripts flushed: load it again
            return super().incr(key, expiry, amount)


def _storage(uri: str) -> Storage:
    """The storage RATELIMIT_STORAGE_URI names; Redis counted on each worker's own connection."""
    if uri.startswith(("redis://", "rediss://")):
        return RedisCounts(uri)
    return cast(Storage, storage_from_string(uri))


class RateLimitExceeded(TooManyRequests):
    """A limited POST past its limit: 429, with the limit's window as the longest wait."""

    def __init__(self, item: RateLimitItem) -> None:
        super().__init__(description=str(item))
        self.item = item


@functools.lru_cache(maxsize=64)
def _parsed(value: str) -> RateLimitItem:
    """A limit such as "5 per minute" as limits' item: read on each POST, parsed once."""
    return parse(value)


class RateLimiter:
    """The app's rate limits: `limit` on a view; the services count through `limiter`."""

    def init_app(self, app: Flask) -> None:
        """The storage named by RATELIMIT_STORAGE_URI (connected on first use)."""
        storage = _storage(app.config["RATELIMIT_STORAGE_URI"])
        app.extensions["rate_limits"] = FixedWindowRateLimiter(storage)

    @property
    def enabled(self) -> bool:
        return bool(current_app.config["RATELIMIT_ENABLED"])

    @property
    def limiter(self) -> FixedWindowRateLimiter:
        """The current app's counts (limits' fixed-window strategy over its storage)."""
        return cast(FixedWindowRateLimiter, current_app.extensions["rate_limits"])

    def hit(self, value: str, *key: str) -> bool:
        """Count one use against the limit `value` ("5 per minute") for `key`; False past it.

        The key is prefixed with RATELIMIT_KEY_PREFIX; with the limits off, always True.
        """
        if not self.enabled:
            return True
        prefix = current_app.config["RATELIMIT_KEY_PREFIX"]
        return bool(self.limiter.hit(_parsed(value), prefix, *key))

    def forget(self, value: str, *key: str) -> None:
        """Drop what `key` has used of the limit `value` (a right answer after misses)."""
        if self.enabled:
            prefix = current_app.config["RATELIMIT_KEY_PREFIX"]
            self.limiter.clear(_parsed(value), prefix, *key)

    def limit(
        self, value: Callable[[], str], *, methods: Iterable[str] = ("POST",)
    ) -> Callable[[View], View]:
        """Count each request of `methods` to the view, per client address, before it runs.

        `value()` is the limit ("5 per minute"), read from the settings on each request. Past
        it the view does not run: RateLimitExceeded (429).
        """
        counted = frozenset(m.upper() for m in methods)

        def decorate(view: View) -> View:
            scope = f"{view.__module__}.{view.__name__}"

            @functools.wraps(view)
            def limited(*args: Any, **kwargs: Any) -> Any:
                if request.method in counted:
                    address = request.remote_addr or "127.0.0.1"
                    limit = value()
                    if not self.hit(limit, scope, address):
                        raise RateLimitExceeded(_parsed(limit))
                return view(*args, **kwargs)

            return cast(View, limited)

        return decorate
