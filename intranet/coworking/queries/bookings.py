"""Read models of the coworking pages: centres, a booking by its private link, the inbox."""

import time
from collections.abc import Sequence
from typing import cast

from flask import current_app
from sqlalchemy import Table, bindparam, select
from sqlalchemy.orm import joinedload, selectinload

from intranet.auth.models import User, Visitor
from intranet.clock import local_today
from intranet.coworking.models import Booking, BookingStatus, CoworkingCentre
from intranet.extensions import db
from intranet.libraries.models import ClosedDay, Library

# Built once: every public coworking page and each booking asks for its centre by slug.
_CENTRE_BY_SLUG = (
    select(CoworkingCentre)
    .where(CoworkingCentre.slug == bindparam("slug"))
    .options(joinedload(CoworkingCentre.seats), joinedload(CoworkingCentre.library))
)


def centre_by_slug(slug: str) -> CoworkingCentre | None:
    """The centre with this slug, its seats and library loaded."""
    return db.session.scalars(_CENTRE_BY_SLUG, {"slug": slug[:40]}).unique().one_or_none()


_CENTRE = cast(Table, CoworkingCentre.__table__)
_LIBRARY = cast(Table, Library.__table__)
# Every centre's row and its library's, as plain values, in the libraries' order: what the
# snapshots of them are checked by. Seats need no column here: every change of them bumps the
# centre's rules_version first.
_ALL_CENTRE_ROWS = (
    select(_CENTRE, _LIBRARY)
    .join(_LIBRARY, _LIBRARY.c.id == _CENTRE.c.library_id)
    .order_by(_LIBRARY.c.position)
)
_CENTRE_ROWS = _ALL_CENTRE_ROWS.where(_CENTRE.c.slug == bindparam("slug"))
# How long a snapshot checked by a read serves a booking's POST without another read.
RECHECK_SECONDS = 1.0


def centre_to_book(slug: str) -> CoworkingCentre | None:
    """The centre with this slug, its seats and library, from this worker's snapshot.

    The booking form's own read of its centre: one plain read of the centre's and library's
    rows checks the snapshot, which is loaded again when either changed (and so when hours,
    closures or seats did). Loading a centre with its seats as objects costs a booking more
    than all its rules. The objects are detached from every session: read them, never change
    them, and lazy relationships (a library's closures) are not there.
    """
    key = slug[:40]
    row = db.session.connection().execute(_CENTRE_ROWS, {"slug": key}).first()
    return None if row is None else _kept(key, tuple(row))


def centre_for_booking(slug: str) -> CoworkingCentre | None:
    """centre_to_book for a booking's POST: without its read when checked in the last second.

    The booking's write holds the rules itself: it is made only if the centre's rules version
    (bumped by every change of hours, closures or seats) is still the one the snapshot had, or
    else the rules are checked again on the centre as it is now. A snapshot a moment old can
    cost a booking that retry, never a booking against old rules. Under load the read is one
    per second per worker instead of one per booking.
    """
    kept = _snapshots().get(slug[:40])
    if kept is not None and time.monotonic() - kept[2] < RECHECK_SECONDS:
        return kept[1]
    return centre_to_book(slug)


def centres_to_book() -> list[CoworkingCentre]:
    """Every centre as centre_to_book gives it, in the order of their libraries.

    A refused booking offers the other centres: one plain read of every centre's and
    library's rows checks the snapshots, instead of loading every centre and seat as objects.
    """
    rows = db.session.connection().execute(_ALL_CENTRE_ROWS).all()
    kept = (_kept(row._mapping[_CENTRE.c.slug], tuple(row)) for row in rows)
    return [centre for centre in kept if centre is not None]


def _snapshots() -> dict[str, tuple[tuple[object, ...], CoworkingCentre, float]]:
    """This worker's snapshots: slug -> (the rows they were made from, centre, when checked)."""
    return current_app.extensions.setdefault("coworking_centre_snapshots", {})


def _kept(slug: str, row: tuple[object, ...]) -> CoworkingCentre | None:
    """This worker's snapshot of a centre whose rows (centre, library) read `row` now."""
    snapshots = _snapshots()
    kept = snapshots.get(slug)
    if kept is not None and kept[0] == row:
        snapshots[slug] = (row, kept[1], time.monotonic())
        return kept[1]
    centre = centre_by_slug(slug)
    if centre is None:  # renamed between the two reads
        return None
    db.session.expunge(centre)  # with its seats (cascade)
    db.session.expunge(centre.library)
    snapshots[slug] = (row, centre, time.monotonic())
    return centre


def public_centres() -> Sequence[CoworkingCentre]:
    """Every centre in the order of its library, with its seats (the public list)."""
    return db.session.scalars(
        select(CoworkingCentre)
        .join(CoworkingCentre.library)
        .options(selectinload(CoworkingCentre.library), selectinload(CoworkingCentre.seats))
        .order_by(Library.position)
    ).all()


def centres_of(user: User | Visitor) -> list[CoworkingCentre]:
    """The centres this user coordinates (all of them for central roles), in library order."""
    rows = db.session.scalars(
        select(CoworkingCentre)
        .join(CoworkingCentre.library)
        .options(selectinload(CoworkingCentre.library))
        .order_by(Library.position)
    ).all()
    return [centre for centre in rows if centre.can_manage(user)]


def pending_requests(centres: Sequence[CoworkingCentre]) -> Sequence[Booking]:
    """The undecided requests of these centres, oldest first (the coordinator's inbox)."""
    return db.session.scalars(
        select(Booking)
        .where(
            Booking.centre_id.in_([c.id for c in centres]),
            Booking.status == BookingStatus.PENDING,
        )
        .options(selectinload(Booking.centre), selectinload(Booking.seat))
        .order_by(Booking.created_dt, Booking.id)
    ).all()


def booking_by_token(token: str) -> Booking | None:
    """The booking behind a private link, with its centre."""
    return db.session.scalar(
        select(Booking).where(Booking.token == token).options(selectinload(Booking.centre))
    )


def closures_ahead(centre: CoworkingCentre) -> Sequence[ClosedDay]:
    """The closures of the centre's own library from today on (the set-up page lists them)."""
    return db.session.scalars(
        select(ClosedDay)
        .where(ClosedDay.library_id == centre.library_id, ClosedDay.day >= local_today())
        .order_by(ClosedDay.day)
    ).all()
