"""What the report pages read: the activity report's sections, the cycle, the dashboard series.

One module per topic: events (by type, by audience), attendance, campaigns, partners, coworking
bookings, occupancy, the city-wide summary and the dashboard; `build` puts the report together.
"""

from intranet.reports.queries.attendance import attendance_per_month
from intranet.reports.queries.bookings import bookings_per_month, bookings_section
from intranet.reports.queries.build import build_report
from intranet.reports.queries.cycle import events_without_attendance, libraries, statuses
from intranet.reports.queries.dashboard import events_by_type_per_month
from intranet.reports.queries.occupancy import OccupancyGrid, booked_slots, occupancy_grids
from intranet.reports.queries.periods import Period
from intranet.reports.queries.sections import Report, Section
from intranet.reports.queries.span import Span

__all__ = [
    "OccupancyGrid",
    "Period",
    "Report",
    "Section",
    "Span",
    "attendance_per_month",
    "booked_slots",
    "bookings_per_month",
    "bookings_section",
    "build_report",
    "events_by_type_per_month",
    "events_without_attendance",
    "libraries",
    "occupancy_grids",
    "statuses",
]
