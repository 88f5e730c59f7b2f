"""A hand-worked work diary: no-6 in March 2025 and March 2024, no-7 in March 2025.

Worked out in test_diary_figures.py. Rows are inserted directly, as the report fixtures are.
"""

from datetime import date

from intranet.extensions import db
from intranet.libraries.models import DiaryDay, LibraryFund, MonthlyReport
from intranet.models import utc_now
from tests.reports.conftest import library


def day(slug, when, new, re, visits, issues, kk, ru, other, answers) -> DiaryDay:
    row = DiaryDay(
        library_id=library(slug).id,
        day=when,
        readers_new=new,
        readers_re=re,
        visits=visits,
        issues=issues,
        issues_kk=kk,
        issues_ru=ru,
        issues_other=other,
        answers=answers,
    )
    db.session.add(row)
    return row


def add_diary(*, accept_no6: bool = True) -> None:
    """The days, the funds, and no-6's March 2025 accepted (no-7's only submitted)."""
    day("no-6", date(2025, 3, 3), 4, 6, 30, 50, 30, 15, 5, 3)
    day("no-6", date(2025, 3, 4), 1, 0, 20, 25, 20, 5, 0, 2)
    day("no-6", date(2025, 3, 5), 0, 0, 0, 0, 0, 0, 0, 1)  # closed to readers: not a day open
    day("no-6", date(2025, 4, 1), 9, 9, 99, 99, 99, 0, 0, 9)  # April: outside the month
    day("no-6", date(2025, 2, 28), 9, 9, 99, 99, 99, 0, 0, 9)  # February: outside too
    day("no-6", date(2024, 3, 12), 2, 3, 25, 30, 10, 20, 0, 0)
    day("no-7", date(2025, 3, 3), 100, 0, 100, 100, 100, 0, 0, 0)
    for slug, as_of, total, kk in [
        ("no-6", date(2024, 1, 1), 900, 300),
        ("no-6", date(2025, 1, 1), 1500, 400),
        ("no-6", date(2025, 4, 1), 2000, 500),  # counted after March: not March's fund
        ("no-7", date(2025, 1, 1), 500, 100),
    ]:
        db.session.add(
            LibraryFund(library_id=library(slug).id, as_of=as_of, total=total, in_kazakh=kk)
        )
    now = utc_now()
    for slug, status in [
        ("no-6", "accepted" if accept_no6 else "submitted"),
        ("no-7", "submitted"),
    ]:
        db.session.add(
            MonthlyReport(
                library_id=library(slug).id,
                year=2025,
                month=3,
                status=status,
                decided_dt=now if status == "accepted" else None,
            )
        )
    db.session.commit()
