"""Days as people say them, in each language, through Babel."""

from datetime import date

import pytest
from flask_babel import force_locale

from intranet.i18n import long_day

DAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("kk", "Сейсенбі, 1 желтоқсан"),
        ("ru", "Вторник, 1 декабря"),
        ("en", "Tuesday, 1 December"),
    ],
)
def test_a_day_this_year_in_words(app, lang, expected):
    with app.test_request_context(), force_locale(lang):
        assert long_day(DAY, this_year=2026) == expected


def test_a_day_of_another_year_says_the_year(app):
    with app.test_request_context(), force_locale("ru"):
        assert long_day(DAY, this_year=2027) == "Вторник, 1 декабря 2026\u00a0г."
    with app.test_request_context(), force_locale("kk"):
        assert long_day(DAY, this_year=2027) == "2026 жылғы 1 желтоқсан, сейсенбі"
