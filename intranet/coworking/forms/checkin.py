"""Self check-in at a seat's QR code: the booking code, when the phone does not remember it."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import Optional

from intranet.forms import max_length, no_control_characters


class SelfCheckInForm(FlaskForm):
    """Empty: the booking this phone remembers; else the code from the booking's page."""

    code = StringField(
        _l("Booking code"), validators=[Optional(), max_length(20), no_control_characters]
    )
