"""What the event services take: one frozen dataclass per form, built once by that form."""

from dataclasses import dataclass, fields
from datetime import date, datetime

from intranet.events.models import Campaign, Event, EventType
from intranet.libraries.models import Club, Library


@dataclass(frozen=True)
class EventData:
    """What an event is, as the event form enters it; start and end are UTC instants.

    The form's four date and time fields (start_date, start_time, end_time, end_date) become
    `start_dt` and `end_dt`; every other field is named as in the form and on the Event.
    """

    type: EventType
    library: Library
    start_dt: datetime
    end_dt: datetime
    title_kk: str | None = None
    title_ru: str | None = None
    title_en: str | None = None
    room: str = ""
    description_kk: str = ""
    description_ru: str = ""
    description_en: str = ""
    audience: str = "everyone"
    language: str = "kk"
    organiser: str = ""
    partners: str = ""
    club: Club | None = None
    campaign: Campaign | None = None
    capacity: int | None = None
    internal_notes: str = ""

    @classmethod
    def of(cls, event: Event) -> "EventData":
        """An event's current values, to change some of them with dataclasses.replace."""
        return cls(**{name: getattr(event, name) for name in EDITABLE_FIELDS})


# The Event columns an edit may change: exactly the fields of EventData.
EDITABLE_FIELDS = tuple(field.name for field in fields(EventData))


@dataclass(frozen=True)
class SeriesData:
    """How a new event repeats: weekly, biweekly or monthly, until a date or a number of times."""

    repeat: str
    until_date: date | None = None
    occurrences: int | None = None


@dataclass(frozen=True)
class AttendanceData:
    """How many came: the total, by audience group, and a short note."""

    total: int
    children: int = 0
    teenagers: int = 0
    youth: int = 0
    adults: int = 0
    seniors: int = 0
    note: str = ""


@dataclass(frozen=True)
class CampaignData:
    """A campaign with its period, its book and a target of events per library."""

    name_kk: str
    name_ru: str
    start_date: date
    end_date: date
    name_en: str | None = None
    book_title: str = ""
    book_author: str = ""
    target_per_library: int = 0


@dataclass(frozen=True)
class EventTypeData:
    """A kind of event with its colour on the calendar."""

    name_kk: str
    name_ru: str
    colour: int
    name_en: str | None = None
