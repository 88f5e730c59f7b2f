"""The dashboard: events per month by type, attendance trend, occupancy heatmaps, report status."""

from datetime import date, timedelta

from babel.dates import get_day_names, get_month_names
from flask import render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _

from intranet.auth.models import User
from intranet.auth.permissions import permission_required
from intranet.clock import local_today
from intranet.i18n import localized
from intranet.reports.forms import year_asked
from intranet.reports.queries import (
    OccupancyGrid,
    Period,
    Span,
    attendance_per_month,
    events_by_type_per_month,
    libraries,
    occupancy_grids,
    statuses,
)
from intranet.reports.views import charts
from intranet.reports.views.staff.scope import scope_library


def _heatmap(grid: OccupancyGrid, days: list[str]) -> charts.Chart:
    """One centre's weekday x hour grid of occupancy."""
    title = _(
        "Occupancy of %(centre)s by weekday and hour",
        centre=localized(grid.centre.library, "name"),
    )
    return charts.heatmap(
        f"heat-{grid.centre.id}", title, days, [f"{h:02d}" for h in grid.hours], grid.percent
    )


@permission_required(User.can_read_reports)
def dashboard() -> str:
    """A year of one library (or all) in charts, and last month's reports."""
    today = local_today()
    library = scope_library()
    year, error = year_asked(request.args, today)
    span = Span.of(Period("year", year))
    library_id = library.id if library else None
    months = get_month_names("abbreviated", locale=get_locale())
    categories = [months[m] for m in range(1, 13)]
    series = events_by_type_per_month(span, library_id)
    trend = attendance_per_month(span, library_id)
    last = date(today.year, today.month, 1) - timedelta(days=1)
    shown = libraries() if library is None else [library]
    reports = statuses([(last.year, last.month)])
    days = get_day_names("abbreviated", locale=get_locale())
    grids = occupancy_grids(span, library_id, today + timedelta(days=1))
    return render_template(
        "reports/staff/dashboard.html",
        library=library,
        year=year,
        error=error,
        bars=charts.stacked_bars("events", _("Events per month by type"), categories, series),
        trend=charts.line_chart("attendance", _("Attendance per month"), categories, trend),
        heatmaps=[_heatmap(grid, [days[d] for d in range(7)]) for grid in grids],
        last=Period("month", last.year, last.month),
        status_rows=[(lib, reports.get((lib.id, last.year, last.month))) for lib in shown],
    )
