"""After an account, a closed day or a club is saved, the page says what happened and what next."""

import html
import re
from datetime import date

import pytest
from sqlalchemy import select

from intranet.clock import local_today
from intranet.extensions import db
from intranet.i18n import long_day
from intranet.libraries.models import ClosedDay, Library
from tests.conftest import csrf_token
from tests.libraries.test_clubs import club_form


def success(response) -> list[str]:
    page = response.get_data(as_text=True)
    found = re.findall(r'<div class="alert alert-success" role="alert">(.*?)</div>', page, re.S)
    # Babel joins a date with narrow no-break spaces; a reader sees spaces.
    return [re.sub(r"[\u202f\xa0]", " ", html.unescape(text)).strip() for text in found]


CREATED = {
    "kk": "new.person@test.kz есептік жазбасы жасалды. Қызметкерге электрондық пошта мен "
    "құпиясөзді хабарлаңыз: құпиясөзді «Менің есептік жазбам» бөлімінде өзгертуге болады.",
    "ru": "Учётная запись new.person@test.kz создана. Сообщите сотруднику адрес электронной "
    "почты и пароль: сменить пароль можно в разделе «Моя учётная запись».",
}
CLOSED = {
    "kk": "2027 жылғы 17 мамыр, дүйсенбі жұмыс істемейтін күн ретінде сақталды. Бұл күнге "
    "коворкинг брондау қабылдамайды, күнтізбеде белгіленеді.",
    "ru": "Понедельник, 17 мая 2027 г. сохранён как нерабочий день. На этот день коворкинг не "
    "принимает бронирования, в календаре он отмечен.",
}
OPEN_AGAIN = {
    "kk": "2027 жылғы 17 мамыр, дүйсенбі қайтадан жұмыс күні: келушілер бұл күнге орын "
    "брондай алады.",
    "ru": "Понедельник, 17 мая 2027 г. — снова рабочий день: посетители могут бронировать "
    "места на этот день.",
}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_new_account_says_what_to_tell_the_person(client, login_as, lang):
    login_as("admin", language=lang)
    token = csrf_token(client, "/staff/admin/users/new")
    data = {
        "csrf_token": token,
        "email": "New.Person@Test.kz",
        "full_name": "Жанар Әлиева",
        "role": "branch_staff",
        "library": "no-12",
        "language": "ru",
        "password": "first password",
    }
    response = client.post("/staff/admin/users/new", data=data, follow_redirects=True)
    assert success(response) == [CREATED[lang]]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_closed_day_names_the_day_and_what_it_stops(client, login_as, lang):
    login_as("central_staff", language=lang)
    token = csrf_token(client, "/staff/admin/closed-days")
    data = {
        "csrf_token": token,
        "day": "2027-05-17",
        "library": "no-8",
        "kind": "closure",
        "reason_kk": "Жөндеу",
        "reason_ru": "Ремонт",
    }
    response = client.post("/staff/admin/closed-days", data=data, follow_redirects=True)
    [message] = success(response)
    assert message == CLOSED[lang]
    with client.application.app_context():
        row_id = db.session.scalar(select(ClosedDay.id).where(ClosedDay.day == date(2027, 5, 17)))
    response = client.post(
        f"/staff/admin/closed-days/{row_id}/delete",
        data={"csrf_token": token},
        follow_redirects=True,
    )
    assert success(response) == [OPEN_AGAIN[lang]]


def test_a_language_choice_is_confirmed_in_the_new_language(client, login_as):
    login_as("admin", language="kk")
    token = csrf_token(client, "/staff/account")
    response = client.post(
        "/staff/account",
        data={"csrf_token": token, "lang-language": "ru", "lang-submit": "1"},
        follow_redirects=True,
    )
    assert success(response) == ["Интерфейс и письма вам теперь на этом языке."]


KURBAN_AIT = {
    "kk": "{day} — {year} жылғы Құрбан айт: бұл күні барлық кітапхана жұмыс істемейді, "
    "коворкинг бұл күнге брондау қабылдамайды.",
    "ru": "{day} — Курбан айт {year} года: в этот день все библиотеки не работают, а коворкинг "
    "не принимает бронирования.",
}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_kurban_ait_names_the_day_and_the_year(app, client, login_as, lang):
    login_as("admin", language=lang)
    year = local_today().year + 1
    day = date(year, 6, 1)
    token = csrf_token(client, "/staff/admin/closed-days")
    response = client.post(
        f"/staff/admin/closed-days/kurban-ait/{year}",
        data={"csrf_token": token, f"kurban-{year}-day": day.isoformat()},
        follow_redirects=True,
    )
    with app.test_request_context(f"/?lang={lang}"):
        app.preprocess_request()
        words = long_day(day)  # «Сейсенбі, 1 маусым», «Вторник, 1 июня»
    assert success(response) == [KURBAN_AIT[lang].format(day=words, year=year)]


CLUB_SAVED = {
    "kk": "«Кітапқұмарлар» сақталды: оқырмандар клуб бетін енді осылай көреді.",
    "ru": "«Книголюбы»: изменения сохранены — так читатели теперь видят страницу клуба.",
}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_saved_club_is_named(app, client, login_as, lang):
    login_as("admin", language=lang)
    with app.app_context():
        central = db.session.scalar(select(Library.id).where(Library.slug == "central"))
    data = club_form(central, name_kk="Кітапқұмарлар", name_ru="Книголюбы")
    data["csrf_token"] = csrf_token(client, "/staff/clubs/bookworms")
    response = client.post("/staff/clubs/bookworms", data=data, follow_redirects=True)
    assert success(response) == [CLUB_SAVED[lang]]
