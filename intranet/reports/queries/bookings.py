"""Coworking bookings: bookings, check-ins and no-shows per centre, and visitors' institutions."""

from collections.abc import Callable, Collection

from flask_babel import gettext as _
from sqlalchemy import func

from intranet.coworking.models import Booking, BookingStatus
from intranet.extensions import db
from intranet.i18n import localized
from intranet.reports.queries.occupancy import centres_in_scope
from intranet.reports.queries.sections import Section, percent, side_by_side
from intranet.reports.queries.span import Span, bookings_in, local_part


def bookings_by_centre(span: Span, library_id: int | None) -> dict[int, dict[str, int]]:
    """{centre_id: {status: bookings}}."""
    query = bookings_in(span, library_id, Booking.centre_id, Booking.status, func.count(Booking.id))
    result: dict[int, dict[str, int]] = {}
    for centre_id, status, count in db.session.execute(
        query.group_by(Booking.centre_id, Booking.status)
    ):
        result.setdefault(centre_id, {})[status] = count
    return result


def institutions(span: Span, library_id: int | None) -> dict[str, int]:
    """{institution: visits} of visitors who came (checked in)."""
    query = bookings_in(span, library_id, Booking.institution, func.count(Booking.id)).where(
        Booking.status == BookingStatus.CHECKED_IN, Booking.institution != ""
    )
    return {name: count for name, count in db.session.execute(query.group_by(Booking.institution))}


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


# The figures of a centre's row, each from its {status: bookings}.
FIGURES: tuple[Callable[[dict[str, int]], float | None], ...] = (
    lambda c: sum(c.values()),
    lambda c: c.get(BookingStatus.CHECKED_IN, 0),
    lambda c: c.get(BookingStatus.NO_SHOW, 0),
    _no_show_rate,
)


def bookings_section(
    now: Span, before: Span, library_id: int | None, centre_ids: Collection[int] | None = None
) -> Section:
    """Bookings, check-ins, no-shows and the no-show rate of each coworking centre."""
    centres = centres_in_scope(library_id, centre_ids)
    shown = {centre.id for centre in centres}
    a, b = (
        {cid: counts for cid, counts in bookings_by_centre(s, library_id).items() if cid in shown}
        for s in (now, before)
    )
    names = [_("Bookings"), _("Checked in"), _("No-shows"), _("No-show rate")]
    section = Section(
        "bookings", _("Coworking bookings"), [_("Coworking centre"), *side_by_side(names)]
    )
    for centre in centres:
        pair = (a.get(centre.id, {}), b.get(centre.id, {}))
        row = [localized(centre.library, "name")]
        section.rows.append(row + [figure(counts) for figure in FIGURES for counts in pair])
    if section.rows:
        pair = (_merged(a), _merged(b))
        section.total = [_("Total"), *[figure(counts) for figure in FIGURES for counts in pair]]
    return section


def bookings_per_month(span: Span, centre_ids: Collection[int]) -> list[int]:
    """Bookings (whatever became of them) in each local month of a year span, at these centres."""
    month = local_part(Booking.start_dt, "month", span)
    query = bookings_in(span, None, month, func.count(Booking.id)).where(
        Booking.centre_id.in_(centre_ids)
    )
    counts: dict[int, int] = {m: n for m, n in db.session.execute(query.group_by(month))}
    return [counts.get(m, 0) for m in range(1, 13)]


def institutions_section(now: Span, before: Span, library_id: int | None) -> Section:
    """The institutions of visitors who came, the most frequent first."""
    a, b = (institutions(s, library_id) for s in (now, before))
    section = Section(
        "institutions",
        _("Visitors' institutions"),
        [_("Institution"), *side_by_side([_("Visits")])],
    )
    for name in sorted(set(a) | set(b), key=lambda n: (-a.get(n, 0), n.casefold())):
        section.rows.append([name, a.get(name, 0), b.get(name, 0)])
    if section.rows:
        section.total = [_("Total"), sum(a.values()), sum(b.values())]
    return section
