"""Rate-limit counts: local:// (windows, expiry, no thread per hit) and Redis on its own line."""

import os
import threading
import time
import uuid

import pytest
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


@pytest.fixture
def redis_uri():
    uri = os.environ.get("TEST_REDIS_URL")
    if not uri:
        pytest.skip("needs TEST_REDIS_URL")
    return uri


def test_redis_counts_on_their_own_connection_are_limits_own_counts(redis_uri):
    ours = rate_limits.RedisCounts(redis_uri)
    theirs = storage_from_string(redis_uri)  # limits' RedisStorage, through redis-py's client
    three, visitor = parse("3 per minute"), f"test-{uuid.uuid4().hex}"
    limiter, client_side = FixedWindowRateLimiter(ours), FixedWindowRateLimiter(theirs)
    try:
        assert limiter.hit(three, visitor)
        assert client_side.hit(three, visitor)  # the same key: one count for both
        assert limiter.hit(three, visitor)
        assert not limiter.hit(three, visitor)
        assert theirs.get(three.key_for(visitor)) == 4
        assert 0 < theirs.get_expiry(three.key_for(visitor)) - time.time() <= 60
        # Redis restarted, or its scripts were flushed: the script is loaded again.
        theirs.storage.script_flush()
        assert not limiter.hit(three, visitor)
        assert theirs.get(three.key_for(visitor)) == 5
    finally:
        client_side.clear(three, visitor)


def test_redis_counts_go_on_after_redis_closed_their_connection(redis_uri):
    ours = rate_limits.RedisCounts(redis_uri)
    limiter, ten, visitor = FixedWindowRateLimiter(ours), parse("10 per minute"), uuid.uuid4().hex
    try:
        assert limiter.hit(ten, visitor)
        # Redis drops the idle connection (its `timeout`, a restart): the next count reconnects.
        own = ours.wire.ask(ours.wire.pack("CLIENT", "ID"))
        ours.storage.client_kill_filter(_id=own)
        assert limiter.hit(ten, visitor)
        assert ours.get(ten.key_for(visitor)) == 2
    finally:
        limiter.clear(ten, visitor)
