"""The government's moved working days: a day off on which libraries open (перенос)."""

from datetime import date, time

from sqlalchemy import CheckConstraint, ForeignKey, String, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intranet.extensions import Model
from intranet.libraries.models.closed_day import unique_per_scope
from intranet.libraries.models.library import WEEKDAYS, Library, WeeklyHours

_WEEKDAY_LIST = ", ".join(f"'{day}'" for day in WEEKDAYS)


class WorkingDay(Model):
    """A day a library (or, with no library, every library) opens although it usually does not.

    Its hours are those of the weekday the decree names ("works as Monday"), or given outright.
    """

    __table_args__ = (
        CheckConstraint(f"works_as IS NULL OR works_as IN ({_WEEKDAY_LIST})", name="works_as"),
        # Either the weekday it works as, or its own hours: never both, never neither.
        CheckConstraint("(works_as IS NULL) <> (opens IS NULL)", name="weekday_or_hours"),
        CheckConstraint("(opens IS NULL) = (closes IS NULL)", name="opens_with_closes"),
        CheckConstraint("opens IS NULL OR opens < closes", name="opens_before_closes"),
        *unique_per_scope("working_day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date]
    library_id: Mapped[int | None] = mapped_column(ForeignKey("library.id", ondelete="CASCADE"))
    works_as: Mapped[str | None] = mapped_column(String(3))
    opens: Mapped[time | None] = mapped_column(Time)
    closes: Mapped[time | None] = mapped_column(Time)
    reason_kk: Mapped[str | None] = mapped_column(String(200))
    reason_ru: Mapped[str | None] = mapped_column(String(200))
    reason_en: Mapped[str | None] = mapped_column(String(200))

    library: Mapped[Library | None] = relationship()

    def hours(self, weekly: WeeklyHours | None) -> tuple[time, time] | None:
        """Its hours: its own, else those of the weekday it works as in `weekly` (None: closed)."""
        if self.opens is not None and self.closes is not None:
            return self.opens, self.closes
        pair = (weekly or {}).get(self.works_as or "")
        if not pair:
            return None
        opens, closes = (time.fromisoformat(value) for value in pair)
        return (opens, closes) if opens < closes else None
