"""Public registration pages: the form of an event, and each person's private page."""

import re

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import force_locale
from flask_babel import gettext as _

from intranet.events import services
from intranet.events.forms.registration import RegistrationForm
from intranet.events.models import Event, Registration, RegistrationStatus
from intranet.events.queries import (
    public_event,
    registration_by_token,
    series_of,
    series_offer,
    series_registration_of,
    waitlist_position,
)
from intranet.extensions import db
from intranet.forms import EmptyForm
from intranet.i18n import current_language, language_in_url
from intranet.models import utc_now
from intranet.unit_of_work import commit_or_show

TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")
# A person's private page: never cached on the way, never indexed.
PRIVATE = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}


def register_limit() -> str:
    return str(current_app.config["EVENTS_REGISTER_LIMIT"])


def register(event_id: int) -> ResponseReturnValue:
    """The registration form; on success, the person's private page (place or waitlist)."""
    event = public_event(event_id)
    if event is None:
        abort(404)
    now, series = utc_now(), series_of(event)
    offer = series_offer(series, now) if series else None
    rules = services.rules_of(event)
    if series is not None:
        refusal = services.series_refusal(series, now)
        page = "events_public.series_registration"
    else:
        refusal = services.registration_refusal(event, rules, now)
        page = "events_public.registration"

    def register_here() -> str:
        data = form.to_data(language=current_language())
        if series is not None:
            return services.register_series(event, data).token
        return services.register(event, data).token

    form = RegistrationForm()
    if rules is not None:
        form.fit(rules)
    status = 200
    if refusal is None and form.validate_on_submit():
        outcome = commit_or_show(register_here, form=form)
        if outcome.value is not None:
            return redirect(url_for(page, token=outcome.value, new=1))
        status = outcome.status
    elif request.method == "POST":
        status = 400 if refusal is None else 409
    body = render_template(
        "events/public/register.html",
        event=event,
        rules=rules,
        form=form,
        refusal=refusal,
        offer=offer,
    )
    return body, status, PRIVATE


def get_registration(token: str) -> tuple[Registration, Event]:
    """The registration behind a private link and its event; 404 for anything else."""
    registration = registration_by_token(token) if TOKEN.match(token) else None
    if registration is None:
        abort(404)
    event = db.session.get(Event, registration.event_id)
    if event is None:
        abort(404)
    return registration, event


def page_language(entry: Registration) -> str:
    """The private page's language: the one they registered in unless they chose another."""
    return language_in_url() or session.get("lang") or entry.language


def registration(token: str) -> ResponseReturnValue:
    """The person's private page, in the language they registered in unless they chose another."""
    entry, event = get_registration(token)
    with force_locale(page_language(entry)):
        body = render_template(
            "events/public/registration.html",
            event=event,
            registration=entry,
            position=waitlist_position(entry),
            whole=series_registration_of(entry),
            is_new=request.args.get("new") == "1",
            form=EmptyForm(),
            now=utc_now(),
        )
    return body, 200, PRIVATE


def cancel(token: str) -> ResponseReturnValue:
    """Cancel the place or leave the waitlist; a freed place goes to the next person at once."""
    entry, event = get_registration(token)
    if not EmptyForm().validate_on_submit():
        abort(400)
    was_waiting = entry.status == RegistrationStatus.WAITLISTED
    # Messages in the language of the page they appear on, not of the browser's headers.
    with force_locale(page_language(entry)):
        if commit_or_show(lambda: services.leave_meeting(event, entry)).ok:
            said = (
                _("You have left the waitlist. Thank you for letting us know.")
                if was_waiting
                else _("Your registration is cancelled. Thank you for letting us know.")
            )
            flash(said, "success")
    return redirect(url_for("events_public.registration", token=token), 303)


def accept(token: str) -> ResponseReturnValue:
    """Take the place offered from the waitlist."""
    entry, event = get_registration(token)
    if not EmptyForm().validate_on_submit():
        abort(400)
    with force_locale(page_language(entry)):
        if commit_or_show(lambda: services.accept_offer(event, entry)).ok:
            flash(_("Your place is confirmed. See you at the event!"), "success")
    return redirect(url_for("events_public.registration", token=token), 303)
