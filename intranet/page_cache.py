"""Public pages served as if they were files: rendered once per data version, language and URL.

The registry below names the public GET endpoints that may be cached and the data domains (the
package of a model: events, coworking, libraries) each one shows. Every commit that wrote to a
domain gives it a new version (SQLAlchemy session events, so no service has to remember), and
a page is keyed on the versions of its domains: a write is visible on the very next request.
Only a reader who has not signed in is served from the cache, and only a response that sets no
cookie and carries no CSRF token is kept.
"""

import hashlib
import logging
import secrets
from urllib.parse import urlencode

from flask import Flask, Response, current_app, g, has_app_context, request, session
from flask_caching import Cache
from sqlalchemy import event
from sqlalchemy.orm import Session

from intranet.clock import local_today
from intranet.i18n import current_language

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
    "coworking_api.availability": (COWORKING, LIBRARIES),
    "libraries_api.libraries": (LIBRARIES,),
    "libraries_public.libraries": (LIBRARIES,),
    "libraries_public.library": (EVENTS, COWORKING, LIBRARIES),
}
# How long a rendered page is kept at most: pages that show "today" or "free now" move on with
# the clock, not only with writes.
PAGE_SECONDS = 60
# Headers a cached answer keeps (the rest are added again on the way out).
KEPT_HEADERS = ("Content-Disposition", "Cache-Control", "ETag", "Last-Modified")

cache = Cache()


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
    app.before_request(serve_from_cache)
    app.after_request(keep_in_cache)


def _signed_in() -> bool:
    return "_user_id" in session


def _key() -> str | None:
    """This request's key: endpoint, language, data versions, day and normalized query."""
    domains = CACHEABLE.get(request.endpoint or "")
    if domains is None or request.method not in ("GET", "HEAD") or "lang" in request.args:
        return None  # ?lang= writes the reader's choice into the session: not a plain read
    if _signed_in():
        return None
    versions = _versions(domains)
    query = urlencode(sorted(request.args.items(multi=True)))
    raw = f"{request.path}?{query}|{current_language()}|{versions}|{local_today().isoformat()}"
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


def _versions(domains: tuple[str, ...]) -> list[str]:
    """The current version of each domain; one that is missing (evicted, new) starts afresh."""
    keys = [f"version:{domain}" for domain in domains]
    versions = cache.get_many(*keys)
    for n, value in enumerate(versions):
        if value is None:
            # Never None: a page kept under a missing version could outlive a lost bump.
            cache.add(keys[n], secrets.token_hex(8), timeout=0)
            versions[n] = cache.get(keys[n])
    return versions


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
    body, mimetype, headers, nonce = stored
    if nonce is not None:
        # The page was rendered with another request's nonce: give it this request's.
        from intranet.security import csp_nonce

        body = body.replace(nonce.encode(), csp_nonce().encode())
    setattr(g, "page_cache_hit", True)  # noqa: B010 - read back with g.get()
    return Response(body, mimetype=mimetype, headers=headers)


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
    try:
        cache.set(key, (response.get_data(), response.mimetype, headers, g.get("csp_nonce")))
    except Exception:
        log.exception("page cache unavailable")
    return response


def domain_of(table_or_class) -> str | None:
    """The domain (package) a model belongs to."""
    module = getattr(table_or_class, "__module__", "")
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[0] == "intranet" else None


def _touched(session: Session) -> set[str]:
    return session.info.setdefault("page_cache_touched", set())


@event.listens_for(Session, "after_flush")
def _mark_flushed(session: Session, _context) -> None:
    """Remember the domains whose rows this flush wrote."""
    touched = _touched(session)
    for obj in (*session.new, *session.dirty, *session.deleted):
        domain = domain_of(type(obj))
        if domain:
            touched.add(domain)


@event.listens_for(Session, "do_orm_execute")
def _mark_statement(state) -> None:
    """Bulk INSERT/UPDATE/DELETE statements bypass the flush: mark their tables' domains."""
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    mapper = state.bind_mapper
    domain = domain_of(mapper.class_) if mapper is not None else _domain_of_table(table)
    if domain:
        _touched(state.session).add(domain)


def _domain_of_table(table) -> str | None:
    from intranet.models import Base

    for mapper in Base.registry.mappers:
        if table is not None and table in mapper.tables:
            return domain_of(mapper.class_)
    return None


@event.listens_for(Session, "after_commit")
def _bump_versions(session: Session) -> None:
    """A commit that wrote to a domain gives it a new version: its cached pages are left."""
    touched = session.info.pop("page_cache_touched", None)
    if not touched or not has_app_context() or "cache" not in current_app.extensions:
        return
    try:
        # A new random value, not an increment: two workers bumping at once never collide.
        cache.set_many({f"version:{d}": secrets.token_hex(8) for d in touched}, timeout=0)
    except Exception:
        log.exception("page cache versions not bumped")
