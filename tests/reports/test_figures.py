"""Report figures against the March 2025 fixture (tests/reports/conftest.py), worked out by hand."""

from datetime import date

import pytest

from intranet.extensions import db
from intranet.reports.queries import Period, build_report
from tests.reports.conftest import INJECTION, library

TODAY = date(2026, 11, 26)


def sections(app, period, slug):
    with app.test_request_context("/?lang=en"):
        app.preprocess_request()
        lib = library(slug) if slug else None
        report = build_report(period, lib, TODAY)
        return {s.key: s for s in report.sections}


def rows(section):
    return {row[0]: row[1:] for row in section.rows}


@pytest.fixture
def no6(app, march):
    return sections(app, Period("month", 2025, 3), "no-6")


def test_events_by_type(no6):
    # Poetry hour in March 2025 at no-6: 5 Mar, 12 Mar, 1 Mar 03:00 local (28 Feb UTC) = 3
    # planned, 3 held; the draft (28 Mar) and 1 Apr 02:00 local (31 Mar UTC) do not count.
    # A year earlier: 15 Mar 2024 = 1 planned, 1 held.
    # Literary evening: 20 Mar cancelled + 25 Mar approved = 2 planned, 0 held, 1 cancelled.
    got = rows(no6["types"])
    assert got["Poetry hour"] == [3, 1, 3, 1, 0, 0]
    assert got["Literary evening"] == [2, 0, 0, 0, 1, 0]
    assert no6["types"].total == ["Total", 5, 1, 3, 1, 1, 0]


def test_attendance_and_audiences(no6):
    # Held: 30 + 12 + 8 = 50 people in 3 events; by group children 12, teenagers 5, youth 20,
    # adults 3, seniors 0 -> 40 counted by group, 50 - 40 = 10 not counted by group.
    # A year earlier: one event, 20 people, all youth.
    got = rows(no6["attendance"])
    # The events counted are said beside the table: a count of events is not a count of people.
    assert "Events with attendance recorded" not in got
    assert no6["attendance"].note == "Counted at 3 events with attendance recorded."
    assert no6["attendance"].columns == [
        "Audience group",
        "Participants",
        "Participants, a year earlier",
    ]
    assert got["Children"] == [12, 0]
    assert got["Teenagers"] == [5, 0]
    assert got["Youth"] == [20, 20]
    assert got["Adults"] == [3, 0]
    assert got["Not counted by group"] == [10, 0]
    assert no6["attendance"].total == ["Total", 50, 20]
    # By audience: (planned, yb, held, yb, people, yb)
    audiences = rows(no6["audiences"])
    assert audiences["Youth"] == [1, 1, 1, 1, 30, 20]
    assert audiences["Children"] == [1, 0, 1, 0, 12, 0]
    assert audiences["Adults"] == [2, 0, 0, 0, 0, 0]
    assert audiences["Everyone"] == [1, 0, 1, 0, 8, 0]
    assert no6["audiences"].total == ["Total", 5, 1, 3, 1, 50, 20]


def test_campaign_progress_and_partners(no6):
    # «Бір ел – бір кітап» in March: 2 planned, 2 held; since 1 January: 14 Feb + 5 Mar +
    # 12 Mar = 3 held against a target of 4 per library -> 75 %.
    (row,) = no6["campaigns"].rows
    assert row[1:] == [2, 0, 2, 0, 3, 4, 75.0]
    # "Akimat" twice (once written "akimat"), the university once.
    assert rows(no6["partners"]) == {"Korkyt Ata University": [1, 0], "Akimat": [2, 0]}


def test_coworking(no6):
    # Bookings: 5 (2 checked in, 1 no-show, 1 cancelled, 1 confirmed); no-show rate 1/(2+1).
    (row,) = no6["bookings"].rows
    assert row[1:] == [5, 0, 2, 0, 1, 0, 33.3, None]
    # Open: 21 weekdays in March 2025, minus the closure on Tue 11 and the sanitary day on
    # Fri 28 (last Friday) = 19 days x 4 h (10-14) x 2 active seats = 152 seat-hours.
    # Booked seat-slots: 2 (3 Mar) + 1 (5 Mar) + 1 (10 Mar, confirmed) = 4 h -> 4/152 = 2.6 %.
    (row,) = no6["occupancy"].rows
    assert row[1:] == [152.0, 4.0, 2.6, 0.0]  # open a year earlier too, nothing booked
    # By hour: 10:00 two slots (3 and 5 Mar) of 19 x 2 = 38 seat-hours -> 5.3 %;
    # 11:00 one -> 2.6 %; 12:00 none -> 0 %; 13:00 one (10 Mar) -> 2.6 %.
    assert rows(no6["hours"]) == {
        "10:00": [5.3, 0.0],
        "11:00": [2.6, 0.0],
        "12:00": [0.0, 0.0],
        "13:00": [2.6, 0.0],
    }
    # Institutions of visitors who came (checked in): one each; the no-show and the
    # confirmed-but-not-come bookings of the university are not visits.
    assert rows(no6["institutions"]) == {"Korkyt Ata University": [1, 0], INJECTION: [1, 0]}


def test_whole_system_adds_other_libraries(app, march):
    got = sections(app, Period("month", 2025, 3), None)
    # no-6's 3 poetry hours + no-8's one (10 Mar) = 4 planned and held.
    assert rows(got["types"])["Poetry hour"] == [4, 1, 4, 1, 0, 0]
    assert got["attendance"].total == ["Total", 100, 20]  # 50 + 50
    # The campaign's target is 4 per library x 21 libraries = 84; 3 held -> 3.6 %.
    assert got["campaigns"].rows[0][5:] == [3, 84, 3.6]
    # No report accepted yet: every library misses March, nothing is counted as accepted.
    summary = got["summary"]
    assert len(summary.rows) == 21
    assert summary.total == ["Total", 0, 21, 0, 0]  # 21 libraries missing March: a number


def test_quarter_and_year(app, march):
    quarter = sections(app, Period("quarter", 2025, 1), "no-6")
    # Q1 adds 14 Feb (held, 5 people): 55 people in 4 events.
    assert quarter["attendance"].total == ["Total", 55, 20]
    year = sections(app, Period("year", 2025), "no-6")
    # The year adds 1 April 02:00 local (100 people): 155.
    assert year["attendance"].total == ["Total", 155, 20]


def test_empty_period_is_an_empty_report(app, march):
    got = sections(app, Period("month", 2023, 7), "no-6")
    assert got["types"].rows == []
    assert got["types"].total is None
    assert got["attendance"].total == ["Total", 0, 0]
    assert got["occupancy"].rows[0][2] == 0.0  # booked seat-hours


def test_aggregates_take_a_fixed_number_of_queries(app, march):
    """The whole-system yearly report runs a bounded number of queries, whatever the data."""
    from sqlalchemy import event

    counted = []
    with app.test_request_context("/?lang=en"):
        engine = db.engine
        listener = lambda *args: counted.append(1)  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            build_report(Period("year", 2025), None, TODAY)
        finally:
            event.remove(engine, "before_cursor_execute", listener)
    assert len(counted) < 60


def test_weekday_and_hour_are_local_on_every_database(app, march):
    """3 March 2025 is a Monday: 10:00 local is 05:00 UTC, yet it lands on (Monday, 10)."""
    from intranet.reports import queries as q

    with app.test_request_context("/?lang=en"):
        centre_id = library("no-6").centre.id
        got = q.booked_slots(q.Span.of(Period("month", 2025, 3)), None, "dow", "hour")
    # Mon 3 Mar 10:00 and 11:00, Wed 5 Mar 10:00, Mon 10 Mar 13:00 (0 = Monday), each hour
    # held as four quarter-hour seat-slots.
    assert got == {
        (centre_id, 0, 10): 4,
        (centre_id, 0, 11): 4,
        (centre_id, 2, 10): 4,
        (centre_id, 0, 13): 4,
    }
