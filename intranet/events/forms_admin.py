"""Forms that add event types and campaigns."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField
from wtforms.validators import Optional, Regexp, ValidationError

from intranet.forms import (
    choices,
    max_length,
    no_control_characters,
    required,
    sensible_year,
    whole_number,
)
from intranet.palette import PALETTE_SIZE


class NamedForm(FlaskForm):
    """A name in Kazakh and Russian, and optionally in English."""

    name_kk = StringField(
        _l("Name in Kazakh"), validators=[required(), max_length(200), no_control_characters]
    )
    name_ru = StringField(
        _l("Name in Russian"), validators=[required(), max_length(200), no_control_characters]
    )
    name_en = StringField(
        _l("Name in English"), validators=[Optional(), max_length(200), no_control_characters]
    )


class EventTypeForm(NamedForm):
    """A new kind of event, with its colour on the calendar."""

    slug = StringField(
        _l("Identifier (latin letters, digits, _)"),
        validators=[
            required(),
            max_length(40),
            Regexp(r"^[a-z][a-z0-9_]*$", message=_l("Use small latin letters, digits and _.")),
        ],
    )
    colour = SelectField(
        _l("Colour"), choices=choices((str(n), str(n + 1)) for n in range(PALETTE_SIZE))
    )


class CampaignForm(NamedForm):
    """A campaign such as «Бір ел – бір кітап» with a target per library."""

    slug = StringField(
        _l("Identifier (latin letters, digits, -)"),
        validators=[
            required(),
            max_length(40),
            Regexp(r"^[a-z][a-z0-9-]*$", message=_l("Use small latin letters, digits and -.")),
        ],
    )
    start_date = DateField(_l("From"), validators=[required(), sensible_year])
    end_date = DateField(_l("To"), validators=[required(), sensible_year])
    book_title = StringField(
        _l("The chosen book"), validators=[Optional(), max_length(300), no_control_characters]
    )
    book_author = StringField(
        _l("Author"), validators=[Optional(), max_length(200), no_control_characters]
    )
    target_per_library = whole_number(
        _l("Target: events per library"), 0, 1000, _l("Give a number from 0 to 1000.")
    )

    def validate_end_date(self, field) -> None:
        if field.data and self.start_date.data and field.data < self.start_date.data:
            raise ValidationError(_l("The end must come after the start."))
