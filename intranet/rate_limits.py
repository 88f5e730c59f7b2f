"""Rate-limit counts in a worker's memory (`local://`), the embedded default.

limits' own `memory://` expires its counts with a timer thread that it starts again on the
first hit after each hundredth of a second: at a rush, a new thread for nearly every booking
or sign-in POST, which costs that request more than the count itself. Here a count's window
ends when the count is next read, and the expired ones are dropped now and then. As with
`memory://`, each worker counts on its own; `redis://` shares the counts (production).
"""

import threading
import time

from limits.storage import Storage

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
