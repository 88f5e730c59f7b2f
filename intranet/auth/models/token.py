"""A link sent by mail to set a password: an invitation (72 h) or a reset (1 h), used once."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intranet.auth.models.user import User
from intranet.extensions import Model
from intranet.models import UTCDateTime, utc_now


class TokenPurpose(StrEnum):
    """What a link is for."""

    INVITE = "invite"
    RESET = "reset"


class AccountToken(Model):
    """One link: only the SHA-256 of its random token is stored, never the token itself."""

    __table_args__ = (
        CheckConstraint("purpose IN ('invite', 'reset')", name="purpose"),
        CheckConstraint("expires_dt > created_dt", name="expires_after_created"),
        # At most one open link per account and purpose: a new one closes the old first.
        Index(
            "uq_account_token_open",
            "user_id",
            "purpose",
            unique=True,
            sqlite_where=text("used_dt IS NULL"),
            postgresql_where=text("used_dt IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(10))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    expires_dt: Mapped[datetime] = mapped_column(UTCDateTime)
    # Set when the link is used, or closed by a newer link or a new password.
    used_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()
