"""Readers' clubs, such as «Кітап құрттары»."""

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intranet.extensions import Model
from intranet.libraries.models.library import Library


class Club(Model):
    """A readers' club such as «Кітап құрттары»; it may belong to one library or to many."""

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name_kk: Mapped[str] = mapped_column(String(200))
    name_ru: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    library_id: Mapped[int | None] = mapped_column(ForeignKey("library.id", ondelete="SET NULL"))

    library: Mapped[Library | None] = relationship()
