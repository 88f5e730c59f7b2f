"""The staff blueprint of reports: every route registered here, explicitly."""

from flask import Blueprint

from intranet.reports.views.staff import cycle, dashboard, report

bp = Blueprint("reports_staff", __name__)

bp.add_url_rule("/", view_func=report.report, methods=["GET"])
bp.add_url_rule("/print", view_func=report.print_report, methods=["GET"])
bp.add_url_rule("/export.<fmt>", view_func=report.export, methods=["GET"])
bp.add_url_rule("/dashboard", view_func=dashboard.dashboard, methods=["GET"])
bp.add_url_rule("/cycle", view_func=cycle.cycle, methods=["GET"])
bp.add_url_rule("/month/<slug>/<int:year>/<int:month>", view_func=cycle.month, methods=["GET"])
bp.add_url_rule(
    "/month/<slug>/<int:year>/<int:month>/submit", view_func=cycle.submit, methods=["POST"]
)
bp.add_url_rule("/decide/<int:report_id>", view_func=cycle.decide, methods=["POST"])
