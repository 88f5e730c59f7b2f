"""A visitor sees what is stored about them and deletes it; the retention job is audited."""

from datetime import timedelta

import pytest
from babel.dates import format_date
from sqlalchemy import select
from sqlalchemy.orm.attributes import set_committed_value

from intranet.audit import AuditLog
from intranet.clock import to_local
from intranet.coworking.models import Booking, BookingClaim
from intranet.coworking.services import anonymize, erase_for_visitor
from intranet.errors import Conflict
from intranet.extensions import db
from intranet.models import utc_now
from tests.conftest import csrf_token
from tests.coworking.conftest import SLUG, load, open_days

PERSON = {
    "full_name": "Дана Ержанқызы",
    "phone": "+7 702 555 44 33",
    "email": "dana@example.kz",
    "institution": "Korkyt Ata University",
    "purpose": "Thesis writing",
}


def english(app):
    client = app.test_client()
    client.get("/?lang=en")
    return client


def cancel(client, token: str) -> None:
    data = {"csrf_token": csrf_token(client, f"/booking/{token}/cancel")}
    assert client.post(f"/booking/{token}/cancel", data=data).status_code == 303


def erase(client, token: str):
    """Press "Delete my data" on the confirmation page."""
    data = {"csrf_token": csrf_token(client)}  # the session's token, as any page has it
    return client.post(f"/booking/{token}/erase", data=data)


def set_past(app, booking_id: int, status: str, days_ago: float) -> None:
    """Move a booking into the past with this outcome (as the sweep would leave it)."""
    with app.app_context():
        booking = db.session.get(Booking, booking_id)
        booking.start_dt = utc_now() - timedelta(days=days_ago)
        booking.end_dt = booking.start_dt + timedelta(hours=1)
        booking.status = status
        booking.slots, booking.claims = [], []
        db.session.commit()


def audit(app, action: str) -> list[AuditLog]:
    with app.app_context():
        return db.session.scalars(select(AuditLog).where(AuditLog.action == action)).all()


def test_the_private_page_shows_what_we_store_and_until_when(app, make_booking):
    booking = load(app, make_booking(**PERSON, language="en"))
    page = english(app).get(f"/booking/{booking.token}").get_data(as_text=True)
    assert "What we store about you" in page
    for shown in (
        "Дана Ержанқызы",
        "+7 702 555 44 33",
        "dana@example.kz",
        "Korkyt Ata University",
        "Thesis writing",
        "English",
        "version 2026-11",
    ):
        assert shown in page
    kept = to_local(booking.end_dt + timedelta(days=180)).date()
    shown = format_date(kept, "d MMMM yyyy", locale="en")  # intranet/i18n.py's English "long"
    assert f'<time datetime="{kept.isoformat()}">{shown}' in page
    # An upcoming booking: cancel it first; no button that would fail.
    assert "Cancel the booking first, then you can delete your data." in page
    assert f"/booking/{booking.token}/erase" not in page


def test_a_visitor_who_cancelled_deletes_their_data(app, make_booking):
    booking_id = make_booking(**PERSON, language="en")
    booking = load(app, booking_id)
    client = english(app)
    cancel(client, booking.token)
    page = client.get(f"/booking/{booking.token}").get_data(as_text=True)
    assert f'href="/booking/{booking.token}/erase"' in page
    confirm = client.get(f"/booking/{booking.token}/erase")
    assert confirm.status_code == 200
    assert confirm.headers["Cache-Control"] == "no-store"
    assert "This cannot be undone." in confirm.get_data(as_text=True)
    assert load(app, booking_id).full_name == PERSON["full_name"]  # asking changes nothing

    response = erase(client, booking.token)
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Your data is deleted" in page
    for gone in ("Дана", "dana@example.kz", "555 44 33", "Thesis", booking.code):
        assert gone not in page
    after = load(app, booking_id)
    assert (after.full_name, after.phone, after.email, after.purpose) == (None, None, None, None)
    assert after.anonymized_dt is not None
    # The anonymous statistics stay.
    assert (after.institution, after.status, after.seat_id) == (
        "Korkyt Ata University",
        "cancelled",
        booking.seat_id,
    )
    assert (after.start_dt, after.end_dt, after.language) == (
        booking.start_dt,
        booking.end_dt,
        "en",
    )
    [entry] = audit(app, "booking.erase")
    assert entry.target == f"booking:{booking_id}"
    assert entry.actor_id is None
    recorded = f"{entry.target} {entry.detail} {entry.actor_email}"
    for personal in ("Дана", "dana@", "702", "Thesis", booking.token):
        assert personal not in recorded
    # Pressing again, or the confirmation page, changes nothing and records nothing more.
    assert client.get(f"/booking/{booking.token}/erase").status_code == 303
    assert erase(client, booking.token).status_code == 303
    assert len(audit(app, "booking.erase")) == 1


def test_erasing_needs_the_csrf_token(app, make_booking):
    booking_id = make_booking()
    token = load(app, booking_id).token
    client = english(app)
    cancel(client, token)
    assert client.post(f"/booking/{token}/erase").status_code == 400
    assert load(app, booking_id).email is not None
    assert not audit(app, "booking.erase")


def test_the_deleted_page_is_in_the_visitors_language(app, make_booking):
    booking_id = make_booking(language="kk")
    token = load(app, booking_id).token
    client = app.test_client()
    cancel(client, token)
    erase(client, token)
    page = client.get(f"/booking/{token}").get_data(as_text=True)
    assert "Деректеріңіз өшірілді" in page


@pytest.mark.parametrize(
    ("status", "days_ago", "message"),
    [
        ("pending", None, "Cancel the booking first"),
        ("confirmed", None, "Cancel the booking first"),
        ("checked_in", 1 / 48, "once the booking is over"),
        ("no_show", 3, "counts towards the rule on missed bookings until"),
    ],
)
def test_erasing_is_refused_while_the_booking_still_counts(
    app, make_booking, status, days_ago, message
):
    booking_id = make_booking(**PERSON, language="en")
    if days_ago is None:
        with app.app_context():
            db.session.get(Booking, booking_id).status = status
            db.session.commit()
    else:
        set_past(app, booking_id, status, days_ago)
    token = load(app, booking_id).token
    client = english(app)
    assert message in client.get(f"/booking/{token}/erase").get_data(as_text=True)
    response = erase(client, token)
    assert response.status_code == 303
    assert message in client.get(response.headers["Location"]).get_data(as_text=True)
    assert load(app, booking_id).email == PERSON["email"]
    assert not audit(app, "booking.erase")


@pytest.mark.parametrize(
    ("status", "days_ago"),
    [("rejected", 2), ("expired", 1), ("checked_in", 1), ("no_show", 31)],
)
def test_a_finished_booking_can_be_erased(app, make_booking, status, days_ago):
    booking_id = make_booking()
    set_past(app, booking_id, status, days_ago)
    assert erase(english(app), load(app, booking_id).token).status_code == 303
    assert load(app, booking_id).anonymized_dt is not None


def test_the_same_persons_other_bookings_are_kept(app, make_booking):
    """A private link proves this one booking; a phone or an email is no proof of the others."""
    with app.app_context():
        first, second = open_days(2)
    kept_id = make_booking(**PERSON, day=second)
    erased_id = make_booking(**PERSON, day=first)
    client = english(app)
    token = load(app, erased_id).token
    cancel(client, token)
    erase(client, token)
    assert load(app, erased_id).email is None
    kept = load(app, kept_id)
    assert (kept.full_name, kept.email, kept.anonymized_dt) == (
        PERSON["full_name"],
        PERSON["email"],
        None,
    )
    with app.app_context():
        assert db.session.scalars(
            select(BookingClaim).where(BookingClaim.booking_id == kept_id)
        ).all()
    page = client.get(f"/booking/{token}/erase")  # now the deleted page
    assert page.status_code == 303


def test_a_second_erasure_racing_the_first_changes_nothing(app, make_booking):
    booking_id = make_booking()
    set_past(app, booking_id, "expired", 200)
    with app.app_context():
        stale = db.session.get(Booking, booking_id)
        assert anonymize(180) == 1  # the retention job got there first
        db.session.commit()
        set_committed_value(stale, "anonymized_dt", None)  # what the visitor's request read
        with pytest.raises(Conflict):
            erase_for_visitor(stale)
        db.session.rollback()
    assert not audit(app, "booking.erase")


def test_the_calendar_file_is_gone_with_the_data(app, make_booking):
    booking_id = make_booking()
    set_past(app, booking_id, "checked_in", 1)
    token = load(app, booking_id).token
    client = english(app)
    assert client.get(f"/booking/{token}.ics").status_code == 200
    erase(client, token)
    assert client.get(f"/booking/{token}.ics").status_code == 404


def test_cli_anonymize_writes_one_audit_entry_with_the_count(app, runner, make_booking):
    old, recent = make_booking(), make_booking()
    set_past(app, old, "checked_in", 200)
    set_past(app, recent, "checked_in", 100)
    result = runner.invoke(args=["coworking", "anonymize"])
    assert result.exit_code == 0, result.output
    assert "Anonymized 1 bookings." in result.output
    [entry] = audit(app, "booking.anonymize")
    assert entry.detail == "1 erased, retention 180 d"
    assert load(app, old).email is None
    assert load(app, recent).email is not None
    result = runner.invoke(args=["coworking", "anonymize", "--days", "90"])
    assert "Anonymized 1 bookings." in result.output
    assert [e.detail for e in audit(app, "booking.anonymize")] == [
        "1 erased, retention 180 d",
        "1 erased, retention 90 d",
    ]


@pytest.mark.parametrize("app_config", [{"COWORKING_RETENTION_DAYS": 30}])
def test_retention_comes_from_the_setting(app, runner, make_booking, app_config):
    """The consent text, the private page and the job all use one number of days."""
    client = english(app)
    form = client.get(f"/coworking/{SLUG}/book").get_data(as_text=True)
    assert "They are deleted 30 days after the booking" in form
    upcoming = load(app, make_booking())
    kept = to_local(upcoming.end_dt + timedelta(days=30)).date()
    assert f'datetime="{kept.isoformat()}"' in client.get(f"/booking/{upcoming.token}").text
    booking_id = make_booking()
    set_past(app, booking_id, "expired", 40)
    assert "Anonymized 1 bookings." in runner.invoke(args=["coworking", "anonymize"]).output
    assert audit(app, "booking.anonymize")[0].detail == "1 erased, retention 30 d"
