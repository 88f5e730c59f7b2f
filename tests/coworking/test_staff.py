"""Coordinators: their own centres only; inbox, decisions, board, check-in, set-up."""

from datetime import time, timedelta

import pytest
from sqlalchemy import select

from intranet.audit import AuditLog
from intranet.coworking.models import Booking, floor_granule, granule_starts
from intranet.extensions import db
from intranet.models import utc_now
from tests.conftest import csrf_token
from tests.coworking.conftest import OTHER, SLUG, get_centre, load


def token(client):
    return csrf_token(client, "/staff/coworking/")


def test_inbox_lists_own_centres_oldest_first(app, client, login_as, make_booking):
    first = make_booking(full_name="First Visitor")
    make_booking(full_name="Second Visitor")
    make_booking(OTHER, full_name="Elsewhere Visitor")
    login_as("coordinator", centres=[SLUG])
    body = client.get("/staff/coworking/").get_data(as_text=True)
    assert body.index("First Visitor") < body.index("Second Visitor")
    assert "Elsewhere Visitor" not in body
    assert load(app, first).status == "pending"


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("post", "/staff/coworking/bookings/{id}/approve"),
        ("post", "/staff/coworking/bookings/{id}/reject"),
        ("post", "/staff/coworking/bookings/{id}/check-in"),
        ("get", "/staff/coworking/" + OTHER + "/board"),
        ("get", "/staff/coworking/" + OTHER + "/setup"),
        ("post", "/staff/coworking/" + OTHER + "/setup"),
        ("post", "/staff/coworking/" + OTHER + "/hours"),
        ("post", "/staff/coworking/" + OTHER + "/seats"),
        ("post", "/staff/coworking/" + OTHER + "/check-in"),
    ],
)
def test_coordinator_cannot_act_on_another_centre(app, client, login_as, make_booking, method, url):
    other_id = make_booking(OTHER)
    login_as("coordinator", centres=[SLUG])
    data = {"csrf_token": token(client), "preset": "full", "code": "X", "label": "99"}
    response = getattr(client, method)(url.format(id=other_id), data=data)
    assert response.status_code == 403
    assert load(app, other_id).status == "pending"
    with app.app_context():
        assert db.session.scalar(select(AuditLog).where(AuditLog.action == "access.denied"))


def test_bulk_approve_refuses_a_foreign_id(app, client, login_as, make_booking):
    mine, other = make_booking(), make_booking(OTHER)
    login_as("coordinator", centres=[SLUG])
    data = {"csrf_token": token(client), "ids": [str(mine), str(other)]}
    assert client.post("/staff/coworking/approve", data=data).status_code == 403
    assert load(app, mine).status == "pending"
    assert load(app, other).status == "pending"


def test_branch_staff_and_anonymous_are_kept_out(client, login_as):
    assert client.get("/staff/coworking/").status_code == 302
    login_as("branch_staff", library="no-6")
    assert client.get("/staff/coworking/").status_code == 403


def test_approve_reject_and_bulk(app, client, login_as, make_booking):
    a, b, c, d = (make_booking(start=time(h)) for h in (10, 11, 12, 13))
    login_as("coordinator", centres=[SLUG])
    client.post(f"/staff/coworking/bookings/{a}/approve", data={"csrf_token": token(client)})
    assert load(app, a).status == "confirmed"
    client.post(
        f"/staff/coworking/bookings/{b}/reject",
        data={"csrf_token": token(client), "preset": "full"},
    )
    rejected = load(app, b)
    assert rejected.status == "rejected"
    assert "group event" in rejected.reject_reason
    with app.app_context():
        assert not db.session.get(Booking, b).slots  # the seat is free again
    response = client.post(
        f"/staff/coworking/bookings/{c}/reject", data={"csrf_token": token(client), "preset": ""}
    )
    assert response.status_code == 303
    assert load(app, c).status == "pending"
    client.post(
        "/staff/coworking/approve", data={"csrf_token": token(client), "ids": [str(c), str(d)]}
    )
    assert load(app, c).status == "confirmed"
    assert load(app, d).status == "confirmed"


def test_preset_reason_is_in_the_visitors_language(app, client, login_as, make_booking):
    booking_id = make_booking(language="ru")
    login_as("central_staff")
    client.post(
        f"/staff/coworking/bookings/{booking_id}/reject",
        data={"csrf_token": token(client), "preset": "purpose"},
    )
    assert (
        load(app, booking_id).reject_reason
        != "The purpose of the visit does not suit the coworking centre."
    )


def test_board_and_check_in_by_code(app, client, login_as, make_booking):
    booking_id = make_booking(full_name="Board Visitor")
    with app.app_context():
        booking = db.session.get(Booking, booking_id)
        booking.status = "confirmed"
        # Move it to this quarter hour so check-in is open (the seat-slot rows move with it).
        start = floor_granule(utc_now())
        booking.start_dt, booking.end_dt = start, start + timedelta(hours=1)
        for slot, moment in zip(booking.slots, granule_starts(start, booking.end_dt), strict=True):
            slot.slot_start = moment
        db.session.commit()
        code = booking.code
    login_as("coordinator", centres=[SLUG])
    body = client.get(f"/staff/coworking/{SLUG}/board").get_data(as_text=True)
    assert "Board Visitor" in body
    assert code in body
    response = client.post(
        f"/staff/coworking/{SLUG}/check-in",
        data={"csrf_token": token(client), "code": code.lower()},
    )
    assert response.status_code == 303
    assert load(app, booking_id).status == "checked_in"
    wrong = client.post(
        f"/staff/coworking/{SLUG}/check-in",
        data={"csrf_token": token(client), "code": "NOPE"},
        follow_redirects=True,
    )
    assert "No booking with this code" in wrong.get_data(as_text=True)


def test_setup_changes_rules_hours_and_closures(app, client, login_as):
    login_as("coordinator", centres=[SLUG])
    page = client.get(f"/staff/coworking/{SLUG}/setup")
    assert page.status_code == 200
    rules = {
        "csrf_token": token(client),
        "description_kk": "Тыныш аймақ бар.",
        "slot_minutes": "30",
        "min_duration_minutes": "60",
        "max_duration_minutes": "180",
        "horizon_days": "7",
        "min_notice_minutes": "30",
        "is_auto_approve": "y",
        "grace_minutes": "10",
        "check_in_opens_minutes": "20",
        "limit_per_day": "1",
        "limit_per_week": "4",
        "block_after_no_shows": "3",
        "block_window_days": "30",
        "block_days": "14",
    }
    hours = {
        "csrf_token": rules["csrf_token"],
        "sanitary_day": "last-fri",
        **{f"{d}_open": "09:00" for d in ("mon", "tue", "wed", "thu", "fri")},
        **{f"{d}_close": "19:00" for d in ("mon", "tue", "wed", "thu", "fri")},
        "sat_open": "10:00",
        "sat_close": "16:00",
    }
    assert client.post(f"/staff/coworking/{SLUG}/setup", data=rules).status_code == 303
    assert client.post(f"/staff/coworking/{SLUG}/hours", data=hours).status_code == 303
    with app.app_context():
        centre = get_centre()
        assert centre.slot_minutes == 30
        assert centre.is_auto_approve
        assert centre.description_kk == "Тыныш аймақ бар."
        assert centre.opening_hours["sun"] is None
        assert centre.opening_hours["mon"] == ["09:00", "19:00"]
        assert centre.sanitary_day == "last-fri"
    bad_rules = {**rules, "max_duration_minutes": "30"}
    bad = client.post(f"/staff/coworking/{SLUG}/setup", data=bad_rules)
    assert bad.status_code == 400
    bad_hours = client.post(f"/staff/coworking/{SLUG}/hours", data={**hours, "mon_close": "08:00"})
    assert bad_hours.status_code == 400
    closure = {"csrf_token": token(client), "day": "2027-02-30", "reason": "Ремонт"}
    assert client.post(f"/staff/coworking/{SLUG}/closures", data=closure).status_code == 400
    closure["day"] = "2027-06-02"
    assert client.post(f"/staff/coworking/{SLUG}/closures", data=closure).status_code == 303


def test_inbox_is_one_card_per_request_with_its_actions(app, client, login_as, make_booking):
    ids = [make_booking(full_name=name) for name in ("Әсел Нұрова", "Сергей Пак")]
    login_as("coordinator", centres=[SLUG])
    body = client.get("/staff/coworking/").get_data(as_text=True)
    cards = body.split('<article class="card request-card')[1:]
    assert len(cards) == 2
    for booking_id, card in zip(ids, cards, strict=True):
        card = card.split("</article>")[0]
        # Tick for the bulk approval, approve in one click, reject with a reason behind a summary.
        assert f'name="ids" value="{booking_id}" form="bulk"' in card
        assert f'/bookings/{booking_id}/approve"' in card
        assert "<details" in card
        assert f'/bookings/{booking_id}/reject"' in card
    # "Select all" is there for scripts to show; without them each box is ticked by hand.
    assert 'data-select-all="bulk" hidden' in body
    assert "js/select-all" in body
