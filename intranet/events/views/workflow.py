"""Workflow steps (submit, approve, return, cancel), the approval queue and attendance."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from intranet.auth.models import User
from intranet.auth.permissions import deny, permission_required
from intranet.errors import Conflict, IntranetError
from intranet.events import services
from intranet.events.constants import AUDIENCE_GROUPS, Status
from intranet.events.forms import AttendanceForm, CommentForm
from intranet.events.models import Event
from intranet.events.views.staff import bp, load_event
from intranet.extensions import db
from intranet.models import utc_now


def _step(event_id: int, action: str):
    # Who may take the step is checked here (403); whether the event is still in a status for
    # it is the service's (409 with "someone else has already decided", for a race or an old page).
    event = load_event(event_id)
    if not event.in_charge(current_user, action):
        deny(f"event:{event_id}")
    form = CommentForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        changed, skipped = services.act_on_scope(
            event,
            actor=current_user,
            action=action,
            scope=form.scope.data,
            comment=(form.comment.data or "").strip(),
        )
    except IntranetError as error:
        db.session.rollback()
        if isinstance(error, Conflict):
            flash(str(error), "warning")  # about the event, not about the comment typed
        else:
            form.comment.errors = [str(error)]
        page = render_template(
            "events/staff_event.html",
            event=event,
            conflicts=services.find_conflicts(event),
            comment_form=form,
            failed_action=action,
        )
        return page, error.status_code
    db.session.commit()
    flash(
        ngettext("Done for %(num)d event.", "Done for %(num)d events.", changed)
        + (
            " "
            + ngettext(
                "%(num)d event left as it was.", "%(num)d events left as they were.", skipped
            )
            if skipped
            else ""
        ),
        "success",
    )
    target = request.form.get("next", "")
    if target == "queue":
        return redirect(url_for("events_staff.queue"))
    return redirect(url_for("events_staff.detail", event_id=event.id))


@bp.post("/<int:event_id>/submit")
@permission_required(User.can_plan_events)
def submit(event_id: int):
    """Send for approval."""
    return _step(event_id, "submit")


@bp.post("/<int:event_id>/approve")
@permission_required(User.can_approve_events)
def approve(event_id: int):
    """Approve and publish."""
    return _step(event_id, "approve")


@bp.post("/<int:event_id>/return")
@permission_required(User.can_approve_events)
def return_(event_id: int):
    """Return to the library with a comment."""
    return _step(event_id, "return")


@bp.post("/<int:event_id>/cancel")
@permission_required(User.can_plan_events)
def cancel(event_id: int):
    """Cancel with a reason."""
    return _step(event_id, "cancel")


@bp.get("/queue")
@permission_required(User.can_approve_events)
def queue():
    """Pending events, oldest request first; approve or return in one click."""
    events = db.session.scalars(
        select(Event)
        .where(Event.status == Status.PENDING)
        .order_by(Event.updated_dt, Event.id)
        .limit(500)
    ).all()
    return render_template(
        "events/queue.html", events=events, comment_form=CommentForm(formdata=None)
    )


@bp.route("/<int:event_id>/attendance", methods=["GET", "POST"])
@permission_required(User.can_plan_events)
def attendance(event_id: int):
    """How many came: a one-minute form on a phone."""
    event = load_event(event_id, "can_record_attendance")
    form = AttendanceForm(obj=event.attendance) if request.method == "GET" else AttendanceForm()
    status = 400 if request.method == "POST" else 200
    if form.validate_on_submit():
        try:
            services.record_attendance(
                event,
                actor=current_user,
                total=form.total.data,
                note=form.note.data or "",
                **{name: getattr(form, name).data or 0 for name in AUDIENCE_GROUPS},
            )
        except IntranetError as error:
            db.session.rollback()
            form.total.errors = [str(error)]
            status = error.status_code  # 409: a frozen month, or recorded by someone else
        else:
            db.session.commit()
            flash(_("Attendance saved. Thank you!"), "success")
            return redirect(url_for("events_staff.detail", event_id=event.id))
    return render_template("events/attendance.html", event=event, form=form), status


def dashboard_data(user) -> dict:
    """My library's next events, ended events to report, and the queue size for central staff."""
    now = utc_now()
    mine = select(Event).options(selectinload(Event.attendance))
    if not user.is_central:
        mine = mine.where(Event.library_id == user.library_id)
    upcoming = db.session.scalars(
        mine.where(Event.start_dt >= now, Event.status != Status.CANCELLED)
        .order_by(Event.start_dt)
        .limit(8)
    ).all()
    to_report = db.session.scalars(
        select(Event)
        .where(
            Event.status == Status.APPROVED,
            Event.end_dt <= now,
            *([] if user.is_central else [Event.library_id == user.library_id]),
        )
        .order_by(Event.end_dt)
        .limit(20)
    ).all()
    pending = []
    if user.is_central:
        pending = db.session.scalars(
            select(Event).where(Event.status == Status.PENDING).order_by(Event.updated_dt).limit(10)
        ).all()
    return {"upcoming": upcoming, "to_report": to_report, "pending": pending}
