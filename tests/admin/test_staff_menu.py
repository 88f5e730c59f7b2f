"""The staff menu: a few menus, and counters of the work that waits for this person."""

import re

import pytest

from intranet.admin.waiting import last_month
from intranet.auth.models import User
from intranet.clock import local_today
from intranet.extensions import db
from intranet.reports.services import submit_report
from tests.conftest import login
from tests.coworking import conftest as coworking_fixtures
from tests.coworking.conftest import OTHER, SLUG
from tests.events import conftest as event_fixtures
from tests.events.conftest import library
from tests.test_request_overhead import statements_of

# The event and booking fixtures of their own packages, made available here.
_event_types = event_fixtures._event_types
make_event = event_fixtures.make_event
make_booking = coworking_fixtures.make_booking

pytestmark = pytest.mark.usefixtures("_event_types")


def counter(page: str, label: str) -> int:
    """The number shown beside a menu item (0 when it shows none)."""
    match = re.search(re.escape(label) + r'\s*<span class="badge[^"]*"[^>]*>(\d+)<', page)
    return int(match.group(1)) if match else 0


def test_central_staff_see_how_many_events_wait_for_approval(client, login_as, make_event):
    make_event("pending")
    make_event("pending", library_slug="no-12")
    make_event("draft")
    login_as("central_staff")
    page = client.get("/staff/").get_data(as_text=True)
    assert counter(page, "Approval queue") == 2
    assert counter(page, "Events") == 2
    assert "Returned events" not in page


def test_branch_staff_see_their_returned_events_and_the_month_to_report(
    app, client, make_user, make_event
):
    make_event("returned", library_slug="no-6")
    make_event("returned", library_slug="no-12")  # another library's: not theirs to count
    make_event("pending", library_slug="no-6")
    user_id, email = make_user("branch_staff", library="no-6")
    login(client, email)
    page = client.get("/staff/").get_data(as_text=True)
    assert counter(page, "Returned events") == 1
    assert counter(page, "Events") == 1
    assert "Approval queue" not in page
    # Last month is not submitted yet.
    assert counter(page, "Monthly reports") == 1
    with app.app_context():
        year, month = last_month()
        submit_report(
            library("no-6"),
            actor=db.session.get(User, user_id),
            year=year,
            month=month,
            today=local_today(),
        )
        db.session.commit()
    page = client.get("/staff/").get_data(as_text=True)
    assert counter(page, "Monthly reports") == 0
    assert counter(page, "Reports") == 0


def test_a_coordinator_counts_the_requests_of_their_own_centres(client, login_as, make_booking):
    make_booking(SLUG)
    make_booking(SLUG)
    make_booking(OTHER)
    login_as("coordinator", centres=[SLUG])
    page = client.get("/staff/").get_data(as_text=True)
    assert counter(page, "Coworking requests") == 2
    assert "Events" not in re.sub(r"<main.*", "", page, flags=re.S).split("Staff menu")[1]


def test_the_counters_cost_one_query(app, client, login_as, make_event):
    make_event("pending")
    login_as("admin")
    client.get("/staff/account")
    with statements_of(app) as sent:
        response = client.get("/staff/account")
    assert response.status_code == 200
    # The bell's unread count is its own query (tests/notifications/test_notices.py).
    counting = [s for s in sent if "count(" in s.lower() and "FROM notice" not in s]
    assert len(counting) == 1
    # The whole page: the session's user, their library and centres, the counters, the bell.
    assert len(sent) <= 5, sent


@pytest.mark.parametrize("role", ["admin", "central_staff", "branch_staff", "coordinator"])
def test_every_menu_opens_without_scripts(client, login_as, role):
    scope = {"branch_staff": {"library": "no-6"}, "coordinator": {"centres": [SLUG]}}
    login_as(role, **scope.get(role, {}))
    page = client.get("/staff/").get_data(as_text=True)
    staff_menu = page.split('aria-label="Staff menu"')[1].split("</nav>")[0]
    assert staff_menu.count("<details") == staff_menu.count("<summary")
    assert "<script" not in staff_menu
