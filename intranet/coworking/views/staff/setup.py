"""Centre set-up for admins, central staff and the centre's coordinators.

Four sections, one Save each: the centre (description and rules), the weekly hours, the seats
(one table), closed days. A change that cancels bookings lists them first
(`confirmation_page`) and is saved once the user agrees.
"""

from collections.abc import Callable

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import Field

from intranet.auth.models import User
from intranet.auth.permissions import permission_required
from intranet.coworking import services
from intranet.coworking.forms import CentreForm, ClosureForm, HoursForm, SeatsForm
from intranet.coworking.forms.seats import MORE_ROWS
from intranet.coworking.models import WEEKDAY_LABELS, WEEKDAYS, Booking, CoworkingCentre
from intranet.coworking.queries import closures_ahead
from intranet.coworking.services import ConfirmCancellations
from intranet.coworking.views.staff.desk import managed_centre
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
    *,
    centre_form: CentreForm | None = None,
    hours_form: HoursForm | None = None,
    seats_form: SeatsForm | None = None,
    closure_form: ClosureForm | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    """The set-up page: each section's form as posted (with its errors) or as saved."""
    return render_template(
        "coworking/staff/setup.html",
        centre=centre,
        centre_form=centre_form or CentreForm(formdata=None, obj=centre),
        hours_form=hours_form or HoursForm.of(centre),
        seats_form=seats_form or SeatsForm.of(centre),
        closure_form=closure_form or ClosureForm(formdata=None),
        closures=closures_ahead(centre),
        weekdays=WEEKDAYS,
        weekday_labels=WEEKDAY_LABELS,
        more_rows=MORE_ROWS,
    ), status


@permission_required(User.can_use_coworking_desk)
def setup(slug: str) -> ResponseReturnValue:
    """Seats, hours, closures and rules of one centre."""
    centre = managed_centre(slug)
    return _page(centre)


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


def _save(
    slug: str,
    form: FlaskForm,
    change: Callable[[CoworkingCentre], list[Booking]],
    message: str,
    *,
    endpoint: str,
    section: str,
    field: Field | None = None,
) -> ResponseReturnValue:
    """Save one section of the set-up with its one service call, or show it again with why."""
    centre = managed_centre(slug)
    status = 400
    if form.validate_on_submit():
        outcome = commit_or_show(lambda: change(centre), form=form, field=field)
        action = url_for(endpoint, slug=slug)
        answer = _answer(outcome, message, slug=slug, action=action)
        if answer is not None:
            return answer
        status = outcome.status  # 403 for a seat of another centre
    return _page(centre, status=status, **{section: form})


@permission_required(User.can_use_coworking_desk)
def save_centre(slug: str) -> ResponseReturnValue:
    """Save the description and the booking rules (section 1)."""
    form = CentreForm()
    return _save(
        slug,
        form,
        lambda centre: services.change_centre(
            centre, form.description(), form.rules(centre), actor=current_user, agreed=form.agreed()
        ),
        _("The description and rules are saved. New requests follow them from now on."),
        endpoint="coworking_staff.save_centre",
        section="centre_form",
    )


@permission_required(User.can_use_coworking_desk)
def save_hours(slug: str) -> ResponseReturnValue:
    """Save the weekly hours and the sanitary day (asking first if bookings no longer fit)."""
    form = HoursForm()
    return _save(
        slug,
        form,
        lambda centre: services.change_rules(
            centre, form.rules(centre), actor=current_user, agreed=form.agreed()
        ),
        _("The opening hours are saved. New requests follow them from now on."),
        endpoint="coworking_staff.save_hours",
        section="hours_form",
    )


@permission_required(User.can_use_coworking_desk)
def save_seats(slug: str) -> ResponseReturnValue:
    """Save the whole seats table at once, or add blank rows to it without saving."""
    form = SeatsForm()
    if form.more.data:
        form.add_blank_rows(MORE_ROWS)
        return _page(managed_centre(slug), seats_form=form)
    return _save(
        slug,
        form,
        lambda centre: services.save_seats(
            centre, form.to_rows(), actor=current_user, agreed=form.agreed()
        ),
        _("The seats are saved. The booking page shows them as they are now."),
        endpoint="coworking_staff.save_seats",
        section="seats_form",
    )


@permission_required(User.can_use_coworking_desk)
def add_closure(slug: str) -> ResponseReturnValue:
    """Close the centre's library on one day (asking first if that cancels bookings)."""
    form = ClosureForm()
    return _save(
        slug,
        form,
        lambda centre: services.add_closure(
            centre,
            form.to_data(),
            actor=current_user,
            language=current_language(),
            agreed=form.agreed(),
        ),
        _("The closed day is added: the centre takes no bookings that day."),
        endpoint="coworking_staff.add_closure",
        section="closure_form",
        field=form.day,
    )
