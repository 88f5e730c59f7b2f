"""Local time of the library system (Asia/Qyzylorda, UTC+5) and conversions to and from UTC."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from intranet.models import utc_now

LOCAL_TZ = ZoneInfo("Asia/Qyzylorda")


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
