"""The production stack of deploy/check on 127.0.0.1: processes, nginx's config, an HTTP client.

Everything it starts runs in its own process group and is stopped by that group's id.
"""

import contextlib
import http.client
import os
import re
import signal
import ssl
import subprocess
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
NGINX_HTTP, NGINX_HTTPS = 18080, 18443
NODES = {"A": 18001, "B": 18002}
BARE_FLASK = 18003


class Processes:
    """Started children by name; each one a process group, stopped by its id."""

    def __init__(self, logs: Path) -> None:
        self.logs = logs
        self.running: dict[str, subprocess.Popen] = {}

    def start(self, name: str, command: list[str], env: dict[str, str]) -> subprocess.Popen:
        log = open(self.logs / f"{name}.log", "ab")  # noqa: SIM115 - kept open by the child
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        self.running[name] = process
        return process

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        """Send sig to the whole group (gunicorn's master and its workers alike)."""
        process = self.running.pop(name)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def stop_all(self) -> None:
        for name in list(self.running):
            self.kill(name, signal.SIGTERM)


def gunicorn(port: int, workers: int = 2, app: str = "wsgi:app") -> list[str]:
    return [
        str(VENV / "gunicorn"), "--config", str(ROOT / "gunicorn.conf.py"),
        "--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--access-logfile", "-", app,
    ]  # fmt: skip


def wait_for(url: str, seconds: float = 30.0, context: ssl.SSLContext | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if fetch("GET", url, context=context).status < 500:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer in {seconds} s")


def render_nginx(site: str, work: Path) -> str:
    """deploy/nginx/intranet.conf with this run's ports, paths and the two nodes."""
    nodes = "\n".join(
        f"    server 127.0.0.1:{port} max_fails=2 fail_timeout=10s;" for port in NODES.values()
    )
    site = re.sub(r"    # nodes begin.*?# nodes end\n", nodes + "\n", site, flags=re.S)
    replacements = {
        "    listen [::]:80;\n": "",
        "    listen [::]:443 ssl http2;\n": "",
        "listen 80;": f"listen 127.0.0.1:{NGINX_HTTP};",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{NGINX_HTTPS} ssl http2;",
        "/var/cache/nginx/intranet": str(work / "nginx" / "cache"),
        "/etc/ssl/intranet/": str(work / "tls") + "/",
        "/etc/nginx/ffdhe2048.pem": str(ROOT / "deploy" / "nginx" / "ffdhe2048.pem"),
        "/srv/intranet/www": str(work / "www"),
        "/var/www/letsencrypt": str(work / "www"),
    }
    for old, new in replacements.items():
        if old not in site:
            raise RuntimeError(f"deploy/nginx/intranet.conf no longer holds {old!r}")
        site = site.replace(old, new)
    return site


def nginx_main(work: Path) -> str:
    """The main nginx.conf of this run: in the foreground, every file under work."""
    temp = " ".join(
        f"{kind}_temp_path {work / 'temp' / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""
daemon off;
worker_processes 2;
pid {work / "nginx.pid"};
error_log {work / "error.log"} warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    log_format check '$remote_addr "$request" $status $upstream_cache_status $upstream_addr';
    access_log {work / "access.log"} check;
    {temp}
    include {work / "site.conf"};
}}
"""


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def fetch(
    method: str,
    url: str,
    *,
    form: dict | None = None,
    headers: dict | None = None,
    source: str | None = None,
    context: ssl.SSLContext | None = None,
    timeout: float = 30.0,
) -> Answer:
    """One request, no redirect followed; source: the local address to send from."""
    parts = urllib.parse.urlsplit(url)
    source_address = (source, 0) if source else None
    connection: http.client.HTTPConnection
    if parts.scheme == "https":
        connection = http.client.HTTPSConnection(
            parts.hostname, parts.port, timeout=timeout, context=context,
            source_address=source_address,
        )  # fmt: skip
    else:
        connection = http.client.HTTPConnection(
            parts.hostname, parts.port, timeout=timeout, source_address=source_address
        )
    body = urllib.parse.urlencode(form).encode() if form is not None else None
    sent = dict(headers or {})
    if body is not None:
        sent["Content-Type"] = "application/x-www-form-urlencoded"
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read())
    finally:
        connection.close()


@dataclass
class Visitor:
    """One browser: its cookies, its address, its base URL (nginx or a node)."""

    base: str
    source: str | None = None
    context: ssl.SSLContext | None = None
    headers: dict = field(default_factory=dict)
    cookies: dict = field(default_factory=dict)
    set_cookies: list = field(default_factory=list)
    # Where the browser thinks it is: its Referer on a POST, as Flask-WTF checks over HTTPS.
    origin: str = ""

    def request(self, method: str, path: str, form: dict | None = None, **kw) -> Answer:
        headers = {**self.headers, **kw.pop("headers", {})}
        if method == "POST":
            headers.setdefault("Referer", (self.origin or self.base) + path)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        answer = fetch(
            method, self.base + path, form=form, headers=headers, source=self.source,
            context=self.context, **kw,
        )  # fmt: skip
        for line in answer.headers.get_all("Set-Cookie") or []:
            self.set_cookies.append(line)
            name, _, rest = line.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return answer

    def csrf(self, path: str) -> str:
        page = self.request("GET", path)
        match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text)
        if not match:
            raise RuntimeError(f"no CSRF token on {path} ({page.status})")
        return match.group(1)
