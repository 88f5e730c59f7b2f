"""Staff pages of the readers' clubs: the list, adding a club and editing one."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from intranet.auth.models import User
from intranet.auth.permissions import deny, permission_required
from intranet.extensions import db
from intranet.i18n import localized
from intranet.libraries.forms import ClubForm
from intranet.libraries.models import Club, Library
from intranet.libraries.services import ClubData, create_club, update_club
from intranet.unit_of_work import commit_or_show

bp = Blueprint("clubs_staff", __name__)


def _form(*, current: ClubData | None = None, new: bool) -> ClubForm:
    """The club form with the libraries this person may put a club at."""
    libraries = db.session.scalars(select(Library).order_by(Library.position)).all()
    return ClubForm.build(
        [
            (lib.id, localized(lib, "name"))
            for lib in libraries
            if current_user.can_place_club_at(lib.id)
        ],
        citywide=current_user.can_place_club_at(None),
        current=current,
        new=new,
    )


@bp.get("/")
@permission_required(User.can_edit_clubs)
def clubs() -> str:
    """The clubs this person may keep, and a way to add one."""
    rows = db.session.scalars(select(Club).order_by(Club.name_kk)).all()
    return render_template(
        "libraries/staff/clubs.html",
        clubs=[club for club in rows if current_user.can_edit_club(club)],
    )


@bp.route("/new", methods=["GET", "POST"])
@permission_required(User.can_edit_clubs)
def new() -> str | Response | tuple[str, int]:
    """Add a club; branch staff add them at their own library."""
    form = _form(new=True)
    status = 200
    if request.method == "POST":
        if form.validate():
            outcome = commit_or_show(
                lambda: create_club(form.new_slug(), form.to_data(), actor=current_user), form=form
            )
            if outcome.ok:
                flash(_("The club is added."), "success")
                return redirect(url_for("clubs_public.club", slug=form.new_slug()))
            status = outcome.status
        else:
            status = 400
    return render_template("libraries/staff/club.html", club=None, form=form), status


@bp.route("/<slug>", methods=["GET", "POST"])
@permission_required(User.can_edit_clubs)
def edit(slug: str) -> str | Response | tuple[str, int]:
    """A club's names, library, meetings, description and contact."""
    club = db.first_or_404(select(Club).where(Club.slug == slug[:40]))
    if not current_user.can_edit_club(club):
        deny(request.path)
    form = _form(current=ClubData.of(club), new=False)
    status = 200
    if request.method == "POST":
        if form.validate():
            data = form.to_data()
            outcome = commit_or_show(lambda: update_club(club, data, actor=current_user), form=form)
            if outcome.ok:
                flash(
                    _(
                        '"%(name)s" is saved: this is the club\'s page as readers now see it.',
                        name=localized(club, "name"),
                    ),
                    "success",
                )
                return redirect(url_for("clubs_public.club", slug=club.slug))
            status = outcome.status
        else:
            status = 400
    return render_template("libraries/staff/club.html", club=club, form=form), status
