"""The event form (and how a new event repeats, and which occurrences an edit applies to)."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, Field, RadioField, StringField, TextAreaField, TimeField
from wtforms.validators import DataRequired, Optional, ValidationError

from intranet.clock import from_local, to_local
from intranet.events.models import (
    AUDIENCE_LABELS,
    AUDIENCES,
    EVENT_LANGUAGE_LABELS,
    FREQUENCY_LABELS,
    MAX_EVENT_DAYS,
    MAX_OCCURRENCES,
    SCOPE_LABELS,
    TEXT_LIMIT,
    Event,
)
from intranet.events.queries import PlanningChoices
from intranet.events.services import EventData, SeriesData
from intranet.forms import (
    SelectField,
    choices,
    max_length,
    no_control_characters,
    required,
    sensible_year,
    whole_number,
)
from intranet.i18n import localized

TEXT = [Optional(), no_control_characters]
# The fields that are Event columns of the same name, entered as text or picked from a list.
TEXT_FIELDS = (
    "room",
    "title_kk",
    "title_ru",
    "title_en",
    "description_kk",
    "description_ru",
    "description_en",
    "audience",
    "language",
    "organiser",
    "partners",
    "internal_notes",
)


CHOOSE = _l("Choose…")


class EventForm(FlaskForm):
    """Everything staff enter about an event; library and type choices come from `offer`."""

    type = SelectField(
        _l("Type of event"), validators=[DataRequired(message=_l("Choose the type of event."))]
    )
    library = SelectField(_l("Library"), validators=[required()])
    room = StringField(_l("Room or hall"), validators=[*TEXT, max_length(120)])
    start_date = DateField(_l("Date"), validators=[required(), sensible_year])
    start_time = TimeField(_l("Starts at"), validators=[required()])
    end_time = TimeField(_l("Ends at"), validators=[required()])
    end_date = DateField(
        _l("Last day (for exhibitions over several days)"), validators=[Optional(), sensible_year]
    )
    title_kk = StringField(_l("Title in Kazakh"), validators=[*TEXT, max_length(200)])
    title_ru = StringField(_l("Title in Russian"), validators=[*TEXT, max_length(200)])
    title_en = StringField(_l("Title in English (optional)"), validators=[*TEXT, max_length(200)])
    description_kk = TextAreaField(
        _l("Description in Kazakh"),
        validators=[Optional(), max_length(TEXT_LIMIT), no_control_characters],
    )
    description_ru = TextAreaField(
        _l("Description in Russian"),
        validators=[Optional(), max_length(TEXT_LIMIT), no_control_characters],
    )
    description_en = TextAreaField(
        _l("Description in English (optional)"),
        validators=[Optional(), max_length(TEXT_LIMIT), no_control_characters],
    )
    # No silent default: "Choose…" first, and the form refuses it.
    audience = SelectField(
        _l("Audience"),
        choices=choices([("", CHOOSE), *((a, AUDIENCE_LABELS[a]) for a in AUDIENCES)]),
        validators=[DataRequired(message=_l("Choose who the event is for."))],
    )
    language = SelectField(
        _l("Language of the event"), choices=choices(EVENT_LANGUAGE_LABELS.items())
    )
    organiser = StringField(_l("Organiser"), validators=[*TEXT, max_length(200)])
    partners = StringField(
        _l("Partners (schools, universities, organisations)"), validators=[*TEXT, max_length(500)]
    )
    club = SelectField(_l("Club"), default="")
    campaign = SelectField(_l("Campaign"), default="")
    capacity = whole_number(
        _l("Capacity (seats)"), 1, 100_000, _l("Give a number from 1 to 100000."), optional=True
    )
    internal_notes = TextAreaField(
        _l("Internal notes (never shown to readers)"),
        validators=[Optional(), max_length(2000), no_control_characters],
    )

    def offer(self, available: PlanningChoices) -> None:
        """The libraries the user acts for, the active types, the clubs and the campaigns."""
        self.available = available
        self.library.choices = choices(
            (lib.slug, localized(lib, "name")) for lib in available.libraries
        )
        self.type.choices = choices(
            [("", CHOOSE), *((t.slug, localized(t, "name")) for t in available.types)]
        )
        self.club.choices = choices(
            [("", "—"), *((c.slug, localized(c, "name")) for c in available.clubs)]
        )
        self.campaign.choices = choices(
            [("", "—"), *((c.slug, localized(c, "name")) for c in available.campaigns)]
        )

    def offers_library(self, slug: str) -> bool:
        """Whether the user may choose this library."""
        return any(lib.slug == slug for lib in self.available.libraries)

    def validate_end_date(self, field: Field) -> None:
        """The last day lies within MAX_EVENT_DAYS of the first."""
        first = self.start_date.data
        # A difference, not first + MAX_EVENT_DAYS: the first day may be one its own check
        # refuses (31 December 9999), and adding to it would overflow.
        if field.data and first and not 0 <= (field.data - first).days <= MAX_EVENT_DAYS:
            raise ValidationError(_l("An event lasts at most %(days)d days.", days=MAX_EVENT_DAYS))

    def moments(self) -> tuple[datetime, datetime]:
        """Start and end as UTC instants, from the local date and times entered."""
        last = self.end_date.data or self.start_date.data
        return (
            from_local(self.start_date.data, self.start_time.data),
            from_local(last, self.end_time.data),
        )

    def to_data(self) -> EventData:
        """The validated form as the services' EventData."""
        start, end = self.moments()
        available = self.available
        return EventData(
            type=next(t for t in available.types if t.slug == self.type.data),
            library=next(lib for lib in available.libraries if lib.slug == self.library.data),
            start_dt=start,
            end_dt=end,
            club=next((c for c in available.clubs if c.slug == self.club.data), None),
            campaign=next((c for c in available.campaigns if c.slug == self.campaign.data), None),
            capacity=self.capacity.data,
            **{name: self[name].data or "" for name in TEXT_FIELDS},
        )

    def show(self, event: Event) -> None:
        """An event's values in the form, in local times."""
        for name in (*TEXT_FIELDS, "capacity"):
            self[name].data = getattr(event, name)
        start, end = to_local(event.start_dt), to_local(event.end_dt)
        self.start_date.data, self.start_time.data = start.date(), start.time()
        self.end_time.data = end.time()
        self.end_date.data = end.date() if end.date() != start.date() else None
        self.library.data = event.library.slug
        self.type.data = event.type.slug
        self.club.data = event.club.slug if event.club else ""
        self.campaign.data = event.campaign.slug if event.campaign else ""


class SeriesForm(FlaskForm):
    """How a new event repeats (only when it is created)."""

    repeat = SelectField(
        _l("Repeat"),
        choices=choices([("", _l("Does not repeat")), *FREQUENCY_LABELS.items()]),
        default="",
    )
    until_date = DateField(_l("Repeat until"), validators=[Optional(), sensible_year])
    occurrences = whole_number(
        _l("Or this many times"),
        1,
        MAX_OCCURRENCES,
        _l("A series has at most %(max)d events.", max=MAX_OCCURRENCES),
        optional=True,
    )

    def validate_repeat(self, field: Field) -> None:
        """A repeating event says when it stops."""
        if field.data and not (self.until_date.data or self.occurrences.data):
            raise ValidationError(_l("Say until when the event repeats, or how many times."))

    def to_data(self) -> SeriesData | None:
        """How the event repeats, or None if it does not."""
        if not self.repeat.data:
            return None
        return SeriesData(
            repeat=self.repeat.data,
            until_date=self.until_date.data,
            occurrences=self.occurrences.data,
        )


class ScopeForm(FlaskForm):
    """Which occurrences of a series a change applies to."""

    # TRANSLATORS: which events of a series a change applies to (this one, the following, all).
    scope = RadioField(_l("Apply to"), choices=choices(SCOPE_LABELS.items()), default="one")
