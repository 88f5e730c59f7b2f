"""The visitor deletes their personal data from a booking's private page."""

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import force_locale

from intranet.coworking import privacy
from intranet.coworking.views import PRIVATE, get_booking, lazy_sweep
from intranet.errors import IntranetError
from intranet.extensions import db
from intranet.models import utc_now

bp = Blueprint("coworking_privacy", __name__)


@bp.route("/booking/<token>/erase", methods=["GET", "POST"])
def erase(token: str):
    """Ask first (GET), then delete this booking's name, phone, email and purpose (POST)."""
    booking = get_booking(token)
    page = url_for("coworking_public.booking_page", token=token)
    if booking.anonymized_dt is not None:
        return redirect(page, 303)
    lazy_sweep(booking.centre_id)
    # The visitor's language, as on the private page (the refusal names a date in it).
    with force_locale(session.get("lang") or booking.language):
        if request.method == "GET":
            refusal = privacy.erase_refusal(booking, utc_now())
            return (
                render_template("coworking/erase.html", booking=booking, refusal=refusal),
                200,
                PRIVATE,
            )
        try:
            privacy.erase_for_visitor(booking)
        except IntranetError as error:
            db.session.rollback()
            flash(str(error), "danger")
            return redirect(page, 303)
        db.session.commit()
    return redirect(page, 303)  # which now says the data is deleted, and when
