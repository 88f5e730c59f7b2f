"""The private links of a visitor's bookings, remembered on their phone for the seat's QR code.

One httponly cookie holds the last few private links opened on this phone, and nothing else:
no name, no phone, no email. It is written only when a private page is opened.
"""

import re

from flask import current_app, request
from werkzeug.wrappers import Response

from intranet.coworking.models import Booking

COOKIE = "coworking_bookings"
REMEMBERED = 3
TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")
KEPT_SECONDS = 60 * 60 * 24 * 30


def remembered_tokens() -> list[str]:
    """The private links this phone has opened, newest first (only well-formed ones)."""
    raw = request.cookies.get(COOKIE, "")
    return [t for t in raw.split(".") if TOKEN.match(t)][:REMEMBERED]


def remember_booking(response: Response, booking: Booking) -> None:
    """Remember an active booking's link on this phone; forget one that is over."""
    known = remembered_tokens()
    tokens = [t for t in known if t != booking.token]
    if booking.is_active and booking.anonymized_dt is None:
        tokens.insert(0, booking.token)
    if tokens == known:
        return  # nothing changes: no cookie is written
    if not tokens:
        response.delete_cookie(COOKIE, path="/")
        return
    response.set_cookie(
        COOKIE,
        ".".join(tokens[:REMEMBERED]),
        max_age=KEPT_SECONDS,
        path="/",
        httponly=True,
        secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
        samesite="Lax",
    )
