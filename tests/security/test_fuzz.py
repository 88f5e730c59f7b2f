"""Hypothesis sends hostile values to every route's query parameters and form fields: no 5xx."""

import re
from urllib.parse import parse_qsl

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.figures import FIGURES
from tests.security.matrix import EXTRA_FIELDS, MATRIX
from tests.security.test_authorization_matrix import build_url

NASTY = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x00b",
        "\r\nX-Injected: 1",
        "0001-01-01",
        "9999-12-31",
        "2026-02-30",
        "2026-13-01",
        "25:00",
        "-1",
        "0",
        "1e309",
        "NaN",
        "99999999999999999999",
        "abc",
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "' OR 1=1 --",
        "x" * 20_000,
        "😀" * 200,
        "../../etc/passwd",
        "%00",
        "\u202e",
        "kk",
        "ru",
        "en",
    ]
)
VALUES = st.one_of(NASTY, st.text(max_size=60), st.integers().map(str))
QUERY_NAMES = [
    "lang",
    "page",
    "q",
    "role",
    "action",
    "actor",
    "outcome",
    "date",
    "month",
    "week",
    "start",
    "end",
    "library",
    "type",
    "campaign",
    "view",
    "next",
    "year",
]
FIELD_RE = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"')
FUZZ = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def actor_for(expected: dict) -> str:
    """The most trusted actor the route lets in, so the fuzz reaches the real handler."""
    for actor in ("admin", "central", "anonymous"):
        if expected[actor] == "ok":
            return actor
    return next(actor for actor, outcome in expected.items() if outcome == "ok")


def form_fields(client, url: str) -> list[str]:
    page = client.get(url).get_data(as_text=True)
    names = set(FIELD_RE.findall(page)) - {"csrf_token"}
    return sorted(names) or sorted(EXTRA_FIELDS)


def check(response) -> None:
    response.close()
    FIGURES["fuzz requests sent"] += 1
    if response.status_code >= 500:
        FIGURES["5xx seen"] += 1
    assert response.status_code < 500


GETS = sorted(key for key in MATRIX if key[1] == "GET" and key[0] != "static")
POSTS = sorted(key for key in MATRIX if key[1] == "POST" and key[0] != "auth_public.logout")


@pytest.mark.parametrize(("endpoint", "method"), GETS)
def test_fuzz_query_parameters(app, world, endpoint, method):
    builder, expected = MATRIX[(endpoint, method)]
    client = world.client(actor_for(expected))
    # Links to public pages carry ?lang=; the fuzzed parameters go beside (or over) it.
    path, _, built_query = build_url(app, world, endpoint, builder).partition("?")
    built = dict(parse_qsl(built_query))

    @FUZZ
    @given(st.dictionaries(st.sampled_from(QUERY_NAMES), VALUES, max_size=5))
    def fuzz(params):
        check(client.get(path, query_string={**built, **params}))

    fuzz()


@pytest.mark.parametrize(("endpoint", "method"), POSTS)
def test_fuzz_form_fields(app, world, endpoint, method):
    builder, expected = MATRIX[(endpoint, method)]
    client = world.client(actor_for(expected))
    url = build_url(app, world, endpoint, builder)
    names = form_fields(client, url) if (endpoint, "GET") in MATRIX else sorted(EXTRA_FIELDS)
    token = world.csrf(client)

    @FUZZ
    @given(st.fixed_dictionaries({}, optional={name: VALUES for name in names}))
    def fuzz(data):
        check(client.post(url, data={**data, "csrf_token": token}))

    fuzz()
