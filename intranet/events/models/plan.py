"""A row of a library's annual plan («жылдық жұмыс жоспары»), as imported from its spreadsheet.

A dated row becomes a draft event (linked here); a row with only a month stays a planned entry
until the library gives it a date. The fingerprint of the row, unique per library and year,
is what makes uploading the same plan twice add nothing.
"""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intranet.events.models.catalog import Campaign, EventType
from intranet.events.models.event import Event
from intranet.events.models.vocabulary import AUDIENCES, sql_in
from intranet.extensions import Model
from intranet.libraries.models import Library
from intranet.models import UTCDateTime, utc_now


class PlanRow(Model):
    """One imported row of an annual plan: its month (and day), what, and the draft it made."""

    __tablename__ = "plan_row"
    __table_args__ = (
        UniqueConstraint("library_id", "year", "fingerprint", name="uq_plan_row_fingerprint"),
        CheckConstraint("month >= 1 AND month <= 12", name="month"),
        CheckConstraint(f"audience IN {sql_in(AUDIENCES)}", name="audience"),
        CheckConstraint("title <> ''", name="title"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    library_id: Mapped[int] = mapped_column(ForeignKey("library.id", ondelete="RESTRICT"))
    year: Mapped[int]
    month: Mapped[int]
    day: Mapped[date | None] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(200))
    type_id: Mapped[int] = mapped_column(ForeignKey("event_type.id", ondelete="RESTRICT"))
    audience: Mapped[str] = mapped_column(String(12), default="everyone")
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaign.id", ondelete="RESTRICT"))
    partners: Mapped[str] = mapped_column(String(500), default="")
    responsible: Mapped[str] = mapped_column(String(200), default="")
    fingerprint: Mapped[str] = mapped_column(String(64))
    # The draft a dated row became; a deleted draft leaves the row as a planned entry.
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("event.id", ondelete="SET NULL"), index=True
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    library: Mapped[Library] = relationship()
    type: Mapped[EventType] = relationship()
    campaign: Mapped[Campaign | None] = relationship()
    event: Mapped[Event | None] = relationship()
