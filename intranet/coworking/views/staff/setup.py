"""Centre set-up for admins, central staff and the centre's coordinators.

Rules and hours, seats, closures; a change that cancels bookings lists them first
(`confirmation_page`) and is saved once the user agrees.
"""

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from intranet.auth.models import User
from intranet.auth.permissions import deny, permission_required
from intranet.coworking import services
from intranet.coworking.forms import ClosureForm, RulesForm, SeatForm
from intranet.coworking.models import WEEKDAY_LABELS, WEEKDAYS, Booking, CoworkingCentre, Seat
from intranet.coworking.queries import closures_ahead
from intranet.coworking.services import ConfirmCancellations
from intranet.coworking.views.staff.desk import managed_centre
from intranet.extensions import db
from intranet.i18n import current_language
from intranet.unit_of_work import Outcome, commit_or_show


def confirmation_page(ask: ConfirmCancellations, *, title: str, action: str, back: str) -> str:
    """Ask before saving: who loses which seat when; the button re-sends the same form."""
    return render_template(
        services.CONFIRMATION_TEMPLATE,
        **services.confirmation_context(ask, title=title, action=action, back=back),
    )


def _page(
    centre: CoworkingCentre,
    rules_form: RulesForm,
    seat_form: SeatForm | None = None,
    closure_form: ClosureForm | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    return render_template(
        "coworking/staff/setup.html",
        centre=centre,
        form=rules_form,
        seat_form=seat_form or SeatForm(formdata=None),
        closure_form=closure_form or ClosureForm(formdata=None),
        closures=closures_ahead(centre),
        weekdays=WEEKDAYS,
        weekday_labels=WEEKDAY_LABELS,
    ), status


def _saved_rules(centre: CoworkingCentre) -> RulesForm:
    """The rules form filled in from the centre as saved."""
    form = RulesForm(formdata=None, obj=centre)
    form.sanitary_day.data = centre.sanitary_day or ""
    for day in WEEKDAYS:
        hours = (centre.opening_hours or {}).get(day) or ["", ""]
        getattr(form, f"{day}_open").data, getattr(form, f"{day}_close").data = hours
    return form


@permission_required(User.can_use_coworking_desk)
def setup(slug: str) -> ResponseReturnValue:
    """Seats, hours, closures and rules of one centre."""
    centre = managed_centre(slug)
    return _page(centre, _saved_rules(centre))


def _answer(
    outcome: Outcome[list[Booking]], message: str, *, slug: str, action: str
) -> ResponseReturnValue | None:
    """The page after a set-up change, or None when it was refused (show the form again).

    Saved: the visitors whose bookings it cancelled are told, and back to the set-up page.
    Asked (ConfirmCancellations): the list, with a button that sends the form to `action`.
    """
    if isinstance(outcome.error, ConfirmCancellations):
        return confirmation_page(
            outcome.error,
            title=_("Set-up"),
            action=action,
            back=url_for("coworking_staff.setup", slug=slug),
        )
    if outcome.value is None:
        return None
    cancelled = outcome.value
    flash(
        " ".join([message, services.cancelled_message(cancelled)]) if cancelled else message,
        "success",
    )
    return redirect(url_for("coworking_staff.setup", slug=slug), 303)


@permission_required(User.can_use_coworking_desk)
def save_rules(slug: str) -> ResponseReturnValue:
    """Save the rules and the weekly hours (asking first if bookings no longer fit)."""
    centre = managed_centre(slug)
    form = RulesForm()
    if not form.validate_on_submit():
        return _page(centre, form, status=400)
    outcome = commit_or_show(
        lambda: services.change_rules(
            centre, form.to_data(), actor=current_user, agreed=form.agreed()
        ),
        form=form,
    )
    answer = _answer(
        outcome,
        _("The rules are saved."),
        slug=slug,
        action=url_for("coworking_staff.save_rules", slug=slug),
    )
    return answer if answer is not None else _page(centre, form, status=400)


@permission_required(User.can_use_coworking_desk)
def save_seat(slug: str, seat_id: int | None) -> ResponseReturnValue:
    """Add a seat or change one (a seat with bookings is made unbookable, never deleted)."""
    centre = managed_centre(slug)
    seat = None if seat_id is None else db.get_or_404(Seat, seat_id)
    if seat is not None and seat.centre_id != centre.id:
        deny(f"seat:{seat_id}")
    form = SeatForm()
    if form.validate_on_submit():
        outcome = commit_or_show(
            lambda: services.change_seat(
                centre, seat, form.to_data(), actor=current_user, agreed=form.agreed()
            ),
            form=form,
        )
        answer = _answer(
            outcome,
            _("The seat is saved."),
            slug=slug,
            action=url_for("coworking_staff.save_seat", slug=slug, seat_id=seat_id),
        )
        if answer is not None:
            return answer
    return _page(centre, _saved_rules(centre), seat_form=form, status=400)


@permission_required(User.can_use_coworking_desk)
def add_closure(slug: str) -> ResponseReturnValue:
    """Close the centre's library on one day (asking first if that cancels bookings)."""
    centre = managed_centre(slug)
    form = ClosureForm()
    if form.validate_on_submit():
        outcome = commit_or_show(
            lambda: services.add_closure(
                centre,
                form.to_data(),
                actor=current_user,
                language=current_language(),
                agreed=form.agreed(),
            ),
            form=form,
            field=form.day,
        )
        answer = _answer(
            outcome,
            _("The closed day is added."),
            slug=slug,
            action=url_for("coworking_staff.add_closure", slug=slug),
        )
        if answer is not None:
            return answer
    return _page(centre, _saved_rules(centre), closure_form=form, status=400)
