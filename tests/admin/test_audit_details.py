"""The audit log's details in words: changed fields, roles, causes and counts, never codes."""

import pytest

from intranet.audit import record_audit
from intranet.extensions import db

AUDIT = "/staff/admin/audit"
ENTRIES = (
    ("event.update", "event:1", "room,audience"),
    (
        "user.role_change",
        "a@example.kz",
        "role=branch_staff scope=no-6 -> role=coordinator scope=cowork-no-12",
    ),
    ("closed_day.add", "2026-12-16", "all libraries"),
    ("booking.cancel_by_centre", "booking:1", "coworking.seat:cowork-no-6:A3"),
    ("booking.anonymize", "bookings", "5 erased, retention 90 d"),
    ("event.series_update", "event:1", "following"),
    ("report.returned", "report no-6 2026-11", "Санын тексеріңіз"),
)
WORDS = {
    "kk": (
        "Өзгертілді: Бөлме немесе зал, Аудитория",
        "Филиал қызметкері (№ 6 кітапхана-филиалы) → "
        "Коворкинг үйлестірушісі (№ 12 кітапхана-филиалы)",
        "Барлық кітапханалар",
        "A3 орнын енді брондауға болмайды.",
        "5 брондау. Сақтау мерзімі: 90 күн.",
        "Осы және келесі іс-шаралар",
        "Түсініктеме: «Санын тексеріңіз»",
    ),
    "ru": (
        "Изменено: Помещение или зал, Аудитория",
        "Сотрудник филиала (Библиотека-филиал № 6) → "
        "Координатор коворкинга (Библиотека-филиал № 12)",
        "Все библиотеки",
        "Место A3 больше нельзя забронировать.",
        "5 бронирований. Срок хранения: 90 дней.",
        "Это и следующие мероприятия",
        "Комментарий: «Санын тексеріңіз»",
    ),
}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_details_are_said_in_the_readers_language(app, client, login_as, lang):
    with app.app_context():
        for action, target, detail in ENTRIES:
            record_audit(action, target=target, detail=detail)
        db.session.commit()
    login_as("admin", language=lang)
    page = client.get(AUDIT).get_data(as_text=True)
    for words in WORDS[lang]:
        assert words in page
    for code in (
        "room,audience",
        "role=",
        "all libraries",
        "coworking.seat",
        "erased",
        "following",
    ):
        assert code not in page.split("<ol", 1)[1]
