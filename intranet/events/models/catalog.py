"""Event types (admins add more) and campaigns such as «Бір ел – бір кітап»."""

from datetime import date

from sqlalchemy import CheckConstraint, String, true
from sqlalchemy.orm import Mapped, mapped_column

from intranet.extensions import Model
from intranet.palette import PALETTE_SIZE


class EventType(Model):
    """A kind of event (literary evening, poetry hour...), with its colour on the calendar."""

    __tablename__ = "event_type"
    __table_args__ = (CheckConstraint(f"colour >= 0 AND colour < {PALETTE_SIZE}", name="colour"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name_kk: Mapped[str] = mapped_column(String(200))
    name_ru: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    colour: Mapped[int] = mapped_column(default=0)
    position: Mapped[int] = mapped_column(default=0)
    is_active: Mapped[bool] = mapped_column(default=True)

    def __repr__(self) -> str:
        return f"<EventType {self.slug}>"


class Campaign(Model):
    """A city-wide campaign with a target number of events per library."""

    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="period"),
        CheckConstraint("target_per_library >= 0", name="target"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name_kk: Mapped[str] = mapped_column(String(200))
    name_ru: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    start_date: Mapped[date]
    end_date: Mapped[date]
    book_title: Mapped[str] = mapped_column(String(300), default="")
    book_author: Mapped[str] = mapped_column(String(200), default="")
    target_per_library: Mapped[int] = mapped_column(default=0)
    is_active: Mapped[bool] = mapped_column(default=True, server_default=true())
    is_demo: Mapped[bool] = mapped_column(default=False)

    def __repr__(self) -> str:
        return f"<Campaign {self.slug}>"
