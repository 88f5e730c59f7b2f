"""Putting the activity report together: every section, and the city-wide summary for all."""

from datetime import date

from intranet.libraries.models import Library
from intranet.reports.queries.attendance import attendance_section
from intranet.reports.queries.bookings import bookings_section, institutions_section
from intranet.reports.queries.campaigns import campaigns_section
from intranet.reports.queries.events import audiences_section, types_section
from intranet.reports.queries.indicators import indicator_sections
from intranet.reports.queries.occupancy import occupancy_sections
from intranet.reports.queries.partners import partners_section
from intranet.reports.queries.periods import Period
from intranet.reports.queries.plan import plan_share_section
from intranet.reports.queries.sections import Report
from intranet.reports.queries.span import Span
from intranet.reports.queries.summary import summary_section


def build_report(period: Period, library: Library | None, today: date) -> Report:
    """The activity report of one library (or, with None, the whole system) for a period."""
    now, before = Span.of(period), Span.of(period.year_before())
    library_id = library.id if library else None
    sections = [
        *indicator_sections(now, before, library_id),
        types_section(now, before, library_id),
        campaigns_section(now, before, library),
        audiences_section(now, before, library_id),
        plan_share_section(period.year, period.end, library_id),
        attendance_section(now, before, library_id),
        partners_section(now, before, library_id),
        bookings_section(now, before, library_id),
        *occupancy_sections(now, before, library_id),
        institutions_section(now, before, library_id),
    ]
    if library is None:
        sections.append(summary_section(period, today))
    return Report(period, library, sections)
