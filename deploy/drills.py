"""deploy/check's two long parts: the node kill during 100 bookings, and the throughput."""

import os
import re
import signal
import ssl
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from stack import BARE_FLASK, NGINX_HTTPS, NODES, VENV, Processes, Visitor, fetch

SITE = f"https://127.0.0.1:{NGINX_HTTPS}"
SLUG = "cowork-central"
STUDENTS = 100
MONTH = "/events?view=month&lang=kk"
BARE_APP = """
from pathlib import Path
from flask import Flask

BODY = Path(__file__).with_name("month.html").read_bytes()
app = Flask(__name__)


@app.get("/events")
def month():
    return BODY, 200, {"Content-Type": "text/html; charset=utf-8"}
"""


def free_slots(context: ssl.SSLContext, wanted: int) -> list[tuple[str, str]]:
    """(day, start) pairs the booking form offers over the coming days."""
    slots: list[tuple[str, str]] = []
    for ahead in range(2, 12):
        day = (date.today() + timedelta(days=ahead)).isoformat()
        page = fetch("GET", f"{SITE}/coworking/{SLUG}/book?date={day}", context=context).text
        select = re.search(r'<select[^>]*name="start".*?</select>', page, re.S)
        starts = re.findall(r'value="(\d\d:\d\d)"', select.group(0)) if select else []
        slots += [(day, start) for start in starts]
        if len(slots) >= wanted:
            break
    return slots[:wanted]


def booking_drill(
    procs: Processes,
    context: ssl.SSLContext,
    proof: Callable[[bool, str], None],
    booking_form: Callable[[Visitor, str, str, int], dict],
    database: str,
    env: dict,
) -> dict:
    """100 students post the booking form at once through nginx; node A gets SIGKILL.

    Each form is its own showing of the page (its own key), as on a hundred phones.
    """
    print(f"Node kill: {STUDENTS} students book while node A is killed", flush=True)
    slots = free_slots(context, 30)
    students = []
    for n in range(STUDENTS):
        # Each from its own address (127.0.1.x): as many phones, not one rate-limited client.
        visitor = Visitor(SITE, source=f"127.0.1.{n + 1}", context=context)
        day, start = slots[n % len(slots)]
        students.append((visitor, booking_form(visitor, day, start, 1000 + n)))
    outcomes: list[int | str] = ["none"] * STUDENTS
    barrier = threading.Barrier(STUDENTS + 1)

    def book(i: int) -> None:
        visitor, form = students[i]
        barrier.wait()
        try:
            outcomes[i] = visitor.request("POST", f"/coworking/{SLUG}/book", form).status
        except OSError as error:
            outcomes[i] = type(error).__name__

    threads = [threading.Thread(target=book, args=(i,)) for i in range(STUDENTS)]
    for thread in threads:
        thread.start()
    barrier.wait()
    time.sleep(0.3)  # the posts are in flight on both nodes
    procs.kill("node-A", signal.SIGKILL)
    for thread in threads:
        thread.join()
    rows = stored_rows(env["DATABASE_URL"])
    per_student = [rows.get(f"student{1000 + n}@check.kz", 0) for n in range(STUDENTS)]
    statuses = Counter(str(o) for o in outcomes)
    lost = sum(1 for o, r in zip(outcomes, per_student, strict=True) if o == 302 and r != 1)
    phantom = sum(
        1
        for o, r in zip(outcomes, per_student, strict=True)
        if isinstance(o, int) and 400 <= o < 500 and r != 0
    )
    doubled = sum(1 for r in per_student if r > 1)
    stored = sum(1 for r in per_student if r == 1)
    errors = sum(1 for o in outcomes if not isinstance(o, int) or o >= 500)
    proof(lost == 0, f"no booking lost (answered stored, not in the database): {lost}")
    proof(doubled == 0, f"no booking doubled: {doubled}")
    proof(phantom == 0, f"no refused booking stored anyway: {phantom}")
    # nginx sends a booking that met the dying node to the other one, and the app answers the
    # form's copy with the booking it made: no student is left looking at an error page.
    proof(errors == 0, f"no error page or broken connection: {errors}")
    proof(
        all(r in (0, 1) for r in per_student) and stored > 0,
        f"each of {STUDENTS} stored once or refused: {stored} stored",
    )
    return {
        "bookings attempted": STUDENTS,
        "bookings stored": stored,
        "bookings refused (nothing stored)": STUDENTS - stored,
        "answers during the kill": dict(sorted(statuses.items())),
        "5xx or broken connections during the kill": errors,
    }


def stored_rows(url: str) -> dict[str, int]:
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as connection:
        rows = connection.execute(
            "SELECT email, count(*) FROM booking WHERE email LIKE 'student%%@check.kz' "
            "GROUP BY email"
        ).fetchall()
    return dict(rows)


def wrk(url: str) -> float:
    out = subprocess.run(
        ["wrk", "-t2", "-c16", "-d5s", url], capture_output=True, text=True, check=True
    ).stdout
    if "Non-2xx" in out:
        raise RuntimeError(f"wrk saw errors on {url}:\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def throughput(procs: Processes, context: ssl.SSLContext, work: Path) -> dict:
    """The month page through nginx (cached), from a node (the app's own cache), bare Flask."""
    print("Throughput of the month page (wrk, 16 connections, 5 s each)", flush=True)
    body = fetch("GET", SITE + MONTH, context=context).body
    (work / "month.html").write_bytes(body)
    (work / "bare.py").write_text(BARE_APP)
    command = [
        str(VENV / "gunicorn"),
        "--workers",
        "2",
        "--chdir",
        str(work),
        "--bind",
        f"127.0.0.1:{BARE_FLASK}",
        "bare:app",
    ]
    procs.start("bare-flask", command, dict(os.environ))
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if fetch("GET", f"http://127.0.0.1:{BARE_FLASK}/events").body == body:
                break
        except OSError:
            time.sleep(0.2)
    nginx = wrk(SITE + MONTH)
    node = wrk(f"http://127.0.0.1:{NODES['B']}{MONTH}")
    bare = wrk(f"http://127.0.0.1:{BARE_FLASK}/events")
    procs.kill("bare-flask", signal.SIGTERM)
    return {
        "month page size (bytes)": len(body),
        "month page req/s through nginx (cached, HTTPS)": round(nginx),
        "month page req/s from one node (2 workers, the app's page cache)": round(node),
        "month page req/s from bare Flask (2 workers, same bytes)": round(bare),
        "nginx cached / bare Flask": round(nginx / bare, 1),
    }
