"""The age bands the diary counts readers by: admins rename, re-bound and add them."""

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from intranet.audit import clean, record_audit
from intranet.errors import IntranetError, PermissionDenied
from intranet.extensions import db
from intranet.libraries.models import AgeBand

if TYPE_CHECKING:
    from intranet.auth.models import User

MAX_AGE = 120


@dataclass(frozen=True)
class BandData:
    """One band as the admin typed it; `band_id` None for a new band."""

    band_id: int | None
    name_kk: str
    name_ru: str
    name_en: str
    min_age: int
    max_age: int | None


def _code(name: str, taken: set[str]) -> str:
    """A new band's code from its English or position name: lowercase, unique."""
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:16] or "band"
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}-{n}"
    return code


def _check(bands: list[BandData]) -> None:
    for band in bands:
        if not band.name_kk.strip() or not band.name_ru.strip():
            raise IntranetError(_l("Each age band needs its name in Kazakh and in Russian."))
        top = MAX_AGE if band.max_age is None else band.max_age
        if not 0 <= band.min_age <= top <= MAX_AGE:
            raise IntranetError(
                _l("Ages run from 0 to %(max)d, the lower bound first.", max=MAX_AGE)
            )
    ordered = sorted(bands, key=lambda b: b.min_age)
    for lower, upper in zip(ordered, ordered[1:], strict=False):
        if lower.max_age is None or lower.max_age >= upper.min_age:
            raise IntranetError(_l("Two age bands overlap: each age belongs to one band."))


def save_age_bands(bands: list[BandData], *, actor: "User") -> None:
    """Save every band at once, ordered by age; nothing is saved if one of them is wrong."""
    if not actor.can_set_age_bands():
        raise PermissionDenied(_l("Only administrators set the age bands."))
    _check(bands)
    stored = {b.id: b for b in db.session.scalars(select(AgeBand))}
    taken = {b.code for b in stored.values()}
    for position, data in enumerate(sorted(bands, key=lambda b: b.min_age)):
        band = stored.get(data.band_id) if data.band_id is not None else None
        if band is None:
            band = AgeBand(code=_code(data.name_en or f"band {data.min_age}", taken))
            taken.add(band.code)
            db.session.add(band)
        band.name_kk, band.name_ru = clean(data.name_kk, 60), clean(data.name_ru, 60)
        band.name_en = clean(data.name_en, 60) or None
        band.min_age, band.max_age, band.position = data.min_age, data.max_age, position
    db.session.flush()
    record_audit("age_bands.saved", actor=actor, target="age bands")
