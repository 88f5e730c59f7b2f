"""The public home page, the web app manifest, the health checks and the metrics."""

from flask import Blueprint, Response, current_app, jsonify, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from intranet import page_cache
from intranet.coworking.models import CoworkingCentre
from intranet.coworking.queries import seats_free_today
from intranet.events.queries import week_programme
from intranet.extensions import db
from intranet.libraries.models import Library
from intranet.public.health import kept_readiness
from intranet.public.metrics import metrics

bp = Blueprint("public", __name__)
# The navbar's blue (static/css/app.css), also <meta name="theme-color"> in base.html.
THEME_COLOR = "#0a58ca"


@bp.get("/")
def home() -> str:
    """This week's programme and the coworking centres."""
    centres = db.session.scalars(
        select(CoworkingCentre)
        .join(CoworkingCentre.library)
        .options(selectinload(CoworkingCentre.library), selectinload(CoworkingCentre.seats))
        .order_by(Library.position)
    ).all()
    free_today = seats_free_today(list(centres))
    libraries = db.session.scalars(select(Library).order_by(Library.position)).all()
    return render_template(
        "public/public/home.html",
        centres=centres,
        libraries=libraries,
        programme=week_programme(),
        free_today=free_today,
    )


@bp.get("/manifest.webmanifest")
def manifest() -> Response:
    """The web app manifest, so a phone can put the calendar on its home screen."""
    response = jsonify(
        name=_("Kyzylorda libraries"),
        short_name=_("Libraries"),
        start_url="/",
        display="standalone",
        background_color="#ffffff",
        theme_color=THEME_COLOR,
        icons=[
            {
                "src": url_for("static", filename="img/favicon.svg"),
                "type": "image/svg+xml",
                "sizes": "any",
            },
            {
                "src": url_for("static", filename="img/favicon.ico"),
                "type": "image/x-icon",
                "sizes": "16x16 32x32 48x48",
            },
        ],
    )
    response.mimetype = "application/manifest+json"
    return response


@bp.get("/healthz")
def healthz() -> tuple[Response, int]:
    """Readiness: 200 when the database and Redis answer (503 otherwise), with the worker's
    and the outbox's state in the body."""
    report, status, found = kept_readiness()
    seconds = current_app.config["READINESS_CACHE_SECONDS"]
    if status == 200 and seconds > 0:
        # The fast path sends this 200 without Flask or a query until the finding is that old
        # (intranet.public.health says why that is honest); a 503 is never kept.
        page_cache.offer(born=found, seconds=seconds)
    return jsonify(report), status


@bp.get("/healthz/live")
def liveness() -> Response:
    """Liveness: the process answers; nothing else is asked (a restart would not mend it)."""
    # Kept until the page cache's lifetime: nothing it says can change while the process runs.
    page_cache.offer()
    return jsonify(status="ok")


bp.add_url_rule("/metrics", view_func=metrics, methods=["GET"])
