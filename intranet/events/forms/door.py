"""Staff forms of registration: a walk-in at the door and a message to all registrants."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField

from intranet.events.models import MAX_GROUP
from intranet.forms import max_length, no_control_characters, required, whole_number


class WalkInForm(FlaskForm):
    """Someone who came without registering."""

    full_name = StringField(
        _l("Full name"), validators=[required(), max_length(200), no_control_characters]
    )
    group_size = whole_number(
        # TRANSLATORS: how many people come with one registration (a parent with children).
        _l("People"),
        1,
        MAX_GROUP,
        _l("Enter a number of people from %(min)s to %(max)s."),
    )


class MessageForm(FlaskForm):
    """A message to everyone registered (with an email), sent through the outbox."""

    subject = StringField(
        _l("Subject"), validators=[required(), max_length(200), no_control_characters]
    )
    body = TextAreaField(
        _l("Message"),
        validators=[required(), max_length(4000), no_control_characters],
        render_kw={"rows": 6},
    )
