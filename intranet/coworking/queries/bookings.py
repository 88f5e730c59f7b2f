"""Read models of the coworking pages: centres, a booking by its private link, the inbox."""

from collections.abc import Sequence

from sqlalchemy import bindparam, select
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
