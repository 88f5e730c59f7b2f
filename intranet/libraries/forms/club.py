"""The club form: names in three languages, its library, meetings, description and contact."""

import re
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, StringField, TextAreaField
from wtforms.validators import Optional, ValidationError

from intranet.forms import SelectField, chosen_id, max_length, no_control_characters, required
from intranet.libraries.forms.library import EMAIL, normal_phone
from intranet.libraries.models.club import CLUB_SLUG_PATTERN
from intranet.libraries.services import ClubData

NO_LIBRARY = ""
SLUG = re.compile(CLUB_SLUG_PATTERN)


def _text(label: Any, length: int, *, area: bool = False, needed: bool = False) -> Field:
    kind = TextAreaField if area else StringField
    first = required() if needed else Optional()
    return kind(label, validators=[first, max_length(length), no_control_characters])


class ClubForm(FlaskForm):
    """A club's public details; `slug` is asked only when the club is added."""

    slug = _text(_l("Address of the club's page"), 40, needed=True)
    name_kk = _text(_l("Name in Kazakh"), 200, needed=True)
    name_ru = _text(_l("Name in Russian"), 200, needed=True)
    name_en = _text(_l("Name in English"), 200)
    library = SelectField(_l("Library"), choices=[])
    meeting_kk = _text(_l("When it meets, in Kazakh"), 200)
    meeting_ru = _text(_l("When it meets, in Russian"), 200)
    meeting_en = _text(_l("When it meets, in English"), 200)
    description_kk = _text(_l("Description in Kazakh"), 2000, area=True)
    description_ru = _text(_l("Description in Russian"), 2000, area=True)
    description_en = _text(_l("Description in English"), 2000, area=True)
    contact_phone = _text(_l("Contact phone"), 30)
    contact_email = _text(_l("Contact email"), 120)

    def validate_slug(self, field: Field) -> None:
        if not SLUG.match((field.data or "").strip()):
            raise ValidationError(
                _l("Use small Latin letters, digits and hyphens, e.g. kitap-qurttary.")
            )

    def validate_contact_phone(self, field: Field) -> None:
        if field.data and normal_phone(field.data) is None:
            raise ValidationError(
                _l("Enter a Kyzylorda number such as +7 7242 23-45-67 or a mobile one.")
            )

    def validate_contact_email(self, field: Field) -> None:
        if field.data and not EMAIL.match(field.data.strip()):
            raise ValidationError(_l("Enter an email address such as library@example.kz."))

    @classmethod
    def build(
        cls,
        libraries: list[tuple[int, str]],
        *,
        citywide: bool,
        current: ClubData | None = None,
        new: bool,
    ) -> "ClubForm":
        """The form with the libraries one may choose; `citywide`: «no one library» allowed."""
        data: dict[str, str] = {}
        if current is not None:
            data = {k: str(v) for k, v in vars(current).items() if v is not None}
            data["library"] = str(current.library_id or NO_LIBRARY)
        form = cls(data=data)
        options = [(str(library_id), name) for library_id, name in libraries]
        if citywide:
            options.insert(0, (NO_LIBRARY, str(_l("Several libraries (no one library)"))))
        form.library.choices = options
        if not new:
            delattr(form, "slug")
        return form

    def new_slug(self) -> str:
        return (self.slug.data or "").strip()

    def to_data(self) -> ClubData:
        """The validated form as the service's values."""

        def given(name: str) -> str | None:
            return (self[name].data or "").strip() or None

        phone = given("contact_phone")
        return ClubData(
            name_kk=given("name_kk") or "",
            name_ru=given("name_ru") or "",
            name_en=given("name_en"),
            library_id=chosen_id(self.library.data),
            meeting_kk=given("meeting_kk"),
            meeting_ru=given("meeting_ru"),
            meeting_en=given("meeting_en"),
            description_kk=given("description_kk"),
            description_ru=given("description_ru"),
            description_en=given("description_en"),
            contact_phone=normal_phone(phone) if phone else None,
            contact_email=given("contact_email"),
        )
