"""Staff pages of the libraries: the list to edit and one library's editing form."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from intranet.auth.models import User
from intranet.auth.permissions import deny, permission_required
from intranet.extensions import db
from intranet.i18n import localized
from intranet.libraries.forms import LibraryForm
from intranet.libraries.models import Library
from intranet.libraries.services import LibraryData, update_library
from intranet.unit_of_work import commit_or_show

bp = Blueprint("libraries_staff", __name__)


@bp.get("/")
@permission_required(User.can_edit_libraries)
def libraries() -> str:
    """The libraries this person may edit."""
    rows = db.session.scalars(select(Library).order_by(Library.position)).all()
    return render_template(
        "libraries/staff/libraries.html",
        libraries=[library for library in rows if current_user.can_edit_library(library)],
    )


@bp.route("/<slug>", methods=["GET", "POST"])
@permission_required(User.can_edit_libraries)
def edit(slug: str) -> str | Response | tuple[str, int]:
    """A library's contacts, map point, hours and description (branch staff: fewer fields)."""
    library = db.first_or_404(select(Library).where(Library.slug == slug[:40]))
    if not current_user.can_edit_library(library):
        deny(request.path)
    current = LibraryData.of(library)
    form = LibraryForm.for_library(current, details=current_user.can_edit_library_details())
    status = 200
    if request.method == "POST":
        if form.validate():
            data = form.to_data(current)
            outcome = commit_or_show(lambda: update_library(library, data, actor=current_user))
            if outcome.ok:
                flash(
                    _(
                        "The details of %(library)s are saved; its page shows them already.",
                        library=localized(library, "name"),
                    ),
                    "success",
                )
                return redirect(url_for("libraries_public.library", slug=library.slug))
            status = outcome.status
        else:
            status = 400
    return render_template("libraries/staff/edit.html", library=library, form=form), status
