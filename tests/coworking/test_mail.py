"""The email flow through the outbox and real SMTP (aiosmtpd), in the visitor's language."""

import re
import socket
from datetime import time
from email import message_from_bytes, policy
from email.message import EmailMessage
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from intranet.coworking.models import Booking
from intranet.coworking.services.emails import SUBJECTS, queue_booking_email
from intranet.extensions import db
from intranet.notifications.models import OutboxMessage
from intranet.notifications.services import deliver_due
from tests.conftest import csrf_token, login
from tests.coworking.conftest import SLUG, form_data, load, open_days
from tests.coworking.live import visitor_books
from tests.language import language_of, unnatural
from tests.liveserver import Browser, flask_cli, live_server, make_run_options, server_env

QYZ = ZoneInfo("Asia/Qyzylorda")
# What a coordinator may type as a reason: an apostrophe, brackets, an ampersand, quotes.
REASON = 'You\'ve asked for <3> hours & the "quiet" room is closed'


class Inbox:
    """Collects what the SMTP server receives."""

    def __init__(self):
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def bodies(self) -> list[str]:
        return [m.get_body().get_content() for m in self.messages]


def deliver(app) -> None:
    """What the worker does: send every message due in the outbox."""
    with app.app_context():
        deliver_due(worker_id="test")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield inbox, controller.port
    controller.stop()


@pytest.fixture(autouse=True)
def every_email_reads_naturally(smtp):
    """After each test: no seconds, «.0», US dates, look-alikes or «email» in kk and ru mail."""
    yield
    inbox, _port = smtp
    for message in inbox.messages:
        text = f"{message['subject']}\n{message.get_body().get_content()}"
        assert not unnatural(text, language_of(text)), (text, unnatural(text, language_of(text)))


@pytest.fixture
def app_config(smtp):
    inbox, port = smtp
    inbox.messages.clear()
    return {
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": port,
        "BASE_URL": "https://library.example.kz",
    }


def test_received_confirmed_rejected_cancelled(app, client, smtp):
    inbox, _ = smtp
    client.get("/?lang=ru")
    response = client.post(
        f"/coworking/{SLUG}/book",
        data=form_data(client, email="student@example.kz"),
    )
    assert response.status_code == 302
    token = response.headers["Location"].split("/booking/")[1].split("?")[0]
    assert inbox.messages == []  # nothing is sent inside the request
    deliver(app)
    assert len(inbox.messages) == 1
    received = inbox.messages[0]
    assert received["To"] == "student@example.kz"
    assert "бронирован" in received["Subject"].lower()
    body = inbox.bodies()[0]
    assert f"https://library.example.kz/booking/{token}" in body  # BASE_URL, not Host
    assert "localhost" not in body
    with app.app_context():
        booking = load(app, db.session.scalar(select(Booking.id)))
        library = db.session.get(Booking, booking.id).centre.library
        address, slug = library.address_ru, library.slug
    assert booking.code in body
    # Where to go: the library's address and its page with hours and map links.
    if address:
        assert f"Адрес: {address}" in body
    page = f"https://library.example.kz/libraries/{slug}"
    assert f"Часы работы, карта и как добраться: {page}" in body

    staff = app.test_client()
    login(staff, _staff_email(app))
    staff_token = csrf_token(staff, "/staff/coworking/")
    staff.post(f"/staff/coworking/bookings/{booking.id}/approve", data={"csrf_token": staff_token})
    deliver(app)
    assert len(inbox.messages) == 2
    assert "подтвержд" in inbox.messages[1]["Subject"].lower()
    cancel_token = csrf_token(client, f"/booking/{token}/cancel")
    client.post(f"/booking/{token}/cancel", data={"csrf_token": cancel_token})
    deliver(app)
    assert len(inbox.messages) == 3
    assert "отмен" in inbox.messages[2]["Subject"].lower()


def _staff_email(app) -> str:
    from intranet.admin.services import NewAccountRequest, create_account
    from tests.conftest import PASSWORD

    with app.app_context():
        request = NewAccountRequest(
            email="mailcoord@test.kz",
            password=PASSWORD,
            role="coordinator",
            centres=(SLUG,),
            language="kk",
        )
        user = create_account(request, actor=None)
        db.session.commit()
        return user.email


def test_rejection_carries_the_reason_in_english(app, client, smtp):
    inbox, _ = smtp
    client.get("/?lang=en")
    client.post(f"/coworking/{SLUG}/book", data=form_data(client))
    staff = app.test_client()
    login(staff, _staff_email(app))
    with app.app_context():
        booking_id = db.session.scalar(select(Booking.id))
    staff.post(
        f"/staff/coworking/bookings/{booking_id}/reject",
        data={"csrf_token": csrf_token(staff, "/staff/coworking/"), "reason": REASON},
    )
    deliver(app)
    assert [m["Subject"] for m in inbox.messages][-1] == (
        "Your coworking booking request was not accepted"
    )
    body = inbox.bodies()[-1]
    assert f"Reason: {REASON}" in body  # as the coordinator typed it, not HTML-escaped
    assert "&#39;" not in body
    assert "&lt;" not in body
    assert "&amp;" not in body


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
@pytest.mark.parametrize("kind", list(SUBJECTS))
def test_every_email_is_plain_text_as_typed_with_times_in_hours_and_minutes(
    app, smtp, make_booking, kind, language
):
    inbox, _ = smtp
    booking_id = make_booking(full_name="Д'Артаньян О’Нил", language=language, start=time(10))
    deliver(app)  # the booking's own "received" message
    inbox.messages.clear()
    with app.app_context():
        booking = db.session.get(Booking, booking_id)
        booking.reject_reason = REASON
        queue_booking_email(booking, kind)
        db.session.commit()
        when = booking.start_dt
    deliver(app)
    (message,) = inbox.messages
    assert message.get_content_type() == "text/plain"
    body = message.get_content()
    assert "Д'Артаньян О’Нил" in body
    if kind == "rejected":
        assert REASON in body
    assert not re.search(r"&(#\d+|[a-z]+);", body), body  # no HTML entity anywhere
    assert not re.search(r"\d:\d\d:\d\d", body), body  # never seconds
    assert "10:00 – 11:00" in body
    assert str(when.astimezone(QYZ).year) in body


def test_without_mail_server_messages_go_to_the_outbox(app, client, smtp, tmp_path):
    app.config["MAIL_SERVER"] = ""
    app.config["MAIL_OUTBOX"] = str(tmp_path / "outbox")
    client.get("/?lang=kk")
    client.post(f"/coworking/{SLUG}/book", data=form_data(client))
    deliver(app)
    files = list((tmp_path / "outbox").glob("*.eml"))
    assert len(files) == 1
    message = message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert "брондау" in message["Subject"].lower()


def test_a_dead_mail_server_does_not_break_the_booking(app, client):
    app.config["MAIL_PORT"] = free_port()  # nothing listens there
    response = client.post(f"/coworking/{SLUG}/book", data=form_data(client))
    assert response.status_code == 302
    with app.app_context():  # the message waits in the outbox for the worker
        (message,) = db.session.scalars(select(OutboxMessage)).all()
        assert (message.status, message.kind) == ("pending", "coworking.received")


def test_make_run_on_another_port_mails_links_to_that_port(app, database_url, tmp_path):
    with app.app_context():
        day = open_days(1)[0].isoformat()
    port = free_port()
    # `PORT=<port> make run`: make exports PORT to gunicorn; BASE_URL is left unset.
    env = server_env(tmp_path / "live", database_url, MAIL_SERVER="", PORT=str(port))
    env.pop("BASE_URL", None)
    with live_server(env, args=make_run_options(), port=port) as base:
        assert visitor_books(Browser(base), day) == 302
        with app.app_context():
            token = db.session.scalar(select(Booking.token))
    assert "Sent: 1," in flask_cli(env, "worker", "--once").stdout  # the worker `make run` starts
    (eml,) = (tmp_path / "live" / "instance" / "outbox").glob("*.eml")
    body = message_from_bytes(eml.read_bytes(), policy=policy.default).get_body().get_content()
    assert f"http://127.0.0.1:{port}/booking/{token}" in body


def test_a_kazakh_rejection_and_a_russian_reminder_three_hours_before(app, client, smtp):
    """The decision and the reminder speak the language each visitor booked in."""
    from datetime import timedelta

    from intranet.clock import from_local
    from intranet.coworking.services import sweep

    inbox, _ = smtp
    with app.app_context():
        day = open_days(1)[0]
    kazakh, russian = app.test_client(), app.test_client()
    kazakh.get("/?lang=kk")
    russian.get("/?lang=ru")
    for visitor, email, start in (
        (kazakh, "kk@example.kz", "10:00"),
        (russian, "ru@example.kz", "12:00"),
    ):
        data = form_data(
            visitor,
            day=day.isoformat(),
            email=email,
            start=start,
            phone=f"8 701 555 00 {start[:2]}",
        )
        assert visitor.post(f"/coworking/{SLUG}/book", data=data).status_code == 302
    staff = app.test_client()
    login(staff, _staff_email(app))
    with app.app_context():
        ids = {email: id_ for email, id_ in db.session.execute(select(Booking.email, Booking.id))}
    token = csrf_token(staff, "/staff/coworking/")
    staff.post(
        f"/staff/coworking/bookings/{ids['kk@example.kz']}/reject",
        data={"csrf_token": token, "reason": "Орын жөнделуде"},
    )
    staff.post(
        f"/staff/coworking/bookings/{ids['ru@example.kz']}/approve", data={"csrf_token": token}
    )
    with app.app_context():
        start = from_local(day, time(12))
        assert sweep(start - timedelta(hours=3, minutes=1))["reminders"] == 0
        assert sweep(start - timedelta(hours=3))["reminders"] == 1
        db.session.commit()
    deliver(app)
    by_kind = {(m["To"], str(m["Subject"])): m for m in inbox.messages}
    rejected = by_kind[("kk@example.kz", "Коворкингте орын брондауға өтініміңіз қабылданбады")]
    assert "Орын жөнделуде" in rejected.get_content()
    reminder = by_kind[("ru@example.kz", "Напоминание: ваше бронирование в коворкинге")]
    assert "12:00 – 13:00" in reminder.get_content()
