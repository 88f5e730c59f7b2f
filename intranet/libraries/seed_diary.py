"""Demo work diary: a year of plausible daily figures for the 21 libraries, and their funds
adding up to the system's real figure (647,659 copies, 264,923 in Kazakh); all marked demo."""

import random
from datetime import date, timedelta
from typing import Any

from sqlalchemy import insert, select

from intranet.extensions import db
from intranet.libraries.models import (
    FUND_SECTIONS,
    AgeBand,
    DiaryBand,
    DiaryDay,
    DiarySection,
    FundSection,
    Library,
    LibraryFund,
)

SYSTEM_FUND, SYSTEM_FUND_KK = 647_659, 264_923
# Shares of the issues and of the fund by section, and of readers by age band (in order).
SECTION_SHARES = (0.12, 0.08, 0.05, 0.03, 0.06, 0.38, 0.22, 0.06)
BAND_SHARES = (0.36, 0.30, 0.24, 0.10)


def split(total: int, shares: tuple[float, ...] | list[float]) -> list[int]:
    """`total` in parts by shares, whole numbers adding up exactly (the last takes the rest)."""
    parts = [int(total * share) for share in shares[:-1]]
    return [*parts, total - sum(parts)]


def _weights(libraries: list[Library]) -> list[float]:
    return [
        6.0 if lib.kind == "central" else 1.0 if lib.kind == "branch" else 0.7 for lib in libraries
    ]


def seed_demo_funds(libraries: list[Library], as_of: date) -> int:
    """Each library's fund on `as_of`, by section; together the system's figure exactly."""
    weights = _weights(libraries)
    shares = [w / sum(weights) for w in weights]
    totals, kazakh = split(SYSTEM_FUND, shares), split(SYSTEM_FUND_KK, shares)
    for library, total, kk in zip(libraries, totals, kazakh, strict=True):
        fund = LibraryFund(
            library_id=library.id, as_of=as_of, total=total, in_kazakh=kk, is_demo=True
        )
        fund.sections = [
            FundSection(section=key, copies=n)
            for key, n in zip(FUND_SECTIONS, split(total, SECTION_SHARES), strict=True)
        ]
        db.session.add(fund)
    return len(libraries)


def _day(rng: random.Random, weight: float) -> dict[str, int]:
    visits = int(rng.randint(15, 45) * weight)
    issues = int(visits * rng.uniform(1.2, 2.0))
    kk, ru = split(issues, (0.62, 0.38)) if issues else (0, 0)
    other = min(ru, rng.randint(0, 2))
    return {
        "readers_new": rng.randint(0, 3),
        "readers_re": rng.randint(0, 4),
        "visits": visits,
        "issues": issues,
        "answers": rng.randint(0, 6),
        "issues_kk": kk,
        "issues_ru": ru - other,
        "issues_other": other,
    }


def seed_demo_diary(first: date, last: date, *, sundays: bool = False) -> int:
    """Daily figures from `first` to `last` (Sundays closed unless `sundays`), with the splits.

    Does nothing if a demo diary is there already; returns the days written.
    """
    if db.session.scalar(select(DiaryDay.id).where(DiaryDay.is_demo).limit(1)) is not None:
        return 0
    libraries = list(db.session.scalars(select(Library).order_by(Library.position)))
    bands = list(db.session.scalars(select(AgeBand).order_by(AgeBand.position)))
    band_shares = BAND_SHARES if len(bands) == len(BAND_SHARES) else [1 / len(bands)] * len(bands)
    seed_demo_funds(libraries, date(first.year, 1, 1))
    rows: list[dict[str, Any]] = []
    for library, weight in zip(libraries, _weights(libraries), strict=True):
        rng = random.Random(library.slug)
        day = first
        while day <= last:
            if sundays or day.weekday() != 6:
                rows.append(
                    {"library_id": library.id, "day": day, "is_demo": True, **_day(rng, weight)}
                )
            day += timedelta(days=1)
    db.session.execute(insert(DiaryDay), rows)
    ids = {
        (r.library_id, r.day): r.id
        for r in db.session.execute(
            select(DiaryDay.id, DiaryDay.library_id, DiaryDay.day).where(DiaryDay.is_demo)
        )
    }
    band_rows, section_rows = [], []
    for row in rows:
        day_id = ids[(row["library_id"], row["day"])]
        readers = row["readers_new"] + row["readers_re"]
        figures = [split(row[k], band_shares) for k in ("visits", "issues")]
        for band, r, v, i in zip(bands, split(readers, band_shares), *figures, strict=True):
            band_rows.append(
                {"day_id": day_id, "band_id": band.id, "readers": r, "visits": v, "issues": i}
            )
        for key, n in zip(FUND_SECTIONS, split(row["issues"], SECTION_SHARES), strict=True):
            section_rows.append({"day_id": day_id, "section": key, "issues": n})
    db.session.execute(insert(DiaryBand), band_rows)
    db.session.execute(insert(DiarySection), section_rows)
    return len(rows)


def demo_diary_year(today: date) -> tuple[date, date]:
    """The twelve months before this one: the demo's year of diary."""
    first = date(today.year - 1, today.month, 1)
    return first, date(today.year, today.month, 1) - timedelta(days=1)
