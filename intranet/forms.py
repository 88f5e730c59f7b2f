"""Form pieces shared by every domain."""

import re

import wtforms
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import Field, HiddenField, IntegerField, SelectChoice
from wtforms.csrf.core import CSRFTokenField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    StopValidation,
    ValidationError,
)

from intranet.clock import MAX_YEAR, MIN_YEAR, year_in_range

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PHONE_JUNK = re.compile(r"[\s\-().]")
# Mobile codes are 70X, 74X-77X; 71XX and 72XX are landlines (Kyzylorda is 7242).
_PHONE = re.compile(r"^(?:\+7|8|7)(7[04-7][0-9]{8})$")
# Letters of any alphabet, with spaces, hyphens, apostrophes and dots between them.
PERSON_NAME = re.compile(r"^[^\W\d_]+(?:[ '’.\-]+[^\W\d_]+)*\.?$")


def normalize_phone(raw: str | None) -> str | None:
    """+77XXXXXXXXX from "+7 7XX XXX XX XX", "87XXXXXXXXX" and the like; None if not a mobile."""
    match = _PHONE.match(_PHONE_JUNK.sub("", raw or ""))
    return f"+7{match.group(1)}" if match else None


class LeanSelect(wtforms.widgets.Select):
    """WTForms' Select drawing each plain option with one f-string: the same HTML (tested).

    Its own option drawing sorts, cleans and formats every attribute through Markup: a booking
    form's seats and times cost more to draw than the rest of the page.
    """

    @classmethod
    def render_option(cls, choice: SelectChoice, **kwargs: object) -> Markup:
        if kwargs or choice.render_kw:
            return super().render_option(choice, **kwargs)
        value = str(choice.value) if isinstance(choice.value, bool) else choice.value
        label = escape(choice.label or choice.value)
        selected = "selected " if choice.selected else ""
        return Markup(f'<option {selected}value="{escape(value)}">{label}</option>')


class SelectField(wtforms.SelectField):  # noqa: TID251 - its one home
    """The select of every form here: WTForms' own, drawn by LeanSelect."""

    widget = LeanSelect()


class VisitorChecks:
    """Checks of a public form a resident fills in: a name in letters, consent, the honeypot."""

    def validate_full_name(self, field: Field) -> None:
        if not PERSON_NAME.match(field.data.strip()):
            raise ValidationError(_l("Write your name in letters only."))

    def validate_consent(self, field: Field) -> None:
        if not field.data:
            raise ValidationError(_l("Please agree to the processing of your personal data."))

    def validate_website(self, field: Field) -> None:
        if field.data:
            raise ValidationError(_l("This field must stay empty."))


class DrawnTokenField(CSRFTokenField):
    """The CSRF field, its token signed when the form is drawn, not each time it is built.

    A form sent and accepted ends in a redirect: it never draws its token, and signing one
    costs a sent booking as much as checking the one it brought. The token is the request's
    own (Flask-WTF keeps it in g), so drawing the field twice draws the same one.
    """

    def process(self, *args, **kwargs) -> None:
        HiddenField.process(self, *args, **kwargs)  # CSRFTokenField's would sign a token now

    @property
    def current_token(self) -> str:
        return self.csrf_impl.generate_csrf_token(self)


class DrawnTokenCSRF(FlaskForm.Meta.csrf_class):
    """Flask-WTF's CSRF (checked the same way), with a token signed when drawn."""

    field_class = DrawnTokenField


class EmptyForm(FlaskForm):
    """A form with only the CSRF token, for buttons that change state with a POST."""


def required():
    """DataRequired with our translated message (text, dates, choices; never numbers or ticks)."""
    return DataRequired(message=_l("This field is required."))


class InRange(NumberRange):
    """NumberRange that also answers text which is not a whole number, and ends the checks.

    WTForms would show its own "Not a valid integer value." next to our range message, and the
    form's validate_<field> methods would go on to compare None or -1 with other fields.
    Stopping here gives one clear error and keeps those methods to numbers in range.
    """

    def __call__(self, form, field):
        if field.data is None:
            field.errors[:] = []
            raise StopValidation(
                _l("Enter a whole number from %(min)s to %(max)s.", min=self.min, max=self.max)
            )
        try:
            super().__call__(form, field)
        except ValidationError as error:
            raise StopValidation(str(error)) from None


def whole_number(label, low: int, high: int, message, *, optional: bool = False) -> IntegerField:
    """A whole number from low to high; 0 is a value like any other.

    DataRequired refuses 0 (it tests truthiness), so a required number uses InputRequired:
    the box must not be empty, and InRange checks the value.
    """
    presence = Optional() if optional else InputRequired(message=_l("This field is required."))
    return IntegerField(label, validators=[presence, InRange(low, high, message=message)])


def sensible_year(form, field) -> None:
    """A date field whose year lies in the intranet's range (typos such as 0202 or 20266)."""
    if field.data and not year_in_range(field.data.year):
        raise ValidationError(
            _l("Choose a year between %(min)d and %(max)d.", min=MIN_YEAR, max=MAX_YEAR)
        )


def max_length(n: int):
    """Length(max=n) with our translated message."""
    return Length(max=n, message=_l("At most %(max)d characters.", max=n))


def no_control_characters(form, field) -> None:
    """Refuse NUL bytes and other control characters that no person types."""
    if isinstance(field.data, str) and _CONTROL.search(field.data):
        raise ValidationError(_l("This field contains characters that are not allowed."))


def choices(pairs) -> list[SelectChoice]:
    """Select options from (value, label) pairs (WTForms 3.3 deprecates bare tuples)."""
    return [SelectChoice(value, label) for value, label in pairs]


def chosen_id(data: str | None) -> int | None:
    """The id picked in an optional select, or None for "none picked".

    Optional() lets a blank choice through, and a blank may be spaces (a hand-made request).
    """
    text = (data or "").strip()
    return int(text) if text else None


def page_number(args, maximum: int = 10_000) -> int:
    """?page= as a whole number from 1 to `maximum`; anything else means page 1."""
    raw = args.get("page", "")
    return min(int(raw), maximum) if raw.isdecimal() and 0 < len(raw) <= 6 and int(raw) > 0 else 1
