"""The public holidays of Kazakhstan by name, and the movable Kurban ait year by year."""

import json
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from sqlalchemy import extract, select

from intranet.extensions import db
from intranet.libraries.models import ClosedDay

KURBAN_AIT = "kurban_ait"


@cache
def _shipped() -> dict[str, Any]:
    """libraries/holidays.json: names by month-day and the suggested Kurban ait dates."""
    text = resources.files("intranet").joinpath("libraries/holidays.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def fixed_holiday(month_day: str) -> dict[str, str] | None:
    """{"key", "kk", "ru", "en"} of the fixed holiday on "03-22", or None."""
    found: dict[str, str] | None = _shipped()["fixed"].get(month_day)
    return found


def kurban_ait_name() -> dict[str, str]:
    return dict(_shipped()["kurban_ait"]["name"])


def suggested_kurban_ait(year: int) -> date | None:
    """The date shipped with the project for this year (an administrator confirms it)."""
    text = _shipped()["kurban_ait"]["dates"].get(str(year))
    return date.fromisoformat(text) if text else None


def kurban_ait_days(years: list[int]) -> dict[int, ClosedDay]:
    """The Kurban ait entered for each of these years (city-wide), by year; one query."""
    rows = db.session.scalars(
        select(ClosedDay).where(
            ClosedDay.holiday == KURBAN_AIT,
            ClosedDay.library_id.is_(None),
            extract("year", ClosedDay.day).in_(years),
        )
    )
    return {row.day.year: row for row in rows}
