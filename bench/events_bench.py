"""Speed of the event calendar with 20,000 events over two years in 21 libraries.

Run: .venv/bin/python bench/events_bench.py [--runs 30] [--no-wrk]

Measures, on SQLite, the public month page for a month holding 1,000 events, the staff month
page, the agenda list, and one library's ICS feed (the past year and everything ahead). Each
figure is printed beside a bare Flask route that returns the same bytes from memory, as a ratio
(absolute numbers drift on a shared machine, ratios hold). Two methods: the Flask test client
in-process (always), and gunicorn (1 sync worker) driven by wrk with one connection when wrk is
installed (`apt-get install -y wrk`); the wrk median latency is the server time plus loopback.
Targets from issue 3: month page median <= 40 ms; a library's yearly ICS <= 200 ms.
"""

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.speed_seed import MONTH, STAFF_EMAIL, STAFF_PASSWORD, seed  # noqa: E402

URLS = {
    "public month (1,000 events)": f"/events?view=month&month={MONTH}",
    "agenda list": f"/events?view=list&date={MONTH}-01",
    "library ICS feed (no-6)": "/events.ics?library=no-6",
    "staff month (central)": f"/staff/events/?view=month&month={MONTH}",
}


def build_database(workdir: Path, env: dict) -> None:
    """The shared bench seed (bench/speed_seed.py) with a central staff account."""
    seed(env["DATABASE_URL"], env, staff=True)


def real_app():
    """The application, as gunicorn serves it."""
    from intranet import create_app

    return create_app()


def bare_app():
    """A Flask app whose only route returns the page's bytes from memory."""
    from flask import Flask, Response

    body = Path(os.environ["BENCH_BODY"]).read_bytes()
    mimetype = os.environ.get("BENCH_MIMETYPE", "text/html")
    app = Flask("bare")

    @app.get("/")
    def page():
        return Response(body, mimetype=mimetype)

    return app


def median_ms(client, url: str, runs: int, **kwargs) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        response = client.get(url, **kwargs)
        times.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def login(client) -> None:
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post(
        "/login", data={"email": STAFF_EMAIL, "password": STAFF_PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wrk_median(factory: str, url: str, env: dict, cookie: str | None) -> float:
    """Median latency (ms) of one keep-alive connection against gunicorn with 1 sync worker."""
    port = free_port()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "--workers",
            "1",
            "--bind",
            f"127.0.0.1:{port}",
            "--chdir",
            str(ROOT),
            f"bench.events_bench:{factory}",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        args = [
            "wrk",
            "-t1",
            "-c1",
            "-d5s",
            "--timeout",
            "10s",
            "--latency",
            f"http://127.0.0.1:{port}{url}",
        ]
        if cookie:
            args[1:1] = ["-H", f"Cookie: {cookie}"]
        out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
        value, unit = re.search(r"50%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--no-wrk", action="store_true")
    options = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="events-bench-"))
    env = {
        **os.environ,
        "INSTANCE_PATH": str(workdir),
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "TRUSTED_HOSTS": "",
        "SECRET_KEY": "bench-key-" + "x" * 32,
    }
    os.environ.update(env)
    try:
        began = time.perf_counter()
        build_database(workdir, env)
        print(f"built 20,000 events in {time.perf_counter() - began:.1f} s ({workdir})")
        from intranet import create_app

        app = create_app()
        client = app.test_client()
        staff = app.test_client()
        login(staff)
        bodies = {}
        print(f"\nFlask test client, median of {options.runs} requests (ms):")
        print(f"{'page':32} {'app':>8} {'bare':>8} {'ratio':>7} {'1st (cold)':>9}")
        for name, url in URLS.items():
            who = staff if url.startswith("/staff") else client
            began = time.perf_counter()
            response = who.get(url)
            first = (time.perf_counter() - began) * 1000
            bodies[name] = (response.data, response.mimetype)
            os.environ["BENCH_BODY"] = str(workdir / "body")
            (workdir / "body").write_bytes(response.data)
            os.environ["BENCH_MIMETYPE"] = response.mimetype
            bare = bare_app().test_client()
            ours = median_ms(who, url, options.runs)
            base = median_ms(bare, "/", options.runs)
            print(
                f"{name:32} {ours:8.1f} {base:8.2f} {ours / base:7.1f}x {first:10.1f}"
                f"   ({len(response.data) // 1024} KiB)"
            )
        if options.no_wrk or not shutil.which("wrk"):
            print("\nwrk not run (not installed or --no-wrk).")
            return
        cookie = "; ".join(f"{c.key}={c.value}" for c in staff._cookies.values())
        print("\ngunicorn (1 sync worker) + wrk -t1 -c1 -d5s, median latency (ms):")
        print(f"{'page':32} {'app':>8} {'bare':>8} {'ratio':>7}")
        for name, url in URLS.items():
            body, mimetype = bodies[name]
            (workdir / "body").write_bytes(body)
            bare_env = {**env, "BENCH_BODY": str(workdir / "body"), "BENCH_MIMETYPE": mimetype}
            ours = wrk_median("real_app()", url, env, cookie if url.startswith("/staff") else None)
            base = wrk_median("bare_app()", "/", bare_env, None)
            print(f"{name:32} {ours:8.1f} {base:8.2f} {ours / base:7.1f}x")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
