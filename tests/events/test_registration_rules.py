"""The registration rules a reader meets: when the form opens, the optional questions, and
leaving the waitlist by the private link."""

import re
from datetime import timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from intranet.clock import to_local
from intranet.errors import IntranetError
from intranet.events import services
from intranet.events.models import Registration, RegistrationRules
from intranet.extensions import db
from tests.conftest import csrf_token
from tests.events.registering import (
    RegistrationStatus,
    form,
    get_event,
    open_registration,
    person,
    statuses,
    taken,
)

C, W = RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED
# kk and ru month names of the genitive/day form, to see the date went through Babel.
MONTHS = {
    "kk": ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз",
           "қыркүйек", "қазан", "қараша", "желтоқсан"),
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
           "сентября", "октября", "ноября", "декабря"),
}  # fmt: skip
OPENS_WORDS = {"kk": "Тіркеу ашылатын уақыт:", "ru": "Регистрация откроется:"}


def set_opens_days(app, event_id: int, days: int) -> None:
    with app.app_context():
        db.session.get(RegistrationRules, event_id).opens_days = days
        db.session.commit()


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_before_the_window_the_pages_say_when_registration_opens(app, client, language):
    event_id = open_registration(app)
    set_opens_days(app, event_id, 5)  # the event is ten days ahead: opens in five
    with app.app_context():
        opens = to_local(get_event(event_id).start_dt - timedelta(days=5))
    day = f"{opens.day} {MONTHS[language][opens.month - 1]}"
    page = client.get(f"/events/{event_id}?lang={language}").get_data(as_text=True)
    said = re.search(r"<p[^>]*data-opens>([^<]*)</p>", page)
    assert said, "the event page should say when registration opens"
    assert OPENS_WORDS[language] in said.group(1)
    assert day in said.group(1)
    assert opens.strftime("%H:%M") in said.group(1)
    assert f"/events/{event_id}/register" not in page  # no button to a refusal
    url = f"/events/{event_id}/register?lang={language}"
    shown = client.get(url).get_data(as_text=True)
    assert 'name="full_name"' not in shown
    assert OPENS_WORDS[language] in shown
    assert day in shown
    posted = client.post(url, data=form(1, csrf_token(client, "/login")))
    assert posted.status_code == 409
    with app.app_context():
        assert statuses(event_id) == []
        with pytest.raises(IntranetError):
            services.register(get_event(event_id), person(1))


def test_inside_the_window_the_form_works(app, client):
    event_id = open_registration(app)
    # The event is ten days ahead at 15:00: eleven days before, the window opened yesterday
    # afternoon, whatever the hour now (ten would open it at 15:00 today: not yet in the morning).
    set_opens_days(app, event_id, 11)
    page = client.get(f"/events/{event_id}?lang=kk").get_data(as_text=True)
    assert "data-opens" not in page
    assert f"/events/{event_id}/register" in page
    url = f"/events/{event_id}/register?lang=kk"
    answer = client.post(url, data=form(1, csrf_token(client, url)))
    assert answer.status_code == 302
    with app.app_context():
        assert statuses(event_id) == [C]


def test_a_staff_member_may_register_someone_before_the_window(app, make_user):
    event_id = open_registration(app)
    set_opens_days(app, event_id, 5)
    with app.app_context():
        from intranet.auth.models import User

        staff = db.session.get(User, make_user("branch_staff", library="no-6")[0])
        services.register(get_event(event_id), person(1), actor=staff)
        db.session.commit()
        assert statuses(event_id) == [C]


def test_school_and_grade_are_asked_only_when_switched_on(app, client):
    event_id = open_registration(app)
    url = f"/events/{event_id}/register?lang=en"
    page = client.get(url).get_data(as_text=True)
    assert 'name="school"' not in page
    assert 'name="grade"' not in page
    # Sent anyway (a forged form): not stored.
    answer = client.post(url, data=form(1, csrf_token(client, url), school="№ 5", grade="7"))
    assert answer.status_code == 302
    with app.app_context():
        stored = db.session.scalars(select(Registration)).one()
        assert (stored.school, stored.grade) == ("", "")


def school_event(app) -> int:
    event_id = open_registration(app)
    with app.app_context():
        rules = db.session.get(RegistrationRules, event_id)
        rules.ask_school = rules.ask_grade = True
        db.session.commit()
    return event_id


def test_school_and_grade_are_stored_and_shown_to_staff_and_in_the_export(app, client, login_as):
    event_id = school_event(app)
    url = f"/events/{event_id}/register?lang=kk"
    page = client.get(url).get_data(as_text=True)
    assert 'name="school"' in page
    assert 'name="grade"' in page
    answer = client.post(
        url,
        data=form(1, csrf_token(client, url), school="№ 12 мектеп-гимназия", grade="9 «Ә»"),
    )
    assert answer.status_code == 302
    with app.app_context():
        stored = db.session.scalars(select(Registration)).one()
        assert (stored.school, stored.grade) == ("№ 12 мектеп-гимназия", "9 «Ә»")
    login_as("branch_staff", library="no-6")
    listing = f"/staff/events/{event_id}/registrations"
    staff_page = client.get(listing + "?lang=kk").get_data(as_text=True)
    assert "№ 12 мектеп-гимназия" in staff_page
    assert "9 «Ә»" in staff_page
    csv = client.get(listing + ".csv").get_data(as_text=True)
    header, row = csv.splitlines()[:2]
    assert "school" in header
    assert "grade" in header
    assert "№ 12 мектеп-гимназия" in row
    assert "9 «Ә»" in row


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"school": "a" * 201}, "At most 200 characters."),
        ({"grade": "9" * 21}, "At most 20 characters."),
        ({"school": "№ 5\x00"}, "characters that are not allowed"),
        ({"grade": "7\x1b[31m"}, "characters that are not allowed"),
        ({"school": "№ 5, ЖСН 080512 500123"}, "Do not write an ID number here"),
        ({"grade": "080512500123"}, "Do not write an ID number here"),
    ],
)
def test_school_and_grade_are_checked(app, client, changes, message):
    event_id = school_event(app)
    url = f"/events/{event_id}/register?lang=en"
    answer = client.post(url, data=form(1, csrf_token(client, url), **changes))
    assert answer.status_code == 400
    assert message in answer.get_data(as_text=True)
    with app.app_context():
        assert statuses(event_id) == []


def test_the_form_never_asks_for_an_id_number(app, client):
    event_id = school_event(app)
    page = client.get(f"/events/{event_id}/register?lang=en").get_data(as_text=True)
    start = page.index('<form method="post" novalidate')
    form_html = page[start : page.index("</form>", start)]
    names = set(re.findall(r'name="([^"]+)"', form_html))
    assert names <= {"csrf_token", "full_name", "phone", "email", "group_size", "school",
                     "grade", "consent", "website"}  # fmt: skip
    assert not re.search(r"(?i)\b(iin|id number)\b|ИИН|ЖСН", page)


@pytest.mark.parametrize(
    ("language", "left", "state"),
    [
        ("kk", "Күту тізімінен шықтыңыз", "Бұл тіркелудің күші жойылды"),
        ("ru", "Вы вышли из листа ожидания", "Эта регистрация отменена"),
    ],
)
def test_leaving_the_waitlist_by_the_link_moves_the_queue_up(app, language, left, state):
    event_id = open_registration(app, capacity=1, offer_hours=None)
    with app.app_context():
        event = get_event(event_id)
        services.register(event, person(1))
        second = services.register(event, person(2, language=language))
        third = services.register(event, person(3))
        db.session.commit()
        links = second.token, third.token
    reader = app.test_client()  # a phone with a Kazakh browser, whatever the registrant spoke
    reader.environ_base["HTTP_ACCEPT_LANGUAGE"] = "kk"
    third_page = app.test_client().get(f"/registration/{links[1]}?lang=en")
    assert "Your number in the queue: 2." in third_page.get_data(as_text=True)
    token = csrf_token(reader, f"/registration/{links[0]}")
    left_page = reader.post(
        f"/registration/{links[0]}/cancel", data={"csrf_token": token}, follow_redirects=True
    ).get_data(as_text=True)
    assert left in left_page
    assert state in left_page
    assert "/cancel" not in left_page
    with app.app_context():
        # The place stays with the first person; nobody is promoted into a place not freed.
        assert statuses(event_id) == [C, RegistrationStatus.CANCELLED, W]
        assert taken(event_id) == 1
    third_page = app.test_client().get(f"/registration/{links[1]}?lang=en")
    assert "Your number in the queue: 1." in third_page.get_data(as_text=True)
    # Leaving twice is refused, nothing moves.
    with (
        app.app_context(),
        force_locale("en"),
        pytest.raises(IntranetError, match="can no longer be cancelled"),
    ):
        services.leave(get_event(event_id), db.session.get(Registration, second.id))
