"""The audit log: who did what to which object, when (UTC), and with what outcome."""

import logging
import re
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intranet.extensions import Model, db
from intranet.models import UTCDateTime, utc_now

log = logging.getLogger("intranet.audit")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def clean(value: object, limit: int = 200) -> str:
    """One line of printable text: line breaks in input cannot forge extra log entries."""
    return _CONTROL.sub(" ", str(value))[:limit]


class AuditLog(Model):
    """One recorded action."""

    id: Mapped[int] = mapped_column(primary_key=True)
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    # Kept as text too, so the entry still says who acted after an account is deleted.
    actor_email: Mapped[str | None] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(60), index=True)
    target: Mapped[str | None] = mapped_column(String(200))
    outcome: Mapped[str] = mapped_column(String(20), default="ok")
    detail: Mapped[str | None] = mapped_column(String(1000))

    actor = relationship("User")


def record_audit(
    action: str, *, actor=None, target: object = None, detail: object = None, outcome: str = "ok"
) -> AuditLog:
    """Add an audit entry to the session (the caller commits with its own change)."""
    entry = AuditLog(
        actor_id=getattr(actor, "id", None),
        actor_email=getattr(actor, "email", None),
        action=clean(action, 60),
        target=clean(target) if target is not None else None,
        detail=clean(detail, 1000) if detail is not None else None,
        outcome=clean(outcome, 20),
    )
    db.session.add(entry)
    log.info("%s %s %s %s", entry.action, entry.actor_email or "-", entry.target or "-", outcome)
    return entry
