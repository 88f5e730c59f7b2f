"""The dashboard: events per month by type, attendance trend, occupancy heatmaps, report status.

Coordinators see the coworking part only, for their own centres: bookings, no-shows and
occupancy by hour.
"""

from datetime import date, timedelta

from babel.dates import get_day_names, get_month_names
from flask import render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from intranet.auth.models import User
from intranet.auth.permissions import permission_required
from intranet.clock import local_today
from intranet.i18n import localized
from intranet.reports.forms import year_asked, year_choices
from intranet.reports.queries import (
    OccupancyGrid,
    Period,
    Span,
    attendance_per_month,
    bookings_per_month,
    bookings_section,
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


def _heatmaps(grids: list[OccupancyGrid]) -> list[tuple[str, charts.Chart | None]]:
    """(centre name, its heatmap), or None where nobody has booked yet: no grid of zeros."""
    days = get_day_names("abbreviated", locale=get_locale())
    weekdays = [days[d] for d in range(7)]
    return [
        (localized(g.centre.library, "name"), _heatmap(g, weekdays) if g.booked else None)
        for g in grids
    ]


def _months_so_far(year: int, today: date, values: list[int]) -> list[int | None]:
    """A year's monthly figures, with the months that have not happened yet left out (None)."""
    if year < today.year:
        return list(values)
    shown = today.month if year == today.year else 0
    return [value if month <= shown else None for month, value in enumerate(values, start=1)]


def _month_names() -> list[str]:
    """Short month names as an axis says them («май», not the «мая» of a date)."""
    names = get_month_names("abbreviated", context="stand-alone", locale=get_locale())
    return [names[m] for m in range(1, 13)]


@permission_required(User.can_read_dashboard)
def dashboard() -> str:
    """A year of one library (or all) in charts, and last month's reports."""
    today = local_today()
    year, error = year_asked(request.args, today)
    if not current_user.can_read_reports():
        return _coworking_dashboard(year, error, today)
    library = scope_library()
    span = Span.of(Period("year", year))
    library_id = library.id if library else None
    categories = _month_names()
    series = events_by_type_per_month(span, library_id)
    trend = _months_so_far(year, today, attendance_per_month(span, library_id))
    last = date(today.year, today.month, 1) - timedelta(days=1)
    shown = libraries() if library is None else [library]
    reports = statuses([(last.year, last.month)])
    grids = occupancy_grids(span, library_id, today + timedelta(days=1))
    return render_template(
        "reports/staff/dashboard.html",
        library=library,
        year=year,
        years=year_choices(today, year),
        error=error,
        bars=charts.stacked_bars("events", _("Events per month by type"), categories, series),
        trend=charts.line_chart(
            "attendance",
            _("Participants per month"),
            categories,
            trend,
            last_unfinished=year == today.year,
        ),
        unfinished=year == today.year,
        heatmaps=_heatmaps(grids),
        last=Period("month", last.year, last.month),
        status_rows=[(lib, reports.get((lib.id, last.year, last.month))) for lib in shown],
    )


def _coworking_dashboard(year: int, error: str | None, today: date) -> str:
    """A coordinator's year at their own centres: bookings, no-shows, occupancy by hour."""
    centre_ids = [centre.id for centre in current_user.centres]
    now = Span.of(Period("year", year))
    before = Span.of(Period("year", year - 1))
    per_month = _months_so_far(year, today, bookings_per_month(now, centre_ids))
    grids = occupancy_grids(now, None, today + timedelta(days=1), centre_ids)
    return render_template(
        "reports/staff/dashboard_coworking.html",
        year=year,
        years=year_choices(today, year),
        error=error,
        centres=[localized(centre.library, "name") for centre in current_user.centres],
        bookings=bookings_section(now, before, None, centre_ids),
        trend=charts.line_chart(
            "bookings",
            _("Bookings per month"),
            _month_names(),
            per_month,
            last_unfinished=year == today.year,
        ),
        unfinished=year == today.year,
        heatmaps=_heatmaps(grids),
    )
