"""Staff pages: the calendar of one's scope, planning and editing events, their page."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from intranet.auth.models import User
from intranet.auth.permissions import deny, permission_required
from intranet.events import services
from intranet.events.forms import CommentForm, EventForm, ScopeForm, SeriesForm
from intranet.events.models import Event
from intranet.events.queries import planning_choices
from intranet.events.views.calendar import render_calendar
from intranet.events.views.staff import messages
from intranet.extensions import db
from intranet.forms import EmptyForm
from intranet.unit_of_work import commit_or_show

Page = str | Response | tuple[str, int]


def load_event(event_id: int, check: str = "can_view") -> Event:
    """The event, if this staff member may do `check` with it; 403 (audited) otherwise."""
    event = db.get_or_404(Event, event_id)
    if not getattr(event, check)(current_user):
        deny(f"event:{event_id}")
    return event


@permission_required(User.can_plan_events)
def calendar() -> str | Response:
    """The calendar of everything this staff member may see, drafts included."""
    return render_calendar(current_user, endpoint="events_staff.calendar", staff=True)


def sends_for_approval() -> bool:
    """Whether "Save and send for approval" was pressed rather than "Save as draft"."""
    return request.form.get("action") == "submit"


def _plan(form: EventForm, series_form: SeriesForm, *, send: bool) -> tuple[Event, int]:
    """Plan the event, or every occurrence of its series, and send it if asked (one unit of
    work: nothing is saved when the sending is refused); the first one is shown next."""
    data, series = form.to_data(), series_form.to_data()
    if series is None:
        event, count = services.create_event(data, actor=current_user), 1
    else:
        _series, events = services.create_series(data, series, actor=current_user)
        event, count = events[0], len(events)
    if send:
        scope = "one" if series is None else "all"
        count, _skipped = services.act_on_scope(
            event, actor=current_user, action="submit", scope=scope
        )
    return event, count


@permission_required(User.can_plan_events)
def create() -> Page:
    """Plan an event, or a series of them."""
    form, series_form = EventForm(), SeriesForm()
    form.offer(planning_choices(current_user))
    if request.method == "GET" and current_user.library:
        form.library.data = current_user.library.slug
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.validate() and series_form.validate():
        send = sends_for_approval()
        outcome = commit_or_show(lambda: _plan(form, series_form, send=send), form=form)
        if outcome.value is not None:
            event, count = outcome.value
            message = (
                messages.step_done("submit", event, count)
                if send
                else messages.saved_as_draft(event, count)
            )
            flash(message, "success")
            return redirect(url_for("events_staff.detail", event_id=event.id))
        status = outcome.status  # 409: the month's report is already submitted
    page = render_template("events/staff/form.html", form=form, series_form=series_form, event=None)
    return page, status


@permission_required(User.can_plan_events)
def edit(event_id: int) -> Page:
    """Change an event (or several occurrences of its series)."""
    event = load_event(event_id, "can_edit")
    form, scope_form = EventForm(), ScopeForm()
    form.offer(planning_choices(current_user, event))
    if not form.offers_library(event.library.slug):
        deny(f"event:{event_id}")
    status = 400 if request.method == "POST" else 200
    if request.method == "GET":
        form.show(event)
    elif form.validate() and scope_form.validate():
        send = sends_for_approval() and event.can_submit(current_user)

        def save() -> tuple[int, int]:
            changed, skipped = services.update_occurrences(
                event, form.to_data(), actor=current_user, scope=scope_form.scope.data
            )
            if send:
                changed, _skipped = services.act_on_scope(
                    event, actor=current_user, action="submit", scope=scope_form.scope.data
                )
            return changed, skipped

        outcome = commit_or_show(save, form=form)
        if outcome.value is not None:
            changed, skipped = outcome.value
            message = (
                messages.step_done("submit", event, changed)
                if send
                else messages.changes_saved(event)
            )
            flash(message, "success")
            if skipped:
                flash(messages.left_as_they_were(skipped), "info")
            return redirect(url_for("events_staff.detail", event_id=event.id))
        status = outcome.status  # 409: decided by someone else, or a frozen month
    conflicts = services.find_conflicts(event) if request.method == "GET" else []
    page = render_template(
        "events/staff/form.html", form=form, scope_form=scope_form, event=event, conflicts=conflicts
    )
    return page, status


@permission_required(User.can_plan_events)
def detail(event_id: int) -> str:
    """The event with its history, conflicts and the actions this user may take."""
    event = load_event(event_id)
    return render_template(
        "events/staff/event.html",
        event=event,
        conflicts=services.find_conflicts(event),
        comment_form=CommentForm(formdata=None),
    )


@permission_required(User.can_plan_events)
def delete(event_id: int) -> Page:
    """Delete a draft: GET asks to confirm, POST deletes (only a draft, and it is audited)."""
    event = load_event(event_id, "can_delete")
    form = EmptyForm()
    if request.method == "POST" and form.validate_on_submit():
        title = messages.title_of(event)
        outcome = commit_or_show(lambda: services.delete_draft(event, actor=current_user))
        if outcome.ok:
            flash(messages.draft_deleted(title), "success")
            return redirect(url_for("events_staff.calendar"))
        return redirect(url_for("events_staff.detail", event_id=event_id))
    return render_template("events/staff/delete.html", event=event, form=form)
