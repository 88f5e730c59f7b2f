"""Editing a library's own page: contacts, map point, weekly hours, description."""

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l

from intranet.audit import record_audit
from intranet.errors import PermissionDenied
from intranet.extensions import db
from intranet.libraries.models import Library
from intranet.libraries.models.library import WeeklyHours

if TYPE_CHECKING:
    from intranet.auth.models import User

# What only central staff change; branch staff keep to the phone, hours and description.
DETAILS = ("address_kk", "address_ru", "address_en", "email", "latitude", "longitude")


@dataclass(frozen=True)
class LibraryData:
    """A library's editable values, as the form yields them (None: not given)."""

    address_kk: str | None
    address_ru: str | None
    address_en: str | None
    phone: str | None
    email: str | None
    latitude: float | None
    longitude: float | None
    opening_hours: WeeklyHours
    description_kk: str | None
    description_ru: str | None
    description_en: str | None

    @classmethod
    def of(cls, library: Library) -> "LibraryData":
        """The library's current values."""
        values = {field.name: getattr(library, field.name) for field in fields(cls)}
        values["opening_hours"] = dict(library.opening_hours or {})
        return cls(**values)


def update_library(library: Library, data: LibraryData, *, actor: "User") -> list[str]:
    """Save what changed, audited; returns the names of the changed fields."""
    current = LibraryData.of(library)
    changed = [
        field.name
        for field in fields(LibraryData)
        if getattr(data, field.name) != getattr(current, field.name)
    ]
    if not actor.can_edit_library(library) or (
        not actor.can_edit_library_details() and set(changed) & set(DETAILS)
    ):
        raise PermissionDenied(_l("You may not change these details of this library."))
    for name in changed:
        setattr(library, name, getattr(data, name))
    if changed:
        # Someone entered real values: the page no longer calls them placeholders.
        library.is_demo_contacts = False
        record_audit("library.edit", actor=actor, target=library.slug, detail=", ".join(changed))
    db.session.flush()
    return changed
