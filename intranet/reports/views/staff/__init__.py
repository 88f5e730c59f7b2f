"""The staff blueprint of reports: every route registered here, explicitly."""

from flask import Blueprint

from intranet.reports.views.figures import figure
from intranet.reports.views.staff import age_bands, cycle, dashboard, diary, fund, plan, report

bp = Blueprint("reports_staff", __name__)
bp.add_app_template_filter(figure, "figure")

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
bp.add_url_rule(
    "/diary/<slug>/<int:year>/<int:month>", view_func=diary.diary, methods=["GET", "POST"]
)
bp.add_url_rule("/fund/<slug>", view_func=fund.fund, methods=["GET", "POST"])
bp.add_url_rule("/age-bands", view_func=age_bands.age_band_settings, methods=["GET", "POST"])
bp.add_url_rule("/diary", view_func=diary.this_month, methods=["GET"])
bp.add_url_rule("/plan", view_func=plan.plan, methods=["GET"])
bp.add_url_rule("/annual.xlsx", view_func=report.annual_export, methods=["GET"])
