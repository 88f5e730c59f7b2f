"""Forms that add event types and campaigns; each builds its service dataclass."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, RadioField, StringField
from wtforms.validators import AnyOf, InputRequired, Optional

from intranet.events.services import CampaignData, EventTypeData
from intranet.forms import (
    choices,
    max_length,
    no_control_characters,
    required,
    sensible_year,
    whole_number,
)
from intranet.palette import COLOUR_NAMES, PALETTE_SIZE


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
    """A kind of event, with its colour on the calendar picked from the palette's swatches."""

    colour = RadioField(
        _l("Colour on the calendar"),
        choices=choices((n, COLOUR_NAMES[n]) for n in range(PALETTE_SIZE)),
        coerce=int,
        validators=[InputRequired(message=_l("Choose a colour."))],
    )

    def to_data(self) -> EventTypeData:
        """The validated form as the services' EventTypeData."""
        return EventTypeData(
            name_kk=self.name_kk.data,
            name_ru=self.name_ru.data,
            name_en=self.name_en.data or None,
            colour=self.colour.data,
        )


class CampaignForm(NamedForm):
    """A campaign such as «Бір ел – бір кітап» with a target per library."""

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

    def to_data(self) -> CampaignData:
        """The validated form as the services' CampaignData."""
        return CampaignData(
            name_kk=self.name_kk.data,
            name_ru=self.name_ru.data,
            name_en=self.name_en.data or None,
            start_date=self.start_date.data,
            end_date=self.end_date.data,
            book_title=self.book_title.data or "",
            book_author=self.book_author.data or "",
            target_per_library=self.target_per_library.data,
        )


class CatalogActionForm(FlaskForm):
    """A button that deactivates, activates again or deletes a type or campaign."""

    do = HiddenField(validators=[AnyOf(("deactivate", "activate", "delete"))])
