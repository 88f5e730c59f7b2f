"""Coworking centres and their seats."""

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intranet.extensions import db
from intranet.libraries.models import Library

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class CoworkingCentre(db.Model):
    """A coworking education centre hosted by one library."""

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    library_id: Mapped[int] = mapped_column(ForeignKey("library.id"), unique=True)
    # {"mon": ["09:00", "18:00"], ..., "sun": null}, local time (Asia/Qyzylorda).
    opening_hours: Mapped[dict] = mapped_column(JSON, default=dict)

    library: Mapped[Library] = relationship(back_populates="centre")
    seats: Mapped[list["Seat"]] = relationship(
        back_populates="centre", order_by="Seat.label", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<CoworkingCentre {self.slug}>"


class Seat(db.Model):
    """One bookable seat in a coworking centre."""

    __table_args__ = (
        UniqueConstraint("centre_id", "label", name="uq_seat_centre_label"),
        CheckConstraint("length(label) > 0", name="label_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("coworking_centre.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(20))
    has_power: Mapped[bool] = mapped_column(default=False)
    has_computer: Mapped[bool] = mapped_column(default=False)
    is_quiet_zone: Mapped[bool] = mapped_column(default=False)
    is_group_table: Mapped[bool] = mapped_column(default=False)
    is_active: Mapped[bool] = mapped_column(default=True)

    centre: Mapped[CoworkingCentre] = relationship(back_populates="seats")
