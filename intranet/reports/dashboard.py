"""Dashboards: events per month by type, attendance trend, occupancy heatmaps, report status."""

from datetime import date, timedelta

from babel.dates import get_day_names, get_month_names
from flask import render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from intranet.auth.models import User
from intranet.auth.permissions import permission_required
from intranet.clock import local_today
from intranet.coworking.models import GRANULE_MINUTES
from intranet.errors import IntranetError
from intranet.events.models import EventType
from intranet.extensions import db
from intranet.i18n import localized
from intranet.reports import charts
from intranet.reports import queries as q
from intranet.reports.build import libraries, statuses
from intranet.reports.occupancy import active_seats, centres_in_scope, open_minutes, percent
from intranet.reports.periods import Period, parse_period
from intranet.reports.views import bp, scope_library


def _year(today: date) -> tuple[int, str | None]:
    """?year= for the dashboard; a bad one is shown as a message, with this year instead."""
    try:
        return parse_period({"period": "year", "year": request.args.get("year")}, today).year, None
    except IntranetError as error:
        return today.year, str(error)


def heatmaps(span: q.Span, library_id, until: date) -> list[charts.Chart]:
    """One weekday x hour grid per centre: booked seat-minutes / open seat-minutes.

    Each held seat-slot row is a quarter hour, whatever the centre's slot length.
    """
    centres = centres_in_scope(library_id)
    seats = active_seats(centres)
    booked = q.booked_slots(span, library_id, "dow", "hour")
    days = get_day_names("abbreviated", locale=get_locale())
    result = []
    for centre in centres:
        grid = open_minutes(centre, span.period.start, min(span.period.end, until))
        hours = sorted({hour for _dow, hour in grid}) or list(range(9, 18))
        values = [
            [
                percent(
                    booked.get((centre.id, dow, hour), 0) * GRANULE_MINUTES,
                    grid.get((dow, hour), 0) * seats.get(centre.id, 0),
                )
                for hour in hours
            ]
            for dow in range(7)
        ]
        title = _(
            "Occupancy of %(centre)s by weekday and hour", centre=localized(centre.library, "name")
        )
        result.append(
            charts.heatmap(
                f"heat-{centre.id}",
                title,
                [days[d] for d in range(7)],
                [f"{h:02d}" for h in hours],
                values,
            )
        )
    return result


@bp.route("/dashboard")
@permission_required(User.can_read_reports)
def dashboard():
    today = local_today()
    library = scope_library()
    year, error = _year(today)
    span = q.Span.of(Period("year", year))
    library_id = library.id if library else None
    months = get_month_names("abbreviated", locale=get_locale())
    categories = [months[m] for m in range(1, 13)]
    per_month = q.events_per_month(span, library_id)
    type_ids = sorted({t for _m, t in per_month})
    types = {
        t.id: t for t in db.session.scalars(select(EventType).where(EventType.id.in_(type_ids)))
    }
    series = {
        localized(types[t], "name"): [per_month.get((m, t), 0) for m in range(1, 13)]
        for t in type_ids
    }
    trend = q.attendance_per_month(span, library_id)
    last = date(today.year, today.month, 1) - timedelta(days=1)
    shown = libraries() if library is None else [library]
    reports = statuses([(last.year, last.month)])
    return render_template(
        "reports/dashboard.html",
        library=library,
        year=year,
        error=error,
        bars=charts.stacked_bars("events", _("Events per month by type"), categories, series),
        trend=charts.line_chart(
            "attendance",
            _("Attendance per month"),
            categories,
            [trend.get(m, 0) for m in range(1, 13)],
        ),
        heatmaps=heatmaps(span, library_id, today + timedelta(days=1)),
        last=Period("month", last.year, last.month),
        status_rows=[(lib, reports.get((lib.id, last.year, last.month))) for lib in shown],
    )
