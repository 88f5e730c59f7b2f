"""Languages: locale selection, localized fields, and Babel-backed formatting helpers."""

from datetime import date, datetime, time
from functools import cache, cached_property
from urllib.parse import urlencode

from babel import negotiate_locale, support
from babel.dates import get_datetime_format
from flask import Request, g, has_request_context, request, session, url_for
from flask_babel import format_date, format_datetime, format_decimal, format_time, get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.routing import BuildError
from wtforms.i18n import messages_path

from intranet.clock import local_today

LANGUAGES = ("kk", "ru", "en")
DEFAULT_LANGUAGE = "kk"
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
DATE_WIDTHS = ("short", "medium", "long", "full")
# One way to write a date per language and style, as each language writes it (CLDR's kk and en
# patterns read "01.12.26", "2026 ж. 01 жел.", "12/1/26"): four-digit years everywhere, Kazakh
# «2026 жылғы 1 желтоқсан», Russian «1 декабря 2026 г.», and day-month-year English, not US.
# Templates and code name a style; none writes a pattern of its own (tests/test_dates_numbers.py).
YEAR = "\u00a0"  # a no-break space keeps «2026 г.» and «2026 ж.» on one line
DATE_STYLES = {
    "kk": {
        "short": "dd.MM.yyyy",
        "medium": f"yyyy{YEAR}'ж.' d MMMM",
        "long": "yyyy 'жылғы' d MMMM",
        "full": "yyyy 'жылғы' d MMMM, EEEE",
        "month": "yyyy 'жылғы' MMMM",
        "month_short": "LLL",
        "month_alone": "LLLL",
        "weekday": "EEEE",
        "weekday_short": "EEEEEE",
        "day_weekday": "d MMMM, EEE",
        "day_in_grid": "d EEEEEE",  # a row of a month's grid: «1 Сс»
    },
    "ru": {
        "short": "dd.MM.yyyy",
        "medium": f"d MMM yyyy{YEAR}'г.'",
        "long": f"d MMMM yyyy{YEAR}'г.'",
        "full": f"d MMMM yyyy{YEAR}'г.', EEEE",
        "month": f"LLLL yyyy{YEAR}'г.'",
        "month_short": "LLL",
        "month_alone": "LLLL",
        "weekday": "EEEE",
        "weekday_short": "EEEEEE",
        "day_weekday": "d MMMM, EEE",
        "day_in_grid": "d EEEEEE",
    },
    "en": {
        "short": "dd/MM/yyyy",
        "medium": "d MMM yyyy",
        "long": "d MMMM yyyy",
        "full": "EEEE, d MMMM yyyy",
        "month": "LLLL yyyy",
        "month_short": "LLL",
        "month_alone": "LLLL",
        "weekday": "EEEE",
        "weekday_short": "EEEEEE",
        "day_weekday": "EEE, d MMMM",
        "day_in_grid": "EEEEEE d",
    },
}
# A day as people say it: «Сейсенбі, 1 желтоқсан», «Вторник, 1 декабря», "Tuesday, 1 December";
# with the year when it is another year's.
LONG_DAY = {"kk": "EEEE, d MMMM", "ru": "EEEE, d MMMM", "en": "EEEE, d MMMM"}
LONG_DAY_WITH_YEAR = {
    "kk": "yyyy 'жылғы' d MMMM, EEEE",
    "ru": f"EEEE, d MMMM yyyy{YEAR}'г.'",
    "en": "EEEE, d MMMM yyyy",
}
# When a text is missing in the reader's language, try the others in this order.
# Flask-Login shows this when a staff page needs a sign-in.
LOGIN_REQUIRED_MESSAGE = _l("Please sign in to open this page.")
FALLBACK_ORDER = {"kk": ("kk", "ru", "en"), "ru": ("ru", "kk", "en"), "en": ("en", "kk", "ru")}


def negotiate_accept_language(header_values: list[str]) -> str | None:
    """Pick our language from Accept-Language; Babel maps kk-KZ to kk (Werkzeug would not)."""
    return negotiate_locale(header_values, LANGUAGES, sep="-")


def language_in_url() -> str | None:
    """The language this URL names (?lang=), which public links carry; None when it names none."""
    lang = request.args.get("lang")
    return lang if lang in LANGUAGES else None


def remembered_language() -> str:
    """The user's saved language, else the session's choice, else Accept-Language, else kk."""
    if current_user and current_user.is_authenticated and current_user.language in LANGUAGES:
        return current_user.language
    chosen = session.get("lang")
    if chosen in LANGUAGES:
        return chosen
    preferred = [value for value, _quality in request.accept_languages]
    return negotiate_accept_language(preferred) or DEFAULT_LANGUAGE


def reader_language() -> str:
    """The language of this request's page: the URL's, else the remembered one (no side effect)."""
    return language_in_url() or remembered_language()


def select_locale() -> str:
    """Babel's choice for this request: reader_language(), noted for the caching headers."""
    if not has_request_context():
        return DEFAULT_LANGUAGE  # CLI and background jobs choose their language explicitly
    g.language_negotiated = True  # this response depends on the reader's language: see Vary
    return reader_language()


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


def format_day(value: date, style: str = "medium") -> str:
    """A date in one of DATE_STYLES of the page's language (a datetime in Qyzylorda time)."""
    return str(format_date(value, DATE_STYLES[current_language()][style]))


def format_clock(value: datetime | time) -> str:
    """A time of day as all three languages write it here: 24-hour HH:mm, never seconds."""
    if isinstance(value, datetime):
        return str(format_time(value, "HH:mm"))
    return f"{value.hour:02d}:{value.minute:02d}"


def format_moment(value: datetime, fmt: str = "medium") -> str:
    """A date and time for people: the date in this style, then HH:mm, never seconds."""
    if fmt == "time":
        return format_clock(value)
    # Babel's medium/long/full datetimes carry seconds (and a zone): keep the locale's way of
    # joining date and time, with a 24-hour HH:mm time.
    width = fmt if fmt in DATE_WIDTHS else "medium"
    pattern = str(get_datetime_format(width, locale=get_locale()))  # type: ignore[arg-type]
    return (
        pattern.replace("'", "")
        .replace("{0}", format_clock(value))
        .replace("{1}", format_day(value, fmt))
    )


def month_name(value: date) -> str:
    """The month and its year in a sentence: «2026 жылғы желтоқсан», «декабрь 2026 г.»."""
    return format_day(value, "month")


def month_heading(value: date) -> str:
    """month_name() as a heading: capitalized where the language capitalizes it."""
    text = month_name(value)
    return text[:1].upper() + text[1:]


def long_day(value: date, *, this_year: int | None = None) -> str:
    """The weekday and the day in words, capitalized; with the year when it is another year."""
    if this_year is not None and value.year != this_year:
        text = format_date(value, LONG_DAY_WITH_YEAR[current_language()])
    else:
        text = format_date(value, LONG_DAY[current_language()])
    return text[:1].upper() + text[1:]


def iso_day(value: datetime) -> str:
    """The local date of a moment as YYYY-MM-DD, for links and forms (not for reading)."""
    return str(format_datetime(value, "yyyy-MM-dd"))


def iso_month(value: date) -> str:
    """A month as YYYY-MM, for links (not for reading)."""
    return f"{value.year:04d}-{value.month:02d}"


def format_integer(value: float) -> str:
    """A whole number with the locale's grouping, never «.0»."""
    return str(format_decimal(round(value), format="#,##0"))


def init_app(app) -> None:
    """Register template helpers for dates and localized fields."""
    app.jinja_env.filters["localized"] = localized
    app.jinja_env.filters["date"] = format_day
    app.jinja_env.filters["datetime"] = format_moment
    app.jinja_env.filters["clock"] = format_clock
    app.jinja_env.filters["month_name"] = month_name
    app.jinja_env.filters["month_heading"] = month_heading
    app.jinja_env.filters["integer"] = format_integer
    app.jinja_env.filters["iso_day"] = iso_day
    app.jinja_env.filters["iso_month"] = iso_month
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
        # lang=None: the switcher sets ?lang= itself, after the page's other parameters.
        return url_for(request.endpoint, **(request.view_args or {}), lang=None)
    except BuildError:
        return None


def url_with_language(language: str) -> str:
    """The current page with ?lang= set, keeping its other query parameters; else the home page."""
    # Never the raw request.path: on a 404 for /%5Cevil.example it is "/\\evil.example", which
    # browsers open as http://evil.example/. The route rebuilds a quoted same-site path.
    path = _route_path()
    if path is None:
        return url_for("public.home", lang=language)
    args = request.args.to_dict(flat=False)
    args.pop("lang", None)
    args["lang"] = [language]
    return f"{path}?{urlencode(args, doseq=True)}"


@cache
def wtforms_messages(locale: str) -> support.NullTranslations:
    """WTForms' own messages (a wrong choice, a CSRF refusal) in this language, read once."""
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


class AppRequest(Request):
    """Flask's request, with WTForms' messages in the reader's language from the worker's cache.

    Flask-WTF looks for this attribute on the request and, when it is not there, reads the
    catalog from disk again for every request that builds a form.
    """

    @cached_property
    def wtforms_translations(self) -> support.NullTranslations:
        return wtforms_messages(str(get_locale()))
