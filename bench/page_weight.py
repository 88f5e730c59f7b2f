"""Page weight of every public page: HTML + the CSS, JS and icon it loads, as sent, compressed.

    .venv/bin/python bench/page_weight.py              # serves the app with gunicorn itself
    .venv/bin/python bench/page_weight.py --url http://127.0.0.1:5000   # a running server

Each page is fetched as a first visit would (empty cache), once as a current browser asks
(`Accept-Encoding: gzip, deflate, br, zstd`) and once as an older one (`gzip` only); the sizes
are the bytes on the wire, headers included. Budget: 150 KB per public page.
"""

import argparse
import contextlib
import gzip
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import brotli  # Flask-Compress depends on it

try:  # zstd: built into Python from 3.14; before, the backport Flask-Compress depends on
    from compression import zstd
except ImportError:
    from backports import zstd

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 150 * 1024
# Hand-written scripts, uncompressed bytes each may weigh: small on purpose (pages work without).
SCRIPT_BUDGETS = {
    "static/js/select-all.js": 1024,
    # A new date fetches that day's choices in place (1 December): 3,464 bytes; a tap on Send
    # says the request is on its way and cannot be sent twice (1 December, later): 4,163.
    "static/js/booking-form.js": 4352,
    "static/js/board-refresh.js": 2048,
}
FIRST_EVENT = "/events/<first in the list>"
# A day that is always ahead, so that "find a seat" searches a real future day.
NEXT_WEEK = (datetime.now(UTC) + timedelta(days=7)).date().isoformat()
PUBLIC_PAGES = {
    "home": "/",
    "sign-in": "/login",
    "not found (404)": "/no-such-page",
    "events (month)": "/events?view=month",
    "events (list)": "/events?view=list",
    "an event": FIRST_EVENT,
    "coworking": "/coworking",
    "a centre": "/coworking/cowork-central",
    "booking form": "/coworking/cowork-central/book",
    "find a seat": f"/coworking/find?date={NEXT_WEEK}&start=15:00&duration=120",
    "libraries": "/libraries",
    "a library": "/libraries/no-8",
    "a club": "/clubs/bookworms",
}
MODERN = "gzip, deflate, br, zstd"  # what Chromium sends
OLDER = "gzip"


class _Assets(HTMLParser):
    """The stylesheets, scripts, images and the icon a page makes the browser load."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.icon: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = dict(attrs)
        rel = (attrs.get("rel") or "").split()
        if tag == "link" and "stylesheet" in rel:
            self.urls.append(attrs["href"])
        elif tag == "link" and "icon" in rel:
            # A browser loads one icon: the SVG where the page offers one, else the first.
            if self.icon is None or attrs.get("type") == "image/svg+xml":
                self.icon = attrs["href"]
        elif tag in ("script", "img") and attrs.get("src"):
            self.urls.append(attrs["src"])


@dataclass
class Transfer:
    url: str
    status: int
    wire: int  # bytes transferred: status line, headers and the (compressed) body
    raw: int  # the body once decompressed
    encoding: str
    headers: dict = field(repr=False, default_factory=dict)


@dataclass
class PageWeight:
    name: str
    path: str
    transfers: list[Transfer]

    @property
    def total(self) -> int:
        return sum(t.wire for t in self.transfers)

    @property
    def raw(self) -> int:
        return sum(t.raw for t in self.transfers)

    def part(self, suffix: str) -> int:
        return sum(t.wire for t in self.transfers[1:] if t.url.split("?")[0].endswith(suffix))


def _decompress(body: bytes, encoding: str) -> bytes:
    """The body as the browser sees it once decoded."""
    if encoding == "gzip":
        return gzip.decompress(body)
    if encoding == "br":
        return brotli.decompress(body)
    if encoding == "zstd":
        return zstd.decompress(body)
    if encoding == "deflate":
        return zlib.decompress(body)
    return body


def fetch(url: str, accept_encoding: str) -> tuple[Transfer, bytes]:
    """One GET as a browser with an empty cache; the body stays as it came over the wire."""
    request = urllib.request.Request(
        url, headers={"Accept-Encoding": accept_encoding, "Accept-Language": "kk-KZ,ru;q=0.8"}
    )
    try:
        response = urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as error:
        response = error  # a 404 page is a page too
    with response:
        body = response.read()
        headers = dict(response.headers.items())
        status = response.status
    encoding = headers.get("Content-Encoding", "")
    header_bytes = len(f"HTTP/1.1 {status} XX\r\n") + sum(
        len(k) + len(v) + 4 for k, v in headers.items()
    )
    transfer = Transfer(
        url=url,
        status=status,
        wire=header_bytes + 2 + len(body),
        raw=len(_decompress(body, encoding)),
        encoding=encoding or "none",
        headers=headers,
    )
    return transfer, body


def resolve(base_url: str, path: str) -> str:
    """The path itself, or for FIRST_EVENT the first event linked from the public list."""
    if path != FIRST_EVENT:
        return path
    page, body = fetch(base_url + "/events?view=list", MODERN)
    html = _decompress(body, page.encoding).decode()
    match = re.search(r'href="(/events/\d+)[?"]', html)
    if match is None:
        raise RuntimeError("no event on /events?view=list: was the database seeded with --demo?")
    return match.group(1)


def measure_page(base_url: str, name: str, path: str, accept_encoding: str = MODERN) -> PageWeight:
    """The page and every stylesheet, script, image and the icon it loads."""
    path = resolve(base_url, path)
    page, body = fetch(base_url + path, accept_encoding)
    html = _decompress(body, page.encoding).decode()
    parser = _Assets()
    parser.feed(html)
    transfers = [page]
    icon = [parser.icon] if parser.icon else []
    for url in dict.fromkeys(parser.urls + icon):  # each asset once, as a browser would
        transfers.append(fetch(urljoin(base_url + path, url), accept_encoding)[0])
    return PageWeight(name=name, path=path, transfers=transfers)


def measure_all(base_url: str, accept_encoding: str = MODERN) -> list[PageWeight]:
    return [measure_page(base_url, n, p, accept_encoding) for n, p in PUBLIC_PAGES.items()]


def _kb(n: int) -> str:
    return f"{n / 1024:6.1f}"


def print_table(modern: list[PageWeight], older: list[PageWeight]) -> bool:
    """Print the table; True when every page is within the budget."""
    print(f"Public page weight, first visit, bytes on the wire (budget {BUDGET // 1024} KB)")
    print(
        f"{'page':<18}{'HTML':>7}{'CSS':>7}{'JS':>7}{'total':>8}"
        f"{'(gzip only)':>13}{'uncompressed':>14}  encoding  within budget"
    )
    ok = True
    for new, old in zip(modern, older, strict=True):
        within = max(new.total, old.total) <= BUDGET
        ok = ok and within
        print(
            f"{new.name:<18}{_kb(new.transfers[0].wire):>7}{_kb(new.part('.css')):>7}"
            f"{_kb(new.part('.js')):>7}{_kb(new.total):>8}{_kb(old.total):>13}"
            f"{_kb(new.raw):>14}  {new.transfers[0].encoding:<8}  {'yes' if within else 'NO'}"
        )
    print("KB = 1024 bytes. A repeat visit loads only the HTML: CSS and JS have hashed names")
    print("and `Cache-Control: immutable`, so the browser keeps them for a year.")
    return ok


@contextlib.contextmanager
def serve():
    """The app under gunicorn (2 sync workers) on a free port, on a fresh seeded SQLite file."""
    import gunicorn

    with tempfile.TemporaryDirectory(prefix="page-weight-") as folder:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TEST_", "FLASK_"))}
        env.update(
            INTRANET_ENV="development",
            INSTANCE_PATH=folder,
            DATABASE_URL=f"sqlite:///{folder}/weight.sqlite3",
            SECRET_KEY=secrets.token_hex(32),
        )
        flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
        for args in (["db", "upgrade"], ["seed", "--demo"]):
            subprocess.run([*flask, *args], cwd=ROOT, env=env, check=True, capture_output=True)
        command = [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", "127.0.0.1:0"]
        if gunicorn.version_info >= (27,):
            command.append("--no-control-socket")
        log = Path(folder, "gunicorn.log")
        with log.open("w") as out:
            proc = subprocess.Popen(
                [*command, "wsgi:app"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        try:
            deadline = time.monotonic() + 30
            while not (match := re.search(r"Listening at: (http://\S+)", log.read_text())):
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not start:\n{log.read_text()}")
                time.sleep(0.1)
            url = match.group(1)
            while True:
                try:
                    urllib.request.urlopen(url + "/healthz", timeout=2).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.1)
            yield url
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="measure this running server instead of starting one")
    args = parser.parse_args()
    with contextlib.nullcontext(args.url.rstrip("/")) if args.url else serve() as url:
        ok = print_table(measure_all(url, MODERN), measure_all(url, OLDER))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
