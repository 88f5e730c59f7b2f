"""The staff blueprint of coworking: every route registered here, explicitly."""

from flask import Blueprint

from intranet.coworking.views.staff import desk, printouts, setup

bp = Blueprint("coworking_staff", __name__)

bp.add_url_rule("/", view_func=desk.inbox, methods=["GET"])
bp.add_url_rule("/approve", view_func=desk.approve_many, methods=["POST"])
bp.add_url_rule("/bookings/<int:booking_id>/approve", view_func=desk.approve, methods=["POST"])
bp.add_url_rule("/bookings/<int:booking_id>/reject", view_func=desk.reject, methods=["POST"])
bp.add_url_rule("/bookings/<int:booking_id>/check-in", view_func=desk.check_in, methods=["POST"])
bp.add_url_rule("/<slug>/check-in", view_func=desk.check_in_code, methods=["POST"])
bp.add_url_rule("/<slug>/board", view_func=desk.board, methods=["GET"])
bp.add_url_rule("/<slug>/codes", view_func=printouts.codes, methods=["GET"])
bp.add_url_rule("/<slug>/day-list", view_func=printouts.day_list, methods=["GET"])
bp.add_url_rule("/<slug>/setup", view_func=setup.setup, methods=["GET"])
bp.add_url_rule("/<slug>/setup", view_func=setup.save_centre, methods=["POST"])
bp.add_url_rule("/<slug>/hours", view_func=setup.save_hours, methods=["POST"])
bp.add_url_rule("/<slug>/seats", view_func=setup.save_seats, methods=["POST"])
bp.add_url_rule("/<slug>/closures", view_func=setup.add_closure, methods=["POST"])
