"""Forms of the event pages: the event, its series, workflow comments and attendance."""

from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import Optional, ValidationError

from intranet.clock import from_local
from intranet.events.constants import (
    AUDIENCE_GROUPS,
    AUDIENCE_LABELS,
    AUDIENCES,
    EVENT_LANGUAGE_LABELS,
    FREQUENCY_LABELS,
    MAX_EVENT_DAYS,
    MAX_OCCURRENCES,
    SCOPE_LABELS,
    TEXT_LIMIT,
)
from intranet.forms import (
    choices,
    max_length,
    no_control_characters,
    required,
    sensible_year,
    whole_number,
)

TEXT = [Optional(), no_control_characters]


class EventForm(FlaskForm):
    """Everything staff enter about an event; library and type choices are set by the view."""

    type = SelectField(_l("Type of event"), validators=[required()])
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
    audience = SelectField(
        _l("Audience"), choices=choices((a, AUDIENCE_LABELS[a]) for a in AUDIENCES)
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

    def validate_title_ru(self, field) -> None:
        if not (self.title_kk.data or "").strip() and not (field.data or "").strip():
            raise ValidationError(_l("Give the title in Kazakh or Russian."))

    def validate_end_date(self, field) -> None:
        first = self.start_date.data
        if (
            field.data
            and first
            and not first <= field.data <= first + timedelta(days=MAX_EVENT_DAYS)
        ):
            raise ValidationError(_l("An event lasts at most %(days)d days.", days=MAX_EVENT_DAYS))

    def validate_end_time(self, field) -> None:
        start, end = self.moments()
        if start and end and end <= start:
            raise ValidationError(_l("The event must end after it starts."))

    def moments(self) -> tuple[datetime | None, datetime | None]:
        """Start and end as UTC instants, from the local date and times entered."""
        if not (self.start_date.data and self.start_time.data and self.end_time.data):
            return None, None
        last = self.end_date.data or self.start_date.data
        if last < self.start_date.data or last - self.start_date.data > timedelta(
            days=MAX_EVENT_DAYS
        ):
            return None, None
        return (
            from_local(self.start_date.data, self.start_time.data),
            from_local(last, self.end_time.data),
        )


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

    def validate_repeat(self, field) -> None:
        if field.data and not (self.until_date.data or self.occurrences.data):
            raise ValidationError(_l("Say until when the event repeats, or how many times."))


class ScopeForm(FlaskForm):
    """Which occurrences of a series a change applies to."""

    scope = RadioField(_l("Apply to"), choices=choices(SCOPE_LABELS.items()), default="one")


class CommentForm(FlaskForm):
    """A comment for a workflow step (required to return or cancel)."""

    comment = TextAreaField(
        _l("Comment"), validators=[Optional(), max_length(1000), no_control_characters]
    )
    scope = SelectField(_l("Apply to"), choices=choices(SCOPE_LABELS.items()), default="one")


class AttendanceForm(FlaskForm):
    """How many came: the total, by group, and a short note."""

    total = whole_number(_l("Total who came"), 0, 100_000, _l("Give a number from 0 to 100000."))
    note = StringField(_l("Short note"), validators=[*TEXT, max_length(300)])

    def validate_total(self, field) -> None:
        groups = sum(getattr(self, name).data or 0 for name in AUDIENCE_GROUPS)
        if field.data is not None and groups > field.data:
            raise ValidationError(_l("The groups add up to more than the total."))


for _name in AUDIENCE_GROUPS:
    setattr(
        AttendanceForm,
        _name,
        whole_number(
            AUDIENCE_LABELS[_name], 0, 100_000, _l("Give a number from 0 to 100000."), optional=True
        ),
    )
