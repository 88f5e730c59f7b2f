"""Three languages: negotiation, switching, saved preference, formatting, complete catalogs."""

import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from babel.messages.pofile import read_po
from flask import render_template_string
from flask_babel import force_locale, format_datetime

from intranet.i18n import negotiate_accept_language
from tests.conftest import login

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("kk-KZ,ru;q=0.8", "kk"),  # Werkzeug's best_match would wrongly pick ru here
        ("ru-RU,ru;q=0.9,en;q=0.8", "ru"),
        ("en-US,en;q=0.9", "en"),
        ("fr-FR,de;q=0.5", "kk"),
        ("", "kk"),
    ],
)
def test_accept_language_negotiation(client, header, expected):
    body = client.get("/", headers={"Accept-Language": header}).get_data(as_text=True)
    assert f'<html lang="{expected}">' in body


def test_negotiation_helper_maps_region_to_language():
    assert negotiate_accept_language(["kk-KZ", "ru"]) == "kk"
    assert negotiate_accept_language(["de"]) is None


def test_lang_parameter_switches_and_is_remembered(client):
    assert 'lang="ru"' in client.get("/?lang=ru").get_data(as_text=True)
    body = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="ru">' in body
    assert "Коворкинг" in body


def test_unknown_lang_parameter_is_ignored(client):
    assert '<html lang="kk">' in client.get("/?lang=xx").get_data(as_text=True)


def test_saved_language_wins_and_switching_saves_it(client, make_user):
    _, email = make_user("central_staff", language="ru")
    client.get("/?lang=en")
    login(client, email)
    assert '<html lang="ru">' in client.get("/staff/").get_data(as_text=True)
    client.get("/staff/?lang=kk")
    assert '<html lang="kk">' in client.get("/staff/", headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("kk", "Коворкинг орталықтары"), ("ru", "Коворкинг-центры"), ("en", "Coworking centres")],
)
def test_home_page_in_each_language(client, lang, heading):
    body = client.get(f"/?lang={lang}").get_data(as_text=True)
    assert heading in body
    assert f'<html lang="{lang}">' in body


def test_switcher_keeps_other_query_parameters(client):
    body = client.get("/?lang=en&foo=bar").get_data(as_text=True)
    assert "foo=bar&amp;lang=ru" in body


class _Switcher(HTMLParser):
    """The hrefs of the language switcher's links (the ones with hreflang)."""

    def __init__(self):
        super().__init__()
        self.hrefs: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("hreflang"):
            self.hrefs[attrs["hreflang"]] = attrs["href"]


def switcher_links(body: str) -> dict[str, str]:
    parser = _Switcher()
    parser.feed(body)
    assert set(parser.hrefs) == {"kk", "ru", "en"}
    return parser.hrefs


def assert_same_site_path(href: str) -> None:
    """As a browser reads an href (WHATWG URL): backslashes are slashes; tabs, newlines go."""
    seen = href.replace("\\", "/").replace("\t", "").replace("\n", "").replace("\r", "")
    assert seen.startswith("/"), href
    assert not seen.startswith("//"), href
    assert urlsplit(seen).netloc == "", href


@pytest.mark.parametrize(
    "path",
    [
        "/%5Cevil.example",
        "/%5C%5Cevil.example",
        "/%5C/evil.example",
        "/%2F%2Fevil.example",
        "/%09/evil.example",
        "/%0A/evil.example",
        "/coworking/%5Cevil.example",
        "/booking/%5Cevil.example",
        "/staff/%5Cevil.example",
    ],
)
def test_switcher_on_a_hostile_path_links_only_to_this_site(client, path):
    response = client.get(path)
    assert response.status_code == 404
    for href in switcher_links(response.get_data(as_text=True)).values():
        assert_same_site_path(href)


def test_switcher_on_a_page_without_a_route_leads_home(client):
    links = switcher_links(client.get("/%5Cevil.example?x=1").get_data(as_text=True))
    assert links == {"kk": "/?lang=kk", "ru": "/?lang=ru", "en": "/?lang=en"}


def test_switcher_keeps_the_page_its_arguments_and_quotes_them(client):
    links = switcher_links(client.get("/events?view=list&lang=en").get_data(as_text=True))
    assert links["ru"] == "/events?view=list&lang=ru"
    links = switcher_links(client.get("/coworking/%5Cevil.example").get_data(as_text=True))
    assert links["kk"] == "/coworking/%5Cevil.example?lang=kk"  # the 404 of a real route


def test_dates_are_formatted_by_babel_in_qyzylorda_time(app):
    moment = datetime(2026, 3, 21, 20, 30, tzinfo=UTC)  # 01:30 on 22 March in Qyzylorda
    with app.test_request_context("/"), force_locale("ru"):
        text = format_datetime(moment, "d MMMM yyyy, HH:mm")
    assert text == "22 марта 2026, 01:30"
    with app.test_request_context("/"), force_locale("kk"):
        assert format_datetime(moment, "d MMMM, HH:mm") == "22 наурыз, 01:30"


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize("width", [None, "short", "medium", "long", "full"])
def test_datetime_filter_shows_hours_and_minutes_never_seconds(app, lang, width):
    moment = datetime(2026, 12, 1, 12, 0, 0, tzinfo=UTC)  # 17:00 in Qyzylorda
    template = "{{ moment|datetime }}" if width is None else "{{ moment|datetime(width) }}"
    with app.test_request_context("/"), force_locale(lang):
        text = render_template_string(template, moment=moment, width=width)
    assert "17:00" in text
    assert "2026" in text or "26" in text
    assert not re.search(r"\d:\d\d:\d\d", text), text


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_catalog_is_complete(lang):
    """A message left untranslated or fuzzy fails the build."""
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as handle:
        catalog = read_po(handle)
    with open(TRANSLATIONS / "messages.pot", "rb") as handle:
        template = read_po(handle)
    missing, fuzzy = [], []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            missing.append(message.id)
        if message.fuzzy:
            fuzzy.append(message.id)
    absent = [m.id for m in template if m.id and m.id not in catalog]
    assert not missing, f"untranslated in {lang}: {missing[:10]}"
    assert not fuzzy, f"fuzzy in {lang}: {fuzzy[:10]}"
    assert not absent, f"not yet in the {lang} catalog (run make translations): {absent[:10]}"
