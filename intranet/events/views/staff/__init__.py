"""The staff blueprint of events: every route registered here, explicitly."""

from flask import Blueprint

from intranet.events.views.staff import catalog, planning, workflow

bp = Blueprint("events_staff", __name__)

bp.add_url_rule("/", view_func=planning.calendar, methods=["GET"])
bp.add_url_rule("/new", view_func=planning.create, methods=["GET", "POST"])
bp.add_url_rule("/<int:event_id>", view_func=planning.detail, methods=["GET"])
bp.add_url_rule("/<int:event_id>/edit", view_func=planning.edit, methods=["GET", "POST"])
bp.add_url_rule("/<int:event_id>/submit", view_func=workflow.submit, methods=["POST"])
bp.add_url_rule("/<int:event_id>/approve", view_func=workflow.approve, methods=["POST"])
bp.add_url_rule("/<int:event_id>/return", view_func=workflow.return_, methods=["POST"])
bp.add_url_rule("/<int:event_id>/cancel", view_func=workflow.cancel, methods=["POST"])
bp.add_url_rule(
    "/<int:event_id>/attendance", view_func=workflow.attendance, methods=["GET", "POST"]
)
bp.add_url_rule("/queue", view_func=workflow.queue, methods=["GET"])
bp.add_url_rule("/export.csv", view_func=catalog.export, methods=["GET"])
bp.add_url_rule("/campaigns", view_func=catalog.campaigns, methods=["GET", "POST"])
bp.add_url_rule("/campaigns/<slug>", view_func=catalog.campaign, methods=["GET"])
bp.add_url_rule("/types", view_func=catalog.types, methods=["GET", "POST"])
