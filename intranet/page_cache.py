"""Public pages served as if they were files: rendered once per data version, language and URL.

The registry below names the public GET endpoints that may be cached and the data domains (the
package of a model: events, coworking, libraries) each one shows. Every commit that wrote to a
domain gives it a new version (intranet.page_versions: session events, no service remembers), and
a page is keyed on the versions of its domains: a write is visible on the very next request.
Only a reader who has not signed in is served from the cache, and only a response that sets no
cookie and carries no CSRF token is kept.

The same pages are made right for HTTP caches on the way (browsers, proxies, CDNs): an ETag
(kept with a cached body, not hashed again per request) and a 304 when the client already has
it; `public, max-age, stale-while-revalidate` when the URL names the page's language (?lang=,
which every link to these pages carries), `private` when the language came from the reader's
headers or cookie (a shared cache that ignores Vary would mix languages); the security hook
turns anything personal into `no-store`. A public answer also carries `X-Accel-Expires`, the
few seconds nginx in front (deploy/nginx) may keep it: nginx honours it before max-age and does
not pass it on, so browsers keep their 30 s while nginx's copy follows writes closely.
"""

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from flask import (
    Flask,
    Response,
    current_app,
    g,
    has_request_context,
    request,
    session,
)
from flask_caching import Cache

from intranet.clock import local_day_bounds, local_today
from intranet.i18n import current_language, language_in_url, reader_language
from intranet.version_store import CacheVersions, MappedVersions, RedisVersions, Versions

log = logging.getLogger(__name__)

EVENTS, COWORKING, LIBRARIES = "events", "coworking", "libraries"
# endpoint -> the domains its page shows. A public page not listed here is never cached.
CACHEABLE: dict[str, tuple[str, ...]] = {
    "public.home": (EVENTS, COWORKING, LIBRARIES),
    "events_public.calendar": (EVENTS, LIBRARIES),
    "events_public.event": (EVENTS, LIBRARIES),
    "events_public.event_ics": (EVENTS, LIBRARIES),
    "events_public.feed": (EVENTS, LIBRARIES),
    "events_public.print_month": (EVENTS, LIBRARIES),
    "events_api.events": (EVENTS, LIBRARIES),
    "coworking_public.centres": (COWORKING, LIBRARIES),
    "coworking_public.centre": (COWORKING, LIBRARIES),
    "coworking_public.find": (COWORKING, LIBRARIES),
    "coworking_api.availability": (COWORKING, LIBRARIES),
    "libraries_api.libraries": (LIBRARIES,),
    "libraries_public.libraries": (LIBRARIES,),
    "libraries_public.library": (EVENTS, COWORKING, LIBRARIES),
    "clubs_public.club": (EVENTS, LIBRARIES),
}
# The domains some page is keyed on: a commit that wrote only elsewhere (the outbox, the audit
# log, a sign-in) leaves every version as it was, and costs the cache nothing.
KEYED_DOMAINS = frozenset(domain for domains in CACHEABLE.values() for domain in domains)
# How long a rendered page is kept at most: pages that show "today" or "free now" move on with
# the clock, not only with writes.
PAGE_SECONDS = 60
# How long a browser or a shared cache may keep a public page, and serve it stale while it asks
# again: briefly, since a booking or an approval should show soon there too.
PUBLIC_MAX_AGE = 30
STALE_WHILE_REVALIDATE = 60
# Public GETs outside the registry that still get an ETag; a probe must always reach the app.
REVALIDATED = {
    "public.healthz": "no-cache",
    "public.liveness": "no-cache",
    "public.manifest": None,
}
# Headers a cached answer keeps (the rest are added again on the way out).
KEPT_HEADERS = ("Content-Disposition", "Cache-Control", "ETag", "Last-Modified")

# Where an app keeps its data versions (a Versions of intranet.version_store).
VERSIONS = "intranet.page_versions"

# Where a request's hooks offer its final answer to the WSGI fast path (intranet.fast_path).
OFFER = "intranet.page_cache.offer"

cache = Cache()


@dataclass(frozen=True)
class Offer:
    """What must still hold to send a kept answer again: these versions, this time, a probe."""

    version_keys: tuple[str, ...]
    versions: tuple[str, ...]
    expires: float  # a Unix time
    probe: Callable[[], bool] | None = None
    endpoint: str = ""  # the route, for the metrics of answers sent without Flask


def offer(
    *,
    born: float | None = None,
    probe: Callable[[], bool] | None = None,
    seconds: float = PAGE_SECONDS,
) -> None:
    """This request's final answer may be kept by the fast path (if it sets no cookie)."""
    keys, versions, midnight = g.get("page_versions") or ((), (), float("inf"))
    expires = min((born or time.time()) + seconds, midnight)
    request.environ[OFFER] = Offer(
        tuple(keys), tuple(versions), expires, probe, request.endpoint or ""
    )


def init_app(app: Flask) -> None:
    """Choose the backend (Redis from CACHE_URL, else files in the instance folder); hooks."""
    url = app.config.get("CACHE_URL") or ""
    if app.config.get("CACHE_TYPE"):
        settings = {}  # set explicitly (tests)
    elif url:
        settings = {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": url}
    else:
        # Shared by every worker process of one instance, unlike an in-process cache.
        settings = {"CACHE_TYPE": "FileSystemCache", "CACHE_DIR": f"{app.instance_path}/cache"}
    settings.setdefault("CACHE_THRESHOLD", 2000)
    settings.setdefault("CACHE_DEFAULT_TIMEOUT", PAGE_SECONDS)
    cache.init_app(app, config={**app.config, **settings})
    keys = [version_key(domain) for domain in sorted(KEYED_DOMAINS)]
    app.extensions[VERSIONS] = _versions(app, settings, keys)
    from intranet import page_versions  # noqa: F401 - its session events bump the versions

    app.before_request(serve_from_cache)
    # after_request hooks run last-registered first: the body is kept, then the headers set.
    app.after_request(http_caching)
    app.after_request(keep_in_cache)
    # First in the list, so it runs after every other hook, Flask-Compress's included.
    app.after_request_funcs.setdefault(None, []).insert(0, keep_compressed)
    app.url_defaults(carry_language)


def _versions(app: Flask, settings: dict, keys: list[str]) -> Versions:
    """Mapped memory for the file cache; one plain Redis client's own connection; else the cache."""
    if settings.get("CACHE_TYPE") == "FileSystemCache":  # the default, not a test's choice
        return MappedVersions(Path(app.instance_path) / "page_versions", keys)
    from flask_caching.backends.rediscache import RedisCache

    backend = app.extensions["cache"][cache]
    if type(backend) is RedisCache and backend._read_client is backend._write_client:
        return RedisVersions(cache, backend)
    return CacheVersions(cache)


def version_key(domain: str) -> str:
    """The name of a domain's data version."""
    return f"version:{domain}"


def versions() -> Versions:
    """This app's data versions (intranet.version_store)."""
    return current_app.extensions[VERSIONS]


def carry_language(endpoint: str, values: dict) -> None:
    """Links to public pages name their language (?lang=): a shared cache keys on the URL."""
    if endpoint in CACHEABLE and "lang" not in values and has_request_context():
        values["lang"] = current_language()


def _signed_in() -> bool:
    return "_user_id" in session


def _key() -> str | None:
    """This request's key: endpoint, language, data versions, day and normalized query."""
    domains = CACHEABLE.get(request.endpoint or "")
    if domains is None or request.method not in ("GET", "HEAD") or session.modified:
        return None  # a language switch writes the reader's choice into the session
    if _signed_in():
        return None
    keys = [version_key(domain) for domain in domains]
    current = versions().read(keys)
    today = local_today()
    # Kept for the fast path: the page is true while these versions are, until midnight.
    midnight = local_day_bounds(today)[1].timestamp()
    setattr(g, "page_versions", (keys, current, midnight))  # noqa: B010 - read with g.get()
    query = urlencode(sorted(request.args.items(multi=True)))
    language = reader_language()  # not Babel's: that would mark every page as language-bound
    raw = f"{request.path}?{query}|{language}|{current}|{today.isoformat()}"
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


def serve_from_cache() -> Response | None:
    """Before the view: answer from the cache when this page was rendered for this version."""
    try:
        key = _key()
        stored = cache.get(key) if key else None
    except Exception:  # a cache that does not answer only makes the page slower
        log.exception("page cache unavailable")
        return None
    setattr(g, "page_cache_key", key)  # noqa: B010 - read back with g.get()
    if stored is None:
        return None
    body, mimetype, headers, nonce, etag, by_language, born = stored
    if nonce is not None:
        # The page was rendered with another request's nonce: give it this request's.
        from intranet.security import csp_nonce

        body = body.replace(nonce.encode(), csp_nonce().encode())
    setattr(g, "page_cache_hit", True)  # noqa: B010 - read back with g.get()
    setattr(g, "page_etag", etag)  # noqa: B010 - read back with g.get()
    if by_language:
        setattr(g, "language_negotiated", True)  # noqa: B010 - as the view's render did
    response = Response(body, mimetype=mimetype, headers=headers)
    worth = nonce is None and etag and len(body) >= current_app.config["COMPRESS_MIN_SIZE"]
    encoding = _wanted_encoding() if worth else None
    variant = cache.get(f"{key}:{encoding}") if encoding else None
    if variant is not None and variant[0] == etag:
        # Compressed once, when it was first asked for: Flask-Compress leaves it as it is.
        response.set_data(variant[1])
        response.headers["Content-Encoding"] = encoding
        response.vary.add("Accept-Encoding")
        setattr(g, "page_etag", f"{etag}:{encoding}")  # noqa: B010 - as Flask-Compress tags it
    if nonce is None:
        offer(born=born)
    return response


def _wanted_encoding() -> str | None:
    """The first of the app's compression algorithms this client takes."""
    accepted = request.accept_encodings
    algorithms = current_app.config.get("COMPRESS_ALGORITHM") or ()
    return next((name for name in algorithms if accepted[name] > 0), None)


def keep_compressed(response: Response) -> Response:
    """Last of all hooks: keep the body Flask-Compress made for a cached page, once."""
    key, etag = g.get("page_cache_key"), g.get("page_etag")
    encoding = response.headers.get("Content-Encoding")
    if not (key and etag and encoding) or response.status_code != 200 or ":" in etag:
        return response  # not a cached page, not compressed, or served compressed already
    try:
        cache.set(f"{key}:{encoding}", (etag, response.get_data()))
    except Exception:
        log.exception("page cache unavailable")
    return response


def keep_in_cache(response: Response) -> Response:
    """After the view: keep a public, cookie-free, token-free 200 for the next reader."""
    key = g.get("page_cache_key")
    if not key or g.get("page_cache_hit") or response.status_code != 200:
        return response
    if (
        response.direct_passthrough
        or "Set-Cookie" in response.headers
        or g.get("csrf_token")
        or session.modified
        or _signed_in()
        or response.cache_control.no_store
        or response.cache_control.private
    ):
        return response
    headers = {name: response.headers[name] for name in KEPT_HEADERS if name in response.headers}
    body = response.get_data()
    nonce = g.get("csp_nonce")
    # Once per rendering, kept with the body; none for a page with a nonce, which changes per
    # request (a browser revalidating it would pair its old body with a new CSP).
    etag = None if nonce else response.get_etag()[0] or _etag_of(body)
    setattr(g, "page_etag", etag)  # noqa: B010 - read back with g.get()
    born = time.time()
    by_language = bool(g.get("language_negotiated"))
    entry = (body, response.mimetype, headers, nonce, etag, by_language, born)
    try:
        cache.set(key, entry)
    except Exception:
        log.exception("page cache unavailable")
        return response
    if nonce is None:
        offer(born=born)
    return response


def _etag_of(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()[:32]


def _cache_control(response: Response) -> str:
    """How long browsers and shared caches may keep this public answer, and which may."""
    fixed = REVALIDATED.get(request.endpoint or "")
    if fixed:
        return fixed
    max_age = response.cache_control.max_age or PUBLIC_MAX_AGE  # a feed sets its own
    if g.get("language_negotiated") and not language_in_url():
        # The language came from Accept-Language or the cookie, not the URL: only the browser
        # keeps it. The page's links carry ?lang=, and those pages are shared.
        return f"private, max-age={max_age}"
    return f"public, max-age={max_age}, stale-while-revalidate={STALE_WHILE_REVALIDATE}"


def _client_has(etag: str) -> str | None:
    """The tag of If-None-Match that names this body (in any encoding: "<etag>:br"), if any."""
    sent = request.if_none_match
    if sent.star_tag:
        return etag
    for tag in sent.as_set(include_weak=True):
        if tag == etag or tag.startswith(etag + ":"):
            return tag
    return None


def http_caching(response: Response) -> Response:
    """After the page cache: ETag, Cache-Control and 304 for a public GET of a reader."""
    endpoint = request.endpoint or ""
    if (
        request.method not in ("GET", "HEAD")
        or response.status_code != 200
        or (endpoint not in CACHEABLE and endpoint not in REVALIDATED)
        or response.direct_passthrough
        or _signed_in()
        or response.cache_control.no_store
        or response.cache_control.private
    ):
        return response  # personal or streamed: the security hook marks what must not be kept
    if g.get("csp_nonce"):
        return response  # a page with a nonce script: see keep_in_cache
    etag = g.get("page_etag") or response.get_etag()[0] or _etag_of(response.get_data())
    response.set_etag(etag)
    cache_control = response.headers["Cache-Control"] = _cache_control(response)
    if cache_control.startswith("public"):
        # nginx's lifetime for its copy: it outranks max-age there and nginx passes it to no
        # browser. Short, since a write must show soon and nginx cannot tell when one lands.
        response.headers["X-Accel-Expires"] = str(current_app.config["PROXY_CACHE_SECONDS"])
    held = _client_has(etag)
    if held:
        # Before compression: nothing is compressed for a client that already has the body.
        response.set_etag(held)
        response.status_code = 304
        response.set_data(b"")
    return response
