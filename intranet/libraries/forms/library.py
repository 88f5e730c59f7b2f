"""The library editing form: it checks the shape of phone, email, map point and hours."""

import re
from datetime import time
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, StringField, TextAreaField
from wtforms.validators import Optional, ValidationError

from intranet.forms import max_length, no_control_characters
from intranet.libraries.models.library import (
    LATITUDE_RANGE,
    LONGITUDE_RANGE,
    WEEKDAYS,
    WeeklyHours,
)
from intranet.libraries.services import DETAILS, LibraryData

# Kyzylorda landlines: +7 7242 and six digits; Kazakh mobiles: +7 70x/74x/75x/76x/77x.
LANDLINE = re.compile(r"^(?:\+?7|8)?(7242)(\d{2})(\d{2})(\d{2})$")
MOBILE = re.compile(r"^(?:\+?7|8)?(7[0-7]\d)(\d{3})(\d{2})(\d{2})$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
EARLIEST, LATEST = time(6), time(23)
WEEKDAY_FIELD_LABELS = {
    "mon": _l("Monday"),
    "tue": _l("Tuesday"),
    "wed": _l("Wednesday"),
    "thu": _l("Thursday"),
    "fri": _l("Friday"),
    "sat": _l("Saturday"),
    "sun": _l("Sunday"),
}


def normal_phone(text: str) -> str | None:
    """ "+7 7242 23-45-67" or "+7 701 234 56 78" from what was typed; None if it is neither."""
    digits = re.sub(r"[\s\-()]", "", text)
    if match := LANDLINE.match(digits):
        return "+7 {} {}-{}-{}".format(*match.groups())
    if match := MOBILE.match(digits):
        return "+7 {} {} {} {}".format(*match.groups())
    return None


def parse_number(text: str | None) -> float | None:
    """A decimal number typed with a point or a comma; None when empty or not a number."""
    try:
        return float((text or "").strip().replace(",", "."))
    except ValueError:
        return None


def parse_hour(text: str | None) -> time | None:
    try:
        return time.fromisoformat((text or "").strip()[:5]) if text else None
    except ValueError:
        return None


def _text(label: Any, length: int, area: bool = False) -> Field:
    kind = TextAreaField if area else StringField
    return kind(label, validators=[Optional(), max_length(length), no_control_characters])


class LibraryForm(FlaskForm):
    """A library's contacts, map point, weekly hours (fields added below) and description."""

    address_kk = _text(_l("Address in Kazakh"), 300)
    address_ru = _text(_l("Address in Russian"), 300)
    address_en = _text(_l("Address in English"), 300)
    phone = _text(_l("Phone"), 30)
    email = _text(_l("Email"), 120)
    latitude = _text(_l("Latitude"), 20)
    longitude = _text(_l("Longitude"), 20)
    description_kk = _text(_l("Description in Kazakh"), 2000, area=True)
    description_ru = _text(_l("Description in Russian"), 2000, area=True)
    description_en = _text(_l("Description in English"), 2000, area=True)

    opening_hours: WeeklyHours  # read by validate() from the weekday fields

    def validate_phone(self, field: Field) -> None:
        if field.data and normal_phone(field.data) is None:
            raise ValidationError(
                _l("Enter a Kyzylorda number such as +7 7242 23-45-67 or a mobile one.")
            )

    def validate_email(self, field: Field) -> None:
        if field.data and not EMAIL.match(field.data.strip()):
            raise ValidationError(_l("Enter an email address such as library@example.kz."))

    def _coordinates_ok(self) -> bool:
        """Both numbers or neither, each inside the region (an empty field skips its validators)."""
        if "latitude" not in self or not (self.latitude.data or self.longitude.data):
            return True
        ok = True
        for field, bounds in ((self.latitude, LATITUDE_RANGE), (self.longitude, LONGITUDE_RANGE)):
            value = parse_number(field.data)
            if value is None:
                field.errors = [_l("Give both coordinates, e.g. 44.8488 and 65.4823.")]
                ok = False
            elif not bounds[0] <= value <= bounds[1]:
                field.errors = [
                    _l("This point is outside the Kyzylorda region: check the numbers.")
                ]
                ok = False
        return ok

    def validate(self, extra_validators: Any = None) -> bool:
        """The fields, the map point and the weekly hours, every error shown at once."""
        fields_ok = super().validate(extra_validators)
        coordinates_ok = self._coordinates_ok()
        hours_ok = self._read_hours()
        return fields_ok and coordinates_ok and hours_ok

    def _read_hours(self) -> bool:
        self.opening_hours = {}
        ok = True
        for day in WEEKDAYS:
            opens_field = self[f"{day}_open"]
            opens, closes = parse_hour(opens_field.data), parse_hour(self[f"{day}_close"].data)
            if opens is None and closes is None:
                self.opening_hours[day] = None
            elif opens is None or closes is None or opens >= closes:
                opens_field.errors = [_l("Give both times, the opening one first.")]
                ok = False
            elif opens < EARLIEST or closes > LATEST:
                opens_field.errors = [_l("Hours are between 06:00 and 23:00.")]
                ok = False
            else:
                self.opening_hours[day] = [f"{opens:%H:%M}", f"{closes:%H:%M}"]
        return ok

    def to_data(self, current: LibraryData) -> LibraryData:
        """The validated form; fields not on it (branch staff's form) keep `current` values."""

        def given(name: str) -> str | None:
            if name not in self:
                return getattr(current, name)
            return (self[name].data or "").strip() or None

        phone = given("phone")
        latitude = given("latitude")
        longitude = given("longitude")
        return LibraryData(
            address_kk=given("address_kk"),
            address_ru=given("address_ru"),
            address_en=given("address_en"),
            phone=normal_phone(phone) if phone else None,
            email=given("email"),
            latitude=parse_number(latitude) if isinstance(latitude, str) else latitude,
            longitude=parse_number(longitude) if isinstance(longitude, str) else longitude,
            opening_hours=self.opening_hours,
            description_kk=given("description_kk"),
            description_ru=given("description_ru"),
            description_en=given("description_en"),
        )

    @classmethod
    def for_library(cls, library_data: LibraryData, *, details: bool) -> "LibraryForm":
        """The form with the library's values; no address, email or map unless `details`."""
        values: dict[str, Any] = {
            name: value
            for name, value in vars(library_data).items()
            if name != "opening_hours" and value is not None
        }
        for day in WEEKDAYS:
            pair = library_data.opening_hours.get(day)
            values[f"{day}_open"], values[f"{day}_close"] = pair or ("", "")
        form = cls(data={k: str(v) for k, v in values.items()})
        if not details:
            for name in DETAILS:
                delattr(form, name)
        return form


def _time_field(label: Any) -> StringField:
    return StringField(label, validators=[Optional()], render_kw={"type": "time"})


# Opening and closing time per weekday, e.g. mon_open / mon_close.
for _day in WEEKDAYS:
    setattr(LibraryForm, f"{_day}_open", _time_field(WEEKDAY_FIELD_LABELS[_day]))
    setattr(LibraryForm, f"{_day}_close", _time_field(WEEKDAY_FIELD_LABELS[_day]))
