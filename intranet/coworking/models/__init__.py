"""Coworking models, one module per entity: centres, seats, bookings, seat-slots, claims."""

from intranet.coworking.models.booking import (
    ACTIVE_STATUSES,
    REQUEST_KEY_LENGTH,
    STATUS_LABELS,
    Booking,
    BookingStatus,
    new_code,
    new_request_key,
    new_token,
)
from intranet.coworking.models.centre import (
    QUARTER_HOURS,
    WEEKDAY_LABELS,
    WEEKDAYS,
    CoworkingCentre,
    OpeningHours,
    on_quarter_hours,
    sanitary_date,
)
from intranet.coworking.models.claim import BookingClaim
from intranet.coworking.models.seat import Seat
from intranet.coworking.models.slot import (
    GRANULE,
    GRANULE_MINUTES,
    BookingSlot,
    floor_granule,
    granule_starts,
)

__all__ = [
    "ACTIVE_STATUSES",
    "GRANULE",
    "GRANULE_MINUTES",
    "QUARTER_HOURS",
    "REQUEST_KEY_LENGTH",
    "STATUS_LABELS",
    "WEEKDAYS",
    "WEEKDAY_LABELS",
    "Booking",
    "BookingClaim",
    "BookingSlot",
    "BookingStatus",
    "CoworkingCentre",
    "OpeningHours",
    "Seat",
    "floor_granule",
    "granule_starts",
    "new_code",
    "new_request_key",
    "new_token",
    "on_quarter_hours",
    "sanitary_date",
]
