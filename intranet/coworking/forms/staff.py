"""Forms of the coordinator's desk: check-in, rejecting, approving several, agreeing to cancel."""

import re

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectMultipleField, StringField
from wtforms.validators import Optional

from intranet.forms import SelectField, choices, max_length, no_control_characters, required

_IDS = re.compile(r"\d{1,12}(?:,\d{1,12}){0,4999}")
REJECT_PRESETS = {
    "full": _l("The centre is reserved for a group event at this time."),
    "closed": _l("The centre is closed at this time for technical reasons."),
    "purpose": _l("The purpose of the visit does not suit the coworking centre."),
    "duplicate": _l("You already have a booking for this time."),
}


class CheckInForm(FlaskForm):
    """Check a visitor in by the code on their booking page."""

    code = StringField(
        _l("Booking code"), validators=[required(), max_length(20), no_control_characters]
    )


class RejectForm(FlaskForm):
    """A reason from the presets or written out."""

    preset = SelectField(_l("Reason"), validate_choice=False)
    reason = StringField(
        _l("Or write a reason"), validators=[Optional(), max_length(500), no_control_characters]
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.preset.choices = choices(
            [("", _("Write a reason below"))] + [(k, str(v)) for k, v in REJECT_PRESETS.items()]
        )

    def reason_in(self, language: str) -> str:
        """The reason the visitor reads: a preset in their language, else the one written."""
        if self.preset.data in REJECT_PRESETS:
            with force_locale(language):
                return str(REJECT_PRESETS[self.preset.data])
        return self.reason.data or ""


class BulkApproveForm(FlaskForm):
    """The inbox's checkboxes."""

    ids = SelectMultipleField(
        _l("Requests"), coerce=int, validators=[required()], validate_choice=False
    )


class AsksBeforeCancelling(FlaskForm):
    """A change that may cancel bookings, with the ids of those the user agreed to cancel.

    `affected` is empty until the user has seen the list on the confirmation page; a
    ConfirmCancellations belongs to it, so no message is shown next to a visible field.
    """

    affected = HiddenField()

    def agreed(self) -> set[int] | None:
        """The agreed ids; None when the user has not seen a list yet (or it is garbled)."""
        raw = self.affected.data or ""
        return {int(part) for part in raw.split(",")} if _IDS.fullmatch(raw) else None


class AgreedCancellationsForm(AsksBeforeCancelling):
    """The agreed ids alone, for a change whose own form does not carry them.

    It rides along with the change's own form, which carries the CSRF token.
    """

    class Meta:
        csrf = False
