""" "Lost my link": the email the booking links are sent to."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField
from wtforms.validators import Email

from intranet.forms import max_length, required


class LostLinkForm(FlaskForm):
    """One email address (the one given when booking)."""

    email = EmailField(
        _l("Email"),
        validators=[
            required(),
            max_length(254),
            Email(message=_l("Enter a valid email address.")),
        ],
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        render_kw={"autocomplete": "email"},
    )
