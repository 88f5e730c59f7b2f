"""The form of a moved working day: its date, libraries, hours (a weekday's, or its own), reason."""

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, StringField, SubmitField, TimeField
from wtforms.validators import Optional

from intranet.admin.forms import library_choices
from intranet.forms import (
    SelectField,
    choices,
    max_length,
    no_control_characters,
    required,
    sensible_year,
)
from intranet.libraries.forms.library import WEEKDAY_FIELD_LABELS
from intranet.libraries.models import Library, WorkingDay
from intranet.libraries.services import WorkingDayData


def _reason(label: Any) -> StringField:
    return StringField(label, validators=[Optional(), max_length(200), no_control_characters])


class WorkingDayForm(FlaskForm):
    """A day off on which one library, or all of them, opens (a moved working day)."""

    day = DateField(_l("Date"), validators=[required(), sensible_year])
    library = SelectField(_l("Library"), validators=[Optional()])
    works_as = SelectField(
        # TRANSLATORS: a moved working day "works as" a weekday: it has that weekday's hours.
        _l("Hours of"),
        validators=[Optional()],
        description=_l("The decree names the weekday it replaces; or give the hours below."),
    )
    opens = TimeField(_l("Opens at"), validators=[Optional()])
    closes = TimeField(_l("Closes at"), validators=[Optional()])
    reason_kk = _reason(_l("Reason in Kazakh"))
    reason_ru = _reason(_l("Reason in Russian"))
    reason_en = _reason(_l("Reason in English"))
    submit = SubmitField(_l("Save"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.library.choices = choices(
            [("", _l("All libraries"))] + [(c.value, c.label) for c in library_choices()[1:]]
        )
        self.works_as.choices = choices(
            [("", _l("Its own hours (below)"))] + list(WEEKDAY_FIELD_LABELS.items())
        )

    def fill(self, row: WorkingDay) -> None:
        """Show a stored working day in the form."""
        self.day.data, self.library.data = row.day, row.library.slug if row.library else ""
        self.works_as.data = row.works_as or ""
        self.opens.data, self.closes.data = row.opens, row.closes
        self.reason_kk.data, self.reason_ru.data = row.reason_kk or "", row.reason_ru or ""
        self.reason_en.data = row.reason_en or ""

    def to_data(self, library: Library | None) -> WorkingDayData:
        """What the service takes; the library is looked up by the view."""
        return WorkingDayData(
            day=self.day.data,
            library=library,
            works_as=self.works_as.data or None,
            opens=self.opens.data,
            closes=self.closes.data,
            reason_kk=(self.reason_kk.data or "").strip(),
            reason_ru=(self.reason_ru.data or "").strip(),
            reason_en=(self.reason_en.data or "").strip(),
        )
