"""local://, the embedded default's rate-limit counts: windows, expiry, no thread per hit."""

import threading
import time

from limits import parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

import intranet.extensions  # noqa: F401 - registers local://
from intranet import rate_limits


def test_a_limit_refuses_past_its_count_and_opens_again_when_its_window_ends():
    limiter = FixedWindowRateLimiter(storage_from_string("local://"))
    three = parse("3 per second")
    began = time.time()
    assert [limiter.hit(three, "1.2.3.4") for _ in range(4)] == [True, True, True, False]
    assert limiter.hit(three, "5.6.7.8")  # another address counts apart
    stats = limiter.get_window_stats(three, "1.2.3.4")
    assert stats.remaining == 0
    assert began + 1 <= stats.reset_time <= time.time() + 1
    time.sleep(stats.reset_time - time.time() + 0.01)
    assert limiter.hit(three, "1.2.3.4")
    assert limiter.get_window_stats(three, "1.2.3.4").remaining == 2


def test_cleared_keys_and_ended_windows_are_forgotten():
    storage = rate_limits.LocalStorage()
    storage.incr("a", 60)
    storage.incr("b", 0.05)
    storage.clear("a")
    assert storage.get("a") == 0
    assert storage.get("b") == 1
    time.sleep(0.06)
    assert storage.get("b") == 0
    for n in range(rate_limits._SWEEP_EVERY):
        storage.incr(f"visitor{n}", 60)
    assert "b" not in storage._counts  # swept: its window had ended
    assert storage.reset() == rate_limits._SWEEP_EVERY


def test_counting_starts_no_thread():
    limiter = FixedWindowRateLimiter(storage_from_string("local://"))
    before = threading.active_count()
    for n in range(200):
        limiter.hit(parse("1000 per second"), f"visitor{n % 3}")
    assert threading.active_count() == before
