"""Languages: locale selection, localized fields, and Babel-backed formatting helpers."""

from datetime import date, datetime
from urllib.parse import urlencode

from babel import negotiate_locale
from babel.dates import get_datetime_format
from flask import g, has_request_context, request, session, url_for
from flask_babel import format_date, format_datetime, format_time, get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.routing import BuildError

from intranet.clock import local_today

LANGUAGES = ("kk", "ru", "en")
DEFAULT_LANGUAGE = "kk"
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
DATE_WIDTHS = ("short", "medium", "long", "full")
# A day as people say it: «Сейсенбі, 1 желтоқсан», «Вторник, 1 декабря», "Tuesday, December 1".
LONG_DAY = {"kk": "EEEE, d MMMM", "ru": "EEEE, d MMMM", "en": "EEEE, MMMM d"}
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


def format_moment(value: datetime, fmt: str = "medium") -> str:
    """A date and time for people: the date at this Babel width, then HH:mm, never seconds."""
    if fmt not in DATE_WIDTHS:
        return format_datetime(value, fmt)  # an explicit pattern, such as "HH:mm"
    # Babel's medium/long/full datetimes carry seconds (and a zone): keep the locale's way of
    # joining date and time, with a 24-hour HH:mm time.
    pattern = str(get_datetime_format(fmt, locale=get_locale()))  # type: ignore[arg-type]
    return (
        pattern.replace("'", "")
        .replace("{0}", format_time(value, "HH:mm"))
        .replace("{1}", format_date(value, fmt))
    )


def long_day(value: date, *, this_year: int | None = None) -> str:
    """The weekday and the day in words, capitalized; with the year when it is another year."""
    if this_year is not None and value.year != this_year:
        text = format_date(value, "full")
    else:
        text = format_date(value, LONG_DAY[current_language()])
    return text[:1].upper() + text[1:]


def init_app(app) -> None:
    """Register template helpers for dates and localized fields."""
    app.jinja_env.filters["localized"] = localized
    app.jinja_env.filters["date"] = lambda value, fmt="medium": format_date(value, fmt)
    app.jinja_env.filters["datetime"] = format_moment
    app.jinja_env.filters["long_day"] = lambda value: long_day(value, this_year=local_today().year)
    app.jinja_env.globals["LANGUAGE_NAMES"] = LANGUAGE_NAMES
    app.jinja_env.globals["current_language"] = current_language
    app.jinja_env.globals["url_with_language"] = url_with_language


def _route_path() -> str | None:
    """This request's path rebuilt from its matched GET route, or None when there is none."""
    rule = request.url_rule
    if rule is None or not request.endpoint or "GET" not in (rule.methods or ()):
        return None  # 404/405 pages have no route; a POST-only route cannot be opened by a link
    try:
        return url_for(request.endpoint, **(request.view_args or {}))
    except BuildError:
        return None


def url_with_language(language: str) -> str:
    """The current page with ?lang= set, keeping its other query parameters; else the home page."""
    # Never the raw request.path: on a 404 for /%5Cevil.example it is "/\\evil.example", which
    # browsers open as http://evil.example/. The route rebuilds a quoted same-site path.
    path = _route_path()
    if path is None:
        return f"{url_for('public.home')}?{urlencode({'lang': language})}"
    args = request.args.to_dict(flat=False)
    args.pop("lang", None)
    args["lang"] = [language]
    return f"{path}?{urlencode(args, doseq=True)}"
