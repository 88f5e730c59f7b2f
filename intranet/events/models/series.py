"""A recurring series (a club's weekly meeting) and the closed days it skipped."""

from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intranet.events.models.vocabulary import FREQUENCIES, MAX_OCCURRENCES, sql_in
from intranet.extensions import Model


class EventSeries(Model):
    """How occurrences repeat; each occurrence is an Event of its own."""

    __tablename__ = "event_series"
    __table_args__ = (
        CheckConstraint(f"frequency IN {sql_in(FREQUENCIES)}", name="frequency"),
        CheckConstraint("until_date IS NOT NULL OR occurrences IS NOT NULL", name="end_rule"),
        CheckConstraint(
            f"occurrences IS NULL OR (occurrences >= 1 AND occurrences <= {MAX_OCCURRENCES})",
            name="occurrences",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    frequency: Mapped[str] = mapped_column(String(10))
    until_date: Mapped[date | None]
    occurrences: Mapped[int | None]
    # One registration holds a place in every meeting (True), or each meeting has its own.
    register_once: Mapped[bool] = mapped_column(default=False, server_default=false())

    skips: Mapped[list["SeriesSkip"]] = relationship(
        back_populates="series", cascade="all, delete-orphan", order_by="SeriesSkip.day"
    )


class SeriesSkip(Model):
    """A date of the series that was not planned because the library is closed that day."""

    __tablename__ = "series_skip"
    __table_args__ = (UniqueConstraint("series_id", "day", name="uq_series_skip_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("event_series.id", ondelete="CASCADE"))
    day: Mapped[date]
    kind: Mapped[str] = mapped_column(String(10), default="holiday")  # the ClosedDay kind

    series: Mapped[EventSeries] = relationship(back_populates="skips")
