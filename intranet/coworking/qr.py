"""The printed QR codes of seats and entrances: signed links, drawn as inline SVG by segno."""

import base64
import hashlib
import hmac
import io

import segno
from flask import current_app
from markupsafe import Markup

from intranet.urls import external_url_for

_SIGNATURE_LENGTH = 16  # 128 bits: a seat's code cannot be guessed or made from another's


def signature(centre_id: int, seat_id: int | None) -> str:
    """The code's secret part: an HMAC of the centre and the seat (None: the entrance)."""
    message = f"coworking-qr:{centre_id}:{seat_id if seat_id is not None else 'entrance'}"
    digest = hmac.new(
        current_app.config["SECRET_KEY"].encode(), message.encode(), hashlib.sha256
    ).digest()
    return base64.urlsafe_b64encode(digest[:_SIGNATURE_LENGTH]).rstrip(b"=").decode()


def is_genuine(centre_id: int, seat_id: int | None, given: str) -> bool:
    """Whether a scanned code was printed by us for this centre and seat."""
    return hmac.compare_digest(signature(centre_id, seat_id), given or "")


def scan_url(slug: str, centre_id: int, seat_id: int | None) -> str:
    """The absolute link a seat's (or the entrance's) code opens."""
    values: dict[str, object] = {"slug": slug, "sig": signature(centre_id, seat_id)}
    if seat_id is not None:
        values["seat_id"] = seat_id
    return external_url_for("coworking_checkin.scan", **values)


def qr_svg(url: str, title: str) -> Markup:
    """The QR code of a link as inline SVG (no script, no image request)."""
    out = io.BytesIO()
    segno.make(url, error="m").save(
        out,
        kind="svg",
        border=2,
        xmldecl=False,
        title=title,
        svgclass="qr",
        lineclass=None,
        omitsize=True,
    )
    return Markup(out.getvalue().decode())  # noqa: S704 - segno's own SVG of our own URL
