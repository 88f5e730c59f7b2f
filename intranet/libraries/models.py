"""The 21 libraries, their clubs and the days they are closed."""

from datetime import date
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intranet.extensions import db


class LibraryKind(StrEnum):
    """Where a library stands in the system."""

    CENTRAL = "central"
    BRANCH = "branch"
    RURAL = "rural"


class ClosedDayKind(StrEnum):
    """Why a day is closed."""

    HOLIDAY = "holiday"
    SANITARY = "sanitary"
    CLOSURE = "closure"


class Library(db.Model):
    """One of the 21 libraries of the City Centralized Library System."""

    __table_args__ = (CheckConstraint("kind IN ('central', 'branch', 'rural')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    is_model_library: Mapped[bool] = mapped_column(default=False)
    name_kk: Mapped[str] = mapped_column(String(200))
    name_ru: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    address_kk: Mapped[str | None] = mapped_column(String(300))
    address_ru: Mapped[str | None] = mapped_column(String(300))
    address_en: Mapped[str | None] = mapped_column(String(300))
    position: Mapped[int] = mapped_column(default=0)

    centre = relationship("CoworkingCentre", back_populates="library", uselist=False)

    def __repr__(self) -> str:
        return f"<Library {self.slug}>"

    def to_api(self) -> dict:
        """The public JSON shape of a library."""
        return {
            "slug": self.slug,
            "kind": self.kind,
            "model_library": self.is_model_library,
            "name": {"kk": self.name_kk, "ru": self.name_ru, "en": self.name_en},
            "address": {"kk": self.address_kk, "ru": self.address_ru, "en": self.address_en}
            if self.address_kk or self.address_ru
            else None,
        }


class Club(db.Model):
    """A readers' club such as «Кітап құрттары»; it may belong to one library or to many."""

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name_kk: Mapped[str] = mapped_column(String(200))
    name_ru: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    library_id: Mapped[int | None] = mapped_column(ForeignKey("library.id", ondelete="SET NULL"))

    library: Mapped[Library | None] = relationship()


class ClosedDay(db.Model):
    """A day a library (or, with no library, every library) is closed; editable data."""

    __table_args__ = (
        CheckConstraint("kind IN ('holiday', 'sanitary', 'closure')", name="kind"),
        # NULL library means city-wide; NULLs are distinct in UNIQUE, so two partial indexes.
        Index(
            "uq_closed_day_citywide",
            "day",
            unique=True,
            sqlite_where=text("library_id IS NULL"),
            postgresql_where=text("library_id IS NULL"),
        ),
        Index(
            "uq_closed_day_library",
            "day",
            "library_id",
            unique=True,
            sqlite_where=text("library_id IS NOT NULL"),
            postgresql_where=text("library_id IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date]
    library_id: Mapped[int | None] = mapped_column(ForeignKey("library.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10), default=ClosedDayKind.HOLIDAY)
    reason_kk: Mapped[str | None] = mapped_column(String(200))
    reason_ru: Mapped[str | None] = mapped_column(String(200))
    reason_en: Mapped[str | None] = mapped_column(String(200))

    library: Mapped[Library | None] = relationship()
