"""What one booking POST costs the app: CPU, garbage collection, instructions (valgrind).

    .venv/bin/python bench/booking_cpu.py [--posts 400] [--freeze] [--profile] [--full]
        [--facts FILE] [--sort ncalls] [--dump FILE]
    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench \
    BENCH_REDIS_URL=redis://127.0.0.1:6379/14 .venv/bin/python bench/booking_cpu.py

The app is called as WSGI in this process (no gunicorn, no network), on a database seeded as
bench/public_speed.py seeds it (SQLite in a temporary folder unless BENCH_DATABASE_URL is set).
After 20 POSTs to warm up, --posts random booking forms (day, hour, person) are sent, as wrk
sends them in public_speed.py, and the CPU, clock and collector time per POST are printed.
--freeze freezes the heap first, as gunicorn.conf.py does in each worker; --profile prints
cProfile's top (in --sort's order; --dump keeps the statistics for pstats); --full books every
seat of one centre's days first, and each POST, to it, is refused and shown again. --facts
(BENCH_DATABASE_URL only) seeds once and keeps what the seed made in FILE: later runs with the
same FILE only empty the bookings, which saves the 12 s seed (ten minutes under valgrind). Delete
FILE on a new day (the seed's days start on the day it ran) and after public_speed.py (which
seeds the same database anew).

CPU time on a shared machine drifts by a third from run to run. Instructions do not: seed once,
then run under callgrind twice, with --posts 0 and --posts 100, and divide the difference by
100 (PYTHONHASHSEED=0 keeps the two runs alike):

    run=".venv/bin/python bench/booking_cpu.py --facts /tmp/facts.json"
    $run --posts 0
    valgrind --tool=callgrind $run --posts 0
    valgrind --tool=callgrind $run --posts 100
"""

import argparse
import cProfile
import gc
import io
import json
import os
import pstats
import random
import re
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.speed_seed import (  # noqa: E402
    SLUG,
    analyze_as_in_service,
    app_env,
    empty_bookings,
    fill_days,
    seed,
)

WARM_UP = 20
BOOK = f"/coworking/{SLUG}/book"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=400)
    parser.add_argument("--freeze", action="store_true")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--full", action="store_true", help="every seat booked: refusals")
    parser.add_argument("--facts", help="seed once, keep what it made here; later runs reuse it")
    parser.add_argument("--sort", default="cumulative", help="--profile's order (ncalls, ...)")
    parser.add_argument("--dump", help="--profile's statistics kept in this file (pstats)")
    options = parser.parse_args()
    if options.facts and not os.environ.get("BENCH_DATABASE_URL"):
        parser.error("--facts keeps a seeded database: set BENCH_DATABASE_URL")
    work = Path(tempfile.mkdtemp(prefix="booking-cpu-"))
    database = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{work}/app.db"
    env = app_env(work, database, os.environ.get("BENCH_REDIS_URL"))
    os.environ.update(env)
    kept = Path(options.facts) if options.facts else None
    if kept is not None and kept.exists():
        facts = json.loads(kept.read_text())
        empty_bookings(env["DATABASE_URL"], env)
    else:
        facts = seed(env["DATABASE_URL"], env)
        analyze_as_in_service(env["DATABASE_URL"], env, facts["days"])
        if kept is not None:
            kept.write_text(json.dumps(facts))
    if options.full:
        fill_days(env["DATABASE_URL"], env, facts["days"])
    # As public_speed.py sends them: every centre by its seats, within each day's hours; with
    # --full, the full centre alone.
    targets = [t for t in facts["centres"] if t["slug"] == SLUG or not options.full]
    by_seats = [target for target in targets for _ in range(target["seats"])]

    from werkzeug.test import Client, EnvironBuilder

    from wsgi import app

    page = Client(app).get(BOOK)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.get_data(as_text=True))
    cookie = page.headers["Set-Cookie"].split(";")[0]
    people = random.Random(1)

    def environ() -> dict:
        n = people.randrange(10**7)
        target = people.choice(by_seats)
        day, first, last = people.choice(target["slots"])
        form = {
            "csrf_token": token.group(1),
            "day": day,
            "start": f"{people.randint(first, last):02d}:00",
            "duration": "60",
            "seat": "",
            "full_name": "Bench Visitor",
            "phone": f"+7705{n:07d}",
            "email": f"b{n}@example.kz",
            "institution": "Bench",
            "consent": "y",
        }
        return EnvironBuilder(
            path=f"/coworking/{target['slug']}/book",
            method="POST",
            data=urlencode(form),
            content_type="application/x-www-form-urlencoded",
            headers={"Cookie": cookie},
            environ_base={"REMOTE_ADDR": "127.0.0.1"},
        ).get_environ()

    requests = [environ() for _ in range(WARM_UP + options.posts)]
    answers: dict[str, int] = {}

    def start_response(status: str, _headers: list, _exc_info=None) -> None:
        answers[status] = answers.get(status, 0) + 1

    def send(request: dict) -> None:
        for _ in app(request, start_response):
            pass

    for request in requests[:WARM_UP]:
        send(request)
    answers.clear()
    if options.freeze:
        gc.freeze()
    collecting = {"seconds": 0.0, "began": 0.0}

    def timed(phase: str, _info: dict) -> None:
        if phase == "start":
            collecting["began"] = time.perf_counter()
        else:
            collecting["seconds"] += time.perf_counter() - collecting["began"]

    gc.callbacks.append(timed)
    profile = cProfile.Profile() if options.profile else None
    server_began = _server_cpu()
    began, began_wall = time.process_time(), time.perf_counter()
    if profile:
        profile.enable()
    for request in requests[WARM_UP:]:
        send(request)
    cpu, clock = time.process_time() - began, time.perf_counter() - began_wall
    if profile:
        profile.disable()
        if options.dump:
            profile.dump_stats(options.dump)  # after the clocks are read: not part of a POST
    per_post = 1000 / max(options.posts, 1)
    print(
        f"{options.posts} booking POSTs: {cpu * per_post:.2f} ms CPU "
        f"each ({clock * per_post:.2f} ms on the clock), of it "
        f"{collecting['seconds'] * per_post:.3f} ms collecting garbage; answers "
        f"{dict(sorted(answers.items()))}"
    )
    if server_began is not None:
        server_now = _server_cpu() or {}
        for name, used in sorted(server_now.items()):
            spent = (used[1] - server_began.get(name, (0, 0.0))[1]) * per_post
            if spent >= 0.01:
                print(f"PostgreSQL, {used[0]}: {spent:.2f} ms CPU per POST")
    if profile:
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats(options.sort).print_stats(50)
        print(out.getvalue())


def _server_cpu() -> dict[str, tuple[str, float]] | None:
    """This machine's PostgreSQL processes: CPU seconds used so far by each (None on SQLite)."""
    if "postgresql" not in os.environ.get("BENCH_DATABASE_URL", ""):
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    used = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            name, rest = stat.read_text().rsplit(")", 1)
            title = (stat.parent / "cmdline").read_text().replace("\0", " ").strip()
        except OSError:
            continue  # a process that ended while the folder was read
        if name.endswith("(postgres"):
            utime, stime = rest.split()[11:13]
            used[stat.parent.name] = (title[:60], (int(utime) + int(stime)) / ticks)
    return used


if __name__ == "__main__":
    main()
