"""The work diary («Жұмыс күнделігі»): each day's readers, visits, issues and reference answers
of a library, split by age band, by the fund's sections and by language; and the library fund.

They live with the libraries, beside the monthly report whose status freezes them.
"""

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intranet.extensions import Model
from intranet.libraries.models.library import Library

# The fund's main sections (отраслевой состав), as the oblast library's form lists them.
FUND_SECTIONS = {
    "social": _l("Social and political literature"),
    "science": _l("Natural sciences"),
    "technology": _l("Technology"),
    "agriculture": _l("Agriculture"),
    "arts": _l("Arts and sport"),
    "fiction": _l("Fiction"),
    "children": _l("Children's literature"),
    "other": _l("Other"),
}
SECTION_CHECK = "section IN ({})".format(", ".join(f"'{key}'" for key in FUND_SECTIONS))
# The day's own figures (besides the splits); each is a whole number, never negative.
DAY_FIGURES = (
    "readers_new",
    "readers_re",
    "visits",
    "issues",
    "answers",
    "issues_kk",
    "issues_ru",
    "issues_other",
)
BAND_FIGURES = ("readers", "visits", "issues")


def _not_negative(*names: str) -> CheckConstraint:
    return CheckConstraint(" AND ".join(f"{n} >= 0" for n in names), name="not_negative")


class AgeBand(Model):
    """An age band readers are counted by; admins set them (oblasts ask for different bands)."""

    __tablename__ = "age_band"
    __table_args__ = (
        CheckConstraint("min_age >= 0", name="min_age"),
        CheckConstraint("max_age IS NULL OR max_age >= min_age", name="max_age"),
        CheckConstraint("name_kk <> '' AND name_ru <> ''", name="names"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name_kk: Mapped[str] = mapped_column(String(60))
    name_ru: Mapped[str] = mapped_column(String(60))
    name_en: Mapped[str | None] = mapped_column(String(60))
    min_age: Mapped[int]
    max_age: Mapped[int | None]
    position: Mapped[int] = mapped_column(default=0)


class DiaryDay(Model):
    """One library's figures for one day, or for a week (its part in one month) entered as one
    row on the week's first day; the language split adds up to the issues.

    A week's row says on how many days the library was open, so the average daily visits stay
    exact; a day's row counts as one open day when it has visits.
    """

    __tablename__ = "diary_day"
    __table_args__ = (
        UniqueConstraint("library_id", "day", name="uq_diary_day_library_day"),
        _not_negative(*DAY_FIGURES),
        CheckConstraint("issues_kk + issues_ru + issues_other = issues", name="languages_add_up"),
        CheckConstraint("period IN ('day', 'week')", name="period"),
        CheckConstraint(
            "days_open >= 0 AND days_open <= 7 AND (period = 'week' OR days_open = 1)"
            " AND (visits = 0 OR days_open >= 1)",
            name="days_open",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    library_id: Mapped[int] = mapped_column(ForeignKey("library.id", ondelete="RESTRICT"))
    day: Mapped[date] = mapped_column(Date)
    readers_new: Mapped[int] = mapped_column(default=0)
    readers_re: Mapped[int] = mapped_column(default=0)
    visits: Mapped[int] = mapped_column(default=0)
    issues: Mapped[int] = mapped_column(default=0)
    answers: Mapped[int] = mapped_column(default=0)
    issues_kk: Mapped[int] = mapped_column(default=0)
    issues_ru: Mapped[int] = mapped_column(default=0)
    issues_other: Mapped[int] = mapped_column(default=0)
    period: Mapped[str] = mapped_column(String(4), default="day", server_default="day")
    days_open: Mapped[int] = mapped_column(default=1, server_default="1")
    is_demo: Mapped[bool] = mapped_column(default=False)

    library: Mapped[Library] = relationship()
    bands: Mapped[list["DiaryBand"]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )
    sections: Mapped[list["DiarySection"]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def readers(self) -> int:
        return self.readers_new + self.readers_re


class DiaryBand(Model):
    """A day's readers, visits and issues of one age band."""

    __tablename__ = "diary_band"
    __table_args__ = (_not_negative(*BAND_FIGURES),)

    day_id: Mapped[int] = mapped_column(
        ForeignKey("diary_day.id", ondelete="CASCADE"), primary_key=True
    )
    band_id: Mapped[int] = mapped_column(
        ForeignKey("age_band.id", ondelete="RESTRICT"), primary_key=True
    )
    readers: Mapped[int] = mapped_column(default=0)
    visits: Mapped[int] = mapped_column(default=0)
    issues: Mapped[int] = mapped_column(default=0)


class DiarySection(Model):
    """A day's issues from one section of the fund."""

    __tablename__ = "diary_section"
    __table_args__ = (
        CheckConstraint(SECTION_CHECK, name="section"),
        _not_negative("issues"),
    )

    day_id: Mapped[int] = mapped_column(
        ForeignKey("diary_day.id", ondelete="CASCADE"), primary_key=True
    )
    section: Mapped[str] = mapped_column(String(20), primary_key=True)
    issues: Mapped[int] = mapped_column(default=0)


class LibraryFund(Model):
    """A library's fund as counted on a date (the start of the year, or after a change)."""

    __tablename__ = "library_fund"
    __table_args__ = (
        UniqueConstraint("library_id", "as_of", name="uq_library_fund_library_as_of"),
        _not_negative("total", "in_kazakh"),
        CheckConstraint("in_kazakh <= total", name="kazakh_within_total"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    library_id: Mapped[int] = mapped_column(ForeignKey("library.id", ondelete="RESTRICT"))
    as_of: Mapped[date] = mapped_column(Date)
    total: Mapped[int]
    in_kazakh: Mapped[int]
    is_demo: Mapped[bool] = mapped_column(default=False)

    library: Mapped[Library] = relationship()
    sections: Mapped[list["FundSection"]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class FundSection(Model):
    """The copies of one section of a library's fund (they add up to the fund's total)."""

    __tablename__ = "fund_section"
    __table_args__ = (
        CheckConstraint(SECTION_CHECK, name="section"),
        _not_negative("copies"),
    )

    fund_id: Mapped[int] = mapped_column(
        ForeignKey("library_fund.id", ondelete="CASCADE"), primary_key=True
    )
    section: Mapped[str] = mapped_column(String(20), primary_key=True)
    copies: Mapped[int] = mapped_column(default=0)
