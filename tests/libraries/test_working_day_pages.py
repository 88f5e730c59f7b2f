"""A library page says a moved working Saturday is a working day, with its hours, in kk and ru."""

import json
import re
from datetime import timedelta

import pytest

from intranet.extensions import db
from tests.libraries.working_days import library, move_monday_to_saturday, quiet_saturday

HOURS = '<span class="text-nowrap">09:00–18:00</span>'  # never broken across two lines
WEEKDAY_HOURS = {day: ["09:00", "18:00"] for day in ("mon", "tue", "wed", "thu", "fri")}


@pytest.mark.parametrize(
    ("lang", "saturday_line", "monday_line"),
    [
        ("kk", rf"Сенбі, \d+ \w+</time> —\s+жұмыс күні, {HOURS} \(Ауыстыру\)", "Дүйсенбі"),
        (
            "ru",
            rf"Суббота, \d+ \w+</time> —\s+рабочий день, {HOURS} \(Перенос\)",
            r"Понедельник",
        ),
    ],
)
def test_the_library_page_shows_the_working_saturday_and_the_day_off(
    app, client, lang, saturday_line, monday_line
):
    with app.app_context():
        no8 = library("no-8")
        no8.opening_hours = {**WEEKDAY_HOURS, "sat": None, "sun": None}
        db.session.commit()
        saturday = quiet_saturday()
        move_monday_to_saturday(saturday)
    body = client.get(f"/libraries/no-8?lang={lang}").get_data(as_text=True)
    assert re.search(saturday_line, body), body
    monday = saturday + timedelta(days=2)
    closed = {"kk": "жабық", "ru": "закрыто"}[lang]
    assert re.search(
        rf'<time datetime="{monday.isoformat()}">{monday_line}, \d+ \w+</time> —\s+{closed}', body
    )


def test_search_engines_read_the_working_saturday_as_special_hours(app, client):
    with app.app_context():
        no8 = library("no-8")
        no8.opening_hours = {**WEEKDAY_HOURS, "sat": None, "sun": None}
        db.session.commit()
        saturday = quiet_saturday()
        move_monday_to_saturday(saturday)
    body = client.get("/libraries/no-8").get_data(as_text=True)
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    special = json.loads(found.group(1))["specialOpeningHoursSpecification"]
    by_day = {row["validFrom"]: (row["opens"], row["closes"]) for row in special}
    assert by_day[saturday.isoformat()] == ("09:00", "18:00")
    assert by_day[(saturday + timedelta(days=2)).isoformat()] == ("00:00", "00:00")
