"""Staff pages of notifications: the admins' outbox, each person's switches and notices."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from intranet.auth.models import User
from intranet.auth.permissions import permission_required
from intranet.extensions import db
from intranet.forms import EmptyForm
from intranet.notifications import queries, services
from intranet.notifications.forms import preferences_form
from intranet.notifications.models import NotificationPreference, OutboxMessage
from intranet.unit_of_work import commit_or_show

bp = Blueprint("notifications_staff", __name__)


@bp.get("/admin/outbox")
@permission_required(User.can_manage_outbox)
def outbox() -> ResponseReturnValue:
    """Emails waiting to be sent or failed, each with retry and discard."""
    return render_template("notifications/staff/outbox.html", messages=queries.waiting_messages())


def _act(message_id: int, action: str) -> ResponseReturnValue:
    message = db.get_or_404(OutboxMessage, message_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    if action == "retry":
        done = commit_or_show(lambda: services.retry_message(message, actor=current_user))
        text = _("The message will be sent again in a moment.")
    else:
        done = commit_or_show(lambda: services.discard_message(message, actor=current_user))
        text = _("The message will not be sent.")
    if done.ok:
        flash(text, "success")
    return redirect(url_for("notifications_staff.outbox"), 303)


@bp.post("/admin/outbox/<int:message_id>/retry")
@permission_required(User.can_manage_outbox)
def retry(message_id: int) -> ResponseReturnValue:
    """Send a failed or waiting message at the worker's next round."""
    return _act(message_id, "retry")


@bp.post("/admin/outbox/<int:message_id>/discard")
@permission_required(User.can_manage_outbox)
def discard(message_id: int) -> ResponseReturnValue:
    """Never send this message."""
    return _act(message_id, "discard")


@bp.route("/me/notifications", methods=["GET", "POST"])
@login_required
def preferences() -> ResponseReturnValue:
    """Switch each kind of email and notice on or off; coordinators choose the digest."""
    user = current_user._get_current_object()
    kinds = services.kinds_for(user)
    saved = {
        row.kind: row
        for row in db.session.scalars(
            select(NotificationPreference).where(NotificationPreference.user_id == user.id)
        )
    }
    form = preferences_form(kinds, saved)
    if form.validate_on_submit():
        outcome = commit_or_show(lambda: services.save_preferences(user, form.to_choices()))
        if outcome.ok:
            flash(_("Your notification settings are saved."), "success")
            return redirect(url_for("notifications_staff.preferences"), 303)
    status = 400 if form.errors else 200
    return render_template("notifications/staff/preferences.html", form=form, kinds=kinds), status


@bp.get("/notices")
@login_required
def notices() -> ResponseReturnValue:
    """The last notices, the unread ones marked; opening the page reads them."""
    user = current_user._get_current_object()
    shown = queries.latest_notices(user)
    unread = {notice.id for notice in shown if notice.read_dt is None}
    page = render_template("notifications/staff/notices.html", notices=shown, unread=unread)
    commit_or_show(lambda: services.mark_read(user, unread))
    return page
