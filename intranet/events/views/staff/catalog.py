"""Staff extras: CSV export, campaigns with each library's progress."""

import re
from datetime import timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from intranet.auth.models import User
from intranet.auth.permissions import deny, permission_required
from intranet.clock import local_today
from intranet.errors import error_response
from intranet.events import services
from intranet.events.forms import CampaignForm
from intranet.events.queries import (
    BadRequest,
    Choices,
    campaign_by_slug,
    campaign_progress,
    export_events,
    parse_day,
    parse_filters,
)
from intranet.events.queries import (
    campaigns as all_campaigns,
)
from intranet.events.views.export import events_csv
from intranet.events.views.staff.planning import Page
from intranet.i18n import localized
from intranet.unit_of_work import commit_or_show

SLUG_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")
MAX_EXPORT_DAYS = 732


@permission_required(User.can_plan_events)
def export() -> Response:
    """Events of ?start=&end= (and the calendar's filters) with attendance, as CSV."""
    today = local_today()
    try:
        start = parse_day(request.args.get("start"), today.replace(day=1))
        end = parse_day(request.args.get("end"), start + timedelta(days=31))
        if end < start or (end - start).days > MAX_EXPORT_DAYS:
            raise BadRequest(_("The end must come after the start, at most two years later."))
        filters = parse_filters(request.args, Choices.load(), staff=True)
    except BadRequest as error:
        return error_response(400, str(error))
    events = export_events(start, end, filters, current_user)
    name = f"events-{start.isoformat()}-{end.isoformat()}.csv"
    return Response(
        events_csv(events),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@permission_required(User.can_plan_events)
def campaigns() -> Page:
    """Every campaign; central staff add new ones."""
    form = CampaignForm()
    if request.method == "POST" and not current_user.can_manage_campaigns():
        deny("campaigns")
    if form.validate_on_submit():
        outcome = commit_or_show(
            lambda: services.create_campaign(form.to_data(), actor=current_user), form=form
        )
        if outcome.value is not None:
            name = localized(outcome.value, "name")
            flash(_("«%(name)s» is added and offered in the event form.", name=name), "success")
            return redirect(url_for("events_staff.campaign", slug=outcome.value.slug))
    status = 400 if request.method == "POST" else 200
    page = render_template("events/staff/campaigns.html", form=form, rows=all_campaigns())
    return page, status


@permission_required(User.can_plan_events)
def campaign(slug: str) -> str:
    """Each library's progress in a campaign: planned, approved, held, against the target."""
    if not SLUG_RE.fullmatch(slug):
        abort(404)  # never send NUL bytes or odd text to the database
    item = campaign_by_slug(slug)
    if item is None:
        abort(404)
    return render_template(
        "events/staff/campaign.html", campaign=item, rows=campaign_progress(item)
    )
