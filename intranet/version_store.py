"""Where the data versions live that the page cache keys public pages on.

With Redis (CACHE_URL: one or several nodes) they are keys in the cache itself, read and
bumped on a connection of each worker's own (RedisVersions, intranet.redis_wire) where the
cache is one plain Redis client. On one host with the file cache (the embedded default), they
are a small file that every worker maps into its memory: a bump is a write to that memory and
a read is no system call, where a file of the cache would cost each commit a file written and
renamed. Workers share the mapped pages, so a bump is seen by the next request on any of them.
"""

import mmap
import os
import secrets
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

from intranet.redis_wire import OwnConnection

# Each version: 8 random bytes (16 hex digits). Random, not a counter: two workers bumping at
# once never produce the same value, and a page kept under an old value is never met again.
VERSION_BYTES = 8


class Versions(Protocol):
    """The data versions, read on every cacheable page and bumped by commits."""

    def read(self, keys: Sequence[str]) -> list[str]:
        """The current version of each key, never None."""
        ...

    def bump(self, keys: Iterable[str]) -> None:
        """Give each key a new version."""
        ...


class CacheVersions:
    """The versions as keys of the page cache (Redis, or a backend set by the tests)."""

    def __init__(self, cache) -> None:
        self.cache = cache

    def read(self, keys: Sequence[str]) -> list[str]:
        versions = self.cache.get_many(*keys)
        for n, value in enumerate(versions):
            if value is None:
                # Never None: a page kept under a missing (evicted) version could outlive a
                # lost bump.
                self.cache.add(keys[n], secrets.token_hex(VERSION_BYTES), timeout=0)
                versions[n] = self.cache.get(keys[n])
        return versions

    def bump(self, keys: Iterable[str]) -> None:
        self.cache.set_many({key: secrets.token_hex(VERSION_BYTES) for key in keys}, timeout=0)


class MappedVersions:
    """The versions in a file mapped into the memory of every worker of one host.

    Each known key has its slot. The file is made once, atomically and with random versions
    (never all zeros, which a page could have been kept under before). A reader may meet a
    version half written: that is a value no page was kept under, so it only renders the page
    again. Delete the file only with the workers stopped: a running worker keeps its mapping.
    """

    def __init__(self, path: Path, keys: Iterable[str]) -> None:
        self.slots = {key: n * VERSION_BYTES for n, key in enumerate(sorted(set(keys)))}
        size = max(len(self.slots), 1) * VERSION_BYTES
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fresh = path.with_name(f"{path.name}.{secrets.token_hex(4)}")
            fresh.write_bytes(secrets.token_bytes(size))
            try:
                os.link(fresh, path)  # never replaces a file another worker made meanwhile
            except FileExistsError:
                pass
            finally:
                fresh.unlink()
        descriptor = os.open(path, os.O_RDWR)
        try:
            had = os.fstat(descriptor).st_size
            if had < size:  # a file made for fewer keys: the new slots get versions too
                os.ftruncate(descriptor, size)
            self.memory = mmap.mmap(descriptor, size)
            if had < size:
                self.memory[had:size] = secrets.token_bytes(size - had)
        finally:
            os.close(descriptor)

    def read(self, keys: Sequence[str]) -> list[str]:
        memory = self.memory
        return [
            memory[offset : offset + VERSION_BYTES].hex()
            for offset in (self.slots[key] for key in keys)
        ]

    def bump(self, keys: Iterable[str]) -> None:
        for key in keys:
            offset = self.slots[key]
            self.memory[offset : offset + VERSION_BYTES] = secrets.token_bytes(VERSION_BYTES)


class RedisVersions(CacheVersions):
    """The versions as keys of a plain Redis page cache, on this worker's own connection.

    The connection is made with the settings of the page cache's client (URL, database,
    password, timeouts) and the values are read and written as the page cache does (its prefix
    and serializer): only redis-py's client layer is left out (intranet.redis_wire). A strict
    round trip for each read and each bump, no client-side caching: a write on any node shows
    on the very next request.
    """

    def __init__(self, cache, backend) -> None:
        super().__init__(cache)
        self.backend = backend
        # cachelib keeps its client here; Flask-Caching's RedisCache is cachelib's.
        self.wire = OwnConnection(backend._write_client.connection_pool)
        self.packed: dict[tuple[str, ...], list] = {}  # version keys -> the packed MGET

    def get_many(self, keys: Sequence[str]) -> list:
        """The current value of each key, None where there is none."""
        keys = tuple(keys)
        packed = self.packed.get(keys)
        if packed is None:
            prefix = self.backend._get_prefix()
            packed = self.packed[keys] = self.wire.pack("MGET", *(prefix + key for key in keys))
        loads = self.backend.serializer.loads
        return [loads(value) for value in self.wire.ask(packed)]

    def read(self, keys: Sequence[str]) -> list[str]:
        versions = self.get_many(keys)
        if None in versions:
            return super().read(keys)  # a missing (evicted) version is set once, not None
        return versions

    def bump(self, keys: Iterable[str]) -> None:
        prefix, dumps = self.backend._get_prefix(), self.backend.serializer.dumps
        pairs = [
            part for key in keys for part in (prefix + key, dumps(secrets.token_hex(VERSION_BYTES)))
        ]
        if pairs:
            self.wire.ask(self.wire.pack("MSET", *pairs))
