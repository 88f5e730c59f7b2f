"""Sign-in and account forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, PasswordField, StringField, SubmitField
from wtforms.validators import EqualTo

from intranet.forms import SelectField, choices, max_length, required
from intranet.i18n import LANGUAGE_NAMES


class LoginForm(FlaskForm):
    """Email and password."""

    email = StringField(_l("Email"), validators=[required()])
    password = PasswordField(_l("Password"), validators=[required()])
    next = HiddenField()
    submit = SubmitField(_l("Sign in"))


class ChangePasswordForm(FlaskForm):
    """A staff member changes their own password."""

    current_password = PasswordField(_l("Current password"), validators=[required()])
    new_password = PasswordField(_l("New password"), validators=[required()])
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[required(), EqualTo("new_password", message=_l("The passwords do not match."))],
    )
    end_others = BooleanField(_l("Sign out on my other devices"), default=True)
    submit = SubmitField(_l("Change password"))


class LanguageForm(FlaskForm):
    """The language the interface and emails use for this account."""

    language = SelectField(
        _l("Interface language"), choices=choices(LANGUAGE_NAMES.items()), validators=[required()]
    )
    submit = SubmitField(_l("Save"))


class CodeForm(FlaskForm):
    """The code an authenticator app shows, or a recovery code."""

    code = StringField(
        _l("Code"),
        validators=[required(), max_length(40)],
        render_kw={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"},
    )
    submit = SubmitField(_l("Confirm"))
