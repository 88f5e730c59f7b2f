"""Staff extras: CSV export, campaigns with each library's progress, event types."""

import re
from datetime import timedelta

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from intranet.auth.models import User
from intranet.auth.permissions import deny, permission_required
from intranet.clock import local_day_bounds, local_today
from intranet.errors import IntranetError, error_response
from intranet.events.calendar import (
    BadRequest,
    Choices,
    filtered,
    parse_day,
    parse_filters,
    visible_to,
)
from intranet.events.export import events_csv
from intranet.events.forms_admin import CampaignForm, EventTypeForm
from intranet.events.models import Campaign, Event, EventType
from intranet.events.services.campaigns import (
    campaign_progress,
    create_campaign,
    create_event_type,
)
from intranet.events.views.staff import bp
from intranet.extensions import db

SLUG_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")
CAMPAIGN_FIELDS = (
    "slug",
    "name_kk",
    "name_ru",
    "name_en",
    "start_date",
    "end_date",
    "book_title",
    "book_author",
    "target_per_library",
)


@bp.get("/export.csv")
@permission_required(User.can_plan_events)
def export():
    """Events of ?start=&end= (and the calendar's filters) with attendance, as CSV."""
    today = local_today()
    try:
        start = parse_day(request.args.get("start"), today.replace(day=1))
        end = parse_day(request.args.get("end"), start + timedelta(days=31))
        if end < start or (end - start).days > 732:
            raise BadRequest(_("The end must come after the start, at most two years later."))
        filters = parse_filters(request.args, Choices.load(), staff=True)
    except BadRequest as error:
        return error_response(400, str(error))
    since, _end = local_day_bounds(start)
    _start, until = local_day_bounds(end)
    query = select(Event).options(
        selectinload(Event.attendance), selectinload(Event.campaign), selectinload(Event.club)
    )
    query = visible_to(query.where(Event.start_dt >= since, Event.start_dt < until), current_user)
    events = db.session.scalars(filtered(query, filters).order_by(Event.start_dt)).all()
    name = f"events-{start.isoformat()}-{end.isoformat()}.csv"
    return Response(
        events_csv(events),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.route("/campaigns", methods=["GET", "POST"])
@permission_required(User.can_plan_events)
def campaigns():
    """Every campaign; central staff add new ones."""
    form = CampaignForm()
    if request.method == "POST" and not current_user.can_manage_campaigns():
        deny("campaigns")
    if form.validate_on_submit():
        try:
            item = create_campaign(
                actor=current_user,
                **{name: getattr(form, name).data for name in CAMPAIGN_FIELDS},
            )
        except IntranetError as error:
            db.session.rollback()
            form.slug.errors = [str(error)]
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("events_staff.campaign", slug=item.slug))
    rows = db.session.scalars(select(Campaign).order_by(Campaign.start_date.desc())).all()
    status = 400 if request.method == "POST" else 200
    return render_template("events/campaigns.html", form=form, rows=rows), status


@bp.get("/campaigns/<slug>")
@permission_required(User.can_plan_events)
def campaign(slug: str):
    """Each library's progress in a campaign: planned, approved, held, against the target."""
    if not SLUG_RE.fullmatch(slug):
        abort(404)  # never send NUL bytes or odd text to the database
    item = db.first_or_404(select(Campaign).where(Campaign.slug == slug))
    return render_template("events/campaign.html", campaign=item, rows=campaign_progress(item))


@bp.route("/types", methods=["GET", "POST"])
@permission_required(User.can_manage_event_types)
def types():
    """The list of event types; administrators add new ones."""
    form = EventTypeForm()
    if form.validate_on_submit():
        try:
            create_event_type(
                actor=current_user,
                slug=form.slug.data,
                name_kk=form.name_kk.data,
                name_ru=form.name_ru.data,
                name_en=form.name_en.data,
                colour=int(form.colour.data),
            )
        except IntranetError as error:
            db.session.rollback()
            form.slug.errors = [str(error)]
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("events_staff.types"))
    rows = db.session.scalars(select(EventType).order_by(EventType.position)).all()
    status = 400 if request.method == "POST" else 200
    return render_template("events/types.html", form=form, rows=rows, user=current_user), status
