"""One bookable seat of a coworking centre."""

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intranet.coworking.models.centre import CoworkingCentre
from intranet.extensions import Model


class Seat(Model):
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
