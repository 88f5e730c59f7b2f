"""The authorization matrix: every route x method x actor, with the outcome each must get.

A route that is not listed here fails test_every_route_has_a_row: add its row when you add it.
Outcomes: "ok" (served or done), "login" (redirect to sign-in), "forbidden" (403),
"notfound" (404: the object is outside the actor's scope and its existence is not revealed).
"""

ACTORS = (
    "anonymous",
    "branch_a",
    "branch_b",
    "coordinator_x",
    "coordinator_y",
    "central",
    "admin",
)
STAFF = ACTORS[1:]


def outcome(default: str, **by_actor: str) -> dict[str, str]:
    """An actor -> outcome mapping: `default` for everyone not named."""
    return {actor: by_actor.get(actor, default) for actor in ACTORS}


PUBLIC = outcome("ok")
ANONYMOUS_ONLY_PAGE = outcome("ok")  # staff are sent on (a redirect counts as served)
ANY_STAFF = outcome("ok", anonymous="login")
ADMIN_ONLY = outcome("forbidden", anonymous="login", admin="ok")
CENTRAL_ONLY = outcome("forbidden", anonymous="login", central="ok", admin="ok")


def plain(world) -> dict:
    """A route without URL parameters."""
    return {}


def static_file(world) -> dict:
    return {"filename": "css/app.css"}


def no_such_session(world) -> dict:
    """Nobody's session: the answer is the same as for someone else's (nothing is revealed)."""
    return {"session_id": 10**9}


def other_user(world) -> dict:
    return {"user_id": world.other_user()}


def closed_day(world) -> dict:
    return {"row_id": world.closed_day()}


def working_day(world) -> dict:
    return {"row_id": world.working_day()}


def outbox_message(world) -> dict:
    return {"message_id": world.outbox_message()}


def next_year(world) -> dict:
    from intranet.clock import local_today

    return {"year": local_today().year + 1}


def club_of_branch_a(world) -> dict:
    return {"slug": world.club_of_branch_a()}


def library_of_branch_a(world) -> dict:
    return {"slug": "no-6"}


LIBRARY_EDITORS = outcome(
    "ok", anonymous="login", coordinator_x="forbidden", coordinator_y="forbidden"
)
OWN_LIBRARY = {**LIBRARY_EDITORS, "branch_b": "forbidden"}


# (endpoint, method) -> (builder of the URL's parameters, expected outcome per actor).
# Each domain keeps its rows in tests/security/matrix_<domain>.py, merged below.
CORE: dict = {
    ("public.home", "GET"): (plain, PUBLIC),
    ("public.healthz", "GET"): (plain, PUBLIC),
    ("public.liveness", "GET"): (plain, PUBLIC),
    ("public.metrics", "GET"): (plain, PUBLIC),  # nginx keeps it off the public site
    ("public.manifest", "GET"): (plain, PUBLIC),
    ("notifications_staff.outbox", "GET"): (plain, ADMIN_ONLY),
    ("notifications_staff.retry", "POST"): (outbox_message, ADMIN_ONLY),
    ("notifications_staff.discard", "POST"): (outbox_message, ADMIN_ONLY),
    ("notifications_staff.preferences", "GET"): (plain, ANY_STAFF),
    ("notifications_staff.preferences", "POST"): (plain, ANY_STAFF),
    ("notifications_staff.notices", "GET"): (plain, ANY_STAFF),
    ("libraries_api.libraries", "GET"): (plain, PUBLIC),
    ("static", "GET"): (static_file, PUBLIC),
    ("auth_public.login", "GET"): (plain, ANONYMOUS_ONLY_PAGE),
    ("auth_public.login", "POST"): (plain, PUBLIC),
    ("auth_public.logout", "POST"): (plain, ANY_STAFF),
    ("auth_staff.home", "GET"): (plain, ANY_STAFF),
    ("auth_staff.account", "GET"): (plain, ANY_STAFF),
    ("auth_staff.account", "POST"): (plain, ANY_STAFF),
    ("auth_staff.sessions", "GET"): (plain, ANY_STAFF),
    ("auth_staff.end_session", "POST"): (no_such_session, ANY_STAFF),
    ("auth_staff.end_other_sessions", "POST"): (plain, ANY_STAFF),
    ("admin_staff.users", "GET"): (plain, CENTRAL_ONLY),
    ("admin_staff.create_user", "GET"): (plain, CENTRAL_ONLY),
    ("admin_staff.create_user", "POST"): (plain, CENTRAL_ONLY),
    ("admin_staff.edit_user", "GET"): (other_user, ADMIN_ONLY),
    ("admin_staff.edit_user", "POST"): (other_user, ADMIN_ONLY),
    ("admin_staff.set_active", "POST"): (other_user, ADMIN_ONLY),
    ("admin_staff.reset_password", "POST"): (other_user, ADMIN_ONLY),
    ("admin_staff.audit_log", "GET"): (plain, ADMIN_ONLY),
    ("admin_staff.closed_days", "GET"): (plain, CENTRAL_ONLY),
    ("admin_staff.closed_days", "POST"): (plain, CENTRAL_ONLY),
    ("admin_staff.delete_closed_day", "POST"): (closed_day, CENTRAL_ONLY),
    ("admin_staff.kurban_ait", "POST"): (next_year, ADMIN_ONLY),
    ("admin_working_days.working_days", "GET"): (plain, CENTRAL_ONLY),
    ("admin_working_days.working_days", "POST"): (plain, CENTRAL_ONLY),
    ("admin_working_days.edit", "GET"): (working_day, CENTRAL_ONLY),
    ("admin_working_days.edit", "POST"): (working_day, CENTRAL_ONLY),
    ("admin_working_days.delete", "POST"): (working_day, CENTRAL_ONLY),
    ("libraries_public.libraries", "GET"): (plain, PUBLIC),
    ("libraries_public.library", "GET"): (library_of_branch_a, PUBLIC),
    ("libraries_staff.libraries", "GET"): (plain, LIBRARY_EDITORS),
    ("libraries_staff.edit", "GET"): (library_of_branch_a, OWN_LIBRARY),
    ("libraries_staff.edit", "POST"): (library_of_branch_a, OWN_LIBRARY),
    ("clubs_public.club", "GET"): (club_of_branch_a, PUBLIC),
    ("clubs_staff.clubs", "GET"): (plain, LIBRARY_EDITORS),
    ("clubs_staff.new", "GET"): (plain, LIBRARY_EDITORS),
    ("clubs_staff.new", "POST"): (plain, LIBRARY_EDITORS),
    ("clubs_staff.edit", "GET"): (club_of_branch_a, OWN_LIBRARY),
    ("clubs_staff.edit", "POST"): (club_of_branch_a, OWN_LIBRARY),
}

# Fields an attacker adds to every POST; the server must ignore them.
EXTRA_FIELDS = {
    "role": "admin",
    "library_id": "1",
    "library": "central",
    "status": "approved",
    "centre_id": "1",
    "centres": "cowork-central",
    "is_active": "1",
    "user_id": "1",
}


def _domain_rows() -> dict:
    from tests.security import (
        matrix_accounts,
        matrix_coworking,
        matrix_events,
        matrix_registration,
        matrix_reports,
    )

    return {
        **matrix_events.ROWS,
        **matrix_coworking.ROWS,
        **matrix_reports.ROWS,
        **matrix_registration.ROWS,
        **matrix_accounts.ROWS,
    }


MATRIX = {**CORE, **_domain_rows()}
