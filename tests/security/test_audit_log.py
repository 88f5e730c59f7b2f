"""The audit log records who did what, without secrets, and input cannot forge entries."""

from sqlalchemy import select

from intranet.audit import AuditLog
from intranet.auth.models import UserSession
from intranet.extensions import db
from tests.conftest import PASSWORD, csrf_token, login


def entries(app):
    with app.app_context():
        return db.session.scalars(select(AuditLog).order_by(AuditLog.id)).all()


def test_line_breaks_in_input_cannot_forge_entries(app, client):
    forged = "x@test.kz\n2026-11-26 login.success admin@demo.kz ok\r\nanother"
    token = csrf_token(client)
    client.post("/login", data={"email": forged, "password": "x", "csrf_token": token})
    rows = entries(app)
    assert len(rows) == 1
    assert rows[0].action == "login.failure"
    for value in (rows[0].target, rows[0].detail or ""):
        assert "\n" not in value
        assert "\r" not in value


def test_sign_in_out_and_refusals_are_recorded_without_secrets(app, client, make_user):
    _, email = make_user("branch_staff", library="no-6")
    login(client, email, "wrong password")
    login(client, email)
    client.get("/staff/admin/users")  # refused
    client.post("/logout", data={"csrf_token": csrf_token(client, "/staff/")})
    rows = entries(app)
    actions = [row.action for row in rows]
    for action in ("login.failure", "login.success", "access.denied", "logout"):
        assert action in actions
    denied = next(row for row in rows if row.action == "access.denied")
    assert denied.outcome == "denied"
    assert denied.target == "/staff/admin/users"
    assert denied.actor_email == email
    for row in rows:
        text = " ".join(str(v) for v in (row.target, row.detail, row.actor_email))
        assert PASSWORD not in text
        assert "wrong password" not in text
    with app.app_context():
        tokens = db.session.scalars(select(UserSession.token_hash)).all()
    logged = " ".join(f"{r.target} {r.detail}" for r in rows)
    assert not any(token in logged for token in tokens)
