"""What staff are told: their switches per kind, the notices behind the bell, and timer marks."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from intranet.extensions import Model
from intranet.models import UTCDateTime, utc_now

# How often a coordinator who chose a digest hears of new requests (minutes); 0 is at once.
DIGEST_CHOICES = (0, 15, 60, 240)


class NotificationPreference(Model):
    """One person's switch for one kind of notification; no row means on (the default)."""

    __tablename__ = "notification_preference"
    __table_args__ = (
        UniqueConstraint("user_id", "kind", name="uq_notification_preference_user_kind"),
        CheckConstraint("digest_minutes IN (0, 15, 60, 240)", name="digest_minutes"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(60))
    is_on: Mapped[bool] = mapped_column(default=True)
    digest_minutes: Mapped[int] = mapped_column(default=0)


class Notice(Model):
    """A line under the bell: written with the change, in the reader's language."""

    __tablename__ = "notice"
    __table_args__ = (Index("ix_notice_user_read", "user_id", "read_dt"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(60))
    text: Mapped[str] = mapped_column(String(500))
    # A path inside the intranet (never an outside address).
    link: Mapped[str] = mapped_column(String(300), default="")
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    read_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)


class TimerMark(Model):
    """A timer's work done once: its key is unique, so two workers or a restart write it once."""

    __tablename__ = "timer_mark"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
