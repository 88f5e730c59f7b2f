"""Static files with content hashes in their names, long cache headers, and compression.

`url_for('static', filename='css/app.css')` gives `/static/css/app.<hash>.css`; a browser may
keep that URL for a year, since a changed file gets a new name. The plain name still works
(revalidated on each use). Public pages are compressed by Flask-Compress (zstd/br/gzip) when the
client accepts it, hashed static files once, at the strongest setting: a first visit on a slow
rural link weighs about a sixth of its raw size.
"""

import gzip
import hashlib
import mimetypes
import re
from pathlib import Path

import brotli
from flask import Flask, Response, abort, request
from flask_compress import Compress
from flask_login import current_user

ONE_YEAR = 365 * 24 * 3600
IMMUTABLE = f"public, max-age={ONE_YEAR}, immutable"
HASH_LENGTH = 12
_HASHED = re.compile(
    rf"^(?P<stem>.+)\.(?P<digest>[0-9a-f]{{{HASH_LENGTH}}})(?P<ext>\.[A-Za-z0-9]+)$"
)

# Browsers and feed readers ask for /favicon.ico by a fixed name that cannot carry a hash.
FAVICON = "img/favicon.ico"
FAVICON_CACHE = f"public, max-age={7 * 24 * 3600}"

MIN_COMPRESS_SIZE = 500
COMPRESSIBLE = {"text/css", "text/javascript", "application/javascript", "image/svg+xml"}

compress = Compress()


class StaticManifest:
    """Maps a static file to its hashed name; re-hashes a file when it changes on disk."""

    def __init__(self, root: str) -> None:
        self.root = Path(root).resolve()
        self._cache: dict[str, tuple[int, int, str]] = {}
        self._bodies: dict[tuple, bytes] = {}
        self._paths: dict[str, Path] = {}

    def _path(self, filename: str) -> Path | None:
        known = self._paths.get(filename)
        if known is not None and known.is_file():
            return known  # resolve() walks every folder of the path: once per name is enough
        path = (self.root / filename).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            return None
        self._paths[filename] = path
        return path

    def digest(self, filename: str) -> str | None:
        """The content hash of a static file, or None when there is no such file."""
        path = self._path(filename)
        if path is None:
            return None
        stat = path.stat()
        cached = self._cache.get(filename)
        if cached and cached[0] == stat.st_mtime_ns and cached[1] == stat.st_size:
            return cached[2]
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:HASH_LENGTH]
        self._cache[filename] = (stat.st_mtime_ns, stat.st_size, digest)
        return digest

    def hashed_name(self, filename: str) -> str:
        """`css/app.css` -> `css/app.<hash>.css`; unknown files keep their name."""
        digest = self.digest(filename)
        if digest is None:
            return filename
        stem, dot, ext = filename.rpartition(".")
        if not dot or "/" in ext or not stem or stem.endswith("/"):
            return filename  # no extension to keep: leave the name as it is
        return f"{stem}.{digest}.{ext}"

    def resolve(self, requested: str) -> tuple[str, bool]:
        """The file on disk for a requested name, and whether its hash is current."""
        if self._path(requested) is not None:
            return requested, False
        match = _HASHED.match(requested)
        if not match:
            return requested, False
        original = match["stem"] + match["ext"]
        return original, self.digest(original) == match["digest"]

    def body(self, filename: str, encoding: str | None) -> bytes:
        """The file's bytes, compressed once per content at the strongest setting."""
        key = (filename, self.digest(filename), encoding)
        if key not in self._bodies:
            data = (self.root / filename).read_bytes()
            if encoding == "br":
                data = brotli.compress(data, quality=11)
            elif encoding == "gzip":
                data = gzip.compress(data, compresslevel=9, mtime=0)
            self._bodies[key] = data
        return self._bodies[key]


def _encoding_for(filename: str, size: int) -> str | None:
    """br, else gzip, when the client takes it and the file is text worth compressing."""
    mimetype = mimetypes.guess_type(filename)[0] or ""
    if size < MIN_COMPRESS_SIZE or mimetype not in COMPRESSIBLE:
        return None
    accepted = request.accept_encodings
    return next((e for e in ("br", "gzip") if accepted[e] > 0), None)


def init_app(app: Flask) -> None:
    """Hash static URLs, serve hashed names with long cache headers, compress responses."""
    manifest = StaticManifest(app.static_folder or "static")
    app.extensions["static_manifest"] = manifest
    # Compression is applied by our hook below, which knows when not to compress.
    app.config.setdefault("COMPRESS_REGISTER", False)
    compress.init_app(app)

    @app.after_request
    def compress_response(response):
        # BREACH: a compressed page that holds a session-bound secret (the CSRF token) and
        # echoes request input (search boxes, filters) leaks the secret through its length.
        # Staff pages are not compressed; public pages and static files are.
        if response.mimetype == "text/html" and current_user.is_authenticated:
            return response
        return compress.after_request(response)

    @app.url_defaults
    def hashed_static_url(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "filename" in values:
            values["filename"] = manifest.hashed_name(values["filename"])

    def static(filename: str):
        real, current = manifest.resolve(filename)
        if manifest.digest(real) is None:
            abort(404)
        if request.url_rule is not None and request.url_rule.rule == "/favicon.ico":
            response = app.send_static_file(real)  # answers 304 to If-None-Match as well
            response.headers["Cache-Control"] = FAVICON_CACHE
            return response
        if not current:
            return app.send_static_file(real)  # plain or outdated name: revalidated each time
        # A hashed file never changes: compress it once, as hard as br/gzip go (Flask-Compress
        # would redo it on every request at a fast level), and keep it in memory.
        encoding = _encoding_for(real, len(manifest.body(real, None)))
        mimetype = mimetypes.guess_type(real)[0] or "application/octet-stream"
        response = Response(manifest.body(real, encoding), mimetype=mimetype)
        if encoding:
            response.headers["Content-Encoding"] = encoding  # Flask-Compress leaves it be
        response.vary.add("Accept-Encoding")
        response.set_etag(f"{manifest.digest(real)}-{encoding or 'identity'}")
        response.headers["Cache-Control"] = IMMUTABLE
        return response.make_conditional(request)

    app.view_functions["static"] = static
    # The same endpoint as every static file, so the favicon is treated as one everywhere: no
    # session, no user loaded, and cacheable for signed-in staff too.
    app.add_url_rule("/favicon.ico", endpoint="static", defaults={"filename": FAVICON})

    def keep_static_cacheable(response):
        # Runs after every other after_request hook (it is first in the list, and they run
        # in reverse): the security hook marks signed-in responses no-store, which must not
        # stick to a hashed static file that holds no personal data.
        if request.endpoint == "static" and response.status_code in (200, 304):
            _, current = manifest.resolve((request.view_args or {}).get("filename", ""))
            if current:
                response.headers["Cache-Control"] = IMMUTABLE
        return response

    app.after_request_funcs.setdefault(None, []).insert(0, keep_static_cacheable)


def build_static(manifest: StaticManifest, target: Path) -> int:
    """Write every static file under its hashed name into target, with a .gz beside each text.

    A reverse proxy serves this folder itself (nginx: `gzip_static`); names are content hashes,
    so an old build's files can stay for pages still cached with them. Returns the file count.
    """
    count = 0
    for path in sorted(p for p in manifest.root.rglob("*") if p.is_file()):
        filename = path.relative_to(manifest.root).as_posix()
        hashed = target / manifest.hashed_name(filename)
        hashed.parent.mkdir(parents=True, exist_ok=True)
        hashed.write_bytes(manifest.body(filename, None))
        mimetype = mimetypes.guess_type(filename)[0] or ""
        if mimetype in COMPRESSIBLE and path.stat().st_size >= MIN_COMPRESS_SIZE:
            hashed.with_name(hashed.name + ".gz").write_bytes(manifest.body(filename, "gzip"))
        count += 1
    return count
