"""Time-driven rules: expiry, no-shows that free the seat, blocks, reminders, anonymisation."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from intranet.coworking import services
from intranet.coworking.models import Booking, BookingSlot
from intranet.coworking.services import anonymize, expire_and_mark_no_shows, sweep
from intranet.extensions import db
from intranet.models import utc_now
from intranet.notifications.models import OutboxMessage
from intranet.notifications.services import deliver_due
from tests.coworking.conftest import booking_request, get_centre, load, open_days


def confirm(app, *ids):
    with app.app_context():
        for booking_id in ids:
            db.session.get(Booking, booking_id).status = "confirmed"
        db.session.commit()


def test_undecided_request_expires_at_its_start(app, make_booking):
    booking_id = make_booking()
    start = load(app, booking_id).start_dt
    with app.app_context():
        assert expire_and_mark_no_shows(start - timedelta(minutes=1))["expired"] == 0
        assert expire_and_mark_no_shows(start)["expired"] == 1
        db.session.commit()
        assert db.session.get(Booking, booking_id).status == "expired"
        assert db.session.scalar(select(func.count(BookingSlot.id))) == 0


def test_no_show_after_grace_frees_the_seat_and_sweep_is_idempotent(app, make_booking):
    booking_id = make_booking(duration=120)
    confirm(app, booking_id)
    start = load(app, booking_id).start_dt
    with app.app_context():
        assert sweep(start + timedelta(minutes=14))["no_show"] == 0  # still within grace
        counts = sweep(start + timedelta(minutes=15))
        db.session.commit()
        assert counts["no_show"] == 1
        assert sweep(start + timedelta(minutes=16)) == {"expired": 0, "no_show": 0, "reminders": 0}
        assert db.session.get(Booking, booking_id).status == "no_show"
        assert db.session.scalar(select(func.count(BookingSlot.id))) == 0


def test_checked_in_booking_is_not_a_no_show(app, make_booking):
    booking_id = make_booking()
    with app.app_context():
        db.session.get(Booking, booking_id).status = "checked_in"
        db.session.commit()
        start = db.session.get(Booking, booking_id).start_dt
        assert sweep(start + timedelta(hours=2))["no_show"] == 0


def test_three_no_shows_block_phone_and_email(app, make_booking, in_english):
    person = {"phone": "+77017770000", "email": "late@example.kz"}
    with app.app_context():
        days = open_days(4)
    ids = [make_booking(day=day, **person) for day in days[:3]]
    confirm(app, *ids)
    with app.app_context():
        last_start = db.session.get(Booking, ids[-1]).start_dt
        assert sweep(last_start + timedelta(hours=1))["no_show"] == 3
        db.session.commit()
        for variant in (person, {"phone": "+77010000001", "email": person["email"]}):
            with pytest.raises(services.BookingError, match="cannot book until"):
                services.create_booking(
                    get_centre(),
                    booking_request(days[3], **variant),
                    now=last_start + timedelta(hours=2),
                )
        # 14 days after the last no-show the block is over (the horizon still applies).
        get_centre().horizon_days = 365
        after = last_start + timedelta(days=15)
        booking = services.create_booking(
            get_centre(),
            booking_request(open_days(1, start=(after + timedelta(days=1)).date())[0], **person),
            now=after,
        )
        assert booking.status == "pending"


def test_the_form_explains_the_block(app, client, make_booking):
    from tests.coworking.conftest import form_data

    person = {"phone": "+77017770001", "email": "late2@example.kz"}
    with app.app_context():
        days = open_days(4)
    ids = [make_booking(day=day, **person) for day in days[:3]]
    confirm(app, *ids)
    with app.app_context():
        # Pretend the three no-shows happened already (they are in the future here).
        for offset, booking_id in enumerate(ids, start=1):
            booking = db.session.get(Booking, booking_id)
            booking.start_dt = utc_now() - timedelta(days=offset, hours=2)
            booking.end_dt = booking.start_dt + timedelta(hours=1)
            booking.slots = []
            booking.status = "no_show"
        db.session.commit()
    client.get("/?lang=en")
    response = client.post(
        "/coworking/cowork-central/book",
        data=form_data(client, phone="87017770001", email="late2@example.kz"),
    )
    assert response.status_code == 400
    assert "cannot book until" in response.get_data(as_text=True)


def test_reminder_is_sent_once(app, make_booking, tmp_path):
    app.config["MAIL_OUTBOX"] = str(tmp_path / "outbox")
    booking_id = make_booking(language="kk")
    confirm(app, booking_id)
    start = load(app, booking_id).start_dt
    with app.app_context():
        assert sweep(start - timedelta(hours=4))["reminders"] == 0
        assert sweep(start - timedelta(hours=2))["reminders"] == 1
        db.session.commit()
        assert sweep(start - timedelta(hours=1))["reminders"] == 0
        db.session.commit()
        reminders = db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == "coworking.reminder")
        ).all()
        assert [(m.language, m.status) for m in reminders] == [("kk", "pending")]
        assert "Еске салу" in reminders[0].subject
        # The worker sends it: the booking's "received" message and the reminder.
        assert deliver_due(start - timedelta(hours=2), worker_id="test").sent == 2
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 2


def test_cli_sweep_and_anonymize(app, runner, make_booking):
    booking_id = make_booking(institution="Korkyt Ata University")
    result = runner.invoke(args=["coworking", "sweep"])
    assert result.exit_code == 0
    assert "no-shows: 0" in result.output
    result = runner.invoke(args=["coworking", "anonymize"])
    assert "Anonymized 0 bookings." in result.output  # it ends in the future
    end = load(app, booking_id).end_dt
    with app.app_context():
        assert anonymize(180, now=end + timedelta(days=179)) == 0
        assert anonymize(180, now=end + timedelta(days=181)) == 1
        db.session.commit()
        booking = db.session.get(Booking, booking_id)
        assert booking.full_name is None
        assert booking.phone is None
        assert booking.email is None
        assert booking.purpose is None
        assert booking.anonymized_dt is not None
        # The statistics stay.
        assert booking.institution == "Korkyt Ata University"
        assert booking.start_dt == end - (booking.end_dt - booking.start_dt)
        assert anonymize(180, now=end + timedelta(days=200)) == 0


def test_lazy_sweep_on_page_load(app, client, make_booking):
    booking_id = make_booking()
    with app.app_context():
        booking = db.session.get(Booking, booking_id)
        booking.start_dt = utc_now() - timedelta(minutes=1)
        booking.end_dt = booking.start_dt + timedelta(hours=1)
        booking.slots = []
        db.session.commit()
    client.get("/coworking/cowork-central")
    assert load(app, booking_id).status == "expired"


def test_the_worker_runs_the_sweep_and_sends_its_reminders(app, runner, make_booking, tmp_path):
    app.config["MAIL_OUTBOX"] = str(tmp_path / "outbox")
    booking_id = make_booking(language="ru")
    with app.app_context():
        booking = db.session.get(Booking, booking_id)
        booking.status = "confirmed"
        booking.start_dt = utc_now() + timedelta(hours=2)
        booking.end_dt = booking.start_dt + timedelta(hours=1)
        db.session.commit()
    result = runner.invoke(args=["worker", "--once"])
    assert "Sent: 2, retry later: 0, failed: 0." in result.output  # "received", the reminder
    assert runner.invoke(args=["worker", "--once"]).output.startswith("Sent: 0,")
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 2
    with app.app_context():
        kinds = sorted(db.session.scalars(select(OutboxMessage.kind)))
        assert load(app, booking_id).reminder_sent_dt is not None
    assert kinds == ["coworking.received", "coworking.reminder"]
