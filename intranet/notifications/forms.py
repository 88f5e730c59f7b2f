"""The "my notifications" form: one tick per kind the person can receive, and the digest."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SubmitField

from intranet.forms import SelectField, choices
from intranet.notifications.models import NotificationPreference
from intranet.notifications.services import KIND_LABELS, Choice, Kind

DIGEST_LABELS = {
    0: _l("At once, one email per request"),
    15: _l("A digest every 15 minutes"),
    60: _l("A digest every hour"),
    240: _l("A digest every 4 hours"),
}


def field_name(kind: Kind) -> str:
    return kind.replace(".", "_")


class PreferencesForm(FlaskForm):
    """Built for one person's kinds by `preferences_form`."""

    submit = SubmitField(_l("Save"))
    kinds: list[Kind] = []

    def to_choices(self) -> list[Choice]:
        """The switches as the service takes them."""
        digest = self._fields.get("digest")
        minutes = int(digest.data) if digest is not None and digest.data is not None else 0
        return [
            Choice(
                kind,
                is_on=bool(self[field_name(kind)].data),
                digest_minutes=minutes if kind == Kind.NEW_REQUEST else 0,
            )
            for kind in self.kinds
        ]


def preferences_form(
    kinds: list[Kind], saved: dict[str, NotificationPreference]
) -> PreferencesForm:
    """A form with a tick per kind (on unless switched off), and the digest for new requests."""

    class Form(PreferencesForm):
        pass

    Form.kinds = kinds
    for kind in kinds:
        row = saved.get(kind)
        setattr(
            Form,
            field_name(kind),
            BooleanField(KIND_LABELS[kind], default=row is None or row.is_on),
        )
    if Kind.NEW_REQUEST in kinds:
        row = saved.get(Kind.NEW_REQUEST)
        Form.digest = SelectField(
            _l("How to send new requests"),
            choices=choices(DIGEST_LABELS.items()),
            coerce=int,
            default=row.digest_minutes if row is not None else 0,
        )
    return Form()
