"""The coworking sections of the report: bookings, occupancy, hours of day, institutions."""

from flask_babel import gettext as _

from intranet.coworking.models import GRANULE_MINUTES, BookingStatus
from intranet.i18n import localized
from intranet.reports import queries as q
from intranet.reports.occupancy import active_seats, centres_in_scope, open_minutes, percent
from intranet.reports.report import Section, _side_by_side


def _no_show_rate(counts: dict[str, int]) -> float | None:
    """No-shows among the bookings whose visitor was expected (checked in or no-show)."""
    came, missed = counts.get(BookingStatus.CHECKED_IN, 0), counts.get(BookingStatus.NO_SHOW, 0)
    return percent(missed, came + missed)


def _merged(groups: dict[int, dict[str, int]]) -> dict[str, int]:
    total: dict[str, int] = {}
    for counts in groups.values():
        for key, value in counts.items():
            total[key] = total.get(key, 0) + value
    return total


GETTERS = (
    lambda c: sum(c.values()),
    lambda c: c.get(BookingStatus.CHECKED_IN, 0),
    lambda c: c.get(BookingStatus.NO_SHOW, 0),
    _no_show_rate,
)


def bookings(now: q.Span, before: q.Span, library_id) -> Section:
    a, b = (q.bookings_by_centre(s, library_id) for s in (now, before))
    names = [_("Bookings"), _("Checked in"), _("No-shows"), _("No-show rate, %")]
    section = Section(
        "bookings", _("Coworking bookings"), [_("Coworking centre"), *_side_by_side(names)]
    )
    for centre in centres_in_scope(library_id):
        pair = (a.get(centre.id, {}), b.get(centre.id, {}))
        row = [localized(centre.library, "name")]
        section.rows.append(row + [get(counts) for get in GETTERS for counts in pair])
    if section.rows:
        pair = (_merged(a), _merged(b))
        section.total = [_("Total"), *[get(counts) for get in GETTERS for counts in pair]]
    return section


def _seat_minutes(span: q.Span, library_id) -> tuple[dict, dict]:
    """({centre: open seat-minutes by (weekday, hour)}, centres)."""
    centres = {c.id: c for c in centres_in_scope(library_id)}
    seats = active_seats(list(centres.values()))
    available = {
        cid: {
            key: minutes * seats.get(cid, 0)
            for key, minutes in open_minutes(c, span.period.start, span.period.end).items()
        }
        for cid, c in centres.items()
    }
    return available, centres


def occupancy(now: q.Span, before: q.Span, library_id) -> tuple[Section, Section]:
    """Occupancy by centre and by hour of day, as % of open seat-hours."""
    by_centre = Section(
        "occupancy",
        _("Seat occupancy"),
        [_("Coworking centre"), _("Open seat-hours"), _("Booked seat-hours")]
        + _side_by_side([_("Occupancy, %")]),
    )
    hours: dict[int, list[float]] = {}
    figures = []
    for index, span in enumerate((now, before)):
        available, centres = _seat_minutes(span, library_id)
        booked = q.booked_slots(span, library_id, "hour")
        per_centre_booked: dict[int, float] = {}
        for (cid, hour), count in booked.items():
            minutes = count * GRANULE_MINUTES  # each held seat-slot row is a quarter hour
            per_centre_booked[cid] = per_centre_booked.get(cid, 0) + minutes
            hours.setdefault(hour, [0, 0, 0, 0])[2 * index] += minutes
        for grid in available.values():
            for (_dow, hour), minutes in grid.items():
                hours.setdefault(hour, [0, 0, 0, 0])[2 * index + 1] += minutes
        figures.append((available, per_centre_booked, centres))
    (avail_now, booked_now, centres), (avail_before, booked_before, _c) = figures
    for cid, centre in centres.items():
        open_now = sum(avail_now[cid].values())
        open_before = sum(avail_before.get(cid, {}).values())
        by_centre.rows.append(
            [
                localized(centre.library, "name"),
                round(open_now / 60, 1),
                round(booked_now.get(cid, 0) / 60, 1),
                percent(booked_now.get(cid, 0), open_now),
                percent(booked_before.get(cid, 0), open_before),
            ]
        )
    by_hour = Section(
        "hours", _("Occupancy by hour of day"), [_("Hour"), *_side_by_side([_("Occupancy, %")])]
    )
    for hour in sorted(hours):
        used_now, open_now, used_before, open_before = hours[hour]
        by_hour.rows.append(
            [f"{hour:02d}:00", percent(used_now, open_now), percent(used_before, open_before)]
        )
    return by_centre, by_hour


def institutions(now: q.Span, before: q.Span, library_id) -> Section:
    a, b = (q.institutions(s, library_id) for s in (now, before))
    section = Section(
        "institutions",
        _("Visitors' institutions"),
        [_("Institution"), *_side_by_side([_("Visits")])],
    )
    for name in sorted(set(a) | set(b), key=lambda n: (-a.get(n, 0), n.casefold())):
        section.rows.append([name, a.get(name, 0), b.get(name, 0)])
    if section.rows:
        section.total = [_("Total"), sum(a.values()), sum(b.values())]
    return section
