"""The coworking rules: booking a seat, staff decisions, set-up changes, the sweep, privacy."""

from intranet.coworking.services.booking import (
    CONSENT_VERSION,
    BookingError,
    RulesChanged,
    SeatTaken,
    check_person,
    check_timing,
    create_booking,
    day_claims,
    free_seats,
    normalize_phone,
    rules_unchanged,
)
from intranet.coworking.services.cancellations import (
    CONFIRMATION_TEMPLATE,
    ConfirmCancellations,
    close_day,
    confirmation_context,
)
from intranet.coworking.services.decisions import (
    approve_booking,
    cancel_booking,
    check_in_booking,
    find_by_code,
    reject_booking,
)
from intranet.coworking.services.emails import cancelled_message, queue_booking_email
from intranet.coworking.services.privacy import (
    anonymize,
    erase_for_visitor,
    erase_refusal,
    kept_until,
    retention_days,
)
from intranet.coworking.services.requests import (
    BookingRequest,
    ClosureData,
    RulesData,
    SeatData,
)
from intranet.coworking.services.setup import add_closure, change_rules, change_seat
from intranet.coworking.services.sweep import expire_and_mark_no_shows, send_reminders, sweep

__all__ = [
    "CONFIRMATION_TEMPLATE",
    "CONSENT_VERSION",
    "BookingError",
    "BookingRequest",
    "ClosureData",
    "ConfirmCancellations",
    "RulesChanged",
    "RulesData",
    "SeatData",
    "SeatTaken",
    "add_closure",
    "anonymize",
    "approve_booking",
    "cancelled_message",
    "cancel_booking",
    "change_rules",
    "change_seat",
    "check_in_booking",
    "check_person",
    "check_timing",
    "close_day",
    "confirmation_context",
    "create_booking",
    "day_claims",
    "erase_for_visitor",
    "erase_refusal",
    "expire_and_mark_no_shows",
    "find_by_code",
    "free_seats",
    "kept_until",
    "normalize_phone",
    "queue_booking_email",
    "reject_booking",
    "retention_days",
    "rules_unchanged",
    "send_reminders",
    "sweep",
]
