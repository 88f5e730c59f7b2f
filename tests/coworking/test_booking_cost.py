"""The booking POST is lean: the fewest statements the rules allow, no sweep, no mail sent."""

from datetime import time, timedelta

import pytest
from psycopg.pq import TransactionStatus
from sqlalchemy import event, func, select

from intranet.coworking.models import Booking, BookingClaim, BookingSlot
from intranet.coworking.queries.finder import LOOK_AHEAD_DAYS
from intranet.coworking.services import check_person
from intranet.coworking.services.booking import read_facts
from intranet.extensions import db
from intranet.libraries.models import ClosedDay
from intranet.libraries.services import closed_days
from intranet.models import utc_now
from intranet.notifications.models import OutboxMessage
from tests.coworking.conftest import (
    SLUG,
    booking_request,
    form_data,
    get_centre,
    open_days,
    server_connections,
    two_peoples_forms,
)
from tests.test_request_overhead import statements_of

# Everything the rules read in one statement (closed and moved days, the person's no-shows and
# week, the busy seats, the person's claims); the booking; its claims; its quarter hours; the
# email in the outbox; the centre's rules version (FOR SHARE on PostgreSQL) — 6 on SQLite. On
# PostgreSQL, where each is a round trip, the version and the four writes are one statement,
# which writes only if the version is still the one checked — 2, and no transaction around
# them (no BEGIN, no COMMIT). No savepoint: a lost race rolls the transaction back. The centre
# is the worker's copy, checked by the form's GET a moment before (at most once a second:
# test_centre_snapshot), not read again.
# The form's choices for the day (its grid) are worked out only when the form is shown again,
# not for a booking that succeeds; the coordinators are told by the worker, not in the request.
MOST_STATEMENTS = {"sqlite": 6, "postgresql": 2}


def most_statements(app) -> int:
    """The most statements a booking may send on the app's database."""
    with app.app_context():
        return MOST_STATEMENTS[db.engine.dialect.name]


@pytest.mark.usefixtures("centre_kept_a_minute")
def test_a_booking_sends_few_statements(app, client):
    data = form_data(client, duration="120")  # 8 quarter hours, 4 claims: one INSERT each
    with statements_of(app) as sent:
        response = client.post(f"/coworking/{SLUG}/book", data=data)
    assert response.status_code == 302
    assert "/booking/" in response.headers["Location"]
    listing = "\n".join(sent)
    assert len(sent) <= most_statements(app), listing
    assert not [s for s in sent if s.lstrip().upper().startswith("UPDATE")], listing  # no sweep
    with app.app_context():
        booking = db.session.scalars(select(Booking)).one()
        count = db.session.scalar
        assert count(select(func.count()).where(BookingSlot.booking_id == booking.id)) == 8
        assert count(select(func.count()).where(BookingClaim.booking_id == booking.id)) == 4
        assert count(select(func.count()).select_from(OutboxMessage)) == 1  # sent by the worker


def test_a_booking_on_postgresql_sends_its_statements_outside_a_transaction(app, client):
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("SQLite keeps its transaction: one sync to disk at its commit")
    data = form_data(client, duration="120")
    open_before: list[bool] = []

    def record(_conn, cursor, _statement, *_args) -> None:
        # psycopg's own view of the connection: a transaction open before the statement.
        open_before.append(cursor.connection.info.transaction_status != TransactionStatus.IDLE)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        response = client.post(f"/coworking/{SLUG}/book", data=data)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert response.status_code == 302
    assert open_before == [False] * len(open_before)
    assert 0 < len(open_before) <= 3
    with app.app_context():
        # The booking, its claims, quarter hours and email were written together, and the
        # connection went back to the pool with transactions again for the next request.
        booking = db.session.scalars(select(Booking)).one()
        count = db.session.scalar
        assert count(select(func.count()).where(BookingSlot.booking_id == booking.id)) == 8
        message = db.session.scalars(select(OutboxMessage)).one()
        assert message.about == f"booking:{booking.id}"
        assert message.recipient == booking.email
        assert db.session.connection().connection.dbapi_connection.autocommit is False


@pytest.mark.usefixtures("centre_kept_a_minute")
def test_bookings_on_postgresql_run_on_a_connection_kept_from_one_to_the_next(app, client):
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("SQLite's statements run in the session's transaction")
    first, second = two_peoples_forms(client)
    taken: list[object] = []

    def take(dbapi_connection, *_args) -> None:
        taken.append(dbapi_connection)

    with app.app_context():
        engine = db.engine
    with server_connections(app) as backends:
        assert client.post(f"/coworking/{SLUG}/book", data=first).status_code == 302
        # From the second booking on, no connection is taken from the pool and given back.
        event.listen(engine, "checkout", take)
        try:
            assert client.post(f"/coworking/{SLUG}/book", data=second).status_code == 302
        finally:
            event.remove(engine, "checkout", take)
    assert taken == []
    assert len(backends) >= 4
    assert len(set(backends)) == 1, backends  # one server connection for both bookings
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Booking)) == 2


# A refusal shows the form again with other ways to book: the centre; the service's reads
# (closed days, the person, busy seats) and whether this very form booked before (its key); the
# other centres, checked against the worker's copies by one plain read; the asked day of this
# centre and of the others together (closed days and busy seats, one read each for all of them),
# which also gives the form its choices — 6. The rest of the week here is read (two more) only
# when the asked day has too few later free times, and the days after it (two more) only when the
# asked day is full and that week has no free day either. A worker's first refusal also loads
# the other centres it keeps (one read each). Each grid hands what it read of the calendar to
# the rules, which would otherwise read it again per centre.
MOST_REFUSAL_STATEMENTS = 6


def test_a_refused_booking_reads_each_day_once(app, client):
    first = form_data(client, seat="1")
    assert client.post(f"/coworking/{SLUG}/book", data=first).status_code == 302
    warm = form_data(client, seat="1", phone="+77015550000", email="warm@example.kz")
    assert client.post(f"/coworking/{SLUG}/book", data=warm).status_code == 409
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
    assert not [s for s in sent if "seat.label" in s or "seat_1.label" in s], listing
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Booking)) == 1


def test_a_full_day_before_a_closed_week_offers_the_next_free_day_reading_each_day_once(
    app, client, make_booking
):
    with app.app_context():
        centre = get_centre()
        day = open_days(1)[0]
        seats = [seat.id for seat in centre.active_seats]
        opens, closes = centre.hours_on(day)
        week = [day + timedelta(days=offset) for offset in range(1, LOOK_AHEAD_DAYS + 1)]
        holidays = closed_days(week[0], week[-1])  # the New Year's, when run in late December
        for closed in week:
            if closed not in holidays:  # the whole city: a week of holidays
                db.session.add(ClosedDay(day=closed, kind="closure", reason_kk="Ж"))
        db.session.commit()
        free_day = open_days(1, start=day + timedelta(days=LOOK_AHEAD_DAYS + 1))[0]
    for seat in seats:
        for hour in range(opens.hour, closes.hour, 3):
            length = min(180, (closes.hour - hour) * 60)
            make_booking(day=day, seat_id=seat, start=time(hour), duration=length)
    warm = form_data(client, day=day.isoformat(), phone="+77015550000", email="w@example.kz")
    assert client.post(f"/coworking/{SLUG}/book", data=warm).status_code in (400, 409)
    data = form_data(client, day=day.isoformat(), phone="+77019876543", email="d@example.kz")
    with statements_of(app) as sent:
        response = client.post(f"/coworking/{SLUG}/book", data=data)
    assert response.status_code in (400, 409)
    page = response.get_data(as_text=True)
    assert f"/coworking/{SLUG}/book?date={free_day.isoformat()}" in page
    # The refusal's 6, the rest of the week (closed days, held seats) and the days after it.
    listing = "\n".join(sent)
    assert len(sent) <= MOST_REFUSAL_STATEMENTS + 4, listing


def _plan(connection, statement: str, parameters) -> str:
    """The database's plan for a statement as it was sent."""
    if connection.dialect.name == "sqlite":
        rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        return "\n".join(str(row[-1]) for row in rows)
    connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
    rows = connection.exec_driver_sql(f"EXPLAIN {statement}", parameters)
    return "\n".join(str(row[0]) for row in rows)


@pytest.mark.parametrize("read", ["the rule's own", "the booking's folded"])
def test_a_persons_bookings_are_found_by_phone_and_email_not_in_the_citys_week(app, read):
    # The plan of the statement the rules send: a booking reads the person's own bookings,
    # whatever the number of bookings the whole city holds that week.
    sent = []

    def keep(_conn, _cursor, statement, parameters, _context, _many) -> None:
        if "booking.phone" in statement:
            sent.append((statement, parameters))

    phone, email = "+77011234567", "a@example.kz"
    with app.app_context():
        day = open_days(1)[0]
        centre = get_centre()
        event.listen(db.engine, "before_cursor_execute", keep)
        try:
            if read == "the rule's own":
                check_person(centre, day, phone, email, utc_now())
            else:
                wanted = booking_request(day, phone=phone, email=email)
                read_facts(centre, wanted, phone, email, utc_now())
        finally:
            event.remove(db.engine, "before_cursor_execute", keep)
        ((statement, parameters),) = sent
        plan = _plan(db.session.connection(), statement, parameters)
        db.session.rollback()
    assert "ix_booking_phone" in plan, plan
    assert "ix_booking_email" in plan, plan
    assert "ix_booking_status_start" not in plan, plan
