"""What a staff member reads after each event action: what happened, and what comes next."""

from datetime import datetime

from flask_babel import gettext as _
from flask_babel import ngettext

from intranet.events.models import Event, RegistrationMode, RegistrationRules, Status
from intranet.events.services import window
from intranet.i18n import format_moment, localized


def title_of(event: Event) -> str:
    """The event's title in the reader's language (another language's when that one is empty)."""
    return localized(event, "title")


def saved_as_draft(event: Event, count: int = 1) -> str:
    """After planning an event (or a series) without sending it."""
    title = title_of(event)
    if count == 1:
        return _(
            '"%(title)s" is saved as a draft. Readers do not see it yet; send it for approval '
            "when it is ready.",
            title=title,
        )
    return ngettext(
        '"%(title)s": %(num)d event is saved as a draft. Readers do not see them yet; send '
        "them for approval when they are ready.",
        '"%(title)s": %(num)d events are saved as drafts. Readers do not see them yet; send '
        "them for approval when they are ready.",
        count,
        title=title,
    )


def changes_saved(event: Event) -> str:
    """After editing an event: saved, and for a draft or a returned one, what to do next."""
    title = title_of(event)
    if event.status in (Status.DRAFT, Status.RETURNED):
        return _(
            'Changes to "%(title)s" are saved. Send it for approval when it is ready.',
            title=title,
        )
    return _('Changes to "%(title)s" are saved.', title=title)


def step_done(action: str, event: Event, changed: int) -> str:
    """After submit, approve, return or cancel of one event or several of its series."""
    title = title_of(event)
    if changed == 1:
        single = {
            "submit": _(
                '"%(title)s" has been sent for approval. We will let you know when the central '
                "library has looked at it.",
                title=title,
            ),
            "approve": _(
                '"%(title)s" is approved: readers now see it on the calendar.', title=title
            ),
            "return": _(
                '"%(title)s" has been returned to the library with your comment. It comes back '
                "to the queue when they send it again.",
                title=title,
            ),
            "cancel": _(
                '"%(title)s" will not take place: it is marked as cancelled and readers no '
                "longer see it on the calendar.",
                title=title,
            ),
        }
        return single[action]
    several = {
        "submit": ngettext(
            '"%(title)s": %(num)d event has been sent for approval. We will let you know when '
            "the central library has looked at it.",
            '"%(title)s": %(num)d events have been sent for approval. We will let you know when '
            "the central library has looked at them.",
            changed,
            title=title,
        ),
        "approve": ngettext(
            '"%(title)s": %(num)d event is approved; readers now see it on the calendar.',
            '"%(title)s": %(num)d events are approved; readers now see them on the calendar.',
            changed,
            title=title,
        ),
        "return": ngettext(
            '"%(title)s": %(num)d event has been returned to the library with your comment.',
            '"%(title)s": %(num)d events have been returned to the library with your comment.',
            changed,
            title=title,
        ),
        "cancel": ngettext(
            '"%(title)s": %(num)d event will not take place; readers no longer see it.',
            '"%(title)s": %(num)d events will not take place; readers no longer see them.',
            changed,
            title=title,
        ),
    }
    return several[action]


def left_as_they_were(skipped: int) -> str:
    """How many occurrences of a series a step or an edit could not touch, and why."""
    return ngettext(
        "%(num)d event was left as it was: held, cancelled, changed by someone "
        "else, or in a month whose report is submitted.",
        "%(num)d events were left as they were: held, cancelled, changed by "
        "someone else, or in a month whose report is submitted.",
        skipped,
    )


def attendance_saved(event: Event) -> str:
    """After recording how many came."""
    return _(
        'Attendance of "%(title)s" is saved. It counts in the monthly report of the library.',
        title=title_of(event),
    )


def draft_deleted(title: str) -> str:
    """After deleting a draft: it is gone, nothing else changed."""
    return _('The draft "%(title)s" is deleted. Nothing else has changed.', title=title)


def registration_saved(event: Event, rules: RegistrationRules, now: datetime) -> str:
    """After the registration settings: whether people can register now, and how many places."""
    title, places = title_of(event), rules.capacity
    if rules.mode == RegistrationMode.OFF:
        return _(
            '"%(title)s" takes no registration: its page shows no registration form.', title=title
        )
    if rules.mode == RegistrationMode.STAFF:
        return ngettext(
            'Registration for "%(title)s" is made by the library\'s staff only: %(num)d place. '
            "Add people on the list below.",
            'Registration for "%(title)s" is made by the library\'s staff only: %(num)d places. '
            "Add people on the list below.",
            places,
            title=title,
        )
    opens, closes = window(event, rules)
    if event.status in (Status.DRAFT, Status.PENDING, Status.RETURNED):
        return ngettext(
            'Registration for "%(title)s" will open on the event page once the event is '
            "approved: %(num)d place.",
            'Registration for "%(title)s" will open on the event page once the event is '
            "approved: %(num)d places.",
            places,
            title=title,
        )
    if event.status != Status.APPROVED or now >= closes:
        return ngettext(
            'The settings of "%(title)s" are saved (%(num)d place), but its registration is '
            "already closed.",
            'The settings of "%(title)s" are saved (%(num)d places), but its registration is '
            "already closed.",
            places,
            title=title,
        )
    if now < opens:
        return ngettext(
            'Registration for "%(title)s" opens on the event page on %(opens)s: %(num)d place.',
            'Registration for "%(title)s" opens on the event page on %(opens)s: %(num)d places.',
            places,
            title=title,
            opens=format_moment(opens, "long"),
        )
    return ngettext(
        'Registration for "%(title)s" is open on the event page until %(closes)s: %(num)d place.',
        'Registration for "%(title)s" is open on the event page until %(closes)s: %(num)d places.',
        places,
        title=title,
        closes=format_moment(closes, "long"),
    )
