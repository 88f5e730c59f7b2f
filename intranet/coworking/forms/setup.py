"""Forms of the centre set-up page: the centre and its rules, the weekly hours, closures."""

from dataclasses import fields, replace
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, Field, IntegerField, StringField, TextAreaField
from wtforms.validators import Optional, ValidationError

from intranet.coworking.forms.booking import parse_date, parse_time
from intranet.coworking.forms.staff import AsksBeforeCancelling
from intranet.coworking.models import (
    GRANULE_MINUTES,
    QUARTER_HOURS,
    WEEKDAY_LABELS,
    WEEKDAYS,
    CoworkingCentre,
    OpeningHours,
)
from intranet.coworking.services import CentreDescription, ClosureData, RulesData, rules_of
from intranet.forms import (
    SelectField,
    choices,
    max_length,
    no_control_characters,
    required,
    whole_number,
)

WEEK_LABELS = {
    # TRANSLATORS: the week of the month of a monthly sanitary day: first ... last (Friday).
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


def _description(label: Any) -> TextAreaField:
    return TextAreaField(label, validators=[Optional(), max_length(2000), no_control_characters])


class CentreForm(AsksBeforeCancelling):
    """Section 1 of the set-up: what students read about the centre, and its booking rules."""

    description_kk = _description(_l("Description in Kazakh"))
    description_ru = _description(_l("Description in Russian"))
    description_en = _description(_l("Description in English"))
    slot_minutes = SelectField(
        # TRANSLATORS: the step of booking times at a coworking centre (15, 30 or 60 minutes).
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
    check_in_opens_minutes = _number(_l("Check-in opens before the start, minutes"), 0, 120)
    limit_per_day = _number(_l("Active bookings per person per day"), 1, 10)
    limit_per_week = _number(_l("Active bookings per person per week"), 1, 50)
    block_after_no_shows = _number(_l("Block after this many no-shows"), 1, 20)
    block_window_days = _number(_l("... within days"), 1, 365)
    block_days = _number(_l("Block for days"), 0, 365)

    def validate_max_duration_minutes(self, field: Field) -> None:
        if (field.data or 0) < (self.min_duration_minutes.data or 0):
            raise ValidationError(_l("The longest booking is shorter than the shortest."))
        slot = self.slot_minutes.data or 60
        if field.data % slot or (self.min_duration_minutes.data or 0) % slot:
            raise ValidationError(_l("Durations must be whole numbers of slots."))

    def validate_limit_per_week(self, field: Field) -> None:
        if (field.data or 0) < (self.limit_per_day.data or 0):
            raise ValidationError(_l("The weekly limit is below the daily one."))

    def description(self) -> CentreDescription:
        """The three descriptions as change_centre takes them (empty ones as None)."""

        def given(field: Field) -> str | None:
            return (field.data or "").strip() or None

        return CentreDescription(
            given(self.description_kk), given(self.description_ru), given(self.description_en)
        )

    def rules(self, centre: CoworkingCentre) -> RulesData:
        """The validated rules; the weekly hours and sanitary day stay as the centre has them."""
        names = [f.name for f in fields(RulesData)]
        typed = {name: self[name].data for name in names if name in self}
        return replace(rules_of(centre), **typed)


class HoursForm(AsksBeforeCancelling):
    """Section 2 of the set-up: opening hours per weekday and the monthly sanitary day."""

    sanitary_day = SelectField(_l("Monthly sanitary day"), choices=sanitary_choices())

    opening_hours: OpeningHours  # read by validate() from the weekday fields

    def validate(self, extra_validators: Any = None) -> bool:
        """The fields, then the weekly hours (once every field is right)."""
        if not super().validate(extra_validators):
            return False
        try:
            self.opening_hours = read_hours(self)
        except ValidationError:
            return False
        return True

    def rules(self, centre: CoworkingCentre) -> RulesData:
        """The centre's rules with the new hours and sanitary day, as change_rules takes them."""
        return replace(
            rules_of(centre),
            sanitary_day=self.sanitary_day.data or None,
            opening_hours=self.opening_hours,
        )

    @classmethod
    def of(cls, centre: CoworkingCentre) -> "HoursForm":
        """The form filled in from the centre as saved."""
        form = cls(formdata=None)
        form.sanitary_day.data = centre.sanitary_day or ""
        for day in WEEKDAYS:
            hours = (centre.opening_hours or {}).get(day) or ["", ""]
            getattr(form, f"{day}_open").data, getattr(form, f"{day}_close").data = hours
        return form


def _time_field(label: str) -> StringField:
    return StringField(label, validators=[Optional()], render_kw={"type": "time"})


# Opening and closing time per weekday, e.g. mon_open / mon_close.
for _day in WEEKDAYS:
    setattr(HoursForm, f"{_day}_open", _time_field(WEEKDAY_LABELS[_day]))
    setattr(HoursForm, f"{_day}_close", _time_field(WEEKDAY_LABELS[_day]))


def read_hours(form: HoursForm) -> OpeningHours:
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
