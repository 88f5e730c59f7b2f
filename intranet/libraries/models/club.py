"""Readers' clubs, such as «Кітап құрттары»."""

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intranet.extensions import Model
from intranet.libraries.models.library import Library

# A club's address on the web: lowercase Latin letters, digits and hyphens.
CLUB_SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class Club(Model):
    """A readers' club such as «Кітап құрттары»; it may belong to one library or to many."""

    __table_args__ = (
        CheckConstraint("name_kk <> '' AND name_ru <> ''", name="names"),
        CheckConstraint("slug <> ''", name="slug"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name_kk: Mapped[str] = mapped_column(String(200))
    name_ru: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    library_id: Mapped[int | None] = mapped_column(ForeignKey("library.id", ondelete="SET NULL"))
    # When it meets, as people say it: «Әр сенбі, 15:00».
    meeting_kk: Mapped[str | None] = mapped_column(String(200))
    meeting_ru: Mapped[str | None] = mapped_column(String(200))
    meeting_en: Mapped[str | None] = mapped_column(String(200))
    description_kk: Mapped[str | None] = mapped_column(Text)
    description_ru: Mapped[str | None] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)
    # The club's public contact (shown on its page): a phone and/or an email.
    contact_phone: Mapped[str | None] = mapped_column(String(30))
    contact_email: Mapped[str | None] = mapped_column(String(120))

    library: Mapped[Library | None] = relationship()
