"""Centre set-up for admins, central staff and the centre's coordinators."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from wtforms.validators import ValidationError

from intranet.auth.models import User
from intranet.auth.permissions import deny, permission_required
from intranet.clock import local_today
from intranet.coworking.cancellations import ConfirmCancellations, close_day
from intranet.coworking.confirmation import confirmation_page, notify_cancelled
from intranet.coworking.forms import AgreedCancellationsForm
from intranet.coworking.models import WEEKDAYS, Seat
from intranet.coworking.setup_forms import (
    WEEKDAY_LABELS,
    ClosureForm,
    RulesForm,
    SeatForm,
    read_hours,
)
from intranet.coworking.setup_services import change_rules, change_seat
from intranet.coworking.staff import managed_centre
from intranet.errors import IntranetError
from intranet.extensions import db
from intranet.i18n import current_language
from intranet.libraries.models import ClosedDay, ClosedDayKind

bp = Blueprint("coworking_setup", __name__)
RULE_FIELDS = (
    "slot_minutes",
    "min_duration_minutes",
    "max_duration_minutes",
    "horizon_days",
    "min_notice_minutes",
    "is_auto_approve",
    "grace_minutes",
    "limit_per_day",
    "limit_per_week",
    "block_after_no_shows",
    "block_window_days",
    "block_days",
)


def _page(centre, rules_form, seat_form=None, closure_form=None, status=200):
    closures = db.session.scalars(
        select(ClosedDay)
        .where(ClosedDay.library_id == centre.library_id, ClosedDay.day >= local_today())
        .order_by(ClosedDay.day)
    ).all()
    return render_template(
        "coworking/staff/setup.html",
        centre=centre,
        form=rules_form,
        seat_form=seat_form or SeatForm(formdata=None),
        closure_form=closure_form or ClosureForm(formdata=None),
        closures=closures,
        weekdays=WEEKDAYS,
        weekday_labels=WEEKDAY_LABELS,
    ), status


def _rules_form(centre, formdata=True) -> RulesForm:
    form = RulesForm() if formdata else RulesForm(formdata=None, obj=centre)
    if not formdata:
        form.sanitary_day.data = centre.sanitary_day or ""
        for day in WEEKDAYS:
            hours = (centre.opening_hours or {}).get(day) or ["", ""]
            getattr(form, f"{day}_open").data, getattr(form, f"{day}_close").data = hours
    return form


@bp.get("/<slug>/setup")
@permission_required(User.can_use_coworking_desk)
def setup(slug: str):
    """Seats, hours, closures and rules of one centre."""
    centre = managed_centre(slug)
    return _page(centre, _rules_form(centre, formdata=False))


def _saved(message: str, cancelled: list, slug: str):
    """Commit, then tell the visitors whose bookings were cancelled, then go back."""
    db.session.commit()
    flash(" ".join([message, notify_cancelled(cancelled)]) if cancelled else message, "success")
    return redirect(url_for("coworking_setup.setup", slug=slug), 303)


def _ask(ask: ConfirmCancellations, slug: str, endpoint: str, **values):
    db.session.rollback()
    return confirmation_page(
        ask,
        title=_("Set-up"),
        action=url_for(endpoint, slug=slug, **values),
        back=url_for("coworking_setup.setup", slug=slug),
    )


@bp.post("/<slug>/setup")
@permission_required(User.can_use_coworking_desk)
def save_rules(slug: str):
    """Save the rules and the weekly hours (asking first if bookings no longer fit)."""
    centre = managed_centre(slug)
    form = _rules_form(centre)
    if not form.validate_on_submit():
        return _page(centre, form, status=400)
    try:
        hours = read_hours(form)
    except ValidationError:
        return _page(centre, form, status=400)
    values = {name: getattr(form, name).data for name in RULE_FIELDS}
    values.update(sanitary_day=form.sanitary_day.data or None, opening_hours=hours)
    try:
        cancelled = change_rules(
            centre, actor=current_user, values=values, agreed=AgreedCancellationsForm().agreed()
        )
    except ConfirmCancellations as ask:
        return _ask(ask, slug, "coworking_setup.save_rules")
    except (IntegrityError, IntranetError) as error:
        db.session.rollback()
        centre = managed_centre(slug)
        contradiction = _("These rules contradict each other.")
        flash(contradiction if isinstance(error, IntegrityError) else str(error), "danger")
        return _page(centre, form, status=400)
    return _saved(_("The rules are saved."), cancelled, slug)


@bp.post("/<slug>/seats", defaults={"seat_id": None})
@bp.post("/<slug>/seats/<int:seat_id>")
@permission_required(User.can_use_coworking_desk)
def save_seat(slug: str, seat_id: int | None):
    """Add a seat or change one (a seat with bookings is made unbookable, never deleted)."""
    centre = managed_centre(slug)
    seat = Seat() if seat_id is None else db.get_or_404(Seat, seat_id)
    if seat.centre_id not in (None, centre.id):
        deny(f"seat:{seat_id}")
    form = SeatForm()
    if not form.validate_on_submit():
        return _page(centre, _rules_form(centre, formdata=False), seat_form=form, status=400)
    values = {name: value for name, value in form.data.items() if name != "csrf_token"}
    try:
        cancelled = change_seat(
            centre,
            seat,
            actor=current_user,
            values=values,
            agreed=AgreedCancellationsForm().agreed(),
        )
    except ConfirmCancellations as ask:
        return _ask(ask, slug, "coworking_setup.save_seat", seat_id=seat_id)
    except IntegrityError:
        db.session.rollback()
        centre = managed_centre(slug)
        form.label.errors = [_("This centre already has a seat with this label.")]
        return _page(centre, _rules_form(centre, formdata=False), seat_form=form, status=400)
    return _saved(_("The seat is saved."), cancelled, slug)


@bp.post("/<slug>/closures")
@permission_required(User.can_use_coworking_desk)
def add_closure(slug: str):
    """Close the centre's library on one day (asking first if that cancels bookings)."""
    from intranet.coworking.forms import parse_date

    centre = managed_centre(slug)
    form = ClosureForm()
    if form.validate_on_submit():
        reason = form.reason.data.strip()
        try:
            _row, cancelled = close_day(
                actor=current_user,
                day=parse_date(form.day.data),
                library=centre.library,
                kind=ClosedDayKind.CLOSURE,
                reason_kk=reason if current_language() != "ru" else "",
                reason_ru=reason if current_language() == "ru" else "",
                agreed=AgreedCancellationsForm().agreed(),
            )
        except ConfirmCancellations as ask:
            return _ask(ask, slug, "coworking_setup.add_closure")
        except IntranetError as error:
            db.session.rollback()
            centre = managed_centre(slug)
            form.day.errors = [str(error)]
        else:
            return _saved(_("The closed day is added."), cancelled, slug)
    return _page(centre, _rules_form(centre, formdata=False), closure_form=form, status=400)
