"""Authorization matrix rows of coworking (see tests/security/matrix.py).

Centre X is No. 6's (coordinator_x), centre Y No. 8's (coordinator_y).
"""

from intranet.auth.models import User
from intranet.coworking import services
from intranet.coworking.models import Booking
from intranet.extensions import db
from tests.coworking.conftest import booking_request, get_centre, open_days
from tests.security.matrix import PUBLIC, outcome, plain

CENTRE_X = "cowork-no-6"
COWORKING_STAFF = outcome(
    "forbidden",
    anonymous="login",
    coordinator_x="ok",
    coordinator_y="ok",
    central="ok",
    admin="ok",
)
CENTRE_X_STAFF = outcome(
    "forbidden", anonymous="login", coordinator_x="ok", central="ok", admin="ok"
)


def centre_x(world) -> dict:
    return {"slug": CENTRE_X}


def _booking(world, confirmed: bool = False) -> tuple[int, str]:
    """A fresh booking at centre X by a new visitor (each has their own phone and email)."""
    world._n += 1
    n = world._n
    with world.app.app_context():
        centre = get_centre(CENTRE_X)
        person = {"phone": f"+7705{n:07d}", "email": f"m{n}@example.kz"}
        booking = services.create_booking(
            centre, booking_request(open_days(1, CENTRE_X)[0], **person)
        )
        if confirmed:
            admin = db.session.get(User, world.user_ids["admin"])
            services.approve_booking(booking, actor=admin)
        db.session.commit()
        return booking.id, booking.token


def pending_booking(world) -> dict:
    return {"booking_id": _booking(world)[0]}


def booking_token(world) -> dict:
    return {"token": _booking(world, confirmed=True)[1]}


def cancelled_booking_token(world) -> dict:
    """A booking its visitor has cancelled: its personal data may now be deleted."""
    booking_id, token = _booking(world)
    with world.app.app_context():
        services.cancel_booking(db.session.get(Booking, booking_id))
        db.session.commit()
    return {"token": token}


def seat_code_of_x(world) -> dict:
    """A printed seat code of centre X, as its QR code opens it."""
    from intranet.coworking import qr

    with world.app.app_context():
        centre = get_centre(CENTRE_X)
        seat_id = centre.seats[0].id
        return {"slug": CENTRE_X, "seat_id": seat_id, "sig": qr.signature(centre.id, seat_id)}


def checked_in_booking_token(world) -> dict:
    """A booking whose visitor is checked in: they may end it early."""
    booking_id, token = _booking(world, confirmed=True)
    with world.app.app_context():
        booking = db.session.get(Booking, booking_id)
        booking.status = "checked_in"
        db.session.commit()
    return {"token": token}


ROWS = {
    ("coworking_public.centres", "GET"): (plain, PUBLIC),
    ("coworking_public.centre", "GET"): (centre_x, PUBLIC),
    ("coworking_public.find", "GET"): (plain, PUBLIC),
    ("coworking_public.book", "GET"): (centre_x, PUBLIC),
    ("coworking_public.book", "POST"): (centre_x, PUBLIC),
    ("coworking_public.booking_page", "GET"): (booking_token, PUBLIC),
    ("coworking_public.booking_calendar", "GET"): (booking_token, PUBLIC),
    ("coworking_public.cancel", "GET"): (booking_token, PUBLIC),
    ("coworking_public.cancel", "POST"): (booking_token, PUBLIC),
    ("coworking_public.lost_link", "GET"): (plain, PUBLIC),
    ("coworking_public.lost_link", "POST"): (plain, PUBLIC),
    ("coworking_public.erase", "GET"): (cancelled_booking_token, PUBLIC),
    ("coworking_public.erase", "POST"): (cancelled_booking_token, PUBLIC),
    ("coworking_api.availability", "GET"): (centre_x, PUBLIC),
    ("coworking_checkin.scan", "GET"): (seat_code_of_x, PUBLIC),
    ("coworking_checkin.scan", "POST"): (seat_code_of_x, PUBLIC),
    ("coworking_checkin.end_early", "POST"): (checked_in_booking_token, PUBLIC),
    ("coworking_staff.codes", "GET"): (centre_x, CENTRE_X_STAFF),
    ("coworking_staff.day_list", "GET"): (centre_x, CENTRE_X_STAFF),
    ("coworking_staff.inbox", "GET"): (plain, COWORKING_STAFF),
    ("coworking_staff.approve_many", "POST"): (plain, COWORKING_STAFF),
    ("coworking_staff.approve", "POST"): (pending_booking, CENTRE_X_STAFF),
    ("coworking_staff.reject", "POST"): (pending_booking, CENTRE_X_STAFF),
    ("coworking_staff.check_in", "POST"): (pending_booking, CENTRE_X_STAFF),
    ("coworking_staff.check_in_code", "POST"): (centre_x, CENTRE_X_STAFF),
    ("coworking_staff.board", "GET"): (centre_x, CENTRE_X_STAFF),
    ("coworking_staff.setup", "GET"): (centre_x, CENTRE_X_STAFF),
    ("coworking_staff.save_centre", "POST"): (centre_x, CENTRE_X_STAFF),
    ("coworking_staff.save_hours", "POST"): (centre_x, CENTRE_X_STAFF),
    ("coworking_staff.save_seats", "POST"): (centre_x, CENTRE_X_STAFF),
    ("coworking_staff.add_closure", "POST"): (centre_x, CENTRE_X_STAFF),
}
