"""Forms of the mailed links: ask for a link, set a password (and, when invited, a language)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SubmitField
from wtforms.validators import EqualTo

from intranet.forms import SelectField, choices, max_length, no_control_characters, required
from intranet.i18n import LANGUAGE_NAMES


class ForgotPasswordForm(FlaskForm):
    """The email of the account."""

    # No format check: an address an administrator gave an account (say on a .test domain)
    # must be able to ask; any other address gets the same answer and no mail.
    email = EmailField(_l("Email"), validators=[required(), max_length(254), no_control_characters])
    submit = SubmitField(_l("Send me a link"))


class NewPasswordForm(FlaskForm):
    """A new password, typed twice (the service checks the rules)."""

    password = PasswordField(_l("New password"), validators=[required()])
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[required(), EqualTo("password", message=_l("The passwords do not match."))],
    )
    submit = SubmitField(_l("Set the password"))


class AcceptInvitationForm(NewPasswordForm):
    """An invited person's first password and language."""

    language = SelectField(
        _l("Interface language"), choices=choices(LANGUAGE_NAMES.items()), validators=[required()]
    )
