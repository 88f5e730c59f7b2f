"""The private page of a registration for all meetings of a series, and cancelling it."""

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import force_locale
from flask_babel import gettext as _

from intranet.events import services
from intranet.events.models import SeriesRegistration
from intranet.events.queries import series_places, series_registration_by_token
from intranet.events.views.registration import PRIVATE, TOKEN
from intranet.forms import EmptyForm
from intranet.i18n import language_in_url
from intranet.models import utc_now
from intranet.unit_of_work import commit_or_show


def _entry(token: str) -> SeriesRegistration:
    entry = series_registration_by_token(token) if TOKEN.match(token) else None
    if entry is None:
        abort(404)
    return entry


def series_registration(token: str) -> ResponseReturnValue:
    """The person's meetings and their place in each, in the language they registered in."""
    entry = _entry(token)
    language = language_in_url() or session.get("lang") or entry.language
    places, now = series_places(entry), utc_now()
    with force_locale(language):
        body = render_template(
            "events/public/series_registration.html",
            registration=entry,
            places=places,
            ahead=[p for p in places if p[0].start_dt > now],
            now=now,
            is_new=request.args.get("new") == "1",
            form=EmptyForm(),
        )
    return body, 200, PRIVATE


def series_cancel(token: str) -> ResponseReturnValue:
    """Cancel the registration: every meeting still ahead frees its place."""
    entry = _entry(token)
    if not EmptyForm().validate_on_submit():
        abort(400)
    if commit_or_show(lambda: services.leave_series(entry)).ok:
        flash(_("Your registration is cancelled. Thank you for letting us know."), "success")
    return redirect(url_for("events_public.series_registration", token=token), 303)
