"""A booking form sent twice (a double click, a proxy resending it) shows the booking it made."""

import threading
import time

from sqlalchemy import func, select

from intranet.coworking import services
from intranet.coworking.forms import BookingForm
from intranet.coworking.models import Booking, BookingStatus
from intranet.coworking.services import BookingRequest
from intranet.coworking.services import booking as booking_service
from intranet.extensions import db
from intranet.notifications.models import OutboxMessage
from tests.coworking.conftest import REQUEST_KEY_RE, SLUG, form_data, get_centre, open_days

BOOK = f"/coworking/{SLUG}/book"


def stored(app) -> list[tuple[str, str | None]]:
    """(token, request key) of every booking, oldest first."""
    with app.app_context():
        return [
            (b.token, b.request_key)
            for b in db.session.scalars(select(Booking).order_by(Booking.id))
        ]


def mails(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(OutboxMessage))


def test_each_showing_of_the_form_has_its_own_key(app, client):
    """Shown again, or to a new visitor with no cookie: the page is never a kept copy."""
    pages = [client.get(BOOK), client.get(BOOK), app.test_client().get(BOOK)]
    keys = {REQUEST_KEY_RE.search(page.get_data(as_text=True)).group(1) for page in pages}
    assert len(keys) == 3
    assert all("no-store" in page.headers["Cache-Control"] for page in pages)


def test_a_form_sent_twice_answers_with_the_booking_it_made(app, client):
    data = form_data(client)
    first = client.post(BOOK, data=data)
    again = client.post(BOOK, data=data)
    assert first.status_code == again.status_code == 302
    assert again.headers["Location"] == first.headers["Location"]
    [(token, key)] = stored(app)
    assert key == data["request_key"]
    assert f"/booking/{token}" in again.headers["Location"]
    assert mails(app) == 1  # one "request received", not two


def test_a_form_sent_twice_books_once_where_the_allowance_would_take_two(app, client):
    """Two a day allowed, any free seat: only the form's key tells the copy from a new booking."""
    with app.app_context():
        get_centre().limit_per_day = 2
        db.session.commit()
    data = form_data(client)
    first = client.post(BOOK, data=data)
    again = client.post(BOOK, data=data)
    assert again.headers["Location"] == first.headers["Location"]
    assert len(stored(app)) == 1


def test_a_copy_sent_while_the_first_is_being_saved_answers_with_it(app, client):
    """The copy reads before the first commits, so only the key's UNIQUE index can stop it."""
    data = form_data(client)
    request = form_request(app, data)
    answers: dict[str, str] = {}

    def copy() -> None:
        with app.app_context():
            answers["token"] = services.booking_token(get_centre(), request)  # as the form does
            db.session.commit()

    with app.app_context():
        token = services.booking_token(get_centre(), request)  # written, not yet committed
        thread = threading.Thread(target=copy)
        thread.start()
        time.sleep(0.5)  # the copy has read (nothing of the first) and waits to write
        db.session.commit()
    thread.join()
    assert answers == {"token": token}
    assert len(stored(app)) == 1


def test_a_form_left_on_a_shared_computer_books_for_the_next_student(app, client):
    """The next student at the library's computer goes Back and fills the form in again."""
    data = form_data(client)
    first = client.post(BOOK, data=data)
    other = {**data, "full_name": "Dana Bekova", "phone": "+7 702 765 43 21"}
    second = client.post(BOOK, data={**other, "email": "dana@example.kz"})
    assert first.status_code == second.status_code == 302
    assert second.headers["Location"] != first.headers["Location"]
    assert [key for _, key in stored(app)] == [data["request_key"], None]


def form_request(app, data: dict) -> BookingRequest:
    """The service's request from the form as the browser sends it."""
    with app.test_request_context(method="POST", data=data):
        form = BookingForm(meta={"csrf": False})
        assert form.validate(), form.errors
        return form.to_request(language="kk")


def test_an_old_form_sent_for_another_day_makes_a_new_booking(app, client):
    """The browser's Back brings the first form again; a new day in it is a new booking."""
    with app.app_context():
        first_day, second_day = (d.isoformat() for d in open_days(2))
    data = form_data(client, day=first_day)
    first = client.post(BOOK, data=data)
    second = client.post(BOOK, data={**data, "day": second_day})
    assert first.status_code == second.status_code == 302
    assert second.headers["Location"] != first.headers["Location"]
    assert [key for _, key in stored(app)] == [data["request_key"], None]
    assert mails(app) == 2


def test_a_form_sent_again_after_its_booking_was_cancelled_books_again(app, client):
    data = form_data(client)
    first = client.post(BOOK, data=data)
    with app.app_context():
        booking = db.session.scalars(select(Booking)).one()
        services.cancel_booking(booking)
        db.session.commit()
    again = client.post(BOOK, data=data)
    assert again.status_code == 302
    assert again.headers["Location"] != first.headers["Location"]
    with app.app_context():
        statuses = db.session.scalars(select(Booking.status).order_by(Booking.id)).all()
    assert statuses == [BookingStatus.CANCELLED, BookingStatus.PENDING]


def test_a_key_that_is_not_ours_is_no_key(app, client):
    data = form_data(client, request_key="<script>")
    assert client.post(BOOK, data=data).status_code == 302
    assert [key for _, key in stored(app)] == [None]


def test_a_check_in_code_drawn_twice_is_drawn_again(app, make_booking, monkeypatch):
    """40-bit codes meet one day: the UNIQUE index refuses the second, and it is drawn again."""
    first = make_booking()
    with app.app_context():
        taken = db.session.get(Booking, first).code
    drawn = iter([taken])
    real = booking_service.new_code
    monkeypatch.setattr(booking_service, "new_code", lambda: next(drawn, None) or real())
    second = make_booking()
    with app.app_context():
        codes = db.session.scalars(select(Booking.code).order_by(Booking.id)).all()
        assert len(codes) == 2
        assert codes[0] == taken
        assert codes[1] != taken
        assert db.session.get(Booking, second).status in (
            BookingStatus.PENDING,
            BookingStatus.CONFIRMED,
        )
        assert mails(app) == 2  # one email each, none for the refused first draw
