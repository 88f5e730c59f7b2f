"""The age bands of the work diary: admins rename, re-bound and add them on one page."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from intranet.auth.models import User
from intranet.auth.permissions import permission_required
from intranet.forms import EmptyForm
from intranet.libraries.services import BandData, age_bands, save_age_bands
from intranet.unit_of_work import commit_or_show


def _age(raw: str | None, *, optional: bool) -> int | None:
    """A typed age; "" is no upper bound; anything else not a small number is refused."""
    text = (raw or "").strip()
    if text == "" and optional:
        return None
    if not text.isdecimal() or len(text) > 3:
        raise ValueError(text)
    return int(text)


def _read() -> list[BandData]:
    """Each band as sent (rows keyed by id, plus one "new" row used when it has a name)."""
    keys = [str(b.id) for b in age_bands()] + ["new"]
    bands = []
    for key in keys:
        names = {
            lang: (request.form.get(f"b-{key}-name_{lang}") or "").strip()
            for lang in ("kk", "ru", "en")
        }
        if key == "new" and not any(names.values()):
            continue
        bands.append(
            BandData(
                band_id=None if key == "new" else int(key),
                name_kk=names["kk"],
                name_ru=names["ru"],
                name_en=names["en"],
                min_age=_age(request.form.get(f"b-{key}-min_age"), optional=False) or 0,
                max_age=_age(request.form.get(f"b-{key}-max_age"), optional=True),
            )
        )
    return bands


@permission_required(User.can_set_age_bands)
def age_band_settings() -> Response | tuple[str, int]:
    """The age bands, saved at once; the defaults are in the README."""
    form, status = EmptyForm(), 200
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        try:
            bands = _read()
        except ValueError:
            flash(_("Ages are whole numbers from 0 to 120."), "danger")
            bands, status = None, 400
        if bands is not None:
            outcome = commit_or_show(lambda: save_age_bands(bands, actor=current_user))
            if outcome.ok:
                flash(_("The age bands have been saved."), "success")
                return redirect(url_for("reports_staff.age_band_settings"))
            status = outcome.status
    return render_template(
        "reports/staff/age_bands.html", bands=age_bands(), form=form, sent=request.form
    ), status
