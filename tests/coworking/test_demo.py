"""`seed --demo` fills the inbox and the boards: every status in each of the five centres."""

from sqlalchemy import func, select

from intranet.coworking.models import Booking, BookingStatus, CoworkingCentre
from intranet.extensions import db
from intranet.libraries.models import WorkingDay
from tests.conftest import login


def test_demo_bookings_in_every_status_for_every_centre(app, runner):
    result = runner.invoke(args=["seed", "--demo"])
    assert result.exit_code == 0, result.output
    assert "coworking bookings" in result.output
    with app.app_context():
        rows = db.session.execute(select(Booking.centre_id, Booking.status, Booking.is_demo)).all()
        centres = db.session.scalars(select(CoworkingCentre.id)).all()
        assert all(is_demo for _, _, is_demo in rows)
        for centre_id in centres:
            statuses = {status for cid, status, _ in rows if cid == centre_id}
            assert statuses == set(BookingStatus), (centre_id, statuses)
        count = db.session.scalar(select(func.count(Booking.id)))
    assert "Demo data: 1 moved working day." in result.output
    runner.invoke(args=["seed", "--demo"])  # idempotent
    with app.app_context():
        assert db.session.scalar(select(func.count(Booking.id))) == count
        saturday = db.session.scalars(select(WorkingDay.day)).one()  # one, marked as demo
        assert saturday.weekday() == 5
    client = app.test_client()
    login(client, "coordinator@demo.kz", "demo-password-2026")
    body = client.get("/staff/coworking/").get_data(as_text=True)
    assert "(демо)" in body
