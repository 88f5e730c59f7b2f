"""The one form of the report cycle: central staff accept or return a month."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField

from intranet.forms import choices, max_length, no_control_characters, required
from intranet.reports.services import COMMENT_LIMIT


class DecisionForm(FlaskForm):
    decision = RadioField(
        _l("Decision"),
        choices=choices([("accept", _l("Accept")), ("return", _l("Return for correction"))]),
        validators=[required()],
    )
    comment = TextAreaField(
        _l("Comment for the library"),
        validators=[max_length(COMMENT_LIMIT), no_control_characters],
    )
