"""The annual plan: its template to download, and the upload that imports it."""

from flask import render_template, request
from flask_login import current_user
from werkzeug.wrappers import Response

from intranet.auth.models import User
from intranet.auth.permissions import permission_required
from intranet.events import services
from intranet.events.forms import PlanUploadForm
from intranet.events.queries.plan import plan_template
from intranet.events.services.plan_sheet import MAX_BYTES, heading
from intranet.events.views.staff.planning import Page
from intranet.i18n import current_language
from intranet.unit_of_work import commit_or_show

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@permission_required(User.can_plan_events)
def template() -> Response:
    """The empty plan in the reader's language, with the lists of valid choices."""
    language = current_language()
    return Response(
        plan_template(current_user, language),
        mimetype=XLSX,
        headers={"Content-Disposition": f'attachment; filename="annual-plan-{language}.xlsx"'},
    )


@permission_required(User.can_plan_events)
def upload() -> Page:
    """Upload a filled-in plan; the page then says what was added and which rows were refused."""
    form = PlanUploadForm()
    result, status = None, 200
    if request.method == "POST":
        status = 400
        if form.validate_on_submit():
            upload = form.file.data
            content = upload.read(MAX_BYTES + 1)
            outcome = commit_or_show(
                lambda: services.import_plan(
                    content, upload.filename or "", year=form.year.data, actor=current_user
                ),
                form=form,
            )
            result, status = outcome.value, outcome.status
    language = current_language()
    return render_template(
        "events/staff/plan_import.html",
        form=form,
        result=result,
        column=lambda key: heading(key, language) if key else "",
    ), status
