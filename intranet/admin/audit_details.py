"""An audit entry's detail in words: «Өзгерді: Бөлме, Аудитория» instead of `room,audience`.

Services store the detail as short machine text (changed field names, `role=... scope=...`,
a cause code, a count); this module says it in the reader's language. Library and centre
slugs of a page are looked up together, one query per kind. Free text a person wrote (a
return comment) is shown as written.
"""

import re
from collections.abc import Sequence
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import select

from intranet.audit import AuditLog
from intranet.auth.models import ROLE_LABELS, Role
from intranet.coworking.models import CoworkingCentre
from intranet.events.models.vocabulary import SCOPE_LABELS
from intranet.extensions import db
from intranet.i18n import format_day, localized
from intranet.libraries.models import Library

# The names of the fields services report as changed, as their forms label them.
FIELD_NAMES = {
    "type": _l("Type of event"),
    "library": _l("Library"),
    "library_id": _l("Library"),
    "start_dt": _l("Starts at"),
    "end_dt": _l("Ends at"),
    "title_kk": _l("Title in Kazakh"),
    "title_ru": _l("Title in Russian"),
    "title_en": _l("Title in English"),
    "room": _l("Room or hall"),
    "description_kk": _l("Description in Kazakh"),
    "description_ru": _l("Description in Russian"),
    "description_en": _l("Description in English"),
    "audience": _l("Audience"),
    "language": _l("Language of the event"),
    "organiser": _l("Organiser"),
    "partners": _l("Partners (schools, universities, organisations)"),
    "club": _l("Club"),
    "campaign": _l("Campaign"),
    "capacity": _l("Capacity (seats)"),
    "internal_notes": _l("Internal notes (never shown to readers)"),
    "address_kk": _l("Address in Kazakh"),
    "address_ru": _l("Address in Russian"),
    "address_en": _l("Address in English"),
    "phone": _l("Phone"),
    "email": _l("Email"),
    "latitude": _l("Latitude"),
    "longitude": _l("Longitude"),
    "opening_hours": _l("Opening hours"),
    "name_kk": _l("Name in Kazakh"),
    "name_ru": _l("Name in Russian"),
    "name_en": _l("Name in English"),
    "meeting_kk": _l("When it meets, in Kazakh"),
    "meeting_ru": _l("When it meets, in Russian"),
    "meeting_en": _l("When it meets, in English"),
    "contact_phone": _l("Contact phone"),
    "contact_email": _l("Contact email"),
    "colour": _l("Colour on the calendar"),
    "start_date": _l("From"),
    "end_date": _l("To"),
    "book_title": _l("The chosen book"),
    "book_author": _l("Author"),
    "target_per_library": _l("Target: events per library"),
    "label": _l("Label"),
    "has_power": _l("Power socket"),
    "has_computer": _l("Computer"),
    "is_quiet_zone": _l("Quiet zone"),
    "is_group_table": _l("Group table"),
    "is_active": _l("Bookable"),
}
FIELD_LISTS = frozenset(
    {
        "event.update",
        "library.edit",
        "club.edit",
        "coworking.description",
        "event_type.update",
        "campaign.update",
    }
)
SCOPE = re.compile(r"role=(\w+) scope=(\S+)")
ANONYMIZED = re.compile(r"(\d+) erased, retention (\d+) d")


class _Names:
    """Library and centre names of one page of entries, each kind read in one query."""

    def __init__(self, entries: Sequence[AuditLog]) -> None:
        slugs: set[str] = set()
        for entry in entries:
            if entry.action.startswith(("user.", "closed_day.", "working_day.")):
                slugs |= set(re.findall(r"[a-z0-9][a-z0-9-]*", entry.detail or ""))
        self.libraries = {
            row.slug: localized(row, "name")
            for row in db.session.scalars(select(Library).where(Library.slug.in_(slugs)))
        }
        self.centres = {
            row.slug: localized(row.library, "name")
            for row in db.session.scalars(
                select(CoworkingCentre).where(CoworkingCentre.slug.in_(slugs))
            )
        }

    def scope(self, text: str) -> str:
        """`role=branch_staff scope=no-6` as «Филиал қызметкері (№6 кітапхана)»."""
        match = SCOPE.fullmatch(text.strip())
        if match is None:
            return text
        role, scope = match.groups()
        name = str(ROLE_LABELS[Role(role)]) if role in Role._value2member_map_ else role
        if scope == "-":
            return name
        places = [self.libraries.get(s) or self.centres.get(s) or s for s in scope.split(",")]
        return f"{name} ({', '.join(places)})"


def _fields(text: str) -> str:
    names = [str(FIELD_NAMES.get(n.strip(), n.strip())) for n in text.split(",") if n.strip()]
    return _("Changed: %(fields)s", fields=", ".join(names))


def _cause(text: str, names: _Names) -> str:
    kind, _sep, rest = text.partition(":")
    if kind == "coworking.rules":
        return _("The centre's hours or rules changed.")
    if kind == "coworking.seat":
        return _("Seat %(seat)s can no longer be booked.", seat=rest.partition(":")[2])
    if kind == "closed_day":
        try:
            day = format_day(date.fromisoformat(rest), "long")
        except ValueError:
            return text
        return _("%(day)s became a closed day.", day=day)
    return text


def _seat(text: str) -> str:
    """`+A5` added, `-A5` removed, `A1: has_power, label` changed (coworking/services/seats.py)."""
    if text.startswith("+"):
        return _("Seat %(seat)s added.", seat=text[1:])
    if text.startswith("-"):
        return _("Seat %(seat)s removed.", seat=text[1:])
    label, sep, names = text.partition(": ")
    return f"{label}. {_fields(names)}" if sep else text


def _anonymized(text: str) -> str:
    match = ANONYMIZED.fullmatch(text)
    if match is None:
        return text
    count, days = int(match.group(1)), int(match.group(2))
    return "{} {}".format(
        ngettext("%(num)d booking.", "%(num)d bookings.", count),
        ngettext("Retention period: %(num)d day.", "Retention period: %(num)d days.", days),
    )


def _one(entry: AuditLog, names: _Names) -> str:
    text, action = entry.detail or "", entry.action
    if action in FIELD_LISTS:
        return _fields(text)
    if action == "user.create":
        return _("Role: %(role)s", role=names.scope(text))
    if action == "user.role_change":
        before, _sep, after = text.partition(" -> ")
        return f"{names.scope(before)} → {names.scope(after)}"
    if action.startswith(("closed_day.", "working_day.")):
        if text == "all libraries":
            return _("All libraries")
        return names.libraries.get(text, text)
    if action == "booking.cancel_by_centre":
        return _cause(text, names)
    if action == "coworking.seat":
        return _seat(text)
    if action == "booking.anonymize":
        return _anonymized(text)
    if action == "booking.erase":
        return ""  # the sentence already says the visitor did it
    if action == "event.series_update":
        return str(SCOPE_LABELS.get(text, text))
    if action == "report.returned":
        return _("Comment: «%(text)s»", text=text)
    return text


def details_in_words(entries: Sequence[AuditLog]) -> dict[int, str]:
    """{entry id: its detail in the reader's language} for the entries that have one."""
    with_detail = [e for e in entries if e.detail]
    if not with_detail:
        return {}
    names = _Names(with_detail)
    return {entry.id: _one(entry, names) for entry in with_detail}
