"""After each event action the page says what happened and what comes next, in kk and ru."""

import html
import re
from datetime import timedelta

import pytest

from intranet.events.models import Event
from intranet.events.views.staff.messages import step_done
from intranet.extensions import db
from tests.conftest import csrf_token, login
from tests.events.views.test_conflicts_and_forms import form

TITLES = {"title_kk": "Абай оқулары", "title_ru": "Абаевские чтения"}


def alerts(response) -> list[str]:
    """The texts of the page's success messages, as a person reads them."""
    page = response.get_data(as_text=True)
    found = re.findall(
        r'<div class="alert alert-success" role="alert">(.*?)</div>', page, flags=re.S
    )
    return [html.unescape(text).strip() for text in found]


EXPECTED = {
    "planned": {
        "kk": "«Абай оқулары» жоба ретінде сақталды. Оқырмандар оны әлі көрмейді; дайын "
        "болғанда бекітуге жіберіңіз.",
        "ru": "Мероприятие «Абаевские чтения» сохранено как черновик. Читатели его пока не "
        "видят; когда всё будет готово, отправьте его на согласование.",
    },
    "submit": {
        "kk": "«Абай оқулары» бекітуге жіберілді. Орталық кітапхана қарағанда хабарлаймыз.",
        "ru": "Мероприятие «Абаевские чтения» отправлено на согласование. Сообщим, когда "
        "центральная библиотека его рассмотрит.",
    },
    "approve": {
        "kk": "«Абай оқулары» бекітілді: енді оқырмандар оны күнтізбеден көреді.",
        "ru": "Мероприятие «Абаевские чтения» утверждено: теперь читатели видят его в календаре.",
    },
    "return": {
        "kk": "«Абай оқулары» түсініктемеңізбен кітапханаға қайтарылды. Кітапхана қайта "
        "жібергенде, ол кезекке қайта түседі.",
        "ru": "Мероприятие «Абаевские чтения» возвращено в библиотеку с вашим комментарием. "
        "Когда библиотека отправит его снова, оно вернётся в очередь.",
    },
}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_planning_an_event_says_it_is_a_draft_and_what_to_do_next(client, make_user, lang):
    _user_id, email = make_user("branch_staff", library="no-6", language=lang)
    login(client, email)
    token = csrf_token(client, "/staff/events/new")
    response = client.post("/staff/events/new", data=form(token, **TITLES), follow_redirects=True)
    assert alerts(response) == [EXPECTED["planned"][lang]]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_sending_approving_and_returning_say_what_happened_and_what_next(
    app, client, make_user, make_event, lang
):
    draft = make_event("draft", library_slug="no-6", **TITLES)
    returned_one = make_event("pending", library_slug="no-6", **TITLES)
    _id, branch = make_user("branch_staff", library="no-6", language=lang)
    _id, central = make_user("central_staff", language=lang)

    login(client, branch)
    token = csrf_token(client, "/staff/")
    response = client.post(
        f"/staff/events/{draft}/submit",
        data={"csrf_token": token, "scope": "one"},
        follow_redirects=True,
    )
    assert alerts(response) == [EXPECTED["submit"][lang]]

    central_client = app.test_client()
    login(central_client, central)
    token = csrf_token(central_client, "/staff/")
    response = central_client.post(
        f"/staff/events/{draft}/approve",
        data={"csrf_token": token, "scope": "one", "next": "queue"},
        follow_redirects=True,
    )
    assert alerts(response) == [EXPECTED["approve"][lang]]
    response = central_client.post(
        f"/staff/events/{returned_one}/return",
        data={"csrf_token": token, "scope": "one", "comment": "Залды көрсетіңіз"},
        follow_redirects=True,
    )
    assert alerts(response) == [EXPECTED["return"][lang]]


def test_a_series_step_counts_the_events_in_russian(app, make_event):
    """Plural forms through ngettext: 2 мероприятия, 5 мероприятий, 21 мероприятие."""
    event_id = make_event("draft", **TITLES)
    with app.test_request_context("/?lang=ru"):
        app.preprocess_request()
        event = db.session.get(Event, event_id)
        assert "2 мероприятия утверждены" in step_done("approve", event, 2)
        assert "5 мероприятий утверждены" in step_done("approve", event, 5)
        assert "21 мероприятие утверждено" in step_done("approve", event, 21)


REGISTRATION = {
    "open": {
        "kk": "«Абай оқулары» іс-шарасына тіркелу оның бетінде ашық: 40 орын. Тіркелу жабылатын "
        "уақыт: {when}.",
        "ru": "Регистрация на мероприятие «Абаевские чтения» открыта на его странице до {when}: "
        "40 мест.",
    },
    "later": {
        "kk": "«Абай оқулары» іс-шарасына тіркелу оның бетінде кейінірек ашылады: 21 орын. "
        "Тіркелу ашылатын уақыт: {when}.",
        "ru": "Регистрация на мероприятие «Абаевские чтения» откроется на его странице {when}: "
        "21 место.",
    },
    "staff": {
        "kk": "«Абай оқулары» іс-шарасына тек кітапхана қызметкерлері тіркейді: 2 орын. "
        "Адамдарды төмендегі тізімге қосыңыз.",
        "ru": "На мероприятие «Абаевские чтения» регистрирует только персонал библиотеки: "
        "2 места. Добавляйте участников в список ниже.",
    },
    "off": {
        "kk": "«Абай оқулары» іс-шарасына тіркелу жоқ: оның бетінде тіркелу формасы көрсетілмейді.",
        "ru": "На мероприятие «Абаевские чтения» регистрация не нужна: на его странице нет формы "
        "регистрации.",
    },
    "draft": {
        "kk": "«Абай оқулары» іс-шарасына тіркелу іс-шара бекітілгенде оның бетінде ашылады: "
        "5 орын.",
        "ru": "Регистрация на мероприятие «Абаевские чтения» откроется на его странице, когда "
        "мероприятие утвердят: 5 мест.",
    },
}


def moment_in(app, lang: str, value) -> str:
    """A moment as the message writes it in this language (spaces as a reader sees them)."""
    from intranet.i18n import format_moment

    with app.test_request_context(f"/?lang={lang}"):
        app.preprocess_request()
        return re.sub(r"[\u202f\xa0]", " ", format_moment(value, "long"))


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_registration_settings_say_whether_people_can_register_and_how_many_places(
    app, client, make_user, make_event, lang
):
    approved = make_event("approved", library_slug="no-6", **TITLES)
    draft = make_event("draft", library_slug="no-6", **TITLES)
    _id, branch = make_user("branch_staff", library="no-6", language=lang)
    login(client, branch)
    with app.app_context():
        start = db.session.get(Event, approved).start_dt  # ten days ahead
    rules = {"mode": "open", "capacity": "40", "opens_days": "14", "closes_hours": "2",
             "max_group": "1", "offer_hours": ""}  # fmt: skip

    def save(event_id: int, **changes) -> list[str]:
        url = f"/staff/events/{event_id}/registration"
        data = {"csrf_token": csrf_token(client, url), **rules, **changes}
        response = client.post(url, data=data, follow_redirects=True)
        return [re.sub(r"[\u202f\xa0]", " ", text) for text in alerts(response)]

    closes = moment_in(app, lang, start - timedelta(hours=2))
    assert save(approved) == [REGISTRATION["open"][lang].format(when=closes)]
    opens = moment_in(app, lang, start - timedelta(days=3))
    later = save(approved, opens_days="3", capacity="21")
    assert later == [REGISTRATION["later"][lang].format(when=opens)]
    assert save(approved, mode="staff", capacity="2") == [REGISTRATION["staff"][lang]]
    assert save(approved, mode="off") == [REGISTRATION["off"][lang]]
    assert save(draft, capacity="5") == [REGISTRATION["draft"][lang]]
