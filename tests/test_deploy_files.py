"""deploy/: the environment file documents every setting; the units call real commands.

deploy/check (run by .ci/run) starts the whole set-up; these are the quick checks of its files.
"""

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"


def _settings_read_by_the_app() -> set[str]:
    source = (ROOT / "intranet" / "config.py").read_text()
    names = set(re.findall(r'(?:environ\.get|_int)\(\s*"([A-Z_]+)"', source))
    return names - {"PORT"}  # development only: `make run`'s port


def _env_file() -> dict[str, str]:
    """The template as a shell reads it (so systemd and `set -a; . FILE` agree)."""
    script = f"set -a; . {DEPLOY / 'intranet.env.example'}; set +a; env -0"
    out = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, check=True, env={}
    ).stdout
    return dict(line.split("=", 1) for line in out.split("\0") if "=" in line)


def test_the_environment_template_documents_every_setting():
    env = _env_file()
    missing = _settings_read_by_the_app() - set(env)
    assert not missing, f"not in deploy/intranet.env.example: {sorted(missing)}"
    assert env["INTRANET_ENV"] == "production"
    assert env["PROXY_COUNT"] == "1"  # nginx is the one proxy in front
    assert env["LOGIN_LIMIT_PER_IP"] == "30 per 5 minutes"


@pytest.mark.parametrize("unit", sorted(p.name for p in (DEPLOY / "systemd").glob("*.service")))
def test_each_unit_runs_a_command_of_this_project(runner, unit):
    text = (DEPLOY / "systemd" / unit).read_text().replace("\\\n", "")
    assert "EnvironmentFile=/etc/intranet/intranet.env" in text
    command = re.search(r"^ExecStart=(.*)$", text, re.M).group(1)
    if "/flask --app wsgi " in command:
        args = command.split("/flask --app wsgi ", 1)[1].split()
        assert runner.invoke(args=[*args, "--help"]).exit_code == 0, command
    elif "deploy/backup" in command:
        assert (DEPLOY / "backup").stat().st_mode & 0o111
    else:
        assert "gunicorn --config gunicorn.conf.py" in command
        assert command.endswith("wsgi:app")


def test_every_timer_has_its_service():
    for timer in (DEPLOY / "systemd").glob("*.timer"):
        assert timer.with_suffix(".service").is_file(), timer.name


@pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is not installed")
def test_the_nginx_site_is_valid_as_deploy_check_runs_it(tmp_path):
    import sys

    sys.path.insert(0, str(DEPLOY))
    try:
        from stack import nginx_main, render_nginx
    finally:
        sys.path.remove(str(DEPLOY))
    nginx = tmp_path / "nginx"
    (nginx / "temp").mkdir(parents=True)
    tls = tmp_path / "tls"
    tls.mkdir()
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-keyout", str(tls / "privkey.pem"),
         "-out", str(tls / "fullchain.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    site = render_nginx((DEPLOY / "nginx" / "intranet.conf").read_text(), tmp_path)
    (nginx / "site.conf").write_text(site)
    (nginx / "nginx.conf").write_text(nginx_main(nginx))
    result = subprocess.run(
        ["nginx", "-t", "-p", str(nginx), "-c", str(nginx / "nginx.conf"),
         "-e", str(nginx / "error.log")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "server 127.0.0.1:18001" in site


@dataclass
class Block:
    """One directive of an nginx file: its arguments and, for a block, what it holds."""

    name: str
    args: list[str]
    children: list["Block"] = field(default_factory=list)

    def all(self, name: str) -> list["Block"]:
        return [child for child in self.children if child.name == name]

    def values(self, name: str) -> list[list[str]]:
        return [child.args for child in self.all(name)]


def _nginx_site() -> Block:
    """deploy/nginx/intranet.conf as a tree (comments dropped, quotes removed)."""
    text = (DEPLOY / "nginx" / "intranet.conf").read_text()
    tokens = re.findall(r'"(?:[^"\\]|\\.)*"|[{};]|[^\s{};"#]+|#[^\n]*', text)
    root = Block("", [])
    stack, words = [root], []
    for token in tokens:
        if token.startswith("#"):
            continue
        if token in ("{", ";"):
            block = Block(words[0], words[1:])
            stack[-1].children.append(block)
            if token == "{":
                stack.append(block)
            words = []
        elif token == "}":
            stack.pop()
        else:
            words.append(token.strip('"'))
    return root


def _https_server() -> Block:
    servers = _nginx_site().all("server")
    (server,) = [s for s in servers if ["443", "ssl", "http2"] in s.values("listen")]
    return server


def _locations(block: Block, add_header: list, hide: list) -> list[tuple[Block, list, list]]:
    """Each location with the add_header / proxy_hide_header lines in force there (nginx
    inherits them from the level above only when a level has none of its own)."""
    found = []
    for location in block.all("location"):
        here_add = location.values("add_header") or add_header
        here_hide = location.values("proxy_hide_header") or hide
        found.append((location, here_add, here_hide))
        found += _locations(location, here_add, here_hide)
    return found


def test_hsts_is_sent_once_whoever_answers():
    from intranet.security import HSTS

    server = _https_server()
    assert ["Strict-Transport-Security", HSTS, "always"] in server.values("add_header")
    inherited = (server.values("add_header"), server.values("proxy_hide_header"))
    for location, add_header, hide in _locations(server, *inherited):
        by_nginx = sum(1 for args in add_header if args[0] == "Strict-Transport-Security")
        assert all(args[1] == HSTS for args in add_header if args[0] == "Strict-Transport-Security")
        # The app adds its own on every answer over HTTPS (intranet/security.py).
        by_app = bool(location.all("proxy_pass")) and ["Strict-Transport-Security"] not in hide
        assert by_nginx + by_app == 1, location.args


def test_only_the_booking_form_is_resent_to_another_node_and_it_is_never_kept():
    """A POST that met a dying node is resent only where the app knows a copy (the form's key)."""
    resent = {
        tuple(loc.args)
        for loc, _, _ in _locations(_https_server(), [], [])
        if any("non_idempotent" in args for args in loc.values("proxy_next_upstream"))
    }
    assert resent == {("~", "^/coworking/[^/]+/book$")}
    (booking,) = [loc for loc in _https_server().all("location") if tuple(loc.args) in resent]
    assert booking.values("proxy_pass") == [["http://intranet_app"]]
    assert not booking.all("proxy_cache")  # the page holds a CSRF token and its own key
    pattern = re.compile(booking.args[1])
    assert pattern.search("/coworking/cowork-central/book")
    assert not pattern.search("/coworking/cowork-central")
    assert not pattern.search("/booking/x/cancel")


def test_nginx_keeps_what_the_app_says_for_as_long_as_it_says():
    (app,) = [loc for loc in _https_server().all("location") if loc.args == ["@app"]]
    ignored = {name for args in app.values("proxy_ignore_headers") for name in args}
    # Cache-Control (private, no-store, max-age), X-Accel-Expires (the app's lifetime for nginx),
    # Set-Cookie and Vary all count.
    assert not ignored & {"Cache-Control", "X-Accel-Expires", "Set-Cookie", "Vary", "Expires"}
    assert not app.all("proxy_cache_valid")  # no lifetime of nginx's own
    assert not app.all("proxy_pass_header")  # X-Accel-Expires stays with nginx
    assert app.values("proxy_cache_bypass") == [["$intranet_has_session"]]
    (no_cache,) = app.values("proxy_no_cache")
    assert {"$intranet_has_session", "$intranet_personal", "$upstream_http_set_cookie"} <= set(
        no_cache
    )
    # The first request after the lifetime waits for the app instead of getting the old page.
    assert ["on"] not in app.values("proxy_cache_background_update")
