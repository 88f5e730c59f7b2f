"""Authorization matrix rows of the reports routes (see tests/security/matrix.py)."""

from sqlalchemy import select

from intranet.extensions import db
from intranet.libraries.models import Library, MonthlyReport
from tests.security.matrix import ADMIN_ONLY, library_of_branch_a, outcome, plain

# Admins, central staff and branch staff read reports; coordinators do not.
READERS = outcome("ok", anonymous="login", coordinator_x="forbidden", coordinator_y="forbidden")
# A report of branch A's library: branch B and coordinators are refused.
OF_BRANCH_A = outcome(
    "ok",
    anonymous="login",
    branch_b="forbidden",
    coordinator_x="forbidden",
    coordinator_y="forbidden",
)
CENTRAL = outcome("forbidden", anonymous="login", central="ok", admin="ok")
# The dashboard: every staff role; coordinators see their own centres' coworking figures.
DASHBOARD = outcome("ok", anonymous="login")


def xlsx(world) -> dict:
    return {"fmt": "xlsx"}


def month_page(world) -> dict:
    return {"slug": "no-6", "year": 2025, "month": 3}


def submitted_report(world) -> dict:
    with world.app.app_context():
        library = db.session.scalar(select(Library).where(Library.slug == "no-6"))
        world._n += 1
        report = MonthlyReport(library_id=library.id, year=2024, month=world._n % 12 + 1)
        db.session.add(report)
        db.session.commit()
        return {"report_id": report.id}


ROWS: dict = {
    # Without ?library= each reader gets their own scope; ?library= of another branch is
    # refused (403) in tests/reports/test_pages.py (query strings here would clash with the fuzzer).
    ("reports_staff.report", "GET"): (plain, READERS),
    ("reports_staff.plan", "GET"): (plain, READERS),
    ("reports_staff.print_report", "GET"): (plain, READERS),
    ("reports_staff.export", "GET"): (xlsx, READERS),
    ("reports_staff.dashboard", "GET"): (plain, DASHBOARD),
    ("reports_staff.cycle", "GET"): (plain, READERS),
    ("reports_staff.month", "GET"): (month_page, OF_BRANCH_A),
    ("reports_staff.submit", "POST"): (month_page, OF_BRANCH_A),
    ("reports_staff.decide", "POST"): (submitted_report, CENTRAL),
    ("reports_staff.diary", "GET"): (month_page, OF_BRANCH_A),
    ("reports_staff.diary", "POST"): (month_page, OF_BRANCH_A),
    ("reports_staff.this_month", "GET"): (plain, READERS),
    ("reports_staff.fund", "GET"): (library_of_branch_a, OF_BRANCH_A),
    ("reports_staff.fund", "POST"): (library_of_branch_a, OF_BRANCH_A),
    ("reports_staff.annual_export", "GET"): (plain, CENTRAL),
    ("reports_staff.age_band_settings", "GET"): (plain, ADMIN_ONLY),
    ("reports_staff.age_band_settings", "POST"): (plain, ADMIN_ONLY),
}
