"""One outgoing email, written in the same transaction as the change that causes it."""

from datetime import datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from intranet.extensions import Model
from intranet.models import UTCDateTime, utc_now


class OutboxStatus(StrEnum):
    """Where a message is on its way out."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    DISCARDED = "discarded"


STATUS_LABELS = {
    OutboxStatus.PENDING: _l("Waiting to be sent"),
    OutboxStatus.SENDING: _l("Being sent"),
    OutboxStatus.SENT: _l("Sent"),
    OutboxStatus.FAILED: _l("Not delivered"),
    OutboxStatus.DISCARDED: _l("Discarded"),
}


class OutboxMessage(Model):
    """An email in the recipient's language, sent by the worker.

    Its body is rendered when it is written, or, where `template` and `about` are set, by the
    worker when it first sends it (from what it is about, as stored then): the booking POST
    writes its email without paying for the template.
    """

    __tablename__ = "outbox_message"
    __table_args__ = (
        CheckConstraint(
            "status IN ('pending', 'sending', 'sent', 'failed', 'discarded')", name="status"
        ),
        CheckConstraint("attempts >= 0", name="attempts"),
        # A body, or what the worker writes it from.
        CheckConstraint(
            "body_text IS NOT NULL OR (template IS NOT NULL AND about IS NOT NULL)",
            name="body_or_template",
        ),
        # The worker's question: what is due now.
        Index("ix_outbox_message_due", "status", "next_attempt_dt"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stable across retries: a message sent again after a crash is recognisable as the same.
    message_id: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(60))
    recipient: Mapped[str] = mapped_column(String(254))
    language: Mapped[str] = mapped_column(String(5))
    subject: Mapped[str] = mapped_column(String(500))
    body_text: Mapped[str | None] = mapped_column(Text)
    # Written by the worker when it sends: the template, and what it is about ("booking:12").
    template: Mapped[str | None] = mapped_column(String(200))
    about: Mapped[str | None] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(10), default=OutboxStatus.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    # The error's class and SMTP code only: never an address or a message text.
    last_error: Mapped[str | None] = mapped_column(String(200))
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    sent_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[OutboxStatus(self.status)])
