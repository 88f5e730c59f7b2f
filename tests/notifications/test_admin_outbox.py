"""/staff/admin/outbox: an admin sees what waits or failed, sends it again or discards it."""

from sqlalchemy import select

from intranet.audit import AuditLog
from intranet.extensions import db
from intranet.notifications.models import OutboxMessage
from intranet.notifications.services import deliver_due
from tests.conftest import csrf_token
from tests.notifications.conftest import outbox, queue
from tests.notifications.mailserver import REFUSED

PAGE = "/staff/admin/outbox"


def test_an_admin_sends_a_failed_message_again_and_discards_another(app, client, login_as, smtp):
    failed = queue(app, recipient=REFUSED, subject="Брондау расталды")
    waiting = queue(app, subject="Еске салу")
    with app.app_context():
        deliver_due(worker_id="a")  # the refused one fails; the other is sent
        db.session.get(OutboxMessage, waiting).status = "pending"  # as if the server were down
        db.session.commit()
    login_as("admin", language="ru")
    page = client.get(PAGE).get_data(as_text=True)
    assert "Исходящие письма" in page
    assert page.index("Брондау расталды") < page.index("Еске салу")  # failed first
    assert "Не доставлено" in page
    assert "recipient refused 550" in page

    token = csrf_token(client, PAGE)
    response = client.post(f"{PAGE}/{failed}/retry", data={"csrf_token": token})
    assert response.status_code == 303
    assert "Письмо будет отправлено повторно" in client.get(PAGE).get_data(as_text=True)
    client.post(f"{PAGE}/{waiting}/discard", data={"csrf_token": token})
    statuses = {m.id: (m.status, m.attempts) for m in outbox(app)}
    assert statuses == {failed: ("pending", 0), waiting: ("discarded", 1)}
    with app.app_context():
        audited = db.session.scalars(select(AuditLog.action).order_by(AuditLog.id)).all()
    assert audited[-2:] == ["outbox.retry", "outbox.discard"]
    # Discarded is final: a second click (another tab) is told the list has changed.
    client.post(f"{PAGE}/{waiting}/retry", data={"csrf_token": token})
    assert "состояние письма изменилось" in client.get(PAGE).get_data(as_text=True)
    assert outbox(app)[1].status == "discarded"


def test_only_admins_and_only_with_csrf(app, client, login_as, smtp):
    message = queue(app)
    login_as("central_staff")
    assert client.get(PAGE).status_code == 403
    assert client.post(f"{PAGE}/{message}/discard").status_code in (400, 403)
    client.get("/logout")
    login_as("admin")
    assert client.post(f"{PAGE}/{message}/discard", data={}).status_code == 400
    assert outbox(app)[0].status == "pending"
    assert "Every email has been delivered." not in client.get(PAGE).get_data(as_text=True)
