"""The public booking form, and reading the dates and times the coworking forms take as text."""

import re
from datetime import date, time

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, Field, HiddenField, StringField, TextAreaField
from wtforms.validators import Email, Optional, ValidationError

from intranet.clock import year_in_range
from intranet.coworking.models import REQUEST_KEY_LENGTH
from intranet.coworking.services import BookingRequest
from intranet.forms import (
    DrawnTokenCSRF,
    SelectField,
    VisitorChecks,
    chosen_id,
    max_length,
    no_control_characters,
    normalize_phone,
    required,
)

_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_REQUEST_KEY = re.compile(rf"^[A-Za-z0-9_-]{{{REQUEST_KEY_LENGTH}}}$")


def parse_date(value: str | None) -> date | None:
    """YYYY-MM-DD in the intranet's years, or None for anything else (30 February included)."""
    try:
        day = date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None
    # Years like 0001 or 9999 would overflow the day arithmetic around them.
    return day if day and year_in_range(day.year) else None


def parse_time(value: str | None) -> time | None:
    """HH:MM from 00:00 to 23:59, or None for anything else."""
    match = _TIME.match(value or "")
    return time(int(match.group(1)), int(match.group(2))) if match else None


def check_real_date(field: Field) -> None:
    """A date typed as YYYY-MM-DD that exists."""
    if parse_date(field.data) is None:
        raise ValidationError(_l("Enter a real date as YYYY-MM-DD."))


def asked_minutes(text: str | None) -> int | None:
    """A length in minutes as typed, if it is one a day can hold (1 to 24 h); else None."""
    text = text or ""
    if not text.isdecimal() or len(text) > 4:
        return None
    minutes = int(text)
    return minutes if 0 < minutes <= 24 * 60 else None


class StartAndLength:
    """The start time and length fields' checks, shared by the booking and the finder forms."""

    def validate_start(self, field: Field) -> None:
        if parse_time(field.data) is None:
            raise ValidationError(_l("Enter a time between 00:00 and 23:59."))

    def validate_duration(self, field: Field) -> None:
        if asked_minutes(field.data) is None:
            raise ValidationError(_l("Choose a duration from the list."))


class BookingForm(StartAndLength, VisitorChecks, FlaskForm):
    """The public form: when, which seat, who, and the consent.

    The day and the start stay text (a date input, a select of the centre's start times) with
    our own messages; `to_request()` hands the service typed values, named as these fields.
    """

    class Meta:
        csrf_class = DrawnTokenCSRF  # an accepted booking redirects: no new token to sign

    day = StringField(_l("Date"), validators=[required()], render_kw={"type": "date"})
    start = SelectField(_l("Start"), validators=[required()], validate_choice=False)
    duration = SelectField(_l("Duration"), validators=[required()], validate_choice=False)
    # Sent as "seat", as in the day grid's links (?seat=); empty for any free seat.
    seat_id = SelectField(_l("Seat"), name="seat", validate_choice=False)
    full_name = StringField(
        _l("Full name"), validators=[required(), max_length(200), no_control_characters]
    )
    phone = StringField(
        _l("Mobile phone"),
        validators=[required(), max_length(30)],
        render_kw={"type": "tel", "autocomplete": "tel", "placeholder": "+7 7XX XXX XX XX"},
    )
    email = EmailField(
        _l("Email"),
        validators=[
            required(),
            max_length(254),
            Email(message=_l("Enter a valid email address.")),
        ],
        render_kw={"autocomplete": "email"},
    )
    institution = StringField(
        _l("University, college or school"),
        validators=[required(), max_length(200), no_control_characters],
    )
    purpose = TextAreaField(
        _l("Purpose of the visit"),
        validators=[Optional(), max_length(500), no_control_characters],
        render_kw={"rows": 2},
    )
    consent = BooleanField(
        _l("I agree to the processing of my personal data for this booking."),
    )
    # Set when the form is shown: the same form sent twice makes one booking (see Booking).
    request_key = HiddenField("")  # no label: WTForms would translate one made of its name
    # A honeypot: hidden from people by CSS, filled in by bots.
    website = StringField(_l("Leave this field empty"), render_kw={"autocomplete": "off"})

    def validate_day(self, field: Field) -> None:
        check_real_date(field)

    def validate_seat_id(self, field: Field) -> None:
        if field.data and not field.data.isdecimal():
            raise ValidationError(_l("Choose a seat from the list."))

    def validate_phone(self, field: Field) -> None:
        if normalize_phone(field.data) is None:
            raise ValidationError(_l("Enter a mobile number such as +7 701 234 56 78."))

    def to_request(self, *, language: str) -> BookingRequest:
        """The validated form as the service takes it; `language` is the visitor's."""
        day, start = parse_date(self.day.data), parse_time(self.start.data)
        # A key that is not one of ours (an old form, or one typed by hand) is no key.
        key = self.request_key.data if _REQUEST_KEY.match(self.request_key.data or "") else None
        if day is None or start is None:
            raise ValueError("to_request() reads a validated form")
        return BookingRequest(
            day=day,
            start=start,
            duration=int(self.duration.data),
            seat_id=chosen_id(self.seat_id.data),
            full_name=self.full_name.data,
            phone=self.phone.data,
            email=self.email.data,
            institution=self.institution.data,
            purpose=self.purpose.data or "",
            language=language,
            consent=bool(self.consent.data),
            request_key=key,
        )
