"""One-time recovery codes of the second sign-in step: for a lost or broken phone."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from intranet.extensions import Model
from intranet.models import UTCDateTime


class RecoveryCode(Model):
    """A code shown once at enrolment; only its SHA-256 is kept, and it works once."""

    # Also the index of an account's codes (user_id leads).
    __table_args__ = (UniqueConstraint("user_id", "code_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    code_hash: Mapped[str] = mapped_column(String(64))
    used_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
