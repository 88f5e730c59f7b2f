"""Forms for managing staff accounts, filtering the audit log and closing days."""

from typing import Any, Self

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    EmailField,
    PasswordField,
    SelectChoice,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.validators import Optional

from intranet.admin.audit_words import ACTION_NAMES
from intranet.admin.queries import centres_in_order, libraries_in_order, staff_accounts
from intranet.admin.services import AccountRequest, NewAccountRequest
from intranet.auth.models import ROLE_LABELS, Role, User
from intranet.forms import (
    SelectField,
    choices,
    chosen_id,
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


ROLES_BY_PRIVILEGE = (Role.BRANCH_STAFF, Role.COORDINATOR, Role.CENTRAL_STAFF, Role.ADMIN)


class UserForm(FlaskForm):
    """Name, role, scope and language of an account (the rules are the service's)."""

    full_name = StringField(
        _l("Full name"), validators=[required(), max_length(200), no_control_characters]
    )
    # The least privileged role first, so a new account starts there, never at Administrator.
    role = SelectField(
        _l("Role"), choices=choices((r.value, ROLE_LABELS[r]) for r in ROLES_BY_PRIVILEGE)
    )
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
    """A new account: its email; a first password, or none to invite the person by email."""

    email = EmailField(_l("Email"), validators=[required(), max_length(254), no_control_characters])
    password = PasswordField(_l("Password (leave empty to send an invitation)"))

    @classmethod
    def for_inviter(cls, actor: User) -> Self:
        """The form with the roles this person may create; only admins may type a password."""
        form = cls()
        form.role.choices = choices(
            (r.value, ROLE_LABELS[r]) for r in ROLES_BY_PRIVILEGE if actor.can_invite(r)
        )
        if not actor.can_manage_users():
            del form.password  # central staff invite: the person chooses the password
        return form

    def to_request(self) -> NewAccountRequest:
        """What was sent, for admin.services.create_account."""
        return NewAccountRequest(
            email=self.email.data,
            password=(self.password.data or None) if "password" in self else None,
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


class DayField(DateField):
    """A date (a date picker on phones); anything else is a translated error, never a 500."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None
            raise ValueError(_l("Enter a real date as YYYY-MM-DD.")) from None


class AuditFilterForm(FlaskForm):
    """Filters of the audit log page (GET, no CSRF needed): what, who, from and to which day."""

    class Meta:
        csrf = False

    action = SelectField(_l("Action"), validators=[Optional()])
    actor = SelectField(_l("Who"), validators=[Optional()])
    since = DayField(_l("From"), validators=[Optional(), sensible_year])
    until = DayField(_l("To"), validators=[Optional(), sensible_year])
    outcome = SelectField(
        _l("Outcome"),
        choices=choices(
            [
                ("", _l("Any")),
                # TRANSLATORS: audit log outcomes: done, failed, refused (access denied).
                ("ok", _l("Done")),
                ("failed", _l("Failed")),
                ("denied", _l("Refused")),
            ]
        ),
        validators=[Optional()],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.action.choices = choices([("", _l("Any")), *ACTION_NAMES.items()])
        self.actor.choices = choices(
            [("", _l("Anyone")), *((str(u.id), u.display_name) for u in staff_accounts())]
        )

    def validate(self, extra_validators: Any = None) -> bool:
        if not super().validate(extra_validators):
            return False
        if self.since.data and self.until.data and self.until.data < self.since.data:
            self.until.errors = [_l("The end must come after the start.")]
            return False
        return True

    def filters(self) -> dict[str, Any]:
        """The valid filters; none when the form is invalid (its errors are shown)."""
        if not self.validate():
            return {}
        return {
            "action": self.action.data or "",
            "actor_id": chosen_id(self.actor.data),
            "since": self.since.data,
            "until": self.until.data,
            "outcome": self.outcome.data or "",
        }


class ClosedDayForm(FlaskForm):
    """A day when one library, or all of them, is closed."""

    day = DateField(_l("Date"), validators=[required(), sensible_year])
    library = SelectField(_l("Library"), validators=[Optional()])
    kind = SelectField(
        # TRANSLATORS: the kind of a closed day: public holiday, sanitary day or closure.
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


class KurbanAitForm(FlaskForm):
    """This year's (or a later year's) date of Kurban ait; one form per year, by prefix."""

    day = DateField(_l("Date"), validators=[required(), sensible_year])
    submit = SubmitField(_l("Save"))
