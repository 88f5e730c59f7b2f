"""A WSGI fast path in front of Flask: a kept public answer for a request without a cookie.

Flask's request cycle (context, hooks, session, URL matching, response objects) costs more than
the page cache's lookup itself. Each worker keeps here, in memory, the final answers (status,
headers, body) Flask gave to cookie-less GETs of cacheable public pages, keyed on everything
such an answer depends on: scheme, host, path, query, Accept-Encoding, Accept-Language and
If-None-Match. Before answering from memory it reads the data versions the page was made
under from the shared cache (one round trip), so a write on any worker is seen on the very
next request; the clock moves a page on by the page cache's lifetime or at local midnight.
With Redis that read is one MGET on a connection of the worker's own
(intranet.version_store.RedisVersions).
Anything else (a cookie, a POST, a miss, a version that moved, a cache that fails) goes to
Flask unchanged, and Flask's answer is kept when its hooks offered it (page_cache.offer).
`/healthz/live` is kept too, and a readiness 200 for READINESS_CACHE_SECONDS (its view says why).
"""

import functools
import logging
import secrets
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from flask import Flask
from werkzeug.http import http_date

from intranet.page_cache import OFFER, VERSIONS, Offer
from intranet.security import CSP_HEAD, CSP_TAIL

log = logging.getLogger(__name__)

SERVED_WITHOUT_FLASK = "served_without_flask"

# Bounds of what one worker keeps: every public page in three languages and two encodings fits.
MOST_ANSWERS = 1000
MOST_BYTES = 64 * 1024 * 1024
# What an answer depends on, besides the path (each WSGI key; a missing one reads as "").
_KEYED = (
    "wsgi.url_scheme",
    "HTTP_HOST",
    "SCRIPT_NAME",
    "PATH_INFO",
    "QUERY_STRING",
    "HTTP_ACCEPT_ENCODING",
    "HTTP_ACCEPT_LANGUAGE",
    "HTTP_IF_NONE_MATCH",
)


@dataclass(frozen=True)
class Answer:
    """A final answer as Flask sent it, and what must still hold to send it again."""

    status: str
    headers: list[tuple[str, str]]
    body: bytes
    offer: Offer
    csp: int | None  # the index of the CSP header, whose nonce is new for each answer
    date: int | None  # the index of a Date header (Flask-Compress adds one), always now


# A Date header is formatted once a second, not once per answer.
_http_date = functools.lru_cache(maxsize=2)(http_date)


def _date_now() -> str:
    return _http_date(int(time.time()))


class FastPath:
    """The WSGI app in front of Flask's: answers from memory, else asks Flask and keeps."""

    def __init__(self, app: Flask, wsgi_app: Callable) -> None:
        self.app = app
        self.wsgi_app = wsgi_app
        self.answers: dict[tuple[str, ...], Answer] = {}
        self.bytes = 0
        self.served = 0  # answers sent without Flask (tests and the benchmark read it)
        # Told of each answer sent without Flask (endpoint, method, status, seconds): the
        # metrics add theirs to this list, before or after the fast path is installed.
        self.on_served: list[Callable[[str, str, int, float], None]] = app.extensions.setdefault(
            SERVED_WITHOUT_FLASK, []
        )

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD")
        if method not in ("GET", "HEAD") or environ.get("HTTP_COOKIE"):
            return self.wsgi_app(environ, start_response)
        started = time.perf_counter()
        key = tuple(environ.get(name, "") for name in _KEYED)
        answer = self.answers.get(key)
        if answer is not None and self._still_true(answer):
            self.served += 1
            headers = answer.headers
            if answer.csp is not None or answer.date is not None:
                headers = list(headers)
            if answer.csp is not None:
                nonce = secrets.token_urlsafe(16)
                headers[answer.csp] = ("Content-Security-Policy", CSP_HEAD + nonce + CSP_TAIL)
            if answer.date is not None:
                headers[answer.date] = ("Date", _date_now())
            start_response(answer.status, headers)
            for observer in self.on_served:
                observer(
                    answer.offer.endpoint,
                    method,
                    int(answer.status[:3]),
                    time.perf_counter() - started,
                )
            return [] if method == "HEAD" else [answer.body]
        if answer is not None:
            self._forget(key)
        return self._through(environ, start_response, key, keep=method == "GET")

    def _still_true(self, answer: Answer) -> bool:
        """Not expired, the versions it was made under still current, the probe passing."""
        offer = answer.offer
        if offer.expires <= time.time():
            return False
        try:
            read = self.app.extensions[VERSIONS].read
            if offer.version_keys and read(offer.version_keys) != list(offer.versions):
                return False
            return offer.probe is None or offer.probe()
        except Exception:  # a cache or database that does not answer: Flask says what to do
            log.exception("fast path check failed")
            return False

    def _through(
        self, environ: dict, start_response: Callable, key: tuple[str, ...], *, keep: bool
    ) -> Iterable[bytes]:
        """Flask answers; its answer is kept when its hooks offered it and it sets no cookie."""
        sent: list = []

        def noting(status: str, headers: list[tuple[str, str]], exc_info=None):
            sent[:] = [status, headers]
            return start_response(status, headers, exc_info)

        result = self.wsgi_app(environ, noting)
        offer = environ.get(OFFER)
        if not (keep and offer and sent and sent[0][:3] in ("200", "304")):
            return result
        status, headers = sent
        if any(
            name.lower() == "set-cookie" or (name == "Cache-Control" and "no-store" in value)
            for name, value in headers
        ):
            return result  # one browser's answer
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        names = [name for name, _ in headers]
        csp = names.index("Content-Security-Policy") if "Content-Security-Policy" in names else None
        date = names.index("Date") if "Date" in names else None
        self._keep(key, Answer(status, list(headers), body, offer, csp, date))
        return [body]

    def _keep(self, key: tuple[str, ...], answer: Answer) -> None:
        self._forget(key)
        while self.answers and (
            len(self.answers) >= MOST_ANSWERS or self.bytes + len(answer.body) > MOST_BYTES
        ):
            self._forget(next(iter(self.answers)))  # the oldest kept first
        self.answers[key] = answer
        self.bytes += len(answer.body)

    def _forget(self, key: tuple[str, ...]) -> None:
        answer = self.answers.pop(key, None)
        if answer is not None:
            self.bytes -= len(answer.body)


def init_app(app: Flask) -> None:
    """Put the fast path in front of the app (inside ProxyFix: it sees the real scheme)."""
    fast = FastPath(app, app.wsgi_app)
    app.extensions["fast_path"] = fast
    app.wsgi_app = fast  # type: ignore[method-assign]
