"""The staff blueprint of events: every route registered here, explicitly."""

from flask import Blueprint

from intranet.events.views.staff import (
    catalog,
    catalog_edit,
    plan,
    planning,
    registrations,
    workflow,
)

bp = Blueprint("events_staff", __name__)

bp.add_url_rule("/", view_func=planning.calendar, methods=["GET"])
bp.add_url_rule("/new", view_func=planning.create, methods=["GET", "POST"])
bp.add_url_rule("/<int:event_id>", view_func=planning.detail, methods=["GET"])
bp.add_url_rule("/<int:event_id>/edit", view_func=planning.edit, methods=["GET", "POST"])
bp.add_url_rule("/<int:event_id>/delete", view_func=planning.delete, methods=["GET", "POST"])
bp.add_url_rule("/<int:event_id>/submit", view_func=workflow.submit, methods=["POST"])
bp.add_url_rule("/<int:event_id>/approve", view_func=workflow.approve, methods=["POST"])
bp.add_url_rule("/<int:event_id>/return", view_func=workflow.return_, methods=["POST"])
bp.add_url_rule("/<int:event_id>/cancel", view_func=workflow.cancel, methods=["POST"])
bp.add_url_rule(
    "/<int:event_id>/attendance", view_func=workflow.attendance, methods=["GET", "POST"]
)
bp.add_url_rule("/plan", endpoint="plan_upload", view_func=plan.upload, methods=["GET", "POST"])
bp.add_url_rule(
    "/plan/template.xlsx", endpoint="plan_template", view_func=plan.template, methods=["GET"]
)
bp.add_url_rule("/queue", view_func=workflow.queue, methods=["GET"])
bp.add_url_rule("/export.csv", view_func=catalog.export, methods=["GET"])
bp.add_url_rule("/campaigns", view_func=catalog.campaigns, methods=["GET", "POST"])
bp.add_url_rule("/campaigns/<slug>", view_func=catalog.campaign, methods=["GET"])
bp.add_url_rule(
    "/campaigns/<slug>/edit", view_func=catalog_edit.edit_campaign, methods=["GET", "POST"]
)
bp.add_url_rule(
    "/campaigns/<slug>/action", view_func=catalog_edit.campaign_action, methods=["POST"]
)
bp.add_url_rule("/types", view_func=catalog_edit.types, methods=["GET", "POST"])
bp.add_url_rule("/types/<int:type_id>", view_func=catalog_edit.edit_type, methods=["GET", "POST"])
bp.add_url_rule("/types/<int:type_id>/action", view_func=catalog_edit.type_action, methods=["POST"])

# Registration: settings, the door list and what staff do with it.
R = "/<int:event_id>/registrations"
bp.add_url_rule(
    "/<int:event_id>/registration", view_func=registrations.settings, methods=["GET", "POST"]
)
bp.add_url_rule(R, view_func=registrations.registrations, methods=["GET"])
bp.add_url_rule(R + "/add", view_func=registrations.add, methods=["POST"])
bp.add_url_rule(R + "/walk-in", view_func=registrations.walk_in, methods=["POST"])
bp.add_url_rule(R + "/<int:registration_id>/tick", view_func=registrations.tick, methods=["POST"])
bp.add_url_rule(
    R + "/<int:registration_id>/cancel",
    endpoint="cancel_registration",
    view_func=registrations.cancel,
    methods=["POST"],
)
bp.add_url_rule(R + "/print", view_func=registrations.print_list, methods=["GET"])
bp.add_url_rule(
    R + ".<any(csv, xlsx):fmt>",
    endpoint="export_registrations",
    view_func=registrations.export,
    methods=["GET"],
)
bp.add_url_rule(
    R + "/message",
    endpoint="message_registrants",
    view_func=registrations.message,
    methods=["GET", "POST"],
)
