"""Staff pages: the calendar of one's scope, planning and editing events, their page."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select

from intranet.auth.models import User
from intranet.auth.permissions import deny, permission_required
from intranet.clock import to_local
from intranet.errors import IntranetError
from intranet.events import services
from intranet.events.forms import CommentForm, EventForm, ScopeForm, SeriesForm
from intranet.events.models import Campaign, Event, EventType
from intranet.events.views.common import render_calendar
from intranet.extensions import db
from intranet.forms import choices
from intranet.i18n import localized
from intranet.libraries.models import Club, Library

bp = Blueprint("events_staff", __name__)
# The event form's fields that map one to one onto Event columns.
FORM_TEXT_FIELDS = (
    "room",
    "title_kk",
    "title_ru",
    "title_en",
    "description_kk",
    "description_ru",
    "description_en",
    "audience",
    "language",
    "organiser",
    "partners",
    "internal_notes",
)


def load_event(event_id: int, check: str = "can_view") -> Event:
    """The event, if this staff member may do `check` with it; 403 (audited) otherwise."""
    event = db.get_or_404(Event, event_id)
    if not getattr(event, check)(current_user):
        deny(f"event:{event_id}")
    return event


@bp.get("/")
@permission_required(User.can_plan_events)
def calendar():
    """The calendar of everything this staff member may see, drafts included."""
    return render_calendar(current_user, endpoint="events_staff.calendar", staff=True)


def fill_choices(form: EventForm) -> dict:
    """Offer only the libraries the user acts for; types, clubs and campaigns from the database."""
    libraries = db.session.scalars(select(Library).order_by(Library.position)).all()
    types = db.session.scalars(
        select(EventType).where(EventType.is_active).order_by(EventType.position)
    ).all()
    clubs = db.session.scalars(select(Club).order_by(Club.slug)).all()
    campaigns = db.session.scalars(select(Campaign).order_by(Campaign.start_date.desc())).all()
    mine = [lib for lib in libraries if current_user.can_act_for_library(lib)]
    form.library.choices = choices((lib.slug, localized(lib, "name")) for lib in mine)
    form.type.choices = choices((t.slug, localized(t, "name")) for t in types)
    form.club.choices = choices([("", "—"), *((c.slug, localized(c, "name")) for c in clubs)])
    form.campaign.choices = choices(
        [("", "—"), *((c.slug, localized(c, "name")) for c in campaigns)]
    )
    return {
        "library": {lib.slug: lib for lib in mine},
        "type": {t.slug: t for t in types},
        "club": {c.slug: c for c in clubs},
        "campaign": {c.slug: c for c in campaigns},
    }


def form_data(form: EventForm, lookup: dict) -> dict:
    """The service's keyword arguments from a validated form."""
    start, end = form.moments()
    data = {name: getattr(form, name).data or "" for name in FORM_TEXT_FIELDS}
    data.update(
        start_dt=start,
        end_dt=end,
        capacity=form.capacity.data,
        library=lookup["library"][form.library.data],
        type=lookup["type"][form.type.data],
        club=lookup["club"].get(form.club.data or ""),
        campaign=lookup["campaign"].get(form.campaign.data or ""),
    )
    return data


def fill_form(form: EventForm, event: Event) -> None:
    """Show an event's values in the form, local times."""
    for name in (*FORM_TEXT_FIELDS, "capacity"):
        getattr(form, name).data = getattr(event, name)
    start, end = to_local(event.start_dt), to_local(event.end_dt)
    form.start_date.data, form.start_time.data = start.date(), start.time()
    form.end_time.data = end.time()
    form.end_date.data = end.date() if end.date() != start.date() else None
    form.library.data = event.library.slug
    form.type.data = event.type.slug
    form.club.data = event.club.slug if event.club else ""
    form.campaign.data = event.campaign.slug if event.campaign else ""


@bp.route("/new", methods=["GET", "POST"])
@permission_required(User.can_plan_events)
def create():
    """Plan an event, or a series of them."""
    form, series_form = EventForm(), SeriesForm()
    lookup = fill_choices(form)
    if request.method == "GET" and current_user.library:
        form.library.data = current_user.library.slug
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.validate() and series_form.validate():
        try:
            data = form_data(form, lookup)
            if series_form.repeat.data:
                _series, events = services.create_series(
                    actor=current_user,
                    frequency=series_form.repeat.data,
                    until_date=series_form.until_date.data,
                    occurrences=series_form.occurrences.data,
                    **data,
                )
                event = events[0]
            else:
                event = services.create_event(actor=current_user, **data)
        except IntranetError as error:
            db.session.rollback()
            form.form_errors.append(str(error))
            status = error.status_code  # 409: the month's report is already submitted
        else:
            db.session.commit()
            flash(_("The event has been saved as a draft."), "success")
            return redirect(url_for("events_staff.detail", event_id=event.id))
    return render_template(
        "events/form.html", form=form, series_form=series_form, event=None
    ), status


@bp.route("/<int:event_id>/edit", methods=["GET", "POST"])
@permission_required(User.can_plan_events)
def edit(event_id: int):
    """Change an event (or several occurrences of its series)."""
    event = load_event(event_id, "can_edit")
    form, scope_form = EventForm(), ScopeForm()
    lookup = fill_choices(form)
    if event.library.slug not in lookup["library"]:
        deny(f"event:{event_id}")
    status = 400 if request.method == "POST" else 200
    if request.method == "GET":
        fill_form(form, event)
    elif form.validate() and scope_form.validate():
        try:
            changed, skipped = services.update_occurrences(
                event, actor=current_user, scope=scope_form.scope.data, **form_data(form, lookup)
            )
        except IntranetError as error:
            db.session.rollback()
            form.form_errors.append(str(error))
            status = error.status_code  # 409: decided by someone else, or a frozen month
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            if skipped:
                flash(
                    ngettext(
                        "%(num)d event was left as it was: held, cancelled, changed by someone "
                        "else, or in a month whose report is submitted.",
                        "%(num)d events were left as they were: held, cancelled, changed by "
                        "someone else, or in a month whose report is submitted.",
                        skipped,
                    ),
                    "info",
                )
            return redirect(url_for("events_staff.detail", event_id=event.id))
    conflicts = services.find_conflicts(event) if request.method == "GET" else []
    return render_template(
        "events/form.html", form=form, scope_form=scope_form, event=event, conflicts=conflicts
    ), status


@bp.get("/<int:event_id>")
@permission_required(User.can_plan_events)
def detail(event_id: int):
    """The event with its history, conflicts and the actions this user may take."""
    event = load_event(event_id)
    return render_template(
        "events/staff_event.html",
        event=event,
        conflicts=services.find_conflicts(event),
        comment_form=CommentForm(formdata=None),
    )
