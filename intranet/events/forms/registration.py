"""The public registration form and the staff form of an event's registration settings."""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, Field, StringField
from wtforms.validators import Email, Optional, ValidationError

from intranet.events.models import MAX_GROUP, MODE_LABELS, RegistrationMode, RegistrationRules
from intranet.events.services.registration import RegistrationData, RulesData
from intranet.forms import (
    SelectField,
    VisitorChecks,
    choices,
    max_length,
    no_control_characters,
    normalize_phone,
    required,
    whole_number,
)

# An IIN (ИИН/ЖСН) is 12 digits; we never ask for one, so an answer carrying one is refused.
ID_NUMBER = re.compile(r"\d(?:[\s-]?\d){11}")


def no_id_number(form, field) -> None:
    """Refuse an ID number typed into a question that does not need it."""
    if isinstance(field.data, str) and ID_NUMBER.search(field.data):
        raise ValidationError(_l("Do not write an ID number here: we do not need it."))


class RegistrationForm(VisitorChecks, FlaskForm):
    """Who comes: name, a phone or an email, the group, the event's questions, the consent."""

    full_name = StringField(
        _l("Full name"), validators=[required(), max_length(200), no_control_characters]
    )
    phone = StringField(
        _l("Mobile phone"),
        validators=[Optional(), max_length(30)],
        render_kw={"type": "tel", "autocomplete": "tel", "placeholder": "+7 7XX XXX XX XX"},
    )
    email = EmailField(
        _l("Email"),
        validators=[Optional(), max_length(254), Email(message=_l("Enter a valid email address."))],
        render_kw={"autocomplete": "email"},
    )
    group_size = SelectField(_l("How many people are coming, you included"), coerce=int, default=1)
    school = StringField(
        _l("School"),
        validators=[Optional(), max_length(200), no_control_characters, no_id_number],
    )
    grade = StringField(
        _l("Grade"), validators=[Optional(), max_length(20), no_control_characters, no_id_number]
    )
    consent = BooleanField(
        _l("I agree to the processing of my personal data for this registration.")
    )
    # A honeypot: hidden from people by CSS, filled in by bots.
    website = StringField(_l("Leave this field empty"), render_kw={"autocomplete": "off"})

    def fit(self, rules: RegistrationRules) -> "RegistrationForm":
        """Offer the group sizes this event allows."""
        self.group_size.choices = choices((n, str(n)) for n in range(1, rules.max_group + 1))
        return self

    def validate_phone(self, field: Field) -> None:
        if field.data and normalize_phone(field.data) is None:
            raise ValidationError(_l("Enter a mobile number such as +7 701 234 56 78."))
        if not field.data and not self.email.data:
            raise ValidationError(_l("Give a mobile phone or an email address."))

    def to_data(self, *, language: str) -> RegistrationData:
        """The validated form as the service takes it."""
        return RegistrationData(
            full_name=self.full_name.data,
            phone=self.phone.data or "",
            email=self.email.data or "",
            group_size=int(self.group_size.data or 1),
            school=self.school.data or "",
            grade=self.grade.data or "",
            language=language,
            consent=bool(self.consent.data),
        )


class RulesForm(FlaskForm):
    """Staff: who may register, how many places, when, groups, questions, the waitlist."""

    mode = SelectField(
        _l("Registration"),
        choices=choices((m.value, MODE_LABELS[m]) for m in RegistrationMode),
        default=RegistrationMode.OFF.value,
    )
    capacity = whole_number(
        _l("Places"), 1, 10000, _l("Enter a number of places from %(min)s to %(max)s.")
    )
    opens_days = whole_number(
        _l("Registration opens, days before the event"), 0, 365,
        _l("Enter a number of days from %(min)s to %(max)s."),
    )  # fmt: skip
    closes_hours = whole_number(
        _l("Registration closes, hours before the start"), 0, 720,
        _l("Enter a number of hours from %(min)s to %(max)s."),
    )  # fmt: skip
    max_group = whole_number(
        _l("Largest group on one registration (a parent with children)"), 1, MAX_GROUP,
        _l("Enter a number of people from %(min)s to %(max)s."),
    )  # fmt: skip
    ask_school = BooleanField(_l("Ask for the school"))
    ask_grade = BooleanField(_l("Ask for the grade"))
    offer_hours = whole_number(
        _l("Hours a freed place waits for the next person's answer (empty: confirm at once)"),
        1, 168, _l("Enter a number of hours from %(min)s to %(max)s."), optional=True,
    )  # fmt: skip
    # Shown on a meeting of a series only.
    register_once = SelectField(
        _l("Meetings of the series"),
        choices=choices(
            (
                ("meeting", _l("A registration for each meeting separately")),
                ("series", _l("One registration for all meetings")),
            )
        ),
        default="meeting",
    )

    def to_data(self, *, in_series: bool = False) -> RulesData:
        """The validated form as the service takes it."""
        return RulesData(
            register_once=self.register_once.data == "series" if in_series else None,
            mode=self.mode.data,
            capacity=self.capacity.data,
            opens_days=self.opens_days.data,
            closes_hours=self.closes_hours.data,
            max_group=self.max_group.data,
            ask_school=bool(self.ask_school.data),
            ask_grade=bool(self.ask_grade.data),
            offer_hours=self.offer_hours.data,
        )
