"""Forms for managing staff accounts, filtering the audit log and closing days."""

from typing import Any, Self

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    EmailField,
    PasswordField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.validators import Optional

from intranet.admin.queries import centres_in_order, libraries_in_order
from intranet.admin.services import AccountRequest, NewAccountRequest
from intranet.auth.models import ROLE_LABELS, Role, User
from intranet.forms import (
    choices,
    max_length,
    no_control_characters,
    required,
    sensible_year,
)
from intranet.i18n import LANGUAGE_NAMES, localized


def library_choices() -> list[SelectChoice]:
    """Every library, by reference order, named in the reader's language."""
    return choices(
        [("", "—")] + [(lib.slug, localized(lib, "name")) for lib in libraries_in_order()]
    )


def centre_choices() -> list[SelectChoice]:
    """Every coworking centre, named after its library."""
    return choices((c.slug, localized(c.library, "name")) for c in centres_in_order())


class UserForm(FlaskForm):
    """Name, role, scope and language of an account (the rules are the service's)."""

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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.library.choices = library_choices()
        self.centres.choices = centre_choices()

    @classmethod
    def of_user(cls, user: User) -> Self:
        """The form showing an account as it is."""
        return cls(
            data={
                "full_name": user.full_name,
                "role": user.role,
                "library": user.library.slug if user.library else "",
                "centres": [centre.slug for centre in user.centres],
                "language": user.language,
            }
        )

    def to_request(self) -> AccountRequest:
        """What was sent, for admin.services.update_account."""
        return AccountRequest(
            full_name=self.full_name.data,
            role=self.role.data,
            library=self.library.data or None,
            centres=tuple(self.centres.data or ()),
            language=self.language.data,
        )


class UserCreateForm(UserForm):
    """A new account: email and a first password too."""

    email = EmailField(_l("Email"), validators=[required(), max_length(254), no_control_characters])
    password = PasswordField(_l("Password"), validators=[required()])

    def to_request(self) -> NewAccountRequest:
        """What was sent, for admin.services.create_account."""
        return NewAccountRequest(
            email=self.email.data,
            password=self.password.data,
            full_name=self.full_name.data,
            role=self.role.data,
            library=self.library.data or None,
            centres=tuple(self.centres.data or ()),
            language=self.language.data,
        )


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

    def filters(self) -> dict[str, str]:
        """The valid filters (action, actor, outcome), stripped; none when the form is invalid."""
        if not self.validate():
            return {}
        return {
            "action": (self.action.data or "").strip(),
            "actor": (self.actor.data or "").strip(),
            "outcome": self.outcome.data or "",
        }


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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.library.choices = choices(
            [("", _l("All libraries"))] + [(c.value, c.label) for c in library_choices()[1:]]
        )
