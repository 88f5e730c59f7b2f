"""After submitting a month or deciding it, the page says what happened and what comes next."""

import html
import re
from datetime import date

import pytest
from sqlalchemy import select

from intranet.extensions import db
from intranet.libraries.models import MonthlyReport
from tests.conftest import csrf_token, login
from tests.reports.conftest import add_event

MONTH = "/staff/reports/month/no-6/2025/3"

EXPECTED = {
    "submitted": {
        "kk": "2025 жылғы наурыз айының есебі тапсырылды: енді оның іс-шаралары мен "
        "қатысушылар санын өзгертуге болмайды. Орталық кітапхана есепті қарайды; оны "
        "қабылдағанда не түзетуге қайтарғанда хабарлаймыз.",
        "ru": "Отчёт за март 2025 г. сдан: мероприятия и число участников за этот месяц больше "
        "нельзя изменить. Центральная библиотека его рассмотрит; мы сообщим, когда отчёт примут "
        "или вернут на доработку.",
    },
    "returned": {
        "kk": "№ 6 кітапхана-филиалы: 2025 жылғы наурыз айының есебі түсініктемеңізбен "
        "кітапханаға қайтарылды. Кітапхана оны түзетіп, қайта тапсырғанда, есеп сіздің "
        "шешіміңізді күтеді.",
        "ru": "Библиотека-филиал № 6: отчёт за март 2025 г. возвращён в библиотеку с вашим "
        "комментарием. Когда библиотека исправит его и сдаст снова, он будет ждать вашего "
        "решения.",
    },
    "accepted": {
        "kk": "№ 6 кітапхана-филиалы: 2025 жылғы наурыз айының есебі қабылданды. "
        "Кітапханаға хабарлаймыз; бұл ай бойынша басқа ештеңе қажет емес.",
        "ru": "Библиотека-филиал № 6: отчёт за март 2025 г. принят. Мы сообщим библиотеке; по "
        "этому месяцу больше ничего не нужно.",
    },
}


def success(response) -> list[str]:
    page = response.get_data(as_text=True)
    found = re.findall(r'<div class="alert alert-success" role="alert">(.*?)</div>', page, re.S)
    return [re.sub(r"[\u202f\xa0]", " ", html.unescape(text)).strip() for text in found]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_submitting_returning_and_accepting_a_month_say_what_comes_next(
    app, client, make_user, lang
):
    with app.app_context():
        add_event(date(2025, 3, 5), attendance=(30, {"youth": 30}))
        db.session.commit()
    expected = {key: texts[lang] for key, texts in EXPECTED.items()}
    _id, branch_email = make_user("branch_staff", library="no-6", language=lang)
    _id, central_email = make_user("central_staff", language=lang)
    login(client, branch_email)
    submit = {"csrf_token": csrf_token(client, MONTH)}
    response = client.post(MONTH + "/submit", data=submit, follow_redirects=True)
    assert success(response) == [expected["submitted"]]

    central = app.test_client()
    login(central, central_email)
    with app.app_context():
        report_id = db.session.scalar(select(MonthlyReport.id))
    decide = f"/staff/reports/decide/{report_id}"
    token = csrf_token(central, MONTH)
    response = central.post(
        decide,
        data={"csrf_token": token, "decision": "return", "comment": "Жасөспірімдерді бөліңіз"},
        follow_redirects=True,
    )
    assert success(response) == [expected["returned"]]

    response = client.post(MONTH + "/submit", data=submit, follow_redirects=True)
    assert success(response) == [expected["submitted"]]
    response = central.post(
        decide, data={"csrf_token": token, "decision": "accept"}, follow_redirects=True
    )
    assert success(response) == [expected["accepted"]]
