"""Staff extras: CSV export, campaigns with each library's progress, event types."""

from datetime import timedelta

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from intranet.auth.models import Role
from intranet.auth.permissions import role_required
from intranet.clock import local_day_bounds, local_today
from intranet.errors import error_response
from intranet.events.calendar import (
    BadRequest,
    Choices,
    filtered,
    parse_day,
    parse_filters,
    visible_to,
)
from intranet.events.constants import Status
from intranet.events.export import events_csv
from intranet.events.forms_admin import EventTypeForm
from intranet.events.models import Campaign, Event, EventType
from intranet.events.views.staff import STAFF, bp
from intranet.extensions import db
from intranet.libraries.models import Library


@bp.get("/export.csv")
@role_required(*STAFF)
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


@bp.get("/campaigns/<slug>")
@role_required(*STAFF)
def campaign(slug: str):
    """Each library's progress in a campaign: planned, approved, held, against the target."""
    item = db.first_or_404(select(Campaign).where(Campaign.slug == slug))
    counts = db.session.execute(
        select(Event.library_id, Event.status, func.count())
        .where(Event.campaign_id == item.id)
        .group_by(Event.library_id, Event.status)
    ).all()
    table: dict[int, dict[str, int]] = {}
    for library_id, status, number in counts:
        table.setdefault(library_id, {})[status] = number
    libraries = db.session.scalars(select(Library).order_by(Library.position)).all()
    rows = []
    for library in libraries:
        by_status = table.get(library.id, {})
        planned = sum(n for s, n in by_status.items() if s != Status.CANCELLED)
        approved = by_status.get(Status.APPROVED, 0) + by_status.get(Status.HELD, 0)
        held = by_status.get(Status.HELD, 0)
        rows.append({"library": library, "planned": planned, "approved": approved, "held": held})
    return render_template("events/campaign.html", campaign=item, rows=rows)


@bp.route("/types", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def types():
    """The list of event types; administrators add new ones."""
    form = EventTypeForm()
    if form.validate_on_submit():
        position = db.session.scalar(select(func.coalesce(func.max(EventType.position), 0))) + 1
        db.session.add(
            EventType(
                slug=form.slug.data,
                name_kk=form.name_kk.data,
                name_ru=form.name_ru.data,
                name_en=form.name_en.data or None,
                colour=int(form.colour.data),
                position=position,
            )
        )
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            form.slug.errors = [_("This identifier is already used.")]
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("events.types"))
    rows = db.session.scalars(select(EventType).order_by(EventType.position)).all()
    status = 400 if request.method == "POST" else 200
    return render_template("events/types.html", form=form, rows=rows, user=current_user), status
