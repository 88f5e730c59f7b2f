"""Form pieces shared by every domain."""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class EmptyForm(FlaskForm):
    """A form with only the CSRF token, for buttons that change state with a POST."""


def required():
    """DataRequired with our translated message."""
    return DataRequired(message=_l("This field is required."))


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


def page_number(args, maximum: int = 10_000) -> int:
    """?page= as a whole number from 1 to `maximum`; anything else means page 1."""
    raw = args.get("page", "")
    return min(int(raw), maximum) if raw.isdigit() and 0 < len(raw) <= 6 and int(raw) > 0 else 1
