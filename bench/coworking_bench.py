"""Coworking benchmark on PostgreSQL behind gunicorn (4 sync workers), beside bare Flask.

    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test_coworking \
        .venv/bin/python bench/coworking_bench.py

The database is emptied and re-seeded. Prints:
1. the race: 200 simultaneous submissions for the last 10 free seats of one slot
   (must leave exactly 10 bookings, no 5xx);
2. booking POSTs/s and availability GETs/s (wrk) beside a bare Flask hello-world served the
   same way, as ratios; 3. the availability median latency (target <= 15 ms).
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time as clock
from collections import Counter
from datetime import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from intranet import create_app  # noqa: E402
from intranet.cli import seed_reference_data  # noqa: E402
from intranet.coworking import services  # noqa: E402
from intranet.coworking.models import Booking  # noqa: E402
from intranet.extensions import db  # noqa: E402
from tests.coworking.conftest import SLUG, get_centre, open_days  # noqa: E402
from tests.coworking.live import Browser, free_port, gunicorn  # noqa: E402

DATABASE = os.environ.get(
    "BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test_coworking"
)
WORKERS = 4
RACERS = 200
FREE = 10
HELLO = """
from flask import Flask, request
app = Flask(__name__)

@app.route("/", methods=["GET", "POST"])
def hello():
    return "Hello, world!"
"""
POST_LUA = """
local n = 0
request = function()
  n = n + 1
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


def prepare() -> tuple[str, int]:
    """Empty the database, seed it, and fill all but FREE seats of one slot."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": DATABASE, "MAIL_SERVER": ""})
    with app.app_context():
        db.drop_all()
        db.create_all()
        seed_reference_data()
        db.session.commit()
        centre = get_centre()
        day = open_days(1)[0]
        taken = len(centre.active_seats) - FREE
        for n in range(taken):
            services.create_booking(
                centre,
                day=day,
                at=time(10),
                minutes=60,
                seat_id=None,
                full_name="Bench Visitor",
                phone=f"+7706{n:07d}",
                email=f"pre{n}@example.kz",
                institution="Bench",
                purpose="",
                language="kk",
                consent=True,
            )
        db.session.commit()
        return day.isoformat(), taken


def count_bookings() -> int:
    app = create_app({"SQLALCHEMY_DATABASE_URI": DATABASE, "MAIL_SERVER": ""})
    with app.app_context():
        return db.session.scalar(select(func.count(Booking.id)))


def race(base: str, day: str) -> tuple[Counter, float]:
    path = f"/coworking/{SLUG}/book"
    browsers = [Browser(base) for _ in range(RACERS)]
    forms = []
    for n, browser in enumerate(browsers):
        forms.append(
            {
                "csrf_token": browser.csrf(path),
                "day": day,
                "start": "10:00",
                "duration": "60",
                "seat": "",
                "full_name": "Race Visitor",
                "phone": f"+7707{n:07d}",
                "email": f"race{n}@example.kz",
                "institution": "Bench",
                "consent": "y",
            }
        )
    barrier = threading.Barrier(RACERS + 1)
    statuses = [0] * RACERS

    def submit(i):
        barrier.wait()
        statuses[i] = browsers[i].request(path, forms[i])[0]

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(RACERS)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = clock.perf_counter()
    for thread in threads:
        thread.join()
    return Counter(statuses), RACERS / (clock.perf_counter() - started)


def wrk(url: str, *, connections: int, seconds: int = 8, script: str | None = None) -> dict:
    threads = min(2, connections)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script:
        command += ["-s", script]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    median = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[median.group(2)]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "median_ms": float(median.group(1)) * scale,
        "non_2xx_3xx": int(non2xx.group(1)) if non2xx else 0,
    }


def serve_hello(workdir: Path):
    (workdir / "hello_app.py").write_text(HELLO)
    port = free_port()
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "hello_app:app",
        ],
        cwd=workdir,
    )
    url = f"http://127.0.0.1:{port}/"
    for _ in range(100):
        try:
            subprocess.run(["curl", "-sf", url], check=True, capture_output=True)
            break
        except subprocess.CalledProcessError:
            clock.sleep(0.1)
    return process, url


def main() -> None:
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install -y wrk")
    day, taken = prepare()
    workdir = Path(tempfile.mkdtemp(prefix="coworking-bench-"))
    print(f"PostgreSQL, gunicorn {WORKERS} sync workers; {taken} of the seats taken, {FREE} free")
    with gunicorn(DATABASE, workdir / "instance", workers=WORKERS) as base:
        statuses, race_rps = race(base, day)
        booked = count_bookings() - taken
        fives = sum(n for code, n in statuses.items() if code >= 500)
        print(f"race: {RACERS} simultaneous submissions -> {dict(statuses)}")
        print(f"      new bookings: {booked} (expected {FREE}); 5xx: {fives}")
        print(f"      {race_rps:.0f} submissions/s during the race")
        ok = booked == FREE and fives == 0 and statuses.get(302) == FREE

        availability = f"{base}/api/v1/coworking/{SLUG}/availability?date={day}"
        latency = wrk(availability, connections=1, seconds=5)
        avail = wrk(availability, connections=8)
        browser = Browser(base)
        token = browser.csrf(f"/coworking/{SLUG}/book")
        cookie = "; ".join(f"{c.name}={c.value}" for c in browser.jar)
        days = ", ".join(f'"{d.isoformat()}"' for d in _days())
        script = workdir / "post.lua"
        script.write_text(
            f'token = "{token}"\ncookie = "{cookie}"\npath = "/coworking/{SLUG}/book"\n'
            f"days = {{{days}}}\n" + POST_LUA
        )
        posts = wrk(f"{base}/coworking/{SLUG}/book", connections=8, script=str(script))
    hello_process, hello_url = serve_hello(workdir)
    try:
        hello = wrk(hello_url, connections=8)
        hello_latency = wrk(hello_url, connections=1, seconds=5)
    finally:
        hello_process.terminate()
        hello_process.wait()
    shutil.rmtree(workdir, ignore_errors=True)

    hello_median = hello_latency["median_ms"]
    print(f"hello-world GET:     {hello['rps']:8.0f} req/s  median {hello_median:.2f} ms")
    print(
        f"availability GET:    {avail['rps']:8.0f} req/s  ratio {avail['rps'] / hello['rps']:.3f}"
        f"  median (1 connection) {latency['median_ms']:.2f} ms (target <= 15 ms)"
    )
    print(
        f"booking POST:        {posts['rps']:8.0f} req/s  ratio {posts['rps'] / hello['rps']:.3f}"
        f"  (non-2xx/3xx: {posts['non_2xx_3xx']}: 409 taken / 400 per-person limits)"
    )
    verdict = ok and latency["median_ms"] <= 15
    print("RESULT:", "OK" if verdict else "FAILED")
    sys.exit(0 if verdict else 1)


def _days():
    app = create_app({"SQLALCHEMY_DATABASE_URI": DATABASE, "MAIL_SERVER": ""})
    with app.app_context():
        return open_days(10)


if __name__ == "__main__":
    main()
