"""Languages: locale selection, localized fields, and Babel-backed formatting helpers."""

from urllib.parse import urlencode

from babel import negotiate_locale
from flask import g, has_request_context, request, session
from flask_babel import format_date, format_datetime, get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

LANGUAGES = ("kk", "ru", "en")
DEFAULT_LANGUAGE = "kk"
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
# When a text is missing in the reader's language, try the others in this order.
# Flask-Login shows this when a staff page needs a sign-in.
LOGIN_REQUIRED_MESSAGE = _l("Please sign in to open this page.")
FALLBACK_ORDER = {"kk": ("kk", "ru", "en"), "ru": ("ru", "kk", "en"), "en": ("en", "kk", "ru")}


def negotiate_accept_language(header_values: list[str]) -> str | None:
    """Pick our language from Accept-Language; Babel maps kk-KZ to kk (Werkzeug would not)."""
    return negotiate_locale(header_values, LANGUAGES, sep="-")


def select_locale() -> str:
    """The user's saved language, else the session's choice, else Accept-Language, else kk."""
    if not has_request_context():
        return DEFAULT_LANGUAGE  # CLI and background jobs choose their language explicitly
    g.language_negotiated = True  # this response depends on the reader's language: see Vary
    if current_user and current_user.is_authenticated and current_user.language in LANGUAGES:
        return current_user.language
    chosen = session.get("lang")
    if chosen in LANGUAGES:
        return chosen
    preferred = [value for value, _quality in request.accept_languages]
    return negotiate_accept_language(preferred) or DEFAULT_LANGUAGE


def current_language() -> str:
    """The language of the page being rendered, as one of LANGUAGES."""
    locale = get_locale()
    return locale.language if locale and locale.language in LANGUAGES else DEFAULT_LANGUAGE


def localized(obj, field: str, language: str | None = None) -> str:
    """Return obj.<field>_<lang> in the reader's language, falling back to the others."""
    language = language or current_language()
    for lang in FALLBACK_ORDER.get(language, LANGUAGES):
        value = getattr(obj, f"{field}_{lang}", None)
        if value:
            return value
    return ""


def init_app(app) -> None:
    """Register template helpers for dates and localized fields."""
    app.jinja_env.filters["localized"] = localized
    app.jinja_env.filters["date"] = lambda value, fmt="medium": format_date(value, fmt)
    app.jinja_env.filters["datetime"] = lambda value, fmt="medium": format_datetime(value, fmt)
    app.jinja_env.globals["LANGUAGE_NAMES"] = LANGUAGE_NAMES
    app.jinja_env.globals["current_language"] = current_language
    app.jinja_env.globals["url_with_language"] = url_with_language


def url_with_language(language: str) -> str:
    """The current page's URL with ?lang= set, keeping its other query parameters."""
    args = request.args.to_dict(flat=False)
    args.pop("lang", None)
    args["lang"] = [language]
    return f"{request.path}?{urlencode(args, doseq=True)}"
