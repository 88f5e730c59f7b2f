"""Telling staff: one email (through the outbox) and one notice (the bell) per person, written
with the change, in each person's saved language, unless that person switched the kind off."""

from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from flask import current_app, has_request_context, url_for
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from intranet.auth.models import User
from intranet.errors import IntranetError
from intranet.extensions import db
from intranet.models import utc_now
from intranet.notifications.models import (
    DIGEST_CHOICES,
    Notice,
    NotificationPreference,
    TimerMark,
)
from intranet.notifications.services.outbox import enqueue
from intranet.urls import external_url_for


class Kind(StrEnum):
    """Every kind of staff notification; the value is the outbox kind and the template name."""

    NEW_REQUEST = "coworking.new_request"
    REQUEST_EXPIRING = "coworking.request_expiring"
    EVENT_APPROVED = "events.approved"
    EVENT_RETURNED = "events.returned"
    EVENT_CANCELLED = "events.cancelled"
    MONTH_DUE = "reports.month_due"
    MONTH_RETURNED = "reports.month_returned"
    MONTH_ACCEPTED = "reports.month_accepted"
    QUEUE_DIGEST = "events.queue_digest"
    MONTH_SUBMITTED = "reports.month_submitted"


KIND_LABELS = {
    Kind.NEW_REQUEST: _l("A new coworking request"),
    Kind.REQUEST_EXPIRING: _l("A request about to expire without a decision"),
    Kind.EVENT_APPROVED: _l("Our event was approved"),
    Kind.EVENT_RETURNED: _l("Our event was returned for changes"),
    Kind.EVENT_CANCELLED: _l("Our event was cancelled by central staff"),
    Kind.MONTH_DUE: _l("The monthly report is due (on the 1st and the 5th)"),
    Kind.MONTH_RETURNED: _l("Our monthly report was returned"),
    Kind.MONTH_ACCEPTED: _l("Our monthly report was accepted"),
    Kind.QUEUE_DIGEST: _l("Every morning: the events waiting for approval"),
    Kind.MONTH_SUBMITTED: _l("A library submitted its monthly report"),
}


def kinds_for(user: User) -> list[Kind]:
    """The kinds this person can receive: by the desk they work at."""
    if user.can_approve_events():
        return [Kind.QUEUE_DIGEST, Kind.MONTH_SUBMITTED]
    if user.can_use_coworking_desk():
        return [Kind.NEW_REQUEST, Kind.REQUEST_EXPIRING]
    if user.can_plan_events():
        return [
            Kind.EVENT_APPROVED,
            Kind.EVENT_RETURNED,
            Kind.EVENT_CANCELLED,
            Kind.MONTH_DUE,
            Kind.MONTH_RETURNED,
            Kind.MONTH_ACCEPTED,
        ]
    return []


def preferences(user_ids: Iterable[int], kind: Kind) -> dict[int, NotificationPreference]:
    """The saved switches for one kind, by person (a person without a row has it on)."""
    ids = list(user_ids)
    if not ids:
        return {}
    rows = db.session.scalars(
        select(NotificationPreference).where(
            NotificationPreference.user_id.in_(ids), NotificationPreference.kind == kind
        )
    )
    return {row.user_id: row for row in rows}


@dataclass(frozen=True)
class Choice:
    """One kind's switch as the person sets it on "my notifications"."""

    kind: Kind
    is_on: bool
    digest_minutes: int = 0


def save_preferences(user: User, choices: Iterable[Choice]) -> None:
    """Store the person's switches, one row per kind (the unique key keeps it one)."""
    allowed = set(kinds_for(user))
    rows = {
        row.kind: row
        for row in db.session.scalars(
            select(NotificationPreference).where(NotificationPreference.user_id == user.id)
        )
    }
    for choice in choices:
        if choice.kind not in allowed:
            continue
        if choice.digest_minutes not in DIGEST_CHOICES:
            raise IntranetError(_l("Choose one of the offered intervals."), field="digest")
        row = rows.get(choice.kind)
        if row is None:
            row = NotificationPreference(user_id=user.id, kind=str(choice.kind))
            db.session.add(row)
        row.is_on = choice.is_on
        row.digest_minutes = choice.digest_minutes
    db.session.flush()


# Text made in the recipient's language: called under that language, so titles follow it too.
Text = Callable[[], str]


@dataclass(frozen=True)
class News:
    """One happening to tell people about."""

    kind: Kind
    subject: Text
    notice: Text
    endpoint: str
    values: Mapping[str, Any] = field(default_factory=dict)
    context: Mapping[str, object] = field(default_factory=dict)


def _rendering() -> AbstractContextManager[object]:
    """Templates and url_for need a request; the worker has none."""
    request: AbstractContextManager[object] = (
        nullcontext()
        if has_request_context()
        else current_app.test_request_context(base_url=current_app.config["BASE_URL"])
    )
    return request


def tell(users: Iterable[User], news: News, *, email: bool = True, skip: User | None = None) -> int:
    """Write the email and the notice for each person who has this kind on; how many were told.

    `email=False` writes only the notice (a coordinator who chose a digest gets the email later);
    `skip` is the person who caused the news (nobody is told of what they just did).
    """
    people = [u for u in users if u.is_active and (skip is None or u.id != skip.id)]
    saved = preferences((u.id for u in people), news.kind)
    told = 0
    for user in people:
        preference = saved.get(user.id)
        if preference is not None and not preference.is_on:
            continue
        wants_email = email and (preference is None or preference.digest_minutes == 0)
        with _rendering(), force_locale(user.language):
            link = url_for(news.endpoint, **news.values)
            db.session.add(
                Notice(user_id=user.id, kind=str(news.kind), text=news.notice()[:500], link=link)
            )
            if wants_email:
                enqueue(
                    kind=str(news.kind),
                    recipient=user.email,
                    language=user.language,
                    subject=news.subject(),
                    template=f"notifications/email/{news.kind}.txt",
                    context={
                        **news.context,
                        "user": user,
                        "link": external_url_for(news.endpoint, **news.values),
                    },
                )
        told += 1
    db.session.flush()
    return told


def once(key: str) -> bool:
    """Mark a timer's piece of work as done; False if it was done already (by anyone).

    The insert sits in a savepoint: on PostgreSQL a second worker waits for the first to
    commit, then the unique key refuses it, and only the mark is undone.
    """
    key = key[:200]
    # Most rounds find the mark already there: a read, not a refused insert, each minute.
    if db.session.scalar(select(TimerMark.id).where(TimerMark.key == key)) is not None:
        return False
    try:
        with db.session.begin_nested():
            db.session.add(TimerMark(key=key))
            db.session.flush()
    except IntegrityError:
        return False
    return True


def mark_read(user: User, notice_ids: Iterable[int]) -> None:
    """The notices the person has just seen on the page are read now."""
    ids = list(notice_ids)
    if not ids:
        return
    db.session.execute(
        update(Notice)
        .where(Notice.user_id == user.id, Notice.id.in_(ids), Notice.read_dt.is_(None))
        .values(read_dt=utc_now())
        .execution_options(synchronize_session=False)
    )
