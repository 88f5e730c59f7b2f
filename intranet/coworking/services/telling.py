"""Telling coordinators: a new request (at once or in a digest), a request about to expire."""

from datetime import UTC, datetime, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import String, cast, exists, literal, select
from sqlalchemy.orm import selectinload

from intranet.auth.models import User
from intranet.coworking.models import Booking, BookingStatus
from intranet.extensions import db
from intranet.i18n import format_moment, localized
from intranet.notifications.models import NotificationPreference, TimerMark
from intranet.notifications.queries import centre_coordinators
from intranet.notifications.services import Kind, News, enqueue, once, tell
from intranet.urls import external_url_for

# A request still undecided this close to its start is about to expire (it expires at start).
EXPIRING_WITHIN = timedelta(hours=1)
# How far back the worker looks for requests whose coordinators were not told yet.
NEW_REQUESTS_WITHIN = timedelta(days=1)
NEW_REQUEST_MARK = "coworking.new_request:"


def _centre_name(booking: Booking) -> str:
    return localized(booking.centre.library, "name")


def tell_new_requests(now: datetime) -> int:
    """The worker, each round: coordinators learn of every request made since, once each.

    The booking POST does not look up and write to each coordinator: it only writes the
    booking; a timer mark per request keeps two workers (or a restart) from telling twice.
    """
    mark = literal(NEW_REQUEST_MARK) + cast(Booking.id, String)
    waiting = db.session.scalars(
        select(Booking)
        .options(selectinload(Booking.centre))
        .where(
            Booking.status == BookingStatus.PENDING,
            Booking.created_dt >= now - NEW_REQUESTS_WITHIN,
            ~exists().where(TimerMark.key == mark),
        )
        .order_by(Booking.created_dt, Booking.id)
    ).all()
    told = 0
    for booking in waiting:
        if once(f"{NEW_REQUEST_MARK}{booking.id}"):
            new_request(booking)
            told += 1
    return told


def new_request(booking: Booking) -> None:
    """The centre's coordinators learn of a request waiting for their decision.

    The notice is written at once for everyone; the email only to those who chose "at once"
    (the others get it in their digest).
    """
    tell(
        centre_coordinators(booking.centre_id),
        News(
            Kind.NEW_REQUEST,
            subject=lambda: _("New coworking request: %(centre)s", centre=_centre_name(booking)),
            notice=lambda: _(
                "New request: %(centre)s, %(when)s",
                centre=_centre_name(booking),
                when=format_moment(booking.start_dt, "medium"),
            ),
            endpoint="coworking_staff.inbox",
            context={"bookings": [booking]},
        ),
    )


def warn_expiring(now: datetime) -> int:
    """Each undecided request starting within EXPIRING_WITHIN: its coordinators are told, once."""
    due = db.session.scalars(
        select(Booking)
        .options(selectinload(Booking.centre))
        .where(
            Booking.status == BookingStatus.PENDING,
            Booking.start_dt > now,
            Booking.start_dt <= now + EXPIRING_WITHIN,
        )
        .order_by(Booking.start_dt, Booking.id)
    ).all()
    told = 0
    for booking in due:
        if not once(f"coworking.request_expiring:{booking.id}"):
            continue
        told += tell(
            centre_coordinators(booking.centre_id),
            News(
                Kind.REQUEST_EXPIRING,
                subject=lambda b=booking: _(  # type: ignore[misc]
                    "A request expires soon without a decision: %(centre)s",
                    centre=_centre_name(b),
                ),
                notice=lambda b=booking: _(  # type: ignore[misc]
                    "Expires without a decision: %(centre)s, %(when)s",
                    centre=_centre_name(b),
                    when=format_moment(b.start_dt, "medium"),
                ),
                endpoint="coworking_staff.inbox",
                context={"bookings": [booking]},
            ),
        )
    return told


def _bucket_start(now: datetime, minutes: int) -> datetime:
    """The start of the digest period `now` falls in (periods counted from the epoch, UTC)."""
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    period = timedelta(minutes=minutes)
    return epoch + ((now - epoch) // period) * period


def send_request_digests(now: datetime) -> int:
    """Coordinators who chose a digest get, once per period, the requests of the last one."""
    choices = db.session.execute(
        select(User, NotificationPreference.digest_minutes)
        .join(NotificationPreference, NotificationPreference.user_id == User.id)
        .where(
            User.is_active,
            NotificationPreference.kind == Kind.NEW_REQUEST,
            NotificationPreference.is_on,
            NotificationPreference.digest_minutes > 0,
        )
    ).all()
    told = 0
    for user, minutes in choices:
        end = _bucket_start(now, minutes)
        if not once(f"coworking.request_digest:{user.id}:{end.isoformat()}"):
            continue
        centre_ids = [centre.id for centre in user.centres]
        bookings = list(
            db.session.scalars(
                select(Booking)
                .options(selectinload(Booking.centre))
                .where(
                    Booking.centre_id.in_(centre_ids),
                    Booking.status == BookingStatus.PENDING,
                    Booking.created_dt >= end - timedelta(minutes=minutes),
                    Booking.created_dt < end,
                )
                .order_by(Booking.start_dt, Booking.id)
            )
        )
        if not bookings:
            continue
        told += _send_digest(user, bookings)
    return told


def _send_digest(user: User, bookings: list[Booking]) -> int:
    """One email with the period's new requests (the notices were written as they came)."""
    enqueue(
        kind="coworking.request_digest",
        recipient=user.email,
        language=user.language,
        subject=_l("New coworking requests: %(num)d", num=len(bookings)),
        template="notifications/email/coworking.request_digest.txt",
        context={
            "user": user,
            "bookings": bookings,
            "link": external_url_for("coworking_staff.inbox"),
        },
    )
    return 1
