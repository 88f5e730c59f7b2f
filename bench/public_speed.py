"""Public pages and the booking POST beside bare Flask, on SQLite and on PostgreSQL + Redis.

    .venv/bin/python bench/public_speed.py [--seconds 3] [--rounds 2] [--only sqlite|postgres]
    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/feat_e \
    BENCH_REDIS_URL=redis://127.0.0.1:6379/14 .venv/bin/python bench/public_speed.py

Each database is emptied and seeded with 20,000 events (1,000 of them in one month, see
bench/speed_seed.py). The app and a bare Flask app run side by side under the same gunicorn
settings (2 sync workers); the bare app serves, from memory, the very bytes the app answered
(or "Hello, world!" where the target is hello-world). wrk measures each pair interleaved,
app then bare, for several rounds; the ratio of the summed requests/s is printed beside its
target. Absolute numbers drift on a shared machine; ratios measured side by side hold.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.speed_seed import MONTH, SLUG, seed  # noqa: E402
from tests.liveserver import Browser, free_port  # noqa: E402

WORKERS = 2
HELLO = b"Hello, world!"
# name: (path on the app, what the bare app serves, target ratio)
CASES = {
    "month page (1,000 events)": (f"/events?view=month&month={MONTH}", "same", 0.8),
    "event page": ("/events/{event}", "same", 0.8),
    "coworking centres": ("/coworking", "same", 0.8),
    "availability JSON": (f"/api/v1/coworking/{SLUG}/availability?date={{day}}", "hello", 0.5),
    "/healthz": ("/healthz", "hello", 0.5),
}
POST_TARGET = 0.1
POST_LUA = """
request = function()
  local id = math.random(0, 9999999)
  local day = days[math.random(1, #days)]
  local hour = string.format("%02d:00", math.random(9, 16))
  local body = "csrf_token=" .. token .. "&day=" .. day .. "&start=" .. hour ..
    "&duration=60&seat=&full_name=Bench+Visitor&phone=%2B7705" .. string.format("%07d", id) ..
    "&email=b" .. id .. "%40example.kz&institution=Bench&consent=y"
  return wrk.format("POST", path, {["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie}, body)
end
"""


def bare_app():
    """A Flask app serving, from memory, the bodies listed in BENCH_BODIES, and hello-world."""
    from flask import Flask, Response

    manifest = json.loads(Path(os.environ["BENCH_BODIES"]).read_text())
    bodies = {
        key: (Path(item["file"]).read_bytes(), item["mimetype"]) for key, item in manifest.items()
    }
    app = Flask("bare")

    @app.route("/", methods=["GET", "POST"])
    def hello():
        return "Hello, world!"

    @app.get("/same/<int:n>")
    def same(n: int):
        body, mimetype = bodies[str(n)]
        return Response(body, mimetype=mimetype)

    return app


class Server:
    """gunicorn with WORKERS sync workers on a free port, started from the project folder."""

    def __init__(self, app: str, env: dict):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "gunicorn", "--workers", str(WORKERS)]
        command += ["--bind", f"127.0.0.1:{self.port}", "--log-level", "warning", app]
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, start_new_session=True
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(self.base + ("/healthz" if app == "wsgi:app" else "/"))
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{app} did not start") from None
                time.sleep(0.2)

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=10)


def wrk(url: str, seconds: int, script: str | None = None) -> tuple[float, int]:
    """Requests/s with 8 connections, and how many answers were neither 2xx nor 3xx."""
    command = ["wrk", "-t2", "-c8", f"-d{seconds}s"]
    if script:
        command += ["-s", script]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, int(bad.group(1)) if bad else 0


def fetch(url: str) -> tuple[bytes, str]:
    with urllib.request.urlopen(url) as response:
        return response.read(), response.headers.get_content_type()


def post_script(base: str, workdir: Path, days: list[str]) -> Path:
    """A wrk script sending booking forms for random days and hours, one browser's session."""
    browser = Browser(base)
    path = f"/coworking/{SLUG}/book"
    token = browser.csrf_token(path)
    jar = browser.opener.handlers
    cookies = next(h.cookiejar for h in jar if hasattr(h, "cookiejar"))
    cookie = "; ".join(f"{c.name}={c.value}" for c in cookies)
    listed = ", ".join(f'"{d}"' for d in days)
    script = workdir / "post.lua"
    script.write_text(
        f'token = "{token}"\ncookie = "{cookie}"\npath = "{path}"\ndays = {{{listed}}}\n' + POST_LUA
    )
    return script


def run(label: str, database_url: str, redis_url: str | None, options) -> list[tuple]:
    workdir = Path(tempfile.mkdtemp(prefix="public-speed-"))
    env = {
        **os.environ,
        "INSTANCE_PATH": str(workdir / "instance"),
        "DATABASE_URL": database_url,
        "SECRET_KEY": "bench-key-" + "x" * 32,
        "TRUSTED_HOSTS": "",
        "MAIL_SERVER": "",
        "COWORKING_BOOK_LIMIT": "1000000 per minute",
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
    }
    if redis_url:
        env["CACHE_URL"] = redis_url
    began = time.perf_counter()
    facts = seed(database_url, env)
    print(f"\n== {label}: seeded 20,000 events in {time.perf_counter() - began:.0f} s")
    app = Server("wsgi:app", env)
    rows = []
    try:
        manifest = {}
        paths = {}
        for n, (name, (path, bare, _target)) in enumerate(CASES.items()):
            path = path.format(event=facts["event"], day=facts["days"][0])
            paths[name] = path
            body, mimetype = fetch(app.base + path)
            if bare == "same":
                (workdir / f"body{n}").write_bytes(body)
                manifest[str(n)] = {"file": str(workdir / f"body{n}"), "mimetype": mimetype}
        (workdir / "bodies.json").write_text(json.dumps(manifest))
        bare = Server(
            "bench.public_speed:bare_app()", {**env, "BENCH_BODIES": str(workdir / "bodies.json")}
        )
        try:
            script = post_script(app.base, workdir, facts["days"])
            totals = {name: [0.0, 0.0, 0] for name in [*CASES, "booking POST"]}
            for _round in range(options.rounds):
                for n, (name, (_path, kind, _target)) in enumerate(CASES.items()):
                    ours, bad = wrk(app.base + paths[name], options.seconds)
                    theirs, _ = wrk(
                        f"{bare.base}/same/{n}" if kind == "same" else bare.base + "/",
                        options.seconds,
                    )
                    totals[name][0] += ours
                    totals[name][1] += theirs
                    totals[name][2] += bad
                ours, bad = wrk(app.base + f"/coworking/{SLUG}/book", options.seconds, str(script))
                theirs, _ = wrk(bare.base + "/", options.seconds)
                totals["booking POST"][0] += ours
                totals["booking POST"][1] += theirs
                totals["booking POST"][2] += bad
        finally:
            bare.stop()
    finally:
        app.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"{'':28} {'app req/s':>10} {'bare req/s':>11} {'ratio':>7} {'target':>7}  against")
    for name, (ours, theirs, bad) in totals.items():
        kind, target = (CASES[name][1], CASES[name][2]) if name in CASES else ("hello", POST_TARGET)
        ratio = ours / theirs
        against = "same bytes" if kind == "same" else "hello-world"
        mark = "ok" if ratio >= target else "BELOW"
        note = f"  ({bad} non-2xx/3xx)" if bad else ""
        print(
            f"{name:28} {ours / options.rounds:10.0f} {theirs / options.rounds:11.0f} "
            f"{ratio:7.3f} {target:7.2f}  {against} {mark}{note}"
        )
        rows.append((label, name, ratio, target))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--only", choices=("sqlite", "postgres"))
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install -y wrk")
    print(
        f"gunicorn {WORKERS} sync workers each; wrk -t2 -c8 -d{options.seconds}s, "
        f"{options.rounds} interleaved rounds; ratio = app / bare Flask"
    )
    if options.only != "postgres":
        sqlite_dir = Path(tempfile.mkdtemp(prefix="public-speed-db-"))
        try:
            run("SQLite", f"sqlite:///{sqlite_dir / 'bench.sqlite3'}", None, options)
        finally:
            shutil.rmtree(sqlite_dir, ignore_errors=True)
    if options.only != "sqlite":
        database = os.environ.get(
            "BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/feat_e"
        )
        redis = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
        run("PostgreSQL + Redis", database, redis, options)


if __name__ == "__main__":
    main()
