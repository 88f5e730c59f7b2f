"""A coworking centre with its booking rules, and the helpers for its weekly hours."""

from datetime import date, time, timedelta
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intranet.extensions import Model
from intranet.libraries.models import Library, WorkingDay

if TYPE_CHECKING:
    from intranet.auth.models import User, Visitor
    from intranet.coworking.models.seat import Seat

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_LABELS = {
    "mon": _l("Monday"),
    "tue": _l("Tuesday"),
    "wed": _l("Wednesday"),
    "thu": _l("Thursday"),
    "fri": _l("Friday"),
    "sat": _l("Saturday"),
    "sun": _l("Sunday"),
}
# A monthly sanitary day: "last-fri", "1-mon" ... (week of the month, weekday).
SANITARY_WEEKS = ("1", "2", "3", "4", "last")

# Weekly hours as stored: {"mon": ["09:00", "18:00"], ..., "sun": None}, local time.
OpeningHours = dict[str, list[str] | None]

# Bookings hold quarter hours (see slot.GRANULE_MINUTES): opening and closing times are on them.
QUARTER_HOURS = _l("Times are on quarter hours: :00, :15, :30 or :45.")


def on_quarter_hours(hours: OpeningHours) -> bool:
    """Whether every opening and closing time ({"mon": ["09:00", "18:00"], ...}) is on a quarter."""
    return all(
        time.fromisoformat(value).minute % 15 == 0
        for pair in hours.values()
        if pair
        for value in pair
    )


def sanitary_date(rule: str | None, year: int, month: int) -> date | None:
    """The day a monthly rule such as "last-fri" falls on in this month."""
    if not rule or "-" not in rule:
        return None
    week, _, weekday = rule.partition("-")
    if week not in SANITARY_WEEKS or weekday not in WEEKDAYS:
        return None
    target = WEEKDAYS.index(weekday)
    first = date(year, month, 1)
    if week == "last":
        next_month = date(year + month // 12, month % 12 + 1, 1)
        day = next_month - timedelta(days=1)
        return day - timedelta(days=(day.weekday() - target) % 7)
    day = first + timedelta(days=(target - first.weekday()) % 7)
    return day + timedelta(weeks=int(week) - 1)


class CoworkingCentre(Model):
    """A coworking education centre hosted by one library, with its booking rules."""

    __table_args__ = (
        CheckConstraint("slot_minutes IN (15, 30, 60, 90, 120)", name="slot_minutes"),
        CheckConstraint(
            "min_duration_minutes >= slot_minutes AND max_duration_minutes >= min_duration_minutes",
            name="duration_bounds",
        ),
        CheckConstraint("horizon_days BETWEEN 1 AND 365", name="horizon_days"),
        CheckConstraint("min_notice_minutes >= 0", name="min_notice"),
        CheckConstraint("grace_minutes BETWEEN 0 AND 240", name="grace_minutes"),
        CheckConstraint("check_in_opens_minutes BETWEEN 0 AND 120", name="check_in_opens"),
        CheckConstraint("limit_per_day >= 1 AND limit_per_week >= limit_per_day", name="limits"),
        CheckConstraint(
            "block_after_no_shows >= 1 AND block_window_days >= 1 AND block_days >= 0",
            name="block_rule",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    library_id: Mapped[int] = mapped_column(ForeignKey("library.id"), unique=True)
    # {"mon": ["09:00", "18:00"], ..., "sun": null}, local time (Asia/Qyzylorda).
    opening_hours: Mapped[OpeningHours] = mapped_column(JSON, default=dict)
    slot_minutes: Mapped[int] = mapped_column(default=60, server_default="60")
    min_duration_minutes: Mapped[int] = mapped_column(default=60, server_default="60")
    max_duration_minutes: Mapped[int] = mapped_column(default=240, server_default="240")
    horizon_days: Mapped[int] = mapped_column(default=14, server_default="14")
    min_notice_minutes: Mapped[int] = mapped_column(default=0, server_default="0")
    is_auto_approve: Mapped[bool] = mapped_column(default=False, server_default="0")
    grace_minutes: Mapped[int] = mapped_column(default=15, server_default="15")
    # Self check-in and the coordinator's tick open this long before a booking's start.
    check_in_opens_minutes: Mapped[int] = mapped_column(default=30, server_default="30")
    limit_per_day: Mapped[int] = mapped_column(default=1, server_default="1")
    limit_per_week: Mapped[int] = mapped_column(default=5, server_default="5")
    block_after_no_shows: Mapped[int] = mapped_column(default=3, server_default="3")
    block_window_days: Mapped[int] = mapped_column(default=30, server_default="30")
    block_days: Mapped[int] = mapped_column(default=14, server_default="14")
    sanitary_day: Mapped[str | None] = mapped_column(String(10))
    # What students find there, on the centre's public page (admins, central, its coordinators).
    description_kk: Mapped[str | None] = mapped_column(Text)
    description_ru: Mapped[str | None] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)
    # Bumped by every change of hours, closures or seats; a booking re-checks it with one
    # conditional UPDATE, so a booking made while such a change commits is refused, not kept.
    rules_version: Mapped[int] = mapped_column(default=0, server_default="0")

    library: Mapped[Library] = relationship(back_populates="centre")
    seats: Mapped[list["Seat"]] = relationship(
        back_populates="centre", order_by="Seat.label", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<CoworkingCentre {self.slug}>"

    def can_manage(self, user: "User | Visitor | None") -> bool:
        """Admins and central staff manage every centre; coordinators their own."""
        return bool(user and user.is_authenticated and user.can_coordinate(self))

    def hours_on(self, day: date, opening: WorkingDay | None = None) -> tuple[time, time] | None:
        """Opening and closing wall-clock times on this day, or None when closed.

        The weekday's hours, or on a moved working day (`opening`) the hours it names.
        """
        if opening is not None:
            return opening.hours(self.opening_hours)
        hours = (self.opening_hours or {}).get(WEEKDAYS[day.weekday()])
        if not hours:
            return None
        opens, closes = (time.fromisoformat(value) for value in hours)
        return (opens, closes) if opens < closes else None

    def is_sanitary_day(self, day: date) -> bool:
        return sanitary_date(self.sanitary_day, day.year, day.month) == day

    @property
    def active_seats(self) -> list["Seat"]:
        return [seat for seat in self.seats if seat.is_active]
