"""How many people came to an event: the total, by audience group, and a short note."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from intranet.extensions import Model
from intranet.models import UTCDateTime, utc_now

GROUP_SUM = "children + teenagers + youth + adults + seniors"


class Attendance(Model):
    """One row per held event; plain columns so reports can sum them in SQL."""

    __table_args__ = (
        CheckConstraint(
            "total >= 0 AND children >= 0 AND teenagers >= 0 AND youth >= 0 "
            "AND adults >= 0 AND seniors >= 0",
            name="non_negative",
        ),
        CheckConstraint(f"{GROUP_SUM} <= total", name="groups_within_total"),
    )

    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    total: Mapped[int]
    children: Mapped[int] = mapped_column(default=0)
    teenagers: Mapped[int] = mapped_column(default=0)
    youth: Mapped[int] = mapped_column(default=0)
    adults: Mapped[int] = mapped_column(default=0)
    seniors: Mapped[int] = mapped_column(default=0)
    note: Mapped[str] = mapped_column(String(300), default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    recorded_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
