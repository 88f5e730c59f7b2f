"""The 21 libraries of the City Centralized Library System."""

from enum import StrEnum

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intranet.extensions import Model


class LibraryKind(StrEnum):
    """Where a library stands in the system."""

    CENTRAL = "central"
    BRANCH = "branch"
    RURAL = "rural"


class Library(Model):
    """One of the 21 libraries of the City Centralized Library System."""

    __table_args__ = (CheckConstraint("kind IN ('central', 'branch', 'rural')", name="kind"),)

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

    centre = relationship("CoworkingCentre", back_populates="library", uselist=False)

    def __repr__(self) -> str:
        return f"<Library {self.slug}>"

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
        }
