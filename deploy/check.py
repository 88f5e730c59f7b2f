"""deploy/check: nginx in front of two gunicorn nodes on PostgreSQL and Redis, with the worker.

Proves, on 127.0.0.1: HTTP goes to HTTPS; HSTS (once) and Secure cookies; a sign-in on one node
holds on the other; the sign-in and booking limits hold across both; a client's X-Forwarded-For
is not trusted; static files come from nginx; a public page comes from nginx's cache for as long
as the app's X-Accel-Expires says and shows a write within that lifetime (private and no-store
pages are never kept); 100 students booking while a node is killed each get their booking
(stored once, the form resent to the other node) or a refusal, never an error page; the
restarted node serves again; metrics stay off the public site. Prints the figures; exits 1
when any proof fails. Run by deploy/check (the shell wrapper), from `.ci/run`.
"""

import os
import re
import secrets
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from drills import booking_drill, throughput  # noqa: E402
from stack import (  # noqa: E402
    NGINX_HTTP,
    NGINX_HTTPS,
    NODES,
    ROOT,
    VENV,
    Processes,
    Visitor,
    fetch,
    gunicorn,
    nginx_main,
    render_nginx,
    wait_for,
)

PG = os.environ.get("DEPLOY_CHECK_PG", "postgresql://postgres@127.0.0.1:5432")
DATABASE = "deploy_check"
REDIS = os.environ.get("DEPLOY_CHECK_REDIS", "redis://127.0.0.1:6379/5")
SITE = f"https://127.0.0.1:{NGINX_HTTPS}"
SLUG = "cowork-central"
FORM = f"/coworking/{SLUG}/book"
# How long nginx may keep a public page, as the app tells it (X-Accel-Expires). 4 here, not
# the default 2: nginx's own file names no lifetime, so a page it keeps 4 s took that from the app.
NGINX_SECONDS = 4
PASSWORD = "deploy-check-" + secrets.token_hex(8)
failures: list[str] = []


def proof(ok: bool, what: str) -> None:
    print(("  ok    " if ok else "  FAIL  ") + what, flush=True)
    if not ok:
        failures.append(what)


def fresh_database() -> None:
    import psycopg
    import redis

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")
    redis.Redis.from_url(REDIS).flushdb()


def environment(work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("INTRANET", "TEST_"))}
    env.update(
        INTRANET_ENV="production",
        SECRET_KEY=secrets.token_hex(32),
        DATABASE_URL=f"postgresql+psycopg://{PG.split('://', 1)[1]}/{DATABASE}",
        CACHE_URL=REDIS,
        RATELIMIT_STORAGE_URI=REDIS,
        BASE_URL=SITE,
        TRUSTED_HOSTS="127.0.0.1",
        PROXY_COUNT="1",
        INSTANCE_PATH=str(work / "instance"),
        MAIL_SERVER="",
        COWORKING_BOOK_LIMIT="5 per 10 minutes",
        PROXY_CACHE_SECONDS=str(NGINX_SECONDS),
        PYTHONUNBUFFERED="1",
    )
    return env


def flask(env: dict, *args: str) -> None:
    """A flask command; its output goes to logs/setup.log."""
    log = open(Path(env["INSTANCE_PATH"]).parent / "logs" / "setup.log", "ab")  # noqa: SIM115
    subprocess.run(
        [str(VENV / "flask"), "--app", "wsgi", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def certificate(work: Path) -> ssl.SSLContext:
    tls = work / "tls"
    tls.mkdir()
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(tls / "privkey.pem"),
            "-out",
            str(tls / "fullchain.pem"),
        ],
        check=True,
        capture_output=True,
    )
    # The client trusts exactly this certificate: TLS is verified, not skipped.
    return ssl.create_default_context(cafile=str(tls / "fullchain.pem"))


def start_node(procs: Processes, name: str, env: dict, work: Path) -> None:
    """gunicorn on the node's port; its workers' metrics added up in its own folder."""
    metrics = work / f"metrics-{name}"
    shutil.rmtree(metrics, ignore_errors=True)
    metrics.mkdir()
    procs.start(
        f"node-{name}", gunicorn(NODES[name]), {**env, "PROMETHEUS_MULTIPROC_DIR": str(metrics)}
    )


def start_stack(work: Path, procs: Processes, env: dict) -> ssl.SSLContext:
    flask(env, "db", "upgrade")
    flask(env, "seed")
    for email in ("staff@check.kz", "limit@check.kz"):
        flask(
            env,
            "user",
            "create",
            "--email",
            email,
            "--password",
            PASSWORD,
            "--role",
            # Central staff: an admin's sign-in asks for a second step (TOTP), proved in tests.
            "central_staff",
            "--name",
            "Check",
        )
    flask(env, "build-static", str(work / "www" / "static"))
    for name in NODES:
        start_node(procs, name, env, work)
    procs.start("worker", [str(VENV / "flask"), "--app", "wsgi", "worker"], env)
    context = certificate(work)
    nginx = work / "nginx"
    for folder in ("temp", "cache"):
        (nginx / folder).mkdir(parents=True)
    (nginx / "site.conf").write_text(
        render_nginx((ROOT / "deploy/nginx/intranet.conf").read_text(), work)
    )
    (nginx / "nginx.conf").write_text(nginx_main(nginx))
    for path in (work, *work.rglob("*")):
        if path.is_dir():
            path.chmod(0o755)  # nginx's workers run as nobody: they read the build, write cache
    command = [
        "nginx",
        "-p",
        str(nginx),
        "-c",
        str(nginx / "nginx.conf"),
        "-e",
        str(nginx / "error.log"),
    ]
    subprocess.run([*command, "-t", "-q"], check=True)
    procs.start("nginx", command, env)
    for port in NODES.values():
        wait_for(f"http://127.0.0.1:{port}/healthz/live")
    wait_for(f"{SITE}/healthz/live", context=context)
    return context


def node(name: str) -> Visitor:
    """A browser talking to one node as nginx would (the proxy's headers, this hop only)."""
    return Visitor(
        f"http://127.0.0.1:{NODES[name]}",
        origin="https://127.0.0.1",
        headers={
            "X-Forwarded-For": "127.0.3.1",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-Host": "127.0.0.1",
        },
    )


def sign_in(visitor: Visitor, email: str, password: str = PASSWORD) -> int:
    token = visitor.csrf("/login")
    form = {"csrf_token": token, "email": email, "password": password}
    return visitor.request("POST", "/login", form).status


def prove_tls_and_headers(context: ssl.SSLContext) -> None:
    print("TLS, redirects, headers", flush=True)
    plain = fetch("GET", f"http://127.0.0.1:{NGINX_HTTP}/events?lang=kk")
    proof(
        plain.status == 301 and plain.headers["Location"].startswith("https://"),
        f"HTTP is sent to HTTPS ({plain.status} -> {plain.headers['Location']})",
    )
    home = fetch("GET", f"{SITE}/", context=context)
    own = fetch("GET", f"{SITE}/metrics", context=context)  # answered by nginx itself
    copies = [len(a.headers.get_all("Strict-Transport-Security") or []) for a in (home, own)]
    hsts = home.headers["Strict-Transport-Security"] or ""
    proof(
        "max-age=31536000" in hsts and copies == [1, 1],
        f"HSTS is sent, once (copies on an app page, on nginx's own 404: {copies})",
    )
    visitor = Visitor(SITE, context=context)
    visitor.csrf("/login")
    session = [c for c in visitor.set_cookies if c.startswith("session=")]
    proof(
        bool(session) and all("Secure" in c and "HttpOnly" in c for c in session),
        "the session cookie is Secure and HttpOnly",
    )
    metrics = fetch("GET", f"{SITE}/metrics", context=context)
    direct = fetch("GET", f"http://127.0.0.1:{NODES['A']}/metrics")
    proof(
        metrics.status == 404
        and direct.status == 200
        and "intranet_http_requests_total" in direct.text,
        "/metrics: 404 through nginx, Prometheus format on the node's own port",
    )
    ready = fetch("GET", f"{SITE}/healthz", context=context)
    proof(
        ready.status == 200 and '"redis":"ok"' in ready.text.replace(" ", ""),
        f"readiness through nginx: {ready.text.strip()}",
    )


def prove_sessions_and_limits(context: ssl.SSLContext) -> None:
    print("Sessions and limits across the nodes", flush=True)
    on_a = node("A")
    proof(sign_in(on_a, "staff@check.kz") == 302, "signed in on node A")
    on_b = node("B")
    on_b.cookies = dict(on_a.cookies)
    staff = on_b.request("GET", "/staff/")
    proof(staff.status == 200, f"the same cookie is signed in on node B ({staff.status})")
    # Sign-in: 5 wrong passwords per account, alternating the nodes; the 6th is refused.
    statuses = []
    for n in range(6):
        statuses.append(sign_in(node("AB"[n % 2]), "limit@check.kz", "wrong-password"))
    proof(
        statuses[-1] == 429 and 429 not in statuses[:-1],
        f"the sign-in limit holds across both nodes: {statuses}",
    )
    # Booking form: 5 posts per address (this run's setting), alternating the nodes.
    statuses = []
    for n in range(6):
        visitor = node("AB"[n % 2])
        visitor.headers["X-Forwarded-For"] = "127.0.3.2"
        form = {"csrf_token": visitor.csrf(f"/coworking/{SLUG}/book")}
        statuses.append(visitor.request("POST", f"/coworking/{SLUG}/book", form).status)
    proof(
        statuses[-1] == 429 and 429 not in statuses[:-1],
        f"the booking limit holds across both nodes: {statuses}",
    )
    # Through nginx, one address claiming another each time: still one address.
    statuses = []
    for n in range(6):
        visitor = Visitor(
            SITE,
            source="127.0.4.1",
            context=context,
            headers={"X-Forwarded-For": f"198.51.100.{n}"},
        )
        form = {"csrf_token": visitor.csrf(f"/coworking/{SLUG}/book")}
        statuses.append(visitor.request("POST", f"/coworking/{SLUG}/book", form).status)
    proof(
        statuses[-1] == 429 and 429 not in statuses[:-1],
        f"a client's X-Forwarded-For is not trusted: {statuses}",
    )


def node_log_lines(work: Path, needle: str) -> int:
    return sum(
        (work / "logs" / f"node-{name}.log").read_text(errors="replace").count(needle)
        for name in NODES
    )


def prove_static_and_cache(work: Path, context: ssl.SSLContext) -> None:
    print("Static files and nginx's cache", flush=True)
    home = fetch("GET", f"{SITE}/?lang=kk", context=context).text
    css = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', home).group(1)
    before = node_log_lines(work, "/static/")
    answer = fetch("GET", f"{SITE}{css}", headers={"Accept-Encoding": "gzip"}, context=context)
    proof(
        answer.status == 200
        and answer.headers["Content-Encoding"] == "gzip"
        and "immutable" in answer.headers["Cache-Control"]
        and node_log_lines(work, "/static/") == before,
        f"{css} comes from nginx, precompressed, immutable; no node saw it",
    )
    static_copies = len(answer.headers.get_all("Strict-Transport-Security") or [])
    proof(static_copies == 1, f"HSTS once on a static file too ({static_copies})")
    staff = Visitor(SITE, context=context)
    sign_in(staff, "staff@check.kz")
    statuses = [staff.request("GET", "/staff/").headers["X-Cache-Status"] for _ in range(2)]
    proof(statuses == ["BYPASS", "BYPASS"], f"signed-in pages never cached: {statuses}")
    day = (date.today() + timedelta(days=1)).isoformat()
    # Without ?lang= the language comes from the browser: the app says private.
    page = f"/coworking/{SLUG}?date={day}"
    answers = [fetch("GET", SITE + page, context=context) for _ in range(2)]
    statuses = [a.headers["X-Cache-Status"] for a in answers]
    proof(
        statuses == ["MISS", "MISS"] and "private" in answers[0].headers["Cache-Control"],
        f"a page the app marks private is never kept by nginx: {statuses}",
    )
    # The booking form carries a CSRF token and its own request key: its location has no cache
    # (no X-Cache-Status at all), and the app says no-store besides.
    answers = [fetch("GET", SITE + FORM, context=context) for _ in range(2)]
    statuses = [a.headers["X-Cache-Status"] for a in answers]
    keys = {re.search(r'name="request_key"[^>]*value="([^"]+)"', a.text).group(1) for a in answers}
    proof(
        statuses == [None, None]
        and "no-store" in answers[0].headers["Cache-Control"]
        and len(keys) == 2,
        f"the booking form is never kept, each showing its own key: {statuses}, {len(keys)} keys",
    )
    prove_cache_lifetime(context, f"/coworking/{SLUG}?date={day}&lang=kk", day)


def prove_cache_lifetime(context: ssl.SSLContext, page: str, day: str) -> None:
    """A public page: a hit the second time, kept as long as the app says, fresh after a write."""
    # nginx counts the lifetime in whole seconds: an entry stored at t is kept until somewhere
    # between t + N and t + N + 1 (N = X-Accel-Expires). Past N + 1 it has always expired.
    time.sleep(NGINX_SECONDS + 1.1)  # whatever an earlier request left has expired
    first = fetch("GET", SITE + page, context=context)
    stored = time.monotonic()
    second = fetch("GET", SITE + page, context=context)
    statuses = [first.headers["X-Cache-Status"], second.headers["X-Cache-Status"]]
    proof(
        statuses[0] != "HIT"
        and statuses[1] == "HIT"
        and second.body == first.body
        and not second.headers["Set-Cookie"],
        f"a public page is served from nginx's cache the second time: {statuses}",
    )
    direct = fetch("GET", f"http://127.0.0.1:{NODES['B']}{page}")
    browsers = second.headers["Cache-Control"] or ""
    proof(
        direct.headers["X-Accel-Expires"] == str(NGINX_SECONDS)
        and second.headers["X-Accel-Expires"] is None
        and browsers.startswith("public, max-age=30"),
        f"the app tells nginx {direct.headers['X-Accel-Expires']} s (X-Accel-Expires, not passed"
        f" on) and browsers '{browsers}'",
    )
    # A HIT at N - 1 s, expired past N + 1 s (max-age=30 alone would still keep it): nginx keeps
    # the page as long as X-Accel-Expires says.
    time.sleep(max(0.0, stored + NGINX_SECONDS - 1 - time.monotonic()))
    within = fetch("GET", SITE + page, context=context).headers["X-Cache-Status"]
    time.sleep(max(0.0, stored + NGINX_SECONDS + 1.1 - time.monotonic()))
    past = fetch("GET", SITE + page, context=context).headers["X-Cache-Status"]
    renewed = fetch("GET", SITE + page, context=context).headers["X-Cache-Status"]
    proof(
        within == "HIT" and past in ("EXPIRED", "REVALIDATED") and renewed == "HIT",
        f"nginx keeps it for the app's {NGINX_SECONDS} s: {within} at {NGINX_SECONDS - 1} s,"
        f" {past} past {NGINX_SECONDS + 1} s, then {renewed} (a new lifetime from the app)",
    )
    # Fresh after a write means: within the app's lifetime for nginx (+1 for whole seconds, and
    # the 0.2 s between two looks here). The app's own page cache shows it on the very next
    # request that reaches a node; nginx cannot know of the write.
    before = fetch("GET", SITE + page, context=context).body
    student = Visitor(SITE, source="127.0.5.1", context=context)
    form = booking_form(student, day, "15:00", 1)
    booked = student.request("POST", f"/coworking/{SLUG}/book", form).status
    written = time.monotonic()
    seen: list[str] = []
    while time.monotonic() - written < NGINX_SECONDS + 3:
        after = fetch("GET", SITE + page, context=context)
        seen.append(after.headers["X-Cache-Status"])
        if after.body != before:
            break
        time.sleep(0.2)
    delay = time.monotonic() - written
    proof(
        booked == 302 and after.body != before and delay <= NGINX_SECONDS + 1.5,
        f"fresh after a write within the app's {NGINX_SECONDS} s (+1): booking {booked}, shown"
        f" after {delay:.1f} s ({seen[0]} ... {seen[-1]}, {len(seen)} requests)",
    )


def letters(n: int) -> str:
    """A surname made of letters only (the form refuses digits in a name): 1 -> Bb."""
    word = ""
    while True:
        n, digit = divmod(n, 26)
        word += "abcdefghijklmnopqrstuvwxyz"[digit]
        if n == 0:
            return word.capitalize()


def booking_form(visitor: Visitor, day: str, start: str, n: int) -> dict:
    """The form as this visitor's browser sends it: its CSRF token and its own request key."""
    page = visitor.request("GET", f"/coworking/{SLUG}/book?date={day}").text
    return {
        "csrf_token": re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1),
        "request_key": re.search(r'name="request_key"[^>]*value="([^"]+)"', page).group(1),
        "day": day,
        "start": start,
        "duration": "60",
        "seat": "",
        "full_name": f"Aruzhan {letters(n)}",
        "phone": f"+7708{n:07d}",
        "email": f"student{n}@check.kz",
        "institution": "Korkyt Ata University",
        "consent": "y",
    }


def prove_node_rejoins(work: Path, procs: Processes, env: dict, context: ssl.SSLContext) -> None:
    print("Node A restarted", flush=True)
    procs.start(
        "node-A", gunicorn(NODES["A"]), {**env, "PROMETHEUS_MULTIPROC_DIR": str(work / "metrics-A")}
    )
    wait_for(f"http://127.0.0.1:{NODES['A']}/healthz/live")
    time.sleep(10.5)  # nginx leaves a failed node out for fail_timeout (10 s), then tries it
    log = work / "logs" / "node-A.log"
    before = log.read_text(errors="replace").count("/healthz/live")
    statuses = Counter(
        fetch("GET", f"{SITE}/healthz/live", context=context).status for _ in range(20)
    )
    served = log.read_text(errors="replace").count("/healthz/live") - before
    proof(
        statuses == Counter({200: 20}) and served > 0,
        f"node A serves again behind nginx ({served} of 20 requests)",
    )


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="deploy-check-"))
    (work / "logs").mkdir()
    procs = Processes(work / "logs")

    def stop(signum: int, _frame: object) -> None:
        procs.stop_all()
        sys.exit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    started = time.monotonic()
    try:
        fresh_database()
        env = environment(work)
        context = start_stack(work, procs, env)
        prove_tls_and_headers(context)
        prove_sessions_and_limits(context)
        prove_static_and_cache(work, context)
        figures = booking_drill(procs, context, proof, booking_form, DATABASE, env)
        alive = fetch("GET", f"{SITE}/?lang=kk", context=context).status
        proof(alive == 200, f"the site answers with one node down ({alive})")
        prove_node_rejoins(work, procs, env, context)
        figures.update(throughput(procs, context, work))
        log = (work / "nginx" / "access.log").read_text()
        figures["requests served from nginx's cache (whole run, wrk included)"] = log.count(" HIT ")
        # $upstream_addr names each node a request was sent to: two for one resent.
        figures["booking posts resent to the other node by nginx"] = sum(
            1 for line in log.splitlines() if f'"POST {FORM} ' in line and ", " in line
        )
    finally:
        procs.stop_all()
    print("\nFigures")
    for name, value in figures.items():
        print(f"  {name}: {value}")
    print(f"  run time: {time.monotonic() - started:.0f} s")
    if failures:
        print(f"\ndeploy/check FAILED ({len(failures)}); logs kept in {work}")
        return 1
    shutil.rmtree(work, ignore_errors=True)
    print("\ndeploy/check passed")
    return 0


if __name__ == "__main__":
    threading.excepthook = lambda args: print(f"thread failed: {args.exc_value!r}")
    sys.exit(main())
