"""Reports and dashboards: the monthly report cycle, activity reports and their exports."""

from intranet.reports import dashboard  # noqa: F401  (its route is on the blueprint)
from intranet.reports.views import bp

__all__ = ["bp"]
