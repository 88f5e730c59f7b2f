"""Security headers on every response, with a per-request CSP nonce for scripts."""

import secrets

from flask import g, request
from flask.sessions import SecureCookieSessionInterface
from flask_login import current_user
from itsdangerous import URLSafeTimedSerializer

from intranet.i18n import language_in_url

# The policy around this request's nonce: built once, joined per response.
CSP_HEAD = "default-src 'self'; script-src 'self' 'nonce-"
CSP_TAIL = (
    "'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'self'; form-action 'self'"
)
HSTS = "max-age=31536000; includeSubDomains"


class SessionInterface(SecureCookieSessionInterface):
    """Refresh the session cookie (the idle timeout) on pages, not on every static file."""

    def __init__(self) -> None:
        self._serializers: dict[tuple, URLSafeTimedSerializer | None] = {}

    def get_signing_serializer(self, app) -> URLSafeTimedSerializer | None:
        """Flask's serializer, made once per set of keys instead of on every request."""
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        if keys not in self._serializers:
            self._serializers[keys] = super().get_signing_serializer(app)
        return self._serializers[keys]

    def open_session(self, app, request):
        if not request.cookies.get(self.get_cookie_name(app)):
            return self.session_class()  # a visitor without a cookie: nothing to verify
        return super().open_session(app, request)

    def should_set_cookie(self, app, session) -> bool:
        if request.endpoint == "static" and not session.modified:
            return False
        return super().should_set_cookie(app, session)

    def save_session(self, app, session, response) -> None:
        if not session and not session.modified:
            # Nothing to write or delete (the usual anonymous visitor): skip building the
            # cookie's settings; a page that read the session still varies on the cookie.
            if session.accessed:
                response.vary.add("Cookie")
            return
        super().save_session(app, session, response)
        if "Set-Cookie" in response.headers and not response.cache_control.no_store:
            # A response that sets a cookie belongs to one browser: no shared cache may keep
            # it (and hand that cookie to everyone), though the browser itself may.
            response.cache_control.public = False
            response.cache_control.private = True
            response.headers.pop("X-Accel-Expires", None)  # nginx's lifetime for shared pages


def csp_nonce() -> str:
    """This request's nonce; a <script> without it does not run."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def init_app(app) -> None:
    """Add the headers after each request."""
    app.jinja_env.globals["csp_nonce"] = csp_nonce
    app.session_interface = SessionInterface()

    @app.after_request
    def security_headers(response):
        headers = response.headers
        if response.mimetype == "text/html":
            headers.setdefault("Content-Security-Policy", CSP_HEAD + csp_nonce() + CSP_TAIL)
            headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "same-origin")
        if request.is_secure:
            headers.setdefault("Strict-Transport-Security", HSTS)
        if request.endpoint == "static":
            return response
        if g.get("language_negotiated"):
            # The body is in the language chosen from these (unless the URL names it, ?lang=):
            # a cache keeps one copy for each.
            response.vary.add("Cookie")
            if not language_in_url():
                response.vary.add("Accept-Language")
        personal = current_user.is_authenticated or request.path.startswith("/booking/")
        if personal or g.get("csrf_token"):
            # Pages with personal data, or with a form whose CSRF token is bound to this
            # browser's session: never kept by browsers or shared caches.
            headers["Cache-Control"] = "no-store"
            response.vary.add("Cookie")
        return response
