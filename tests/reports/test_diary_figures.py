"""The control indicators and ratios against the hand-worked diary (tests/reports/diary_fixture.py).

No-6, March 2025: readers 4+6 + 1+0 = 11 (5 new); visits 30+20 = 50; issues 50+25 = 75 (kk
30+20 = 50, ru 15+5 = 20, other 5); answers 3+2+1 = 6; days open (visits > 0) 2; fund as of
1 Jan 2025: 1,500 (400 in Kazakh) — the April count is later than March.
A year earlier: readers 5 (2 new), visits 25, issues 30 (kk 10, ru 20), answers 0, 1 day
open, fund 900 (300 in Kazakh).
"""

import pytest

from intranet.reports.queries import Period
from tests.reports.diary_fixture import add_diary
from tests.reports.test_figures import rows, sections


@pytest.fixture
def diary(app, march):
    with app.app_context():
        add_diary()


def test_control_indicators_of_a_library(app, diary):
    got = sections(app, Period("month", 2025, 3), "no-6")
    indicators = got["indicators"]
    assert indicators.columns == ["Indicator", "This period", "A year earlier", "Change, %"]
    table = rows(indicators)
    assert table["Readers"] == [11, 5, 120.0]  # (11 - 5) / 5
    assert table["of them newly registered"] == [5, 2, 150.0]
    assert table["Visits"] == [50, 25, 100.0]
    assert table["Book issues"] == [75, 30, 150.0]
    assert table["of them in Russian"] == [20, 20, 0.0]
    assert table["of them in other languages"] == [5, 0, None]  # nothing to compare with
    assert table["Reference answers"] == [6, 0, None]
    assert table["Library fund, copies"] == [1500, 900, 66.7]  # 600 / 900
    # "of them in Kazakh" names two rows (issues, then fund): the dict keeps the last.
    assert table["of them in Kazakh"] == [400, 300, 33.3]
    assert [r for r in indicators.rows if r[0] == "of them in Kazakh"][0][1:] == [50, 10, 400.0]


def test_ratios_of_a_library(app, diary):
    table = rows(sections(app, Period("month", 2025, 3), "no-6")["ratios"])
    # 75 / 11 = 6.82 against 30 / 5 = 6: +13.6 % (worked out before rounding).
    assert table["Reading rate (issues per reader)"] == [6.8, 6.0, 13.6]
    # 50 / 11 = 4.55 against 25 / 5 = 5: -9.1 %.
    assert table["Visit rate (visits per reader)"] == [4.5, 5.0, -9.1]
    # 75 / 1500 = 0.05 against 30 / 900 = 0.033: +50 %.
    assert table["Fund turnover (issues per copy)"] == [0.05, 0.03, 50.0]
    # 1500 / 11 = 136.4 against 900 / 5 = 180: -24.2 %.
    assert table["Books per reader (copies per reader)"] == [136.4, 180.0, -24.2]
    # 50 visits over 2 days open against 25 over 1.
    assert table["Average daily visits"] == [25.0, 25.0, 0.0]


def test_city_wide_counts_accepted_months_only(app, diary):
    got = sections(app, Period("month", 2025, 3), None)
    assert got["indicators"].note == "Sums of the months accepted by central staff."
    table = rows(got["indicators"])
    # no-7's 100 readers are in a month only submitted; no month of March 2024 was accepted,
    # so a year earlier reads "—" (no figures), never 0 (figures of zero).
    assert table["Readers"] == [11, None, None]
    assert table["Book issues"] == [75, None, None]
    # The fund is every library's latest count: 1500 (no-6) + 500 (no-7).
    assert table["Library fund, copies"] == [2000, 900, 122.2]


def test_a_year_sums_its_months(app, diary):
    table = rows(sections(app, Period("year", 2025), "no-6")["indicators"])
    # March's 11 readers + 18 on 1 April + 18 on 28 February; the fund is the April count.
    assert table["Readers"] == [11 + 18 + 18, 5, 840.0]
    assert table["Library fund, copies"] == [2000, 900, 122.2]


def test_an_empty_diary_shows_dashes_not_errors(app, march):
    table = rows(sections(app, Period("month", 2025, 3), "no-6")["ratios"])
    assert table["Reading rate (issues per reader)"] == [None, None, None]
