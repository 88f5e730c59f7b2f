"""The 21 libraries of the City Centralized Library System."""

from datetime import date, datetime, time
from enum import StrEnum
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Boolean, CheckConstraint, Float, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intranet.clock import to_local
from intranet.extensions import Model

if TYPE_CHECKING:
    from intranet.libraries.models.working_day import WorkingDay

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Weekly hours as stored: {"mon": ["09:00", "18:00"], ..., "sun": None}, local time.
WeeklyHours = dict[str, list[str] | None]

# The Kyzylorda region, with a margin: a point outside it is a typing mistake.
LATITUDE_RANGE = (43.0, 47.5)
LONGITUDE_RANGE = (59.5, 68.5)


class LibraryKind(StrEnum):
    """Where a library stands in the system."""

    CENTRAL = "central"
    BRANCH = "branch"
    RURAL = "rural"

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self])

    @property
    def group_label(self) -> str:
        return str(KIND_GROUP_LABELS[self])


KIND_LABELS = {
    LibraryKind.CENTRAL: _l("Central library"),
    LibraryKind.BRANCH: _l("Branch library"),
    LibraryKind.RURAL: _l("Rural model library"),
}
KIND_GROUP_LABELS = {
    LibraryKind.CENTRAL: _l("Central library"),
    LibraryKind.BRANCH: _l("City branch libraries"),
    LibraryKind.RURAL: _l("Rural model libraries"),
}


class Library(Model):
    """One of the 21 libraries of the City Centralized Library System."""

    __table_args__ = (
        CheckConstraint("kind IN ('central', 'branch', 'rural')", name="kind"),
        CheckConstraint("(latitude IS NULL) = (longitude IS NULL)", name="coordinates_together"),
        CheckConstraint(
            f"latitude IS NULL OR latitude BETWEEN {LATITUDE_RANGE[0]} AND {LATITUDE_RANGE[1]}",
            name="latitude_in_region",
        ),
        CheckConstraint(
            f"longitude IS NULL OR longitude BETWEEN {LONGITUDE_RANGE[0]} AND {LONGITUDE_RANGE[1]}",
            name="longitude_in_region",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    is_model_library: Mapped[bool] = mapped_column(default=False)
    name_kk: Mapped[str] = mapped_column(String(200))
    name_ru: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    address_kk: Mapped[str | None] = mapped_column(String(300))
    address_ru: Mapped[str | None] = mapped_column(String(300))
    address_en: Mapped[str | None] = mapped_column(String(300))
    position: Mapped[int] = mapped_column(default=0)
    phone: Mapped[str | None] = mapped_column(String(30))
    email: Mapped[str | None] = mapped_column(String(120))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    # {"mon": ["09:00", "18:00"], ..., "sun": null}, local time (Asia/Qyzylorda).
    opening_hours: Mapped[WeeklyHours | None] = mapped_column(JSON, default=dict)
    description_kk: Mapped[str | None] = mapped_column(Text)
    description_ru: Mapped[str | None] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)
    # Placeholder address, phone, coordinates and hours from `seed --demo`, shown as such
    # until someone enters the real ones.
    is_demo_contacts: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    centre = relationship("CoworkingCentre", back_populates="library", uselist=False)

    def __repr__(self) -> str:
        return f"<Library {self.slug}>"

    @property
    def kind_label(self) -> str:
        return LibraryKind(self.kind).label

    def hours_on(self, day: date, opening: "WorkingDay | None" = None) -> tuple[time, time] | None:
        """Opening and closing wall-clock times on this day, or None when closed.

        The weekday's hours, or on a moved working day (`opening`) the hours it names.
        """
        if opening is not None:
            return opening.hours(self.opening_hours)
        hours = (self.opening_hours or {}).get(WEEKDAYS[day.weekday()])
        if not hours:
            return None
        opens, closes = (time.fromisoformat(value) for value in hours)
        return (opens, closes) if opens < closes else None

    def hours_text(self, when: date | datetime, opening: "WorkingDay | None" = None) -> str | None:
        """Hours such as 09:00–18:00 on the local day of `when`; "" if closed, None if unknown."""
        if not self.opening_hours:
            return None
        day = to_local(when).date() if isinstance(when, datetime) else when
        hours = self.hours_on(day, opening)
        return f"{hours[0]:%H:%M}–{hours[1]:%H:%M}" if hours else ""

    @property
    def map_links(self) -> dict[str, str]:
        """2GIS and OpenStreetMap links to the stored point (plain links, no tiles or scripts)."""
        if self.latitude is None or self.longitude is None:
            return {}
        lat, lon = f"{self.latitude:.5f}", f"{self.longitude:.5f}"
        return {
            "2GIS": f"https://2gis.kz/kyzylorda/geo/{lon}%2C{lat}",
            "OpenStreetMap": f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}",
        }

    def to_api(self) -> dict[str, object]:
        """The public JSON shape of a library."""
        return {
            "slug": self.slug,
            "kind": self.kind,
            "model_library": self.is_model_library,
            "name": {"kk": self.name_kk, "ru": self.name_ru, "en": self.name_en},
            "address": {"kk": self.address_kk, "ru": self.address_ru, "en": self.address_en}
            if self.address_kk or self.address_ru
            else None,
            "phone": self.phone,
            "email": self.email,
            "coordinates": [self.latitude, self.longitude]
            if self.latitude is not None and self.longitude is not None
            else None,
            "opening_hours": {day: (self.opening_hours or {}).get(day) for day in WEEKDAYS},
            "demo": self.is_demo_contacts,
        }
