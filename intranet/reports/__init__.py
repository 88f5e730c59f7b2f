"""Reports and dashboards: the monthly report cycle, activity reports and their exports."""
