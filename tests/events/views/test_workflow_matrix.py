"""Who may do what, in which status: every role x action x status, through the real pages."""

from datetime import timedelta

import pytest

from intranet.clock import local_today, to_local
from intranet.events.models import Status
from intranet.extensions import db
from tests.conftest import csrf_token
from tests.events.conftest import get_event

ROLES = {
    "admin": ("admin", {}),
    "central": ("central_staff", {}),
    "branch_own": ("branch_staff", {"library": "no-6"}),
    "branch_other": ("branch_staff", {"library": "no-8"}),
    "coordinator": ("coordinator", {"centres": ["cowork-central"]}),
}
CENTRAL = {"admin", "central"}
ACTING = CENTRAL | {"branch_own"}
S = Status
ALLOWED = {
    "edit": {
        role: (
            {S.DRAFT, S.PENDING, S.RETURNED, S.APPROVED}
            if role in CENTRAL
            else {S.DRAFT, S.RETURNED, S.APPROVED}
            if role == "branch_own"
            else set()
        )
        for role in ROLES
    },
    "submit": {role: {S.DRAFT, S.RETURNED} if role in ACTING else set() for role in ROLES},
    "approve": {role: {S.PENDING} if role in CENTRAL else set() for role in ROLES},
    "return": {role: {S.PENDING} if role in CENTRAL else set() for role in ROLES},
    "cancel": {
        role: {S.DRAFT, S.PENDING, S.RETURNED, S.APPROVED} if role in ACTING else set()
        for role in ROLES
    },
    "attendance": {role: {S.APPROVED, S.HELD} if role in ACTING else set() for role in ROLES},
}
# Who takes each workflow step at all: in another status they are told that someone else has
# already decided (409), everyone else is refused (403).
IN_CHARGE = {"submit": ACTING, "approve": CENTRAL, "return": CENTRAL, "cancel": ACTING}
DECIDED = "Someone else has already decided on this event"
# Where an allowed action leaves the event (edit: depends on who and from where).
RESULT = {
    "submit": S.PENDING,
    "approve": S.APPROVED,
    "return": S.RETURNED,
    "cancel": S.CANCELLED,
    "attendance": S.HELD,
}


def post_action(client, token, event_id, action, event):
    if action == "attendance":
        return client.post(
            f"/staff/events/{event_id}/attendance",
            data={"csrf_token": token, "total": "25", "children": "5", "note": "ok"},
        )
    if action == "edit":
        start, end = to_local(event.start_dt), to_local(event.end_dt)
        return client.post(
            f"/staff/events/{event_id}/edit",
            data={
                "csrf_token": token,
                "type": "poetry_hour",
                "library": "no-6",
                "room": "Акт залы",
                "start_date": start.date().isoformat(),
                "start_time": start.strftime("%H:%M"),
                "end_time": end.strftime("%H:%M"),
                "title_kk": "Жаңа атауы",
                "title_ru": "Новое",
                "audience": "youth",
                "language": "kk",
                "club": "",
                "campaign": "",
                "scope": "one",
            },
        )
    return client.post(
        f"/staff/events/{event_id}/{action}",
        data={"csrf_token": token, "comment": "Түзетіңіз / поправьте"},
    )


@pytest.mark.parametrize("action", list(ALLOWED))
@pytest.mark.parametrize("role", list(ROLES))
def test_role_action_status_matrix(app, client, login_as, make_event, role, action):
    role_name, scope = ROLES[role]
    login_as(role_name, **scope)
    token = csrf_token(client, "/staff/")
    past = local_today() - timedelta(days=3)
    for status in Status:
        event_id = make_event(status=status, day=past, library_slug="no-6")
        with app.app_context():
            before = get_event(event_id)
            response = post_action(client, token, event_id, action, before)
            event = get_event(event_id)
            db.session.refresh(event)
            allowed = status in ALLOWED[action][role]
            if not allowed:
                if role in IN_CHARGE.get(action, ()):
                    assert response.status_code == 409, (role, action, status)
                    assert DECIDED in response.get_data(as_text=True)
                else:
                    assert response.status_code == 403, (role, action, status)
                assert event.status == status
                continue
            assert response.status_code == 302, (role, action, status, response.status_code)
            if action == "edit":
                expected = S.PENDING if (role == "branch_own" and status == S.APPROVED) else status
                assert event.title_kk == "Жаңа атауы"
            else:
                expected = RESULT[action]
            assert event.status == expected, (role, action, status)
            # Every transition is recorded with who did it.
            if expected != status:
                assert event.transitions[-1].to_status == expected
                assert event.transitions[-1].actor_id is not None
