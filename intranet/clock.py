"""Local time of the library system (Asia/Qyzylorda, UTC+5) and conversions to and from UTC."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from intranet.models import utc_now

LOCAL_TZ = ZoneInfo("Asia/Qyzylorda")
# The years any date typed or asked for may fall in (the database checks report years too).
MIN_YEAR, MAX_YEAR = 2000, 2100


def year_in_range(year: int) -> bool:
    """True for the years the intranet accepts in dates and periods."""
    return MIN_YEAR <= year <= MAX_YEAR


def local_now() -> datetime:
    """The current time in Kyzylorda, timezone-aware."""
    return utc_now().astimezone(LOCAL_TZ)


def local_today() -> date:
    """Today's date in Kyzylorda (not the server's)."""
    return local_now().date()


def to_local(moment: datetime) -> datetime:
    """An aware datetime seen in Kyzylorda."""
    return moment.astimezone(LOCAL_TZ)


def from_local(day: date, at: time) -> datetime:
    """A wall-clock date and time in Kyzylorda, as an aware UTC datetime."""
    return datetime.combine(day, at, tzinfo=LOCAL_TZ).astimezone(UTC)


def local_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The UTC instants where a Kyzylorda day starts and where the next one starts."""
    start = from_local(day, time.min)
    end = from_local(date.fromordinal(day.toordinal() + 1), time.min)
    return start, end
