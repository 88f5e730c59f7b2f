"""What the coworking services take: one frozen dataclass per form, built once by that form.

Each field is named as the form field it comes from, so a rule's error (`field=`) is shown
next to that field.
"""

from dataclasses import dataclass
from datetime import date, time

from intranet.coworking.models import OpeningHours


@dataclass(frozen=True)
class BookingRequest:
    """A visitor's request from the public booking form, whichever centre it is sent to.

    The phone is as the visitor typed it (the service normalises it); `seat_id` None means
    any free seat; `duration` is in minutes; `language` is the one the emails will speak;
    `request_key` is the sending form's own key (None from a form without one).
    """

    day: date
    start: time
    duration: int
    full_name: str
    phone: str
    email: str
    institution: str
    consent: bool
    seat_id: int | None = None
    purpose: str = ""
    language: str = "kk"
    request_key: str | None = None


@dataclass(frozen=True)
class CentreDescription:
    """A centre's public description in three languages (None: not given)."""

    description_kk: str | None
    description_ru: str | None
    description_en: str | None


@dataclass(frozen=True)
class RulesData:
    """A centre's booking rules and weekly hours, as the set-up form enters them."""

    slot_minutes: int
    min_duration_minutes: int
    max_duration_minutes: int
    horizon_days: int
    min_notice_minutes: int
    is_auto_approve: bool
    grace_minutes: int
    check_in_opens_minutes: int
    limit_per_day: int
    limit_per_week: int
    block_after_no_shows: int
    block_window_days: int
    block_days: int
    sanitary_day: str | None
    opening_hours: OpeningHours


@dataclass(frozen=True)
class SeatData:
    """A seat's label and features, and whether it can be booked."""

    label: str
    has_power: bool = False
    has_computer: bool = False
    is_quiet_zone: bool = False
    is_group_table: bool = False
    is_active: bool = True


@dataclass(frozen=True)
class SeatRow:
    """One row of the seats table: a seat (by id) or a new one (None), what it becomes, or removed.

    `row` is its place in the table, so that a refusal is shown on that row.
    """

    row: int
    seat_id: int | None
    data: SeatData
    remove: bool = False


@dataclass(frozen=True)
class ClosureData:
    """A one-off closure of the centre's library: the day and why (in the writer's language)."""

    day: date
    reason: str
