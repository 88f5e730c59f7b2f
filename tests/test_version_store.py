"""The data versions: a file every worker maps into memory on one host, or keys in Redis."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from flask import Flask
from flask_caching import Cache

from intranet.version_store import VERSION_BYTES, CacheVersions, MappedVersions, RedisVersions

KEYS = ["version:coworking", "version:events", "version:libraries"]


def test_a_bump_in_one_worker_is_read_by_another_without_reopening(tmp_path):
    path = tmp_path / "page_versions"
    here = MappedVersions(path, KEYS)
    before = here.read(KEYS)
    # Another worker: a process of its own, mapping the same file, bumps one version.
    bump = (
        "import sys; from pathlib import Path; from intranet.version_store import MappedVersions; "
        f"MappedVersions(Path(sys.argv[1]), {KEYS!r}).bump(['version:events'])"
    )
    root = Path(__file__).resolve().parent.parent
    subprocess.run([sys.executable, "-c", bump, str(path)], check=True, cwd=root)
    after = here.read(KEYS)
    assert after[1] != before[1]
    assert (after[0], after[2]) == (before[0], before[2])  # the other domains keep theirs


def test_a_new_file_starts_with_random_versions_and_is_never_replaced(tmp_path):
    path = tmp_path / "page_versions"
    first = MappedVersions(path, KEYS)
    versions = first.read(KEYS)
    assert all(len(v) == 2 * VERSION_BYTES and v != "0" * 2 * VERSION_BYTES for v in versions)
    assert len(set(versions)) == 3
    # A worker starting later maps the same file: same versions, and it sees later bumps.
    second = MappedVersions(path, KEYS)
    assert second.read(KEYS) == versions
    second.bump(["version:coworking"])
    assert first.read(KEYS)[0] != versions[0]
    assert list(tmp_path.iterdir()) == [path]  # the file was made in place of a temporary one


def test_a_file_made_for_fewer_domains_grows_with_versions_for_the_new_ones(tmp_path):
    path = tmp_path / "page_versions"
    MappedVersions(path, KEYS[:1])
    grown = MappedVersions(path, KEYS)
    assert path.stat().st_size == 3 * VERSION_BYTES
    assert "0" * 2 * VERSION_BYTES not in grown.read(KEYS)


@pytest.fixture
def redis_cache():
    """A Flask-Caching Redis cache under a prefix of its own (TEST_REDIS_URL)."""
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("needs TEST_REDIS_URL")
    app = Flask(__name__)
    cache = Cache()
    prefix = f"test-{uuid.uuid4().hex}:"
    config = {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": url, "CACHE_KEY_PREFIX": prefix}
    cache.init_app(app, config=config)
    with app.app_context():
        yield cache, app.extensions["cache"][cache]
        cache.clear()


def test_redis_versions_on_their_own_connection_are_the_page_caches_keys(redis_cache):
    cache, backend = redis_cache
    own, through_client = RedisVersions(cache, backend), CacheVersions(cache)
    # A missing version is set once, as through the cache's client: never None.
    first = own.read(KEYS)
    assert None not in first
    assert len(set(first)) == 3
    assert through_client.read(KEYS) == first
    own.bump(["version:events"])
    after = through_client.read(KEYS)
    assert after[1] != first[1]
    assert (after[0], after[2]) == (first[0], first[2])
    through_client.bump(["version:coworking"])
    assert own.read(KEYS)[0] != after[0]
    assert own.get_many(KEYS) == own.read(KEYS)
    own.bump([])  # nothing touched: nothing sent
    assert own.read(KEYS) == through_client.read(KEYS)
