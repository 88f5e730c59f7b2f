"""The form that adds an event type."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import Optional, Regexp

from intranet.events.constants import PALETTE_SIZE
from intranet.forms import choices, max_length, no_control_characters, required


class EventTypeForm(FlaskForm):
    """A new kind of event, with its colour on the calendar."""

    slug = StringField(
        _l("Identifier (latin letters, digits, _)"),
        validators=[
            required(),
            max_length(40),
            Regexp(r"^[a-z][a-z0-9_]*$", message=_l("Use small latin letters, digits and _.")),
        ],
    )
    name_kk = StringField(
        _l("Name in Kazakh"), validators=[required(), max_length(200), no_control_characters]
    )
    name_ru = StringField(
        _l("Name in Russian"), validators=[required(), max_length(200), no_control_characters]
    )
    name_en = StringField(
        _l("Name in English"), validators=[Optional(), max_length(200), no_control_characters]
    )
    colour = SelectField(
        _l("Colour"), choices=choices((str(n), str(n + 1)) for n in range(PALETTE_SIZE))
    )
