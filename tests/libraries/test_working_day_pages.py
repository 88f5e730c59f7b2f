"""A library page says a moved working Saturday is a working day, with its hours, in kk and ru."""

import json
import re
from datetime import timedelta

import pytest
from flask_babel import force_locale

from intranet.clock import local_today
from intranet.extensions import db
from intranet.i18n import long_day
from tests.libraries.working_days import library, move_monday_to_saturday, quiet_saturday

HOURS = '<span class="text-nowrap">09:00–18:00</span>'  # never broken across two lines
WEEKDAY_HOURS = {day: ["09:00", "18:00"] for day in ("mon", "tue", "wed", "thu", "fri")}


@pytest.mark.parametrize(
    ("lang", "working", "reason", "closed"),
    [("kk", "жұмыс күні", "Ауыстыру", "жабық"), ("ru", "рабочий день", "Перенос", "закрыто")],
)
def test_the_library_page_shows_the_working_saturday_and_the_day_off(
    app, client, lang, working, reason, closed
):
    with app.app_context():
        no8 = library("no-8")
        no8.opening_hours = {**WEEKDAY_HOURS, "sat": None, "sun": None}
        db.session.commit()
        saturday = quiet_saturday()
        move_monday_to_saturday(saturday)
    body = client.get(f"/libraries/no-8?lang={lang}").get_data(as_text=True)
    monday = saturday + timedelta(days=2)
    # The days as the page writes them: with the year when it is the next one (a late December).
    with app.test_request_context(), force_locale(lang):
        this_year = local_today().year
        saturday_text = long_day(saturday, this_year=this_year)
        monday_text = long_day(monday, this_year=this_year)
    assert {"kk": "сенбі", "ru": "суббота"}[lang] in saturday_text.lower()
    saturday_line = (
        rf'<time datetime="{saturday.isoformat()}">{re.escape(saturday_text)}</time> —\s+'
        rf"{working}, {HOURS} \({reason}\)"
    )
    assert re.search(saturday_line, body), body
    assert re.search(
        rf'<time datetime="{monday.isoformat()}">{re.escape(monday_text)}</time> —\s+{closed}', body
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
