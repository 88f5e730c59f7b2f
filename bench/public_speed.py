"""Public pages and the booking POST beside bare Flask, on SQLite and on PostgreSQL + Redis.

    .venv/bin/python bench/public_speed.py [--seconds 3] [--rounds 3] [--only sqlite|postgres]
    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench \
    BENCH_REDIS_URL=redis://127.0.0.1:6379/14 .venv/bin/python bench/public_speed.py

Each database is emptied and seeded with 20,000 events (1,000 of them in one month, see
bench/speed_seed.py, which bench/events_bench.py shares); PostgreSQL + Redis runs only when
BENCH_DATABASE_URL is set (both databases are emptied). The app and a bare Flask app run side
by side under the same gunicorn settings (2 sync workers); the bare app serves, from memory,
the very bytes the app answered (or "Hello, world!" where the target is hello-world); a third
app, the POST floor (floor_app), shows the most any booking POST could reach here. The
booking POSTs of each round book into emptied days, spread over the centres by their seats and
within each day's hours; after the rounds every seat of one centre's days is booked and POSTs
to it are measured again, each one refused ("booking POST, days full"). wrk
measures each pair back to back (app first in one round, bare first in the next), for several
rounds; the median of the rounds'
ratios is printed beside its target, with the load average seen while measuring. Absolute
numbers drift on a shared machine; ratios measured side by side hold better.
"""

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.speed_seed import (  # noqa: E402
    MONTH,
    SLUG,
    analyze_as_in_service,
    app_env,
    empty_bookings,
    fill_days,
    seed,
)
from tests.liveserver import Browser, free_port  # noqa: E402

WORKERS = 2
HELLO = b"Hello, world!"
# name: (path on the app, what the bare app serves, target ratio)
CASES = {
    "month page (1,000 events)": (f"/events?view=month&month={MONTH}", "same", 0.8),
    "event page": ("/events/{event}", "same", 0.8),
    "library page": ("/libraries/{library}", "same", 0.8),
    "coworking centres": ("/coworking", "same", 0.8),
    "availability JSON": (f"/api/v1/coworking/{SLUG}/availability?date={{day}}", "hello", 0.5),
    "/healthz": ("/healthz", "hello", 0.5),
}
POST_TARGET = 0.1
# Not the app: the same checks and twelve statements (a booking of 1 December) with nothing
# else (floor_app); and the same checks with one read and one insert (floor_app(folded=True)).
FLOOR = "POST floor (12 statements)"
FOLDED = "POST floor (2 statements)"
# The same POSTs once every seat of every day asked is booked: each one is refused, and the
# refusal shows the form again with the nearest other times, days and centres.
REFUSED = "booking POST, days full"
POST_LUA = """
-- Each wrk thread has its own Lua state, and an unseeded math.random gives every thread, and
-- every run, the same "random" people: all but the first request of each would be a person
-- booking twice, refused. Seed each thread apart, and each run apart (run_seed).
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end
function init(args)
  math.randomseed(run_seed * 64 + thread_number)
end
request = function()
  local id = math.random(0, 9999999)
  local target = targets[by_seats[math.random(1, #by_seats)]]
  local slot = target.slots[math.random(1, #target.slots)]
  local hour = string.format("%02d:00", math.random(slot[2], slot[3]))
  local body = "csrf_token=" .. token .. "&day=" .. slot[1] .. "&start=" .. hour ..
    "&duration=60&seat=&full_name=Bench+Visitor&phone=%2B7705" .. string.format("%07d", id) ..
    "&email=b" .. id .. "%40example.kz&institution=Bench&consent=y"
  return wrk.format("POST", target.path, {["Content-Type"] = "application/x-www-form-urlencoded",
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


FLOOR_TABLE = "bench_floor"


def floor_app(folded: bool = False):
    """What a booking POST's bare necessities cost here, with a given number of statements.

    A Flask app with what the booking POST cannot do without (a session cookie, the CSRF
    check of a form with the booking's fields, a rate limit in the same storage) that sends
    twelve statements (five reads, a savepoint with three inserts and a read, one more
    insert: what a booking sent on 1 December) on the same database and commits, with none of
    the rules, the ORM, the email or the page versions. `folded`: one read and one four-row
    insert instead, the least a booking could send if every rule were one statement and every
    write another. (A booking now sends 6 statements on SQLite and 2 on PostgreSQL.)
    """
    import itertools

    from flask import Flask, abort, redirect, render_template_string, request
    from flask_wtf import FlaskForm
    from flask_wtf.csrf import CSRFProtect
    from limits import parse
    from limits.storage import storage_from_string
    from limits.strategies import FixedWindowRateLimiter
    from sqlalchemy import create_engine, text
    from wtforms import BooleanField, StringField

    import intranet  # noqa: F401 - the app's SQLite settings (WAL, busy timeout) on connect

    url = os.environ["DATABASE_URL"]
    # No ping per request: the app pings only a connection left idle (intranet.connections).
    engine = create_engine(url)
    read = text(f"SELECT count(*) FROM {FLOOR_TABLE} WHERE person = :person")
    write = text(f"INSERT INTO {FLOOR_TABLE} (person, n) VALUES (:person, :n)")
    write_all = text(
        f"INSERT INTO {FLOOR_TABLE} (person, n) "
        "VALUES (:person, 0), (:person, 1), (:person, 2), (:person, 3)"
    )
    app = Flask("floor")
    app.secret_key = os.environ["SECRET_KEY"]
    CSRFProtect(app)
    limiter = FixedWindowRateLimiter(storage_from_string(os.environ["RATELIMIT_STORAGE_URI"]))
    limit = parse(os.environ["COWORKING_BOOK_LIMIT"])

    class BookingLikeForm(FlaskForm):
        day = StringField()
        start = StringField()
        duration = StringField()
        seat = StringField()
        full_name = StringField()
        phone = StringField()
        email = StringField()
        institution = StringField()
        consent = BooleanField()

    numbers = itertools.count()

    @app.route("/", methods=["GET", "POST"])
    def book():
        if request.method == "POST" and not limiter.hit(limit, "floor", request.remote_addr):
            abort(429)
        form = BookingLikeForm()
        if not form.validate_on_submit():
            page = render_template_string("<form>{{ form.csrf_token }}</form>", form=form)
            return page, 400 if form.is_submitted() else 200
        person = f"{os.getpid()}:{next(numbers)}:{form.phone.data}"
        with engine.begin() as connection:
            if folded:
                connection.execute(read, {"person": person}).all()
                connection.execute(write_all, {"person": person})
                return redirect("/done")
            for _ in range(5):
                connection.execute(read, {"person": person}).all()
            with connection.begin_nested():
                for n in range(3):
                    connection.execute(write, {"person": person, "n": n})
                connection.execute(read, {"person": person}).all()
            connection.execute(write, {"person": person, "n": 3})
        return redirect("/done")

    return app


def make_floor_table(database_url: str) -> None:
    """The floor app's one table, empty, with the index its reads use."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text(f"DROP TABLE IF EXISTS {FLOOR_TABLE}"))
        connection.execute(
            text(f"CREATE TABLE {FLOOR_TABLE} (person VARCHAR(80) NOT NULL, n INTEGER NOT NULL)")
        )
        connection.execute(text(f"CREATE INDEX {FLOOR_TABLE}_person ON {FLOOR_TABLE} (person)"))
    engine.dispose()


class Server:
    """gunicorn with WORKERS sync workers on a free port, started from the project folder."""

    def __init__(self, app: str, env: dict, probe: str = "/"):
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
                urllib.request.urlopen(self.base + ("/healthz" if app == "wsgi:app" else probe))
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{app} did not start") from None
                time.sleep(0.2)

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a loaded machine: workers finishing their requests
            os.killpg(self.process.pid, signal.SIGKILL)
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


def post_script(
    base: str, workdir: Path, targets: list[dict], run: int, path: str | None = None
) -> Path:
    """A wrk script sending booking forms for random centres, days, hours and people, one session.

    `targets`: the centres (bench.speed_seed.booking_targets), each chosen as often as it has
    seats, each day within its hours. `path`: one address for every POST instead of each
    centre's own (the floor apps). `run` seeds the people: each run of the script books for
    people of its own. The script is named after the server's port, so the app's and the
    floor's scripts are kept apart.
    """
    browser = Browser(base)
    token = browser.csrf_token(path or f"/coworking/{targets[0]['slug']}/book")
    jar = browser.opener.handlers
    cookies = next(h.cookiejar for h in jar if hasattr(h, "cookiejar"))
    cookie = "; ".join(f"{c.name}={c.value}" for c in cookies)
    listed = []
    for target in targets:
        slots = ", ".join(f'{{"{day}", {first}, {last}}}' for day, first, last in target["slots"])
        address = path or f"/coworking/{target['slug']}/book"
        listed.append(f'{{path = "{address}", slots = {{{slots}}}}}')
    by_seats = [n + 1 for n, target in enumerate(targets) for _ in range(target["seats"])]
    script = workdir / f"post{run}-{base.rsplit(':', 1)[1]}.lua"
    script.write_text(
        f'token = "{token}"\ncookie = "{cookie}"\n'
        f"targets = {{{', '.join(listed)}}}\n"
        f"by_seats = {{{', '.join(map(str, by_seats))}}}\n"
        f"run_seed = {run}\n" + POST_LUA
    )
    return script


def one_centre(facts: dict) -> list[dict]:
    """SLUG alone, on the days facts["days"] names (the floor apps, the full days)."""
    target = next(t for t in facts["centres"] if t["slug"] == SLUG)
    days = set(facts["days"])
    return [{**target, "slots": [slot for slot in target["slots"] if slot[0] in days]}]


def pair(first: str, app_side, bare_side) -> tuple[float, float, int]:
    """Measure the app and the bare app back to back, in the given order."""
    if first == "app":
        (ours, bad), (theirs, _) = app_side(), bare_side()
    else:
        (theirs, _), (ours, bad) = bare_side(), app_side()
    return ours, theirs, bad


def run(label: str, database_url: str, redis_url: str | None, options) -> dict[str, tuple]:
    """Seed, serve, measure; name -> (app req/s, bare req/s, ratio, load, bad answers)."""
    workdir = Path(tempfile.mkdtemp(prefix="public-speed-"))
    env = {**os.environ, **app_env(workdir, database_url, redis_url)}
    began = time.perf_counter()
    facts = seed(database_url, env)
    analyze_as_in_service(database_url, env, facts["days"])
    print(f"{label}: seeded 20,000 events in {time.perf_counter() - began:.0f} s", flush=True)
    app = Server("wsgi:app", env)
    make_floor_table(database_url)
    names = [*CASES, "booking POST", FLOOR, FOLDED, REFUSED]
    rounds: dict[str, list[tuple[float, float, int]]] = {name: [] for name in names}
    loads: list[float] = []
    try:
        manifest = {}
        paths = {}
        for n, (name, (path, bare, _target)) in enumerate(CASES.items()):
            path = path.format(event=facts["event"], library=facts["library"], day=facts["days"][0])
            paths[name] = path
            body, mimetype = fetch(app.base + path)
            if bare == "same":
                (workdir / f"body{n}").write_bytes(body)
                manifest[str(n)] = {"file": str(workdir / f"body{n}"), "mimetype": mimetype}
        (workdir / "bodies.json").write_text(json.dumps(manifest))
        bare = Server(
            "bench.public_speed:bare_app()", {**env, "BENCH_BODIES": str(workdir / "bodies.json")}
        )
        floor = Server("bench.public_speed:floor_app()", env)
        folded = Server("bench.public_speed:floor_app(folded=True)", env)
        try:
            for number in range(options.rounds):
                # App first in even rounds, bare first in odd ones: a load that rises or falls
                # during a pair favours neither side over the rounds.
                first = "app" if number % 2 == 0 else "bare"
                for n, (name, (_path, kind, _target)) in enumerate(CASES.items()):
                    bare_url = f"{bare.base}/same/{n}" if kind == "same" else bare.base + "/"
                    ours, theirs, bad = pair(
                        first,
                        lambda name=name: wrk(app.base + paths[name], options.seconds),
                        lambda url=bare_url: wrk(url, options.seconds),
                    )
                    rounds[name].append((ours, theirs, bad))
                    loads.append(os.getloadavg()[0])
                book = f"{app.base}/coworking/{SLUG}/book"
                script = post_script(app.base, workdir, facts["centres"], number + 1)
                # Each round books into empty days: a few seconds of POSTs fill a centre's
                # seats, and without this every round after the first measured refusals.
                empty_bookings(database_url, env)
                ours, theirs, bad = pair(
                    first,
                    lambda book=book, script=script: wrk(book, options.seconds, str(script)),
                    lambda: wrk(bare.base + "/", options.seconds),
                )
                rounds["booking POST"].append((ours, theirs, bad))
                # Each round's own figures: the booking line moves most from round to round.
                print(
                    f"{label}: booking POST, round {number + 1}: {ours:.0f} / {theirs:.0f} "
                    f"= {ours / theirs:.3f}x ({bad} refused)",
                    flush=True,
                )
                loads.append(os.getloadavg()[0])
                for name, server in ((FLOOR, floor), (FOLDED, folded)):
                    script = post_script(
                        server.base, workdir, one_centre(facts), number + 1, path="/"
                    )
                    ours, theirs, bad = pair(
                        first,
                        lambda url=server.base + "/", script=script: wrk(
                            url, options.seconds, str(script)
                        ),
                        lambda: wrk(bare.base + "/", options.seconds),
                    )
                    rounds[name].append((ours, theirs, bad))
                    loads.append(os.getloadavg()[0])
            booked = fill_days(database_url, env, facts["days"])
            print(f"{label}: booked every seat of the {len(facts['days'])} days ({booked})")
            for number in range(options.rounds):
                first = "app" if number % 2 == 0 else "bare"
                script = post_script(app.base, workdir, one_centre(facts), 100 + number)
                book = f"{app.base}/coworking/{SLUG}/book"
                ours, theirs, bad = pair(
                    first,
                    lambda book=book, script=script: wrk(book, options.seconds, str(script)),
                    lambda: wrk(bare.base + "/", options.seconds),
                )
                rounds[REFUSED].append((ours, theirs, bad))
                loads.append(os.getloadavg()[0])
        finally:
            folded.stop()
            floor.stop()
            bare.stop()
    finally:
        app.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    load = statistics.median(loads)
    return {
        name: (
            statistics.median(ours for ours, _, _ in measured),
            statistics.median(theirs for _, theirs, _ in measured),
            statistics.median(ours / theirs for ours, theirs, _ in measured),
            load,
            sum(bad for _, _, bad in measured),
        )
        for name, measured in rounds.items()
    }


def target_of(name: str) -> tuple[float, str]:
    kind, target = (CASES[name][1], CASES[name][2]) if name in CASES else ("hello", POST_TARGET)
    return target, "same bytes" if kind == "same" else "hello-world"


def print_table(results: dict[str, dict[str, tuple]]) -> None:
    """One line per case; for each database: app and bare req/s, ratio, ok or BELOW."""
    labels = list(results)
    header = f"{'':26} {'target':>12}"
    for label in labels:
        header += f" | {label + ': app / bare req/s, ratio':>42}"
    print(header)
    for name in results[labels[0]]:
        target, against = target_of(name)
        line = f"{name:26} {target:>5.2f}x {against[:6]:>6}"
        for label in labels:
            ours, theirs, ratio, _load, bad = results[label][name]
            mark = "ok" if ratio >= target else "BELOW"
            note = f" ({bad} bad)" if bad else ""
            line += f" | {ours:8.0f} / {theirs:6.0f}  {ratio:6.3f}x {mark:5}{note:>8}"
        print(line)
    loads = ", ".join(
        f"{label} {next(iter(rows.values()))[3]:.1f}" for label, rows in results.items()
    )
    print(f"load average (1 min, median while measuring; 2 cores): {loads}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", choices=("sqlite", "postgres"))
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install -y wrk")
    print(
        f"gunicorn {WORKERS} sync workers each; wrk -t2 -c8 -d{options.seconds}s, "
        f"{options.rounds} rounds, app and bare back to back (alternating order); "
        "ratio = median over rounds of app / bare"
    )
    results = {}
    if options.only != "postgres":
        sqlite_dir = Path(tempfile.mkdtemp(prefix="public-speed-db-"))
        try:
            url = f"sqlite:///{sqlite_dir / 'bench.sqlite3'}"
            results["SQLite"] = run("SQLite", url, None, options)
        finally:
            shutil.rmtree(sqlite_dir, ignore_errors=True)
    database = os.environ.get("BENCH_DATABASE_URL")
    if options.only != "sqlite" and database:
        redis = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
        results["PostgreSQL + Redis"] = run("PostgreSQL + Redis", database, redis, options)
    elif options.only != "sqlite":
        print("PostgreSQL + Redis not run: set BENCH_DATABASE_URL (and BENCH_REDIS_URL)")
    print()
    print_table(results)


if __name__ == "__main__":
    main()
