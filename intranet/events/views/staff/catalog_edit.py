"""Event types and campaigns: add, edit, deactivate, and delete while no event uses them."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from intranet.auth.models import User
from intranet.auth.permissions import permission_required
from intranet.events import services
from intranet.events.forms import CampaignForm, CatalogActionForm, EventTypeForm
from intranet.events.models import Campaign, EventType
from intranet.events.queries import campaign_by_slug, event_types
from intranet.events.views.staff.catalog import SLUG_RE
from intranet.events.views.staff.planning import Page
from intranet.extensions import db
from intranet.i18n import localized
from intranet.palette import PALETTE
from intranet.unit_of_work import commit_or_show

DONE = {
    "deactivate": lambda name: _(
        "«%(name)s» is no longer offered for new events; events that have it keep it.", name=name
    ),
    "activate": lambda name: _("«%(name)s» is offered for new events again.", name=name),
    "delete": lambda name: _("«%(name)s» is deleted.", name=name),
}


@permission_required(User.can_manage_event_types)
def types() -> Page:
    """The list of event types; administrators add new ones."""
    form = EventTypeForm()
    if form.validate_on_submit():
        outcome = commit_or_show(
            lambda: services.create_event_type(form.to_data(), actor=current_user), form=form
        )
        if outcome.value is not None:
            name = localized(outcome.value, "name")
            flash(_("«%(name)s» is added and offered in the event form.", name=name), "success")
            return redirect(url_for("events_staff.types"))
    status = 400 if request.method == "POST" else 200
    page = render_template(
        "events/staff/types.html", form=form, rows=event_types(), palette=PALETTE
    )
    return page, status


def _edit(row: Campaign | EventType, form: CampaignForm | EventTypeForm, back: str) -> Page:
    if request.method == "GET":
        form.process(obj=row)
    elif form.validate():
        data = form.to_data()
        outcome = commit_or_show(
            lambda: services.update_catalog_row(row, data, actor=current_user), form=form
        )
        if outcome.ok:
            flash(_("Changes to «%(name)s» are saved.", name=localized(row, "name")), "success")
            return redirect(back)
    page = render_template(
        "events/staff/catalog_edit.html",
        row=row,
        form=form,
        used=services.is_used(row),
        palette=PALETTE,
        back=back,
    )
    return page, 400 if request.method == "POST" else 200


def _act(row: Campaign | EventType, back: str, gone: str) -> Response:
    form = CatalogActionForm()
    if not form.validate_on_submit():
        abort(400)
    do, name = form.do.data, localized(row, "name")

    def act() -> None:
        if do == "delete":
            services.delete_catalog_row(row, actor=current_user)
        else:
            services.set_catalog_row_active(row, do == "activate", actor=current_user)

    if commit_or_show(act).ok:
        flash(DONE[do](name), "success")
        return redirect(gone if do == "delete" else back)
    return redirect(back)


def _type(type_id: int) -> EventType:
    return db.get_or_404(EventType, type_id)


def _campaign(slug: str) -> Campaign:
    row = campaign_by_slug(slug) if SLUG_RE.fullmatch(slug) else None
    if row is None:
        abort(404)
    return row


@permission_required(User.can_manage_event_types)
def edit_type(type_id: int) -> Page:
    """Change an event type's names and colour."""
    row = _type(type_id)
    return _edit(row, EventTypeForm(), url_for("events_staff.edit_type", type_id=type_id))


@permission_required(User.can_manage_event_types)
def type_action(type_id: int) -> Response:
    """Deactivate, activate again or delete (if unused) an event type."""
    back = url_for("events_staff.edit_type", type_id=type_id)
    return _act(_type(type_id), back, url_for("events_staff.types"))


@permission_required(User.can_manage_campaigns)
def edit_campaign(slug: str) -> Page:
    """Change a campaign's names, period, book and target."""
    row = _campaign(slug)
    return _edit(row, CampaignForm(), url_for("events_staff.edit_campaign", slug=slug))


@permission_required(User.can_manage_campaigns)
def campaign_action(slug: str) -> Response:
    """Deactivate, activate again or delete (if unused) a campaign."""
    row = _campaign(slug)
    back = url_for("events_staff.edit_campaign", slug=slug)
    return _act(row, back, url_for("events_staff.campaigns"))
