"""The library fund: its counts by date, and a new count (copies, in Kazakh, by section)."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from intranet.auth.models import User
from intranet.auth.permissions import deny, permission_required
from intranet.clock import local_today
from intranet.extensions import db
from intranet.libraries.models import FUND_SECTIONS, LibraryFund
from intranet.libraries.services import record_fund
from intranet.reports.forms import FundForm
from intranet.reports.views.staff.scope import find_library
from intranet.unit_of_work import commit_or_show


@permission_required(User.can_read_reports)
def fund(slug: str) -> Response | tuple[str, int]:
    """A library's fund counts, newest first, and the form for a new count."""
    library = find_library(slug)
    if not current_user.can_keep_diary(library):
        deny(request.path)
    form = FundForm(data={"as_of": local_today()} if request.method == "GET" else None)
    status = 200
    if request.method == "POST":
        if form.validate_on_submit():
            outcome = commit_or_show(
                lambda: record_fund(
                    library,
                    actor=current_user,
                    as_of=form.as_of.data,
                    total=form.total.data,
                    in_kazakh=form.in_kazakh.data,
                    sections={k: form[f"section_{k}"].data or 0 for k in FUND_SECTIONS},
                ),
                form=form,
            )
            if outcome.ok:
                flash(_("The fund has been recorded."), "success")
                return redirect(url_for("reports_staff.fund", slug=slug))
            status = outcome.status
        else:
            status = 400
    counts = db.session.scalars(
        select(LibraryFund)
        .where(LibraryFund.library_id == library.id)
        .order_by(LibraryFund.as_of.desc())
    )
    return render_template(
        "reports/staff/fund.html",
        library=library,
        form=form,
        counts=list(counts),
        sections=FUND_SECTIONS,
    ), status
