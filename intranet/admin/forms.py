"""Forms for managing staff accounts and filtering the audit log."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import (
    DateField,
    EmailField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.validators import Optional, ValidationError

from intranet.auth.models import ROLE_LABELS, Role
from intranet.auth.passwords import new_password_rules
from intranet.coworking.models import CoworkingCentre
from intranet.extensions import db
from intranet.forms import (
    choices,
    max_length,
    no_control_characters,
    required,
    sensible_year,
)
from intranet.i18n import LANGUAGE_NAMES, localized
from intranet.libraries.models import Library


def library_choices() -> list:
    """Every library, by reference order, named in the reader's language."""
    rows = db.session.scalars(select(Library).order_by(Library.position))
    return choices([("", "—")] + [(lib.slug, localized(lib, "name")) for lib in rows])


def centre_choices() -> list:
    """Every coworking centre, named after its library."""
    rows = db.session.scalars(
        select(CoworkingCentre).join(CoworkingCentre.library).order_by(Library.position)
    )
    return choices((c.slug, localized(c.library, "name")) for c in rows)


class UserForm(FlaskForm):
    """Name, role, scope and language of an account."""

    full_name = StringField(
        _l("Full name"), validators=[required(), max_length(200), no_control_characters]
    )
    role = SelectField(_l("Role"), choices=choices((r.value, ROLE_LABELS[r]) for r in Role))
    library = SelectField(_l("Library (for branch staff)"), validators=[Optional()])
    centres = SelectMultipleField(
        _l("Coworking centres (for coordinators)"), validators=[Optional()]
    )
    language = SelectField(_l("Language"), choices=choices(LANGUAGE_NAMES.items()))
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.library.choices = library_choices()
        self.centres.choices = centre_choices()

    def validate_library(self, field):
        if self.role.data == Role.BRANCH_STAFF and not field.data:
            raise ValidationError(_l("Branch staff must belong to a library."))

    def validate_centres(self, field):
        if self.role.data == Role.COORDINATOR and not field.data:
            raise ValidationError(_l("A coordinator must have at least one coworking centre."))


class UserCreateForm(UserForm):
    """A new account: email and a first password too."""

    email = EmailField(_l("Email"), validators=[required(), max_length(254), no_control_characters])
    password = PasswordField(_l("Password"), validators=[required(), new_password_rules])


class ResetPasswordForm(FlaskForm):
    """An administrator sets a new password for someone (the service checks the rules)."""

    new_password = PasswordField(_l("New password"), validators=[required()])
    submit = SubmitField(_l("Set the new password"))


class AuditFilterForm(FlaskForm):
    """Filters of the audit log page (GET, no CSRF needed)."""

    class Meta:
        csrf = False

    action = StringField(
        _l("Action"), validators=[Optional(), max_length(60), no_control_characters]
    )
    actor = StringField(_l("Who"), validators=[Optional(), max_length(254), no_control_characters])
    outcome = SelectField(
        _l("Outcome"),
        choices=choices(
            [
                ("", _l("Any")),
                ("ok", _l("Done")),
                ("failed", _l("Failed")),
                ("denied", _l("Refused")),
            ]
        ),
        validators=[Optional()],
    )


class ClosedDayForm(FlaskForm):
    """A day when one library, or all of them, is closed."""

    day = DateField(_l("Date"), validators=[required(), sensible_year])
    library = SelectField(_l("Library"), validators=[Optional()])
    kind = SelectField(
        _l("Kind"),
        choices=choices(
            [
                ("holiday", _l("Public holiday")),
                ("sanitary", _l("Sanitary day")),
                ("closure", _l("Closed day")),
            ]
        ),
    )
    reason_kk = StringField(
        _l("Reason in Kazakh"), validators=[Optional(), max_length(200), no_control_characters]
    )
    reason_ru = StringField(
        _l("Reason in Russian"), validators=[Optional(), max_length(200), no_control_characters]
    )
    reason_en = StringField(
        _l("Reason in English"), validators=[Optional(), max_length(200), no_control_characters]
    )
    submit = SubmitField(_l("Add"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.library.choices = choices(
            [("", _l("All libraries"))] + [(c.value, c.label) for c in library_choices()[1:]]
        )
