"""What the public, staff and API views of coworking share: the centre, the day, the sweep."""

from datetime import date
from time import monotonic

from flask import abort, current_app, request

from intranet.clock import local_today
from intranet.coworking.forms import duration_label, parse_date
from intranet.coworking.models import STATUS_LABELS, WEEKDAY_LABELS, CoworkingCentre
from intranet.coworking.queries import centre_by_slug
from intranet.coworking.services import check_in_opens_words, expire_and_mark_no_shows
from intranet.extensions import db


def coworking_labels() -> dict[str, object]:
    """Translated status and weekday names, and lengths, for the coworking templates."""
    return {
        "STATUS_LABELS": STATUS_LABELS,
        "WEEKDAY_NAMES": WEEKDAY_LABELS,
        "duration_label": duration_label,
        "check_in_opens_words": check_in_opens_words,
    }


def get_centre(slug: str) -> CoworkingCentre:
    """The centre with this slug and its seats, or 404."""
    centre = centre_by_slug(slug)
    if centre is None:
        abort(404)
    return centre


def lazy_sweep(centre_id: int | None = None) -> None:
    """Apply due expiries and no-shows before showing availability (cron may lag).

    At most once per LAZY_SWEEP_SECONDS per worker and centre: it is one query, but the
    availability page is the hottest one and a seat freed a few seconds late harms nobody.
    It commits on its own, deliberately (see intranet/unit_of_work.py): the page reads the
    freed seats, and a booking that then fails and rolls back cannot undo the sweep.
    """
    last_runs = current_app.extensions.setdefault("coworking_lazy_sweep", {})
    now = monotonic()
    if now - last_runs.get(centre_id, -1e9) < current_app.config.get("LAZY_SWEEP_SECONDS", 30):
        return
    last_runs[centre_id] = now
    counts = expire_and_mark_no_shows(centre_id=centre_id)
    if any(counts.values()):
        db.session.commit()


def requested_day() -> date:
    """?date=YYYY-MM-DD, today when absent; 400 when malformed."""
    raw = request.args.get("date")
    if not raw:
        return local_today()
    day = parse_date(raw)
    if day is None:
        abort(400)
    return day
