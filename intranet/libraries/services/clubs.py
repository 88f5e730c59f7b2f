"""Adding and editing the readers' clubs: who may, and the audit trail."""

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from intranet.audit import record_audit
from intranet.errors import IntranetError, PermissionDenied
from intranet.extensions import db
from intranet.libraries.models import Club

if TYPE_CHECKING:
    from intranet.auth.models import User


@dataclass(frozen=True)
class ClubData:
    """A club's editable values, as the form yields them (None: not given)."""

    name_kk: str
    name_ru: str
    name_en: str | None
    library_id: int | None
    meeting_kk: str | None
    meeting_ru: str | None
    meeting_en: str | None
    description_kk: str | None
    description_ru: str | None
    description_en: str | None
    contact_phone: str | None
    contact_email: str | None

    @classmethod
    def of(cls, club: Club) -> "ClubData":
        """The club's current values."""
        return cls(**{field.name: getattr(club, field.name) for field in fields(cls)})


def _check(data: ClubData, actor: "User") -> None:
    if not (data.name_kk and data.name_ru):
        raise IntranetError(_l("Give the club's name in Kazakh and in Russian."), field="name_kk")
    if not actor.can_place_club_at(data.library_id):
        raise PermissionDenied(_l("You may keep clubs of your own library only."))


def create_club(slug: str, data: ClubData, *, actor: "User") -> Club:
    """A new club at its address /clubs/<slug>, audited."""
    _check(data, actor)
    club = Club(slug=slug, **vars(data))
    try:
        # Inside a savepoint, so a taken address undoes only this row.
        with db.session.begin_nested():
            db.session.add(club)
            db.session.flush()
    except IntegrityError as error:
        raise IntranetError(
            _l("Another club already has this address: choose another one."), field="slug"
        ) from error
    record_audit("club.create", actor=actor, target=slug)
    return club


def update_club(club: Club, data: ClubData, *, actor: "User") -> list[str]:
    """Save what changed, audited; returns the names of the changed fields."""
    if not actor.can_edit_club(club):
        raise PermissionDenied(_l("You may keep clubs of your own library only."))
    _check(data, actor)
    current = ClubData.of(club)
    changed = [
        field.name
        for field in fields(ClubData)
        if getattr(data, field.name) != getattr(current, field.name)
    ]
    for name in changed:
        setattr(club, name, getattr(data, name))
    if changed:
        record_audit("club.edit", actor=actor, target=club.slug, detail=", ".join(changed))
    db.session.flush()
    return changed
