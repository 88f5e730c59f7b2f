"""Forms of the workflow: a step's comment and scope, and the attendance of a held event."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import Optional

from intranet.events.models import AUDIENCE_GROUPS, AUDIENCE_LABELS, SCOPE_LABELS
from intranet.events.services import AttendanceData
from intranet.forms import SelectField, choices, max_length, no_control_characters, whole_number

TEXT = [Optional(), no_control_characters]


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

    def to_data(self) -> AttendanceData:
        """The validated form as the services' AttendanceData."""
        return AttendanceData(
            total=self.total.data,
            note=self.note.data or "",
            **{name: self[name].data or 0 for name in AUDIENCE_GROUPS},
        )


for _name in AUDIENCE_GROUPS:
    setattr(
        AttendanceForm,
        _name,
        whole_number(
            AUDIENCE_LABELS[_name], 0, 100_000, _l("Give a number from 0 to 100000."), optional=True
        ),
    )
