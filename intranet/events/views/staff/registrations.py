"""Staff pages of an event's registration: settings, the list and check-in, print, export."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from werkzeug.wrappers import Response

from intranet.auth.models import User
from intranet.auth.permissions import deny, permission_required
from intranet.clock import to_local
from intranet.events import services
from intranet.events.forms.door import MessageForm, WalkInForm
from intranet.events.forms.registration import RegistrationForm, RulesForm
from intranet.events.models import Event, Registration, RegistrationRules
from intranet.events.queries import event_registrations, series_waitlist
from intranet.events.views.staff.messages import registration_saved
from intranet.events.views.staff.planning import Page, load_event
from intranet.extensions import db
from intranet.forms import EmptyForm
from intranet.i18n import localized
from intranet.models import utc_now
from intranet.spreadsheets import to_csv, to_xlsx
from intranet.unit_of_work import commit_or_show

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _event(event_id: int) -> Event:
    return load_event(event_id, "can_manage_registrations")


def _registration(event: Event, registration_id: int) -> Registration:
    registration = db.get_or_404(Registration, registration_id)
    if registration.event_id != event.id:
        deny(f"registration:{registration_id}")
    return registration


def _list(event_id: int) -> Response:
    """Back to the list, with the search the person had typed (a hidden field of each form)."""
    query = (request.form.get("q") or "").strip()[:100] or None
    return redirect(url_for("events_staff.registrations", event_id=event_id, q=query), 303)


@permission_required(User.can_plan_events)
def settings(event_id: int) -> Page:
    """Who may register, how many places, when, groups, questions and the waitlist."""
    event = _event(event_id)
    rules = services.rules_of(event)
    form = RulesForm(obj=rules) if request.method == "GET" and rules else RulesForm()
    if request.method == "GET" and rules is None:
        form.capacity.data = event.capacity
        form.opens_days.data, form.closes_hours.data, form.max_group.data = 14, 2, 1
    if request.method == "GET" and event.series is not None:
        form.register_once.data = "series" if event.series.register_once else "meeting"
    status = 400 if request.method == "POST" else 200
    if form.validate_on_submit():
        outcome = commit_or_show(
            lambda: services.save_rules(
                event, form.to_data(in_series=event.series_id is not None), actor=current_user
            ),
            form=form,
        )
        if outcome.value is not None:
            flash(registration_saved(event, outcome.value, utc_now()), "success")
            return redirect(url_for("events_staff.registrations", event_id=event.id))
        status = outcome.status
    page = render_template("events/staff/registration_settings.html", event=event, form=form)
    return page, status


@permission_required(User.can_plan_events)
def registrations(event_id: int) -> Page:
    """The door list on a phone: search by name, tick, add a walk-in; the waitlist below."""
    event = _event(event_id)
    rules = db.session.get(RegistrationRules, event.id)
    query = (request.args.get("q") or "").strip()[:100]
    people = event_registrations(event.id)
    shown = [p for p in people if query.casefold() in p.full_name.casefold()] if query else people
    add_form = RegistrationForm()
    if rules is not None:
        add_form.fit(rules)
    return render_template(
        "events/staff/registrations.html",
        event=event,
        rules=rules,
        people=shown,
        query=query,
        came=services.people_checked_in(event),
        form=EmptyForm(),
        walk_in=WalkInForm(formdata=None, group_size=1),
        add_form=add_form,
        series_waiting=series_waitlist(event),
    )


@permission_required(User.can_plan_events)
def add(event_id: int) -> Page:
    """Staff register someone (by phone, or for a staff-only event); the rules still apply."""
    event = _event(event_id)
    rules = services.rules_of(event)
    form = RegistrationForm()
    if rules is not None:
        form.fit(rules)
    if form.validate_on_submit():
        data = form.to_data(language=request.form.get("language", "kk")[:2])
        if commit_or_show(lambda: services.register(event, data, actor=current_user)).ok:
            flash(_("%(name)s is on the list.", name=data.full_name), "success")
    else:
        for errors in form.errors.values():
            flash(" ".join(str(e) for e in errors), "danger")
    return _list(event.id)


@permission_required(User.can_plan_events)
def tick(event_id: int, registration_id: int) -> Response:
    """Mark as come, or undo it."""
    event = _event(event_id)
    registration = _registration(event, registration_id)
    if EmptyForm().validate_on_submit():
        undo = request.form.get("undo") == "1"
        action = services.undo_check_in if undo else services.check_in
        commit_or_show(lambda: action(event, registration, actor=current_user))
    return _list(event.id)


@permission_required(User.can_plan_events)
def cancel(event_id: int, registration_id: int) -> Response:
    """Free someone's place (they phoned): the next person on the waitlist moves up."""
    event = _event(event_id)
    registration = _registration(event, registration_id)
    if (
        EmptyForm().validate_on_submit()
        and commit_or_show(lambda: services.leave_meeting(event, registration)).ok
    ):
        flash(
            _("The registration of %(name)s is cancelled.", name=registration.full_name), "success"
        )
    return _list(event.id)


@permission_required(User.can_plan_events)
def walk_in(event_id: int) -> Response:
    """Someone came without registering."""
    event = _event(event_id)
    form = WalkInForm()
    if form.validate_on_submit():
        commit_or_show(
            lambda: services.add_walk_in(
                event, actor=current_user, full_name=form.full_name.data,
                group_size=form.group_size.data,
            )
        )  # fmt: skip
    else:
        for errors in form.errors.values():
            flash(" ".join(str(e) for e in errors), "danger")
    return _list(event.id)


@permission_required(User.can_plan_events)
def print_list(event_id: int) -> str:
    """The list on A4 for when phones fail: names, people, a box to tick."""
    event = _event(event_id)
    return render_template(
        "events/staff/registrations_print.html", event=event, people=event_registrations(event.id)
    )


HEADER = ["number", "status", "full_name", "people", "phone", "email", "school", "grade",
          "registered", "came", "left", "walk_in", "language"]  # fmt: skip


def _rows(people: list[Registration]) -> list[list[object]]:
    return [
        [
            n,
            p.status,
            p.full_name,
            p.group_size,
            p.phone_display,
            p.email or "",
            p.school,
            p.grade,
            to_local(p.created_dt).strftime("%Y-%m-%d %H:%M"),
            to_local(p.checked_in_dt).strftime("%H:%M") if p.checked_in_dt else "",
            to_local(p.left_dt).strftime("%Y-%m-%d %H:%M") if p.left_dt else "",
            "yes" if p.is_walk_in else "",
            p.language,
        ]  # fmt: skip
        for n, p in enumerate(people, start=1)
    ]


@permission_required(User.can_plan_events)
def export(event_id: int, fmt: str) -> Response:
    """The list as CSV or XLSX; cells a spreadsheet would run are neutralised."""
    event = _event(event_id)
    rows = _rows(list(event_registrations(event.id)))
    if fmt == "xlsx":
        title = localized(event, "title") or str(event.id)
        body, mimetype = to_xlsx([(title, HEADER, rows)]), XLSX
    else:
        body, mimetype = to_csv(HEADER, rows), "text/csv; charset=utf-8"
    name = f"registrations-{event.id}.{fmt}"
    return Response(
        body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@permission_required(User.can_plan_events)
def message(event_id: int) -> Page:
    """Write to everyone registered, through the outbox."""
    event = _event(event_id)
    form = MessageForm()
    status = 400 if request.method == "POST" else 200
    if form.validate_on_submit():
        outcome = commit_or_show(
            lambda: services.message_registrants(
                event, actor=current_user, subject=form.subject.data, body=form.body.data
            ),
            form=form,
        )
        if outcome.value is not None:
            flash(
                ngettext(
                    "The message is on its way to %(num)d person.",
                    "The message is on its way to %(num)d people.",
                    outcome.value,
                ),
                "success",
            )
            return redirect(url_for("events_staff.registrations", event_id=event.id))
        status = outcome.status
    people = event_registrations(event.id)
    no_email = [p for p in people if p.is_live and not p.email and not p.is_walk_in]
    page = render_template(
        "events/staff/registrations_message.html", event=event, form=form, no_email=no_email
    )
    return page, status
