"""Moved working days as coworking sees them: the centres' rules change, bookings are kept.

A working day that goes away (removed, moved, or its hours changed) while visitors have booked
seats on it is refused: the person cancels those bookings first, on the centre's desk, and
each visitor is told. Adding one only opens seats, so it never touches a booking.
"""

from datetime import datetime

from flask_babel import ngettext
from sqlalchemy import select

from intranet.auth.models import User
from intranet.clock import local_day_bounds
from intranet.coworking.models import Booking, CoworkingCentre
from intranet.coworking.services.cancellations import cancellable_bookings, lock_rules
from intranet.errors import IntranetError
from intranet.extensions import db
from intranet.libraries import services as library_services
from intranet.libraries.models import Library, WorkingDay
from intranet.models import utc_now


def _centres(*libraries: Library | None) -> list[int]:
    """The centres of these libraries; any None (city-wide) means every centre."""
    query = select(CoworkingCentre.id)
    if all(library is not None for library in libraries):
        query = query.where(CoworkingCentre.library_id.in_([lib.id for lib in libraries if lib]))
    return list(db.session.scalars(query))


def _refuse_if_booked(row: WorkingDay, centre_ids: list[int], now: datetime) -> None:
    """Refuse while visitors hold seats on this working day."""
    lo, hi = local_day_bounds(row.day)
    booked = cancellable_bookings(centre_ids, now, Booking.start_dt < hi, Booking.end_dt > lo)
    if booked:
        raise IntranetError(
            ngettext(
                "%(num)d coworking booking is on this working day: cancel it first on the "
                "centre's desk (the visitor is told), then change the day.",
                "%(num)d coworking bookings are on this working day: cancel them first on the "
                "centre's desk (the visitors are told), then change the day.",
                len(booked),
            ),
            field="day",
        )


def open_working_day(data: library_services.WorkingDayData, *, actor: User) -> WorkingDay:
    """Add a moved working day; the centres concerned take bookings for it at once."""
    lock_rules(_centres(data.library))
    return library_services.add_working_day(data, actor=actor)


def change_working_day(
    row: WorkingDay,
    data: library_services.WorkingDayData,
    *,
    actor: User,
    now: datetime | None = None,
) -> WorkingDay:
    """Change a moved working day; its date, libraries or hours only while nobody booked it."""
    centre_ids = _centres(row.library, data.library)
    lock_rules(centre_ids)
    before = (row.day, row.library_id, row.works_as, row.opens, row.closes)
    after = (data.day, data.library.id if data.library else None, data.works_as, data.opens)
    if before != (*after, data.closes):
        _refuse_if_booked(row, _centres(row.library), now or utc_now())
    return library_services.update_working_day(row, data, actor=actor)


def drop_working_day(row: WorkingDay, *, actor: User, now: datetime | None = None) -> None:
    """Remove a moved working day, unless visitors have booked seats on it."""
    centre_ids = _centres(row.library)
    lock_rules(centre_ids)
    _refuse_if_booked(row, centre_ids, now or utc_now())
    library_services.remove_working_day(row, actor=actor)
