"""Static files: hashed names, long cache headers, compression when the client accepts it."""

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path

import brotli
import pytest

from intranet.static_files import IMMUTABLE, StaticManifest

STATIC = Path(__file__).resolve().parent.parent / "static"
HASHED = re.compile(r"/static/vendor/bootstrap/bootstrap\.min\.[0-9a-f]{12}\.css")


def _hashed_css(client) -> str:
    page = client.get("/").get_data(as_text=True)
    match = HASHED.search(page)
    assert match, "the page does not link Bootstrap's CSS by a hashed name"
    return match.group(0)


def test_pages_link_static_files_by_content_hash(client):
    page = client.get("/login").get_data(as_text=True)
    for name in (
        "vendor/bootstrap/bootstrap.min",
        "css/app",
        "vendor/bootstrap/bootstrap.bundle.min",
    ):
        assert re.search(rf"/static/{re.escape(name)}\.[0-9a-f]{{12}}\.(css|js)\"", page), name
    assert 'href="/static/css/app.css"' not in page


def test_hashed_url_is_cached_for_a_year(client):
    response = client.get(_hashed_css(client))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == IMMUTABLE
    assert response.data == (STATIC / "vendor/bootstrap/bootstrap.min.css").read_bytes()


def test_hashed_url_stays_cacheable_for_signed_in_staff(client, login_as):
    login_as("admin")
    assert client.get("/staff/").headers["Cache-Control"] == "no-store"  # personal page
    response = client.get(_hashed_css(client))
    assert response.headers["Cache-Control"] == IMMUTABLE


def test_plain_name_still_works_and_is_revalidated(client):
    with client.get("/static/css/app.css") as response:
        assert response.status_code == 200
        assert "immutable" not in response.headers.get("Cache-Control", "")


def test_outdated_hash_serves_the_current_file_without_long_caching(client):
    with client.get("/static/css/app.000000000000.css") as response:
        assert response.status_code == 200
        assert response.data == (STATIC / "css/app.css").read_bytes()
        assert "immutable" not in response.headers.get("Cache-Control", "")


@pytest.mark.parametrize(
    "url", ["/static/nope.css", "/static/nope.0123456789ab.css", "/static/../wsgi.py"]
)
def test_missing_static_file_is_404(client, url):
    assert client.get(url).status_code == 404


def test_revalidation_answers_304(client):
    url = _hashed_css(client)
    first = client.get(url, headers={"Accept-Encoding": "br"})
    again = client.get(
        url, headers={"Accept-Encoding": "br", "If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304


@pytest.mark.parametrize(
    ("accept", "encoding", "decode"),
    [("gzip", "gzip", gzip.decompress), ("br", "br", brotli.decompress), ("gzip, br", "br", None)],
)
def test_compressed_when_accepted(client, accept, encoding, decode):
    url = _hashed_css(client)
    raw = (STATIC / "vendor/bootstrap/bootstrap.min.css").read_bytes()
    response = client.get(url, headers={"Accept-Encoding": accept})
    assert response.headers["Content-Encoding"] == encoding
    assert "Accept-Encoding" in response.headers["Vary"]
    assert int(response.headers["Content-Length"]) < len(raw) / 4
    if decode:
        assert decode(response.data) == raw
    page = client.get("/", headers={"Accept-Encoding": accept})
    assert page.headers["Content-Encoding"] == encoding


def test_not_compressed_when_not_accepted(client):
    response = client.get(_hashed_css(client), headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in response.headers
    assert response.data == (STATIC / "vendor/bootstrap/bootstrap.min.css").read_bytes()


def test_staff_pages_are_not_compressed(client, login_as):
    # BREACH: they hold the session's CSRF token and echo the search box.
    login_as("admin")
    response = client.get("/staff/admin/users?q=abc", headers={"Accept-Encoding": "gzip, br"})
    assert response.status_code == 200
    assert "Content-Encoding" not in response.headers
    assert (
        client.get(_hashed_css(client), headers={"Accept-Encoding": "br"}).headers[
            "Content-Encoding"
        ]
        == "br"
    )


def test_manifest_renames_a_file_when_its_content_changes(tmp_path):
    (tmp_path / "css").mkdir()
    sheet = tmp_path / "css" / "site.css"
    sheet.write_text("body { color: #111; }")
    manifest = StaticManifest(str(tmp_path))
    first = manifest.hashed_name("css/site.css")
    assert re.fullmatch(r"css/site\.[0-9a-f]{12}\.css", first)
    assert manifest.resolve(first) == ("css/site.css", True)
    sheet.write_text("body { color: #222; }  /* edited */")
    second = manifest.hashed_name("css/site.css")
    assert second != first
    assert manifest.resolve(first) == ("css/site.css", False)  # an old page's link
    assert manifest.hashed_name("css/missing.css") == "css/missing.css"
    assert manifest.hashed_name("../outside.css") == "../outside.css"


class _Icons(HTMLParser):
    def __init__(self):
        super().__init__()
        self.icons: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "icon":
            self.icons[attrs.get("type") or attrs["href"].rsplit(".", 1)[-1]] = attrs["href"]


@pytest.mark.parametrize("signed_in", [False, True])
def test_favicon_ico_is_served_and_cached(client, login_as, signed_in):
    if signed_in:
        login_as("admin")  # staff pages are no-store; the icon still may be kept
    with client.get("/favicon.ico") as response:
        assert response.status_code == 200
        assert response.mimetype in ("image/vnd.microsoft.icon", "image/x-icon")
        assert response.data[:4] == b"\x00\x00\x01\x00"  # an ICO file's header
        assert response.data == (STATIC / "img/favicon.ico").read_bytes()
        assert response.headers["Cache-Control"] == "public, max-age=604800"
        assert "Set-Cookie" not in response.headers
        etag = response.headers["ETag"]
    with client.get("/favicon.ico", headers={"If-None-Match": etag}) as again:
        assert again.status_code == 304


@pytest.mark.parametrize("path", ["/", "/login", "/no-such-page"])
def test_every_page_links_its_icons_by_hashed_names(client, path):
    parser = _Icons()
    parser.feed(client.get(path).get_data(as_text=True))
    assert set(parser.icons) == {"image/svg+xml", "ico"}
    for href in parser.icons.values():
        response = client.get(href)
        assert response.status_code == 200, href
        assert response.headers["Cache-Control"] == IMMUTABLE
    svg = client.get(parser.icons["image/svg+xml"])
    assert svg.mimetype == "image/svg+xml"
    assert svg.data.startswith(b"<svg")
