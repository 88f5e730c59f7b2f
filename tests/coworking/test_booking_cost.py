"""The booking POST is lean: the fewest statements the rules allow, no sweep, no mail sent."""

from sqlalchemy import func, select

from intranet.coworking.models import Booking, BookingClaim, BookingSlot
from intranet.extensions import db
from intranet.notifications.models import OutboxMessage
from tests.coworking.conftest import SLUG, form_data
from tests.test_request_overhead import statements_of

# The centre with its seats; closed days; the person's no-shows and week (one read); the busy
# seats; the person's claims; SAVEPOINT; the booking; its claims; its quarter hours; the
# centre's rules version (FOR SHARE on PostgreSQL); RELEASE; the email in the outbox — 12.
# The form's day grid (closed days, busy seats) is read once, for the form and the rules (the
# service is handed what it read); the coordinators are told by the worker, not in the request.
MOST_STATEMENTS = 12


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
