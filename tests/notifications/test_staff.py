"""Staff are told, by email through the outbox and by a notice under the bell, in their own
language, of what waits for them; each kind can be switched off; timers tell once."""

from datetime import date, time, timedelta

from sqlalchemy import func, select

from intranet.auth.models import User
from intranet.clock import from_local
from intranet.coworking.models import Booking
from intranet.coworking.services import send_request_digests, tell_new_requests, warn_expiring
from intranet.events.models import Status
from intranet.events.seed import seed_event_types
from intranet.events.services import send_queue_digest
from intranet.extensions import db
from intranet.libraries.models import Library
from intranet.models import utc_now
from intranet.notifications.models import Notice, NotificationPreference, OutboxMessage
from intranet.reports.services import decide_report, remind_months_due, submit_report
from intranet.reports.services.telling import month_accepted
from tests.conftest import csrf_token, login
from tests.coworking.conftest import SLUG, form_data, open_days
from tests.events.conftest import event_data, walk_to
from tests.notifications.conftest import outbox, run_worker


def messages(app, kind: str) -> list[OutboxMessage]:
    return [m for m in outbox(app) if m.kind == kind]


def notices(app, user_id: int) -> list[str]:
    with app.app_context():
        return list(
            db.session.scalars(
                select(Notice.text).where(Notice.user_id == user_id).order_by(Notice.id)
            )
        )


def pending_event(app, library_slug: str = "no-6") -> int:
    from intranet.events import services

    with app.app_context():
        seed_event_types()
        event = services.create_event(event_data(library_slug=library_slug), actor=None)
        walk_to(event, Status.PENDING)
        db.session.commit()
        return event.id


def step(client, event_id: int, action: str, comment: str = ""):
    token = csrf_token(client, f"/staff/events/{event_id}")
    return client.post(
        f"/staff/events/{event_id}/{action}",
        data={"csrf_token": token, "comment": comment, "scope": "one"},
    )


def switch_off(client, *kinds: str, digest: int | None = None):
    """Untick `kinds` on "my notifications" (every other tick stays on)."""
    page = client.get("/staff/me/notifications").get_data(as_text=True)
    names = [
        n
        for n in (
            "coworking_new_request",
            "coworking_request_expiring",
            "events_approved",
            "events_returned",
            "events_cancelled",
            "reports_month_due",
            "reports_month_returned",
            "reports_month_accepted",
            "events_queue_digest",
            "reports_month_submitted",
        )
        if f'name="{n}"' in page
    ]
    data = {"csrf_token": csrf_token(client, "/staff/me/notifications")}
    data |= {n: "y" for n in names if n.replace("_", ".", 1) not in kinds}
    if digest is not None:
        data["digest"] = str(digest)
    return client.post("/staff/me/notifications", data=data)


class TestEvents:
    def test_approval_tells_the_library_in_its_staff_language_and_nobody_else(
        self, app, client, make_user
    ):
        kk_id, kk_email = make_user("branch_staff", library="no-6", language="kk")
        ru_id, ru_email = make_user("branch_staff", library="no-6", language="ru")
        other_id, _ = make_user("branch_staff", library="no-8")
        central_id, central_email = make_user("central_staff")
        event_id = pending_event(app)
        login(client, central_email)
        assert step(client, event_id, "approve").status_code == 302

        sent = {m.recipient: m for m in messages(app, "events.approved")}
        assert set(sent) == {kk_email, ru_email}
        assert sent[kk_email].language == "kk"
        assert "Поэзия сағаты" in sent[kk_email].subject
        assert "бекітілді" in sent[kk_email].subject.lower()
        assert "Час поэзии" in sent[ru_email].subject
        assert "утверждено" in sent[ru_email].subject.lower()
        assert f"https://lib.kz/staff/events/{event_id}" in sent[ru_email].body_text
        assert len(notices(app, kk_id)) == 1
        assert len(notices(app, ru_id)) == 1
        assert notices(app, other_id) == []
        assert notices(app, central_id) == []

    def test_return_carries_the_comment_and_respects_a_switched_off_kind(
        self, app, client, make_user
    ):
        on_id, on_email = make_user("branch_staff", library="no-6")
        off_id, off_email = make_user("branch_staff", library="no-6")
        _, central_email = make_user("central_staff")
        login(client, off_email)
        assert switch_off(client, "events.returned").status_code == 303
        client.post("/logout", data={"csrf_token": csrf_token(client, "/staff/")})

        event_id = pending_event(app)
        central = app.test_client()
        login(central, central_email)
        assert step(central, event_id, "return", "Залды көрсетіңіз").status_code == 302
        (message,) = messages(app, "events.returned")
        assert message.recipient == on_email
        assert "Залды көрсетіңіз" in message.body_text
        assert "Залды көрсетіңіз" in notices(app, on_id)[0]
        assert notices(app, off_id) == []

    def test_cancellation_by_central_is_told_but_not_the_librarys_own(self, app, client, make_user):
        branch_id, branch_email = make_user("branch_staff", library="no-6")
        _, other_email = make_user("branch_staff", library="no-6")
        _, central_email = make_user("central_staff")
        first, second = pending_event(app), pending_event(app)
        login(client, central_email)
        assert step(client, first, "cancel", "Зал жөндеуде").status_code == 302
        own = app.test_client()
        login(own, other_email)
        assert step(own, second, "cancel", "Ауырып қалдық").status_code == 302

        told = messages(app, "events.cancelled")
        assert sorted(m.recipient for m in told) == sorted([branch_email, other_email])
        assert all("Зал жөндеуде" in m.body_text for m in told)
        assert len(notices(app, branch_id)) == 1  # the library's own cancellation: no news

    def test_the_queue_digest_is_daily_from_eight_and_lists_the_queue(self, app, make_user):
        _, central_email = make_user("central_staff", language="ru")
        _, admin_email = make_user("admin")
        pending_event(app)
        pending_event(app, "no-8")
        with app.app_context():
            day = date(2026, 12, 2)
            assert send_queue_digest(from_local(day, time(7, 59))) == 0
            assert send_queue_digest(from_local(day, time(8, 0))) == 2
            assert send_queue_digest(from_local(day, time(15, 0))) == 0  # once a day
            db.session.commit()
        sent = {m.recipient: m for m in messages(app, "events.queue_digest")}
        assert set(sent) == {central_email, admin_email}
        body = sent[central_email].body_text
        assert "2 мероприятия ждут" in body
        assert body.count("Час поэзии") == 2
        with app.app_context():
            assert send_queue_digest(from_local(day + timedelta(days=1), time(9))) == 2


class TestReports:
    def test_submitted_tells_central_and_returned_tells_the_branch(self, app, make_user):
        branch_id, branch_email = make_user("branch_staff", library="no-6", language="kk")
        central_id, central_email = make_user("central_staff", language="ru")
        with app.app_context():
            library = db.session.scalar(select(Library).where(Library.slug == "no-6"))
            branch, central = db.session.get(User, branch_id), db.session.get(User, central_id)
            report = submit_report(
                library, actor=branch, year=2026, month=10, today=date(2026, 11, 3)
            )
            db.session.commit()
            (submitted,) = messages(app, "reports.month_submitted")
            assert submitted.recipient == central_email
            assert "октябрь 2026" in submitted.subject.lower()
            decide_report(report, actor=central, accept=False, comment="Қатысу санын тексеріңіз")
            db.session.commit()
        (returned,) = messages(app, "reports.month_returned")
        assert returned.recipient == branch_email
        assert returned.language == "kk"
        assert "Қатысу санын тексеріңіз" in returned.body_text
        assert "2026 жылғы қазан" in returned.subject.lower()
        assert len(notices(app, branch_id)) == 1
        assert len(notices(app, central_id)) == 1

    def test_accepted_tells_the_branch_in_its_language_unless_switched_off(
        self, app, client, make_user
    ):
        kk_id, kk_email = make_user("branch_staff", library="no-6", language="kk")
        ru_id, ru_email = make_user("branch_staff", library="no-6", language="ru")
        off_id, off_email = make_user("branch_staff", library="no-6", language="ru")
        other_id, _ = make_user("branch_staff", library="no-8")
        central_id, _ = make_user("central_staff", language="ru")
        login(client, off_email)
        assert switch_off(client, "reports.month_accepted").status_code == 303
        with app.app_context():
            library = db.session.scalar(select(Library).where(Library.slug == "no-6"))
            branch, central = db.session.get(User, kk_id), db.session.get(User, central_id)
            report = submit_report(
                library, actor=branch, year=2026, month=10, today=date(2026, 11, 3)
            )
            decide_report(report, actor=central, accept=True)
            db.session.commit()
        sent = {m.recipient: m for m in messages(app, "reports.month_accepted")}
        # The submitter is told too: the decision was someone else's.
        assert set(sent) == {kk_email, ru_email}
        assert sent[kk_email].language == "kk"
        assert "2026 жылғы қазан" in sent[kk_email].subject.lower()
        assert "қабылданды" in sent[kk_email].subject.lower()
        assert "октябрь 2026" in sent[ru_email].subject.lower()
        assert "принят" in sent[ru_email].subject.lower()
        assert "https://lib.kz/staff/reports/month/no-6/2026/10" in sent[ru_email].body_text
        assert [n for n in notices(app, ru_id) if "принят" in n]
        assert [n for n in notices(app, kk_id) if "қабылданды" in n]
        assert notices(app, off_id) == []
        assert notices(app, other_id) == []
        assert len(notices(app, central_id)) == 1  # only "submitted", not their own acceptance

    def test_an_acceptance_is_not_told_to_the_one_who_caused_it(self, app, make_user):
        """Whoever caused the news is skipped, even when they are among the library's staff."""
        branch_id, branch_email = make_user("branch_staff", library="no-6")
        with app.app_context():
            library = db.session.scalar(select(Library).where(Library.slug == "no-6"))
            branch = db.session.get(User, branch_id)
            report = submit_report(
                library, actor=branch, year=2026, month=10, today=date(2026, 11, 3)
            )
            db.session.flush()
            month_accepted(report, actor=branch)
            db.session.commit()
        assert messages(app, "reports.month_accepted") == []
        assert notices(app, branch_id) == []

    def test_month_due_on_the_first_and_the_fifth_once_each(self, app, make_user):
        a_id, a_email = make_user("branch_staff", library="no-6")
        b_id, b_email = make_user("branch_staff", library="no-8")
        with app.app_context():
            libraries = db.session.scalar(select(func.count(Library.id)))
            first = from_local(date(2026, 12, 1), time(0, 5))
            assert remind_months_due(first) == 2  # one per library with staff
            db.session.commit()
            assert remind_months_due(first + timedelta(hours=5)) == 0  # restart: nothing again
            assert remind_months_due(from_local(date(2026, 12, 2), time(9))) == 0
            db.session.commit()
            library = db.session.scalar(select(Library).where(Library.slug == "no-8"))
            submit_report(
                library,
                actor=db.session.get(User, b_id),
                year=2026,
                month=11,
                today=date(2026, 12, 3),
            )
            db.session.commit()
            assert remind_months_due(from_local(date(2026, 12, 5), time(8))) == 1
            db.session.commit()
            marks = db.session.scalar(
                select(func.count()).select_from(db.metadata.tables["timer_mark"])
            )
        assert marks == libraries * 2 - 1  # every library on the 1st; all but no-8 on the 5th
        due = messages(app, "reports.month_due")
        assert sorted(m.recipient for m in due) == sorted([a_email, b_email, a_email])
        assert "November 2026" in due[0].subject
        assert len(notices(app, a_id)) == 2
        assert len(notices(app, b_id)) == 1


def tell_in_next_round(app) -> None:
    """What the worker does each round before sending: tell coordinators of new requests."""
    with app.app_context():
        tell_new_requests(utc_now())
        db.session.commit()


class TestCoordinators:
    def test_a_new_request_tells_the_centres_coordinators_at_once(self, app, client, make_user):
        ru_id, ru_email = make_user("coordinator", centres=[SLUG], language="ru")
        other_id, _ = make_user("coordinator", centres=["cowork-no-12"])
        client.get("/?lang=kk")
        response = client.post(f"/coworking/{SLUG}/book", data=form_data(client, email="s@e.kz"))
        assert response.status_code == 302
        assert notices(app, ru_id) == []  # the worker tells them, in its next round (seconds)
        tell_in_next_round(app)
        tell_in_next_round(app)  # once only
        (message,) = messages(app, "coworking.new_request")
        assert message.recipient == ru_email
        assert message.language == "ru"
        assert "Новая заявка" in message.subject
        assert "Aidana" not in message.body_text  # the student's name stays in the intranet
        assert len(notices(app, ru_id)) == 1
        assert notices(app, other_id) == []

    def test_a_digest_instead_of_one_email_each(self, app, client, make_user):
        user_id, email = make_user("coordinator", centres=[SLUG])
        login(client, email)
        assert switch_off(client, digest=60).status_code == 303
        with app.app_context():
            (row,) = db.session.scalars(
                select(NotificationPreference).where(
                    NotificationPreference.kind == "coworking.new_request"
                )
            ).all()
            assert (row.kind, row.is_on, row.digest_minutes) == ("coworking.new_request", True, 60)
        visitor = app.test_client()
        visitor.get("/?lang=en")
        for n in range(2):
            data = form_data(
                visitor, email=f"s{n}@e.kz", phone=f"8 701 234 56 7{n}", start=f"1{n}:00"
            )
            assert visitor.post(f"/coworking/{SLUG}/book", data=data).status_code == 302
        tell_in_next_round(app)
        assert messages(app, "coworking.new_request") == []  # the email waits for the digest
        assert len(notices(app, user_id)) == 2  # the notices come at once
        with app.app_context():
            created = db.session.scalar(select(func.max(Booking.created_dt)))
            hour_end = created.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
            assert send_request_digests(hour_end + timedelta(minutes=1)) == 1
            assert send_request_digests(hour_end + timedelta(minutes=2)) == 0
            db.session.commit()
        (digest,) = messages(app, "coworking.request_digest")
        assert digest.recipient == email
        assert "2 new requests wait for your decision" in digest.body_text

    def test_a_request_about_to_expire_is_told_once(self, app, make_user):
        _, email = make_user("coordinator", centres=[SLUG])
        from intranet.coworking import services
        from tests.coworking.conftest import booking_request, get_centre

        with app.app_context():
            day = open_days(1)[0]
            centre = get_centre()
            services.create_booking(centre, booking_request(day, email="x@e.kz"))
            db.session.commit()
            start = from_local(day, time(10))
            assert warn_expiring(start - timedelta(hours=2)) == 0
            assert warn_expiring(start - timedelta(minutes=50)) == 1
            assert warn_expiring(start - timedelta(minutes=20)) == 0
            db.session.commit()
        (message,) = messages(app, "coworking.request_expiring")
        assert message.recipient == email


def test_delivered_by_the_real_worker_to_a_real_smtp_server(app, client, make_user, smtp):
    _, branch_email = make_user("branch_staff", library="no-6", language="kk")
    _, central_email = make_user("central_staff")
    event_id = pending_event(app)
    login(client, central_email)
    step(client, event_id, "approve")
    run_worker(app)  # its timers may add a reminder of their own (the 1st of a month)
    (message,) = [m for m in smtp.messages if "Поэзия сағаты" in str(m["Subject"])]
    assert message["To"] == branch_email
    assert "Поэзия сағаты" in str(message["Subject"])
    assert "Поэзия сағаты" in message.get_content()


def test_preferences_page_refuses_an_unknown_interval(app, client, login_as):
    login_as("coordinator", centres=[SLUG])
    response = switch_off(client, digest=7)
    assert response.status_code == 400
    assert "Not a valid choice" in response.get_data(as_text=True) or "invalid-feedback" in (
        response.get_data(as_text=True)
    )
    with app.app_context():
        assert db.session.scalar(select(func.count(NotificationPreference.id))) == 0


def test_preferences_show_only_the_roles_kinds(client, login_as):
    login_as("branch_staff", library="no-6")
    page = client.get("/staff/me/notifications").get_data(as_text=True)
    assert 'name="events_returned"' in page
    assert 'name="reports_month_due"' in page
    assert 'name="reports_month_accepted"' in page
    assert 'name="coworking_new_request"' not in page
    assert 'name="digest"' not in page
