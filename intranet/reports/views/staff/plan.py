"""Plan and actual: a library's (or the city's) annual plan against what was held."""

from flask import abort, render_template, request
from flask_login import current_user

from intranet.auth.models import User
from intranet.auth.permissions import permission_required
from intranet.clock import local_today, year_in_range
from intranet.reports.forms import year_choices
from intranet.reports.queries import libraries
from intranet.reports.queries.plan import plan_sections
from intranet.reports.views.staff.scope import scope_library


@permission_required(User.can_read_reports)
def plan() -> str:
    """The year's plan by month, type and campaign (and library, city-wide) against the actual."""
    library = scope_library()
    today = local_today()
    year = request.args.get("year", type=int) or today.year
    if not year_in_range(year):
        abort(404)
    return render_template(
        "reports/staff/plan.html",
        library=library,
        year=year,
        sections=plan_sections(year, library),
        libraries=libraries() if current_user.is_central else [],
        years=sorted({*year_choices(today, year), today.year + 1}, reverse=True),
    )
