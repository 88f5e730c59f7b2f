"""A signed-in browser: one row per sign-in, which its owner can see and end."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from intranet.extensions import Model
from intranet.models import UTCDateTime


class UserSession(Model):
    """One sign-in of an account; the cookie holds a random token, the row only its SHA-256.

    Deleting the row ends the session: the cookie no longer matches anything.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # "Chrome, Android": read from the User-Agent at sign-in; the raw header is not kept.
    device: Mapped[str] = mapped_column(String(80), default="")
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_dt: Mapped[datetime] = mapped_column(UTCDateTime)
