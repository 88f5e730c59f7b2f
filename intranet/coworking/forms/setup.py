"""Forms of the centre set-up page: rules and hours, seats, closures."""

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, Field, IntegerField, SelectField, StringField
from wtforms.validators import Optional, ValidationError

from intranet.coworking.forms.booking import parse_date, parse_time
from intranet.coworking.forms.staff import AsksBeforeCancelling
from intranet.coworking.models import (
    GRANULE_MINUTES,
    QUARTER_HOURS,
    WEEKDAY_LABELS,
    WEEKDAYS,
    OpeningHours,
)
from intranet.coworking.services import ClosureData, RulesData, SeatData
from intranet.forms import choices, max_length, no_control_characters, required, whole_number

WEEK_LABELS = {
    "1": _l("First"),
    "2": _l("Second"),
    "3": _l("Third"),
    "4": _l("Fourth"),
    "last": _l("Last"),
}


def _number(label: str, low: int, high: int) -> IntegerField:
    return whole_number(label, low, high, _l("Enter a number from %(min)s to %(max)s."))


def sanitary_choices() -> list[Any]:
    pairs: list[tuple[str, object]] = [("", _l("No monthly sanitary day"))]
    for week, week_label in WEEK_LABELS.items():
        for day, day_label in WEEKDAY_LABELS.items():
            pairs.append((f"{week}-{day}", f"{week_label} — {day_label}"))
    return choices(pairs)


class RulesForm(AsksBeforeCancelling):
    """A centre's booking rules and weekly hours (a pair of times per weekday, added below)."""

    slot_minutes = SelectField(
        _l("Slot length, minutes"),
        coerce=int,
        choices=choices((m, str(m)) for m in (15, 30, 60, 90, 120)),
    )
    min_duration_minutes = _number(_l("Shortest booking, minutes"), 15, 24 * 60)
    max_duration_minutes = _number(_l("Longest booking, minutes"), 15, 24 * 60)
    horizon_days = _number(_l("How many days ahead"), 1, 365)
    min_notice_minutes = _number(_l("Minimum notice, minutes"), 0, 7 * 24 * 60)
    is_auto_approve = BooleanField(_l("Confirm requests automatically"))
    grace_minutes = _number(_l("No-show after, minutes"), 0, 240)
    limit_per_day = _number(_l("Active bookings per person per day"), 1, 10)
    limit_per_week = _number(_l("Active bookings per person per week"), 1, 50)
    block_after_no_shows = _number(_l("Block after this many no-shows"), 1, 20)
    block_window_days = _number(_l("... within days"), 1, 365)
    block_days = _number(_l("Block for days"), 0, 365)
    sanitary_day = SelectField(_l("Monthly sanitary day"), choices=sanitary_choices())

    opening_hours: OpeningHours  # read by validate() from the weekday fields

    def validate_max_duration_minutes(self, field: Field) -> None:
        if (field.data or 0) < (self.min_duration_minutes.data or 0):
            raise ValidationError(_l("The longest booking is shorter than the shortest."))
        slot = self.slot_minutes.data or 60
        if field.data % slot or (self.min_duration_minutes.data or 0) % slot:
            raise ValidationError(_l("Durations must be whole numbers of slots."))

    def validate_limit_per_week(self, field: Field) -> None:
        if (field.data or 0) < (self.limit_per_day.data or 0):
            raise ValidationError(_l("The weekly limit is below the daily one."))

    def validate(self, extra_validators: Any = None) -> bool:
        """The fields, then the weekly hours (once every field is right)."""
        if not super().validate(extra_validators):
            return False
        try:
            self.opening_hours = read_hours(self)
        except ValidationError:
            return False
        return True

    def to_data(self) -> RulesData:
        """The validated form as change_rules takes it."""
        return RulesData(
            slot_minutes=self.slot_minutes.data,
            min_duration_minutes=self.min_duration_minutes.data,
            max_duration_minutes=self.max_duration_minutes.data,
            horizon_days=self.horizon_days.data,
            min_notice_minutes=self.min_notice_minutes.data,
            is_auto_approve=bool(self.is_auto_approve.data),
            grace_minutes=self.grace_minutes.data,
            limit_per_day=self.limit_per_day.data,
            limit_per_week=self.limit_per_week.data,
            block_after_no_shows=self.block_after_no_shows.data,
            block_window_days=self.block_window_days.data,
            block_days=self.block_days.data,
            sanitary_day=self.sanitary_day.data or None,
            opening_hours=self.opening_hours,
        )


def _time_field(label: str) -> StringField:
    return StringField(label, validators=[Optional()], render_kw={"type": "time"})


# Opening and closing time per weekday, e.g. mon_open / mon_close.
for _day in WEEKDAYS:
    setattr(RulesForm, f"{_day}_open", _time_field(WEEKDAY_LABELS[_day]))
    setattr(RulesForm, f"{_day}_close", _time_field(WEEKDAY_LABELS[_day]))


def read_hours(form: RulesForm) -> OpeningHours:
    """{"mon": ["09:00", "18:00"], "sun": None, ...}; raises ValidationError on bad pairs."""
    hours: OpeningHours = {}
    for day in WEEKDAYS:
        opens_field = getattr(form, f"{day}_open")
        opens, closes = parse_time(opens_field.data), parse_time(getattr(form, f"{day}_close").data)
        if opens is None and closes is None:
            hours[day] = None
        elif opens is None or closes is None or opens >= closes:
            opens_field.errors = [_l("Give both times, the opening one first.")]
            raise ValidationError(str(opens_field.errors[0]))
        elif opens.minute % GRANULE_MINUTES or closes.minute % GRANULE_MINUTES:
            # Bookings hold quarter hours; hours off them would leave slots no one can book.
            opens_field.errors = [QUARTER_HOURS]
            raise ValidationError(str(QUARTER_HOURS))
        else:
            hours[day] = [opens.strftime("%H:%M"), closes.strftime("%H:%M")]
    return hours


class SeatForm(AsksBeforeCancelling):
    """A seat's label and features."""

    label = StringField(_l("Label"), validators=[required(), max_length(20), no_control_characters])
    has_power = BooleanField(_l("Power socket"))
    has_computer = BooleanField(_l("Computer"))
    is_quiet_zone = BooleanField(_l("Quiet zone"))
    is_group_table = BooleanField(_l("Group table"))
    is_active = BooleanField(_l("Bookable"), default=True)

    def to_data(self) -> SeatData:
        """The validated form as change_seat takes it."""
        return SeatData(
            label=self.label.data,
            has_power=bool(self.has_power.data),
            has_computer=bool(self.has_computer.data),
            is_quiet_zone=bool(self.is_quiet_zone.data),
            is_group_table=bool(self.is_group_table.data),
            is_active=bool(self.is_active.data),
        )


class ClosureForm(AsksBeforeCancelling):
    """A one-off closure of the centre's library."""

    day = StringField(_l("Date"), validators=[required()], render_kw={"type": "date"})
    reason = StringField(_l("Reason"), validators=[required(), max_length(200)])

    def validate_day(self, field: Field) -> None:
        if parse_date(field.data) is None:
            raise ValidationError(_l("Enter a real date as YYYY-MM-DD."))

    def to_data(self) -> ClosureData:
        """The validated form as add_closure takes it."""
        day = parse_date(self.day.data)
        if day is None:
            raise ValueError("to_data() reads a validated form")
        return ClosureData(day=day, reason=self.reason.data.strip())
