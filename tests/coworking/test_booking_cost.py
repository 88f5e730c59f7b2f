"""The booking POST is lean: the fewest statements the rules allow, no sweep, no mail sent."""

from sqlalchemy import func, select

from intranet.coworking.models import Booking, BookingClaim, BookingSlot
from intranet.extensions import db
from intranet.notifications.models import OutboxMessage
from tests.coworking.conftest import SLUG, form_data
from tests.test_request_overhead import statements_of

# The centre's and library's rows (the worker keeps the centre with its seats); closed days;
# the person's no-shows and week (one read); the busy seats; the person's claims; the booking;
# its claims; its quarter hours; the centre's rules version (FOR SHARE on PostgreSQL); the
# email in the outbox — 10. No savepoint: a lost race rolls the transaction back.
# The form's choices for the day (its grid) are worked out only when the form is shown again,
# not for a booking that succeeds; the coordinators are told by the worker, not in the request.
MOST_STATEMENTS = 10


def test_a_booking_sends_few_statements(app, client):
    data = form_data(client, duration="120")  # 8 quarter hours, 4 claims: one INSERT each
    with statements_of(app) as sent:
        response = client.post(f"/coworking/{SLUG}/book", data=data)
    assert response.status_code == 302
    assert "/booking/" in response.headers["Location"]
    listing = "\n".join(sent)
    assert len(sent) <= MOST_STATEMENTS, listing
    assert not [s for s in sent if s.lstrip().upper().startswith("UPDATE")], listing  # no sweep
    with app.app_context():
        booking = db.session.scalars(select(Booking)).one()
        count = db.session.scalar
        assert count(select(func.count()).where(BookingSlot.booking_id == booking.id)) == 8
        assert count(select(func.count()).where(BookingClaim.booking_id == booking.id)) == 4
        assert count(select(func.count()).select_from(OutboxMessage)) == 1  # sent by the worker


# A refusal shows the form again with other ways to book: the centre; the service's reads
# (closed days, the person, busy seats) and whether this very form booked before (its key);
# the form's day grid (closed days, busy seats); the other centres with their seats and
# libraries; the days ahead here and the other centres' day (closed days and busy seats, one
# read each for all of them) — 14. Each grid hands what it read of the calendar to the rules,
# which would otherwise read it again per centre.
MOST_REFUSAL_STATEMENTS = 14


def test_a_refused_booking_reads_each_day_once(app, client):
    first = form_data(client, seat="1")
    assert client.post(f"/coworking/{SLUG}/book", data=first).status_code == 302
    second = form_data(client, seat="1", phone="+77019876543", email="dana@example.kz")
    with statements_of(app) as sent:
        response = client.post(f"/coworking/{SLUG}/book", data=second)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert 'name="full_name"' in page
    assert "Aidana Serikova" in page  # what was typed stays
    listing = "\n".join(sent)
    assert len(sent) <= MOST_REFUSAL_STATEMENTS, listing
    closed_day_reads = [s for s in sent if "FROM closed_day" in s or "closed_day.id" in s]
    assert len(closed_day_reads) <= 4, listing
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Booking)) == 1
