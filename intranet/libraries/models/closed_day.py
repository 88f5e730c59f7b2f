"""The days a library, or every library, is closed: editable data, never code."""

from datetime import date
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intranet.extensions import Model
from intranet.libraries.models.library import Library


class ClosedDayKind(StrEnum):
    """Why a day is closed."""

    HOLIDAY = "holiday"
    SANITARY = "sanitary"
    CLOSURE = "closure"


def unique_per_scope(table: str) -> tuple[Index, Index]:
    """One row per day city-wide and one per day and library (closed days, working days).

    NULL library means city-wide; NULLs are distinct in UNIQUE, so two partial indexes.
    """
    return (
        Index(
            f"uq_{table}_citywide",
            "day",
            unique=True,
            sqlite_where=text("library_id IS NULL"),
            postgresql_where=text("library_id IS NULL"),
        ),
        Index(
            f"uq_{table}_library",
            "day",
            "library_id",
            unique=True,
            sqlite_where=text("library_id IS NOT NULL"),
            postgresql_where=text("library_id IS NOT NULL"),
        ),
    )


class ClosedDay(Model):
    """A day a library (or, with no library, every library) is closed; editable data."""

    __table_args__ = (
        CheckConstraint("kind IN ('holiday', 'sanitary', 'closure')", name="kind"),
        *unique_per_scope("closed_day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date]
    library_id: Mapped[int | None] = mapped_column(ForeignKey("library.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10), default=ClosedDayKind.HOLIDAY)
    reason_kk: Mapped[str | None] = mapped_column(String(200))
    reason_ru: Mapped[str | None] = mapped_column(String(200))
    reason_en: Mapped[str | None] = mapped_column(String(200))
    # Which public holiday this is ("nauryz", "kurban_ait", ...; see libraries/holidays.json),
    # so a movable one can be found and moved; NULL for any other closed day.
    holiday: Mapped[str | None] = mapped_column(String(20))

    library: Mapped[Library | None] = relationship()
