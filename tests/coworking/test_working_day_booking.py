"""A student books a seat on a moved working Saturday through the public form, not on the
Monday it replaced; reading the calendar costs no more statements than before."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from intranet.clock import to_local
from intranet.coworking.models import Booking, CoworkingCentre
from intranet.coworking.queries import grids_ahead
from intranet.extensions import db
from tests.coworking.conftest import SLUG, form_data
from tests.coworking.test_booking_cost import most_statements
from tests.libraries.working_days import move_monday_to_saturday, quiet_saturday
from tests.test_request_overhead import statements_of


def _moved(app):
    with app.app_context():
        saturday = quiet_saturday()
        move_monday_to_saturday(saturday)
    return saturday


@pytest.mark.usefixtures("centre_kept_a_minute")
def test_a_student_books_the_moved_saturday_at_monday_hours_in_few_statements(app, client):
    saturday = _moved(app)
    page = client.get(f"/coworking/{SLUG}/book?date={saturday}&lang=en").get_data(as_text=True)
    assert 'value="09:00"' in page  # Monday's opening; the centre's Saturdays start at 10:00
    data = form_data(client, day=saturday.isoformat(), start="09:00", duration="120")
    with statements_of(app) as sent:
        response = client.post(f"/coworking/{SLUG}/book", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert len(sent) <= most_statements(app), "\n".join(sent)
    with app.app_context():
        booking = db.session.scalars(select(Booking)).one()
        assert to_local(booking.start_dt).date() == saturday
        assert to_local(booking.start_dt).hour == 9
        library = booking.centre.library
        library.opening_hours = {"mon": ["09:00", "18:00"], "sat": ["10:00", "15:00"]}
        db.session.commit()
    page = client.get(response.headers["Location"] + "&lang=ru").get_data(as_text=True)
    assert "Часы работы библиотеки в этот день: 09:00–18:00" in page  # Monday's, not 10:00–15:00


def test_the_moved_away_monday_takes_no_booking(app, client):
    monday = _moved(app) + timedelta(days=2)
    page = client.get(f"/coworking/{SLUG}/book?date={monday}&lang=en").get_data(as_text=True)
    assert 'name="start"' in page
    assert 'value="10:00"' not in page
    response = client.post(
        f"/coworking/{SLUG}/book", data=form_data(client, day=monday.isoformat())
    )
    assert response.status_code == 400
    assert "closed on this day" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(Booking)).all() == []


def test_a_week_of_every_centre_reads_the_calendar_in_one_statement(app):
    saturday = _moved(app)
    with app.app_context():
        centres = db.session.scalars(select(CoworkingCentre)).all()
        with statements_of(app) as sent:
            grids = grids_ahead(centres, saturday, 3)
        assert len(sent) == 2, "\n".join(sent)  # closed and working days; held quarter hours
        assert all(grids[(c.id, saturday)].is_open for c in centres)
        assert not any(grids[(c.id, saturday + timedelta(days=2))].is_open for c in centres)
