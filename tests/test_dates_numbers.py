"""Dates and numbers: one set of helpers (intranet/i18n.py), one style per language."""

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from flask import render_template_string
from flask_babel import force_locale

from intranet.i18n import DATE_STYLES, DATE_WIDTHS, format_integer, month_heading

ROOT = Path(__file__).resolve().parent.parent
DAY = date(2026, 12, 1)
MOMENT = datetime(2026, 12, 1, 12, 5, tzinfo=UTC)  # 17:05 in Qyzylorda


@pytest.mark.parametrize(
    ("lang", "style", "expected"),
    [
        ("kk", "short", "01.12.2026"),
        ("ru", "short", "01.12.2026"),
        ("en", "short", "01/12/2026"),
        ("kk", "long", "2026 жылғы 1 желтоқсан"),
        ("ru", "long", "1 декабря 2026\u00a0г."),
        ("en", "long", "1 December 2026"),
        ("kk", "full", "2026 жылғы 1 желтоқсан, сейсенбі"),
        ("ru", "full", "1 декабря 2026\u00a0г., вторник"),
        ("en", "full", "Tuesday, 1 December 2026"),
        ("kk", "month", "2026 жылғы желтоқсан"),
        ("ru", "month", "декабрь 2026\u00a0г."),
    ],
)
def test_each_language_writes_a_date_its_own_way(app, lang, style, expected):
    with app.test_request_context("/"), force_locale(lang):
        assert render_template_string("{{ d|date(s) }}", d=DAY, s=style) == expected


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize("width", DATE_WIDTHS)
def test_moments_have_four_digit_years_and_24_hour_times(app, lang, width):
    with app.test_request_context("/"), force_locale(lang):
        text = render_template_string("{{ m|datetime(w) }}", m=MOMENT, w=width)
    assert "17:05" in text, text
    assert "2026" in text, text
    assert not re.search(r"AM|PM|\d:\d\d:\d\d|\b\d\d\.\d\d\.\d\d\b(?!\d)", text), text


def test_headings_and_weekdays(app):
    with app.test_request_context("/"), force_locale("ru"):
        assert month_heading(DAY) == "Декабрь 2026\u00a0г."
        heads = render_template_string("{{ d|date('weekday_short')|capitalize }}", d=DAY)
        assert heads == "Вт"
    with app.test_request_context("/"), force_locale("kk"):
        assert render_template_string("{{ d|date('weekday_short')|capitalize }}", d=DAY) == "Сс"


@pytest.mark.parametrize(("lang", "expected"), [("kk", "1 234"), ("ru", "1 234"), ("en", "1,234")])
def test_whole_numbers_never_show_a_point_zero(app, lang, expected):
    with app.test_request_context("/"), force_locale(lang):
        assert format_integer(1234.0).replace("\u00a0", " ") == expected


DATE_FILTER = re.compile(r"\|\s*(date|datetime)\s*\(\s*['\"]([^'\"]*)['\"]")


def test_no_template_formats_a_date_or_number_by_hand():
    """Templates name a style of intranet/i18n.py; none writes a Babel pattern or strftime."""
    styles = set(DATE_STYLES["kk"])
    found = []
    for path in sorted((ROOT / "templates").rglob("*.*")):
        text = path.read_text(encoding="utf-8")
        for kind, arg in DATE_FILTER.findall(text):
            allowed = styles if kind == "date" else set(DATE_WIDTHS) | {"time"}
            if arg not in allowed:
                found.append(f"{path.name}: |{kind}('{arg}')")
        found += [f"{path.name}: {m}" for m in re.findall(r"strftime\([^)]*\)|'%\.\d+f'", text)]
    assert not found, found


def test_only_intranet_i18n_calls_babel_to_format_dates():
    """Python formats dates for people through intranet/i18n.py (the calendar caches HH:mm)."""
    allowed = {"i18n.py", "calendar.py"}
    callers = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "intranet").rglob("*.py")
        if path.name not in allowed
        and re.search(r"\bformat_(date|datetime|time)\(", path.read_text(encoding="utf-8"))
    ]
    assert not callers, callers


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_style_exists_in_every_language(lang):
    assert set(DATE_STYLES[lang]) == set(DATE_STYLES["kk"])
