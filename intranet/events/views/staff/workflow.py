"""Workflow steps (submit, approve, return, cancel), the approval queue and attendance."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from intranet.auth.models import User
from intranet.auth.permissions import deny, permission_required
from intranet.events import services
from intranet.events.forms import AttendanceForm, CommentForm
from intranet.events.queries import approval_queue
from intranet.events.views.staff import messages
from intranet.events.views.staff.planning import Page, load_event
from intranet.unit_of_work import commit_or_show


def _step(event_id: int, action: str) -> Page:
    # Who may take the step is checked here (403); whether the event is still in a status for
    # it is the service's (409 with "someone else has already decided", for a race or an old page).
    event = load_event(event_id)
    if not event.in_charge(current_user, action):
        deny(f"event:{event_id}")
    form = CommentForm()
    if not form.validate_on_submit():
        abort(400)
    outcome = commit_or_show(
        lambda: services.act_on_scope(
            event,
            actor=current_user,
            action=action,
            scope=form.scope.data,
            comment=(form.comment.data or "").strip(),
        ),
        form=form,
    )
    if outcome.value is None:
        page = render_template(
            "events/staff/event.html",
            event=event,
            conflicts=services.find_conflicts(event),
            comment_form=form,
            failed_action=action,
        )
        return page, outcome.status
    changed, skipped = outcome.value
    flash(messages.step_done(action, event, changed), "success")
    if skipped:
        flash(messages.left_as_they_were(skipped), "info")
    if request.form.get("next", "") == "queue":
        return redirect(url_for("events_staff.queue"))
    return redirect(url_for("events_staff.detail", event_id=event.id))


@permission_required(User.can_plan_events)
def submit(event_id: int) -> Page:
    """Send for approval."""
    return _step(event_id, "submit")


@permission_required(User.can_approve_events)
def approve(event_id: int) -> Page:
    """Approve and publish."""
    return _step(event_id, "approve")


@permission_required(User.can_approve_events)
def return_(event_id: int) -> Page:
    """Return to the library with a comment."""
    return _step(event_id, "return")


@permission_required(User.can_plan_events)
def cancel(event_id: int) -> Page:
    """Cancel with a reason."""
    return _step(event_id, "cancel")


@permission_required(User.can_approve_events)
def queue() -> str:
    """Pending events as cards, oldest request first, with their conflicts; approve or return."""
    cards = approval_queue()
    conflicts = services.conflicts_for([event for card in cards for event in card.events])
    return render_template("events/staff/queue.html", cards=cards, conflicts=conflicts)


@permission_required(User.can_plan_events)
def attendance(event_id: int) -> Page:
    """How many came: a one-minute form on a phone."""
    event = load_event(event_id, "can_record_attendance")
    form = AttendanceForm(obj=event.attendance) if request.method == "GET" else AttendanceForm()
    if request.method == "GET" and event.attendance is None:
        # Start from the door list's ticks; staff adjust the total and the groups.
        form.total.data = services.people_checked_in(event) or None
    status = 400 if request.method == "POST" else 200
    if form.validate_on_submit():
        outcome = commit_or_show(
            lambda: services.record_attendance(event, form.to_data(), actor=current_user),
            form=form,
            field=form.total,
        )
        if outcome.ok:
            flash(messages.attendance_saved(event), "success")
            return redirect(url_for("events_staff.detail", event_id=event.id))
        status = outcome.status  # 409: a frozen month, or recorded by someone else
    return render_template("events/staff/attendance.html", event=event, form=form), status
