"""The coworking rules: booking a seat, staff decisions, set-up changes, the sweep, privacy."""

from intranet.coworking.services.booking import (
    CONSENT_VERSION,
    BookingError,
    RulesChanged,
    SeatTaken,
    booking_token,
    check_person,
    check_timing,
    create_booking,
    day_claims,
    free_seats,
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
    check_in_opens_words,
    find_by_code,
    in_check_in_window,
    reject_booking,
)
from intranet.coworking.services.emails import cancelled_message, queue_booking_email
from intranet.coworking.services.lost_links import send_booking_links
from intranet.coworking.services.privacy import (
    anonymize,
    erase_for_visitor,
    erase_refusal,
    kept_until,
    retention_days,
)
from intranet.coworking.services.requests import (
    BookingRequest,
    CentreDescription,
    ClosureData,
    RulesData,
    SeatData,
    SeatRow,
)
from intranet.coworking.services.seats import save_seats
from intranet.coworking.services.self_service import end_booking_early, self_check_in
from intranet.coworking.services.setup import (
    add_closure,
    change_centre,
    change_description,
    change_rules,
    rules_of,
)
from intranet.coworking.services.sweep import expire_and_mark_no_shows, send_reminders, sweep
from intranet.coworking.services.telling import (
    send_request_digests,
    tell_new_requests,
    warn_expiring,
)
from intranet.coworking.services.working_days import (
    change_working_day,
    drop_working_day,
    open_working_day,
)
from intranet.forms import normalize_phone  # moved to shared ground; kept here for callers

__all__ = [
    "change_working_day",
    "drop_working_day",
    "open_working_day",
    "tell_new_requests",
    "warn_expiring",
    "CONFIRMATION_TEMPLATE",
    "CONSENT_VERSION",
    "BookingError",
    "BookingRequest",
    "CentreDescription",
    "ClosureData",
    "ConfirmCancellations",
    "RulesChanged",
    "RulesData",
    "SeatData",
    "SeatRow",
    "SeatTaken",
    "add_closure",
    "anonymize",
    "approve_booking",
    "cancelled_message",
    "cancel_booking",
    "change_description",
    "change_rules",
    "rules_of",
    "save_seats",
    "change_centre",
    "check_in_booking",
    "check_person",
    "check_timing",
    "close_day",
    "confirmation_context",
    "booking_token",
    "create_booking",
    "day_claims",
    "erase_for_visitor",
    "erase_refusal",
    "expire_and_mark_no_shows",
    "end_booking_early",
    "find_by_code",
    "check_in_opens_words",
    "in_check_in_window",
    "self_check_in",
    "free_seats",
    "kept_until",
    "normalize_phone",
    "queue_booking_email",
    "send_request_digests",
    "reject_booking",
    "retention_days",
    "send_booking_links",
    "rules_unchanged",
    "send_reminders",
    "sweep",
]
