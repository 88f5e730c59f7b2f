"""The transactional outbox: a message is a row written with the change, sent by the worker.

`enqueue` only writes a row in the session's transaction (the caller's unit of work commits
it with the change, or rolls both back). `deliver_due` runs in the worker and commits after
each claim and each send: a claim must be visible to other workers before the slow SMTP
call, and a sent message must be marked before the next one is tried.
"""

import logging
import random
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from flask import current_app, has_request_context, render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, CursorResult, Table, and_, insert, or_, select, update

from intranet.audit import record_audit
from intranet.auth.models import User
from intranet.errors import Conflict
from intranet.extensions import db
from intranet.mail import MailError, deliver, new_message_id
from intranet.models import utc_now
from intranet.notifications.models import OutboxMessage, OutboxStatus
from intranet.page_versions import mark_written

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=6)
# A claim lasts longer than one SMTP conversation; a worker killed mid-send loses it then.
CLAIM = timedelta(minutes=5)
BATCH = 50
_INSERT_MESSAGE = insert(cast(Table, OutboxMessage.__table__)).returning(
    OutboxMessage.__table__.c.id
)


def _one_line(text: str) -> str:
    """A subject on one line: line breaks in a name or a reason never reach the headers."""
    return " ".join(text.split())


def enqueue(
    *,
    kind: str,
    recipient: str,
    language: str,
    subject: object,
    template: str,
    context: Mapping[str, object],
) -> int:
    """Render the message in the recipient's language now; write it with the caller's change.

    Returns the message's id.
    """
    with _in_language(language):
        subject_text = str(subject)
        body = render_template(template, **context)
    return _insert(_row(kind, recipient, language, subject_text, {"body_text": body}))


def enqueue_later(
    *,
    kind: str,
    recipient: str,
    language: str,
    subject: object,
    template: str,
    about: tuple[str, int],
) -> int:
    """Write a message with the caller's change; the worker renders its body when it sends it.

    `about` names a source registered with `written_when_sent` and the id it reads: the
    template is rendered with what the source returns for it then. For the hottest writes
    (a booking): the template costs the request more than the rest of its email.
    Returns the message's id.
    """
    source, number = about
    row = message_row_later(
        kind=kind,
        recipient=recipient,
        language=language,
        subject=subject,
        template=template,
        source=source,
    )
    return enqueue_row(row, number)


def enqueue_row(row: Mapping[str, object], number: int) -> int:
    """Write a row made by message_row_later, about `number`, with the caller's change."""
    return _insert({**row, "about": f"{row['about']}{number}"})


def message_row_later(
    *, kind: str, recipient: str, language: str, subject: object, template: str, source: str
) -> dict[str, object]:
    """The outbox row enqueue_later writes, its `about` ending before the id ("booking:").

    For a write that inserts the message itself, in the statement that gives the id of what
    the message is about (a new booking); it appends the id and calls `mark_written`.
    """
    if source not in _SOURCES:
        raise ValueError(f"no source {source!r} for messages written when sent")
    # A str is already in the recipient's language (see translated).
    subject_text = subject if isinstance(subject, str) else translated(subject, language)
    return _row(
        kind, recipient, language, subject_text, {"template": template, "about": f"{source}:"}
    )


# name -> what a message's template is rendered with, read by id when the worker sends it;
# None when what it was about is gone (the message is then discarded, not sent).
Source = Callable[[int], Mapping[str, object] | None]
_SOURCES: dict[str, Source] = {}


def written_when_sent(name: str) -> Callable[[Source], Source]:
    """Register a source of the context of messages enqueued with enqueue_later."""

    def register(source: Source) -> Source:
        _SOURCES[name] = source
        return source

    return register


def translated(text: object, language: str) -> str:
    """A lazy translatable text (lazy_gettext) in `language`."""
    with _in_language(language):
        return str(text)


def _in_language(language: str) -> AbstractContextManager[object]:
    """The recipient's language, with a request context where there is none (worker, cron)."""
    stack = ExitStack()
    if not has_request_context():
        # The shared template globals need a request.
        stack.enter_context(
            current_app.test_request_context(base_url=current_app.config["BASE_URL"])
        )
    stack.enter_context(force_locale(language))
    return stack


def _row(
    kind: str, recipient: str, language: str, subject: str, body: Mapping[str, object]
) -> dict[str, object]:
    """Every column of a new message; `body` sets its body_text, or its template and about."""
    now = utc_now()
    return {
        "message_id": new_message_id(),
        "kind": kind,
        "recipient": recipient.strip(),
        "language": language,
        "subject": _one_line(subject)[:500],
        "body_text": None,
        "template": None,
        "about": None,
        **body,
        "status": OutboxStatus.PENDING,
        "attempts": 0,
        "next_attempt_dt": now,
        "created_dt": now,
    }


def _insert(row: Mapping[str, object]) -> int:
    """One Core INSERT on the session's connection, now, with the caller's change.

    The ORM's unit of work would cost more than the statement (a booking's email is on the
    booking POST's path).
    """
    session = db.session()
    message_id: int = session.connection().scalar(_INSERT_MESSAGE, row)
    mark_written(session, OutboxMessage)
    return message_id


def _render_later(message: OutboxMessage) -> str | None:
    """The body of a message written when sent, from its source as it is now (None: gone)."""
    source, _, number = (message.about or "").partition(":")
    context = _SOURCES[source](int(number))
    if context is None:
        return None
    with _in_language(message.language):
        return render_template(message.template or "", **context)


def backoff(attempts: int) -> timedelta:
    """The wait before try number `attempts + 1`: doubling from a minute, with jitter."""
    base: timedelta = min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_RETRY)
    # Jitter: messages that failed together (the server was down) do not return together.
    jitter = random.uniform(0.5, 1.5)  # noqa: S311 (spreading retries, not secrecy)
    return base * jitter


def _due(now: datetime) -> ColumnElement[bool]:
    """Pending and due, or claimed by a worker whose claim has run out (killed mid-send)."""
    return or_(
        and_(OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.next_attempt_dt <= now),
        and_(OutboxMessage.status == OutboxStatus.SENDING, OutboxMessage.claimed_until < now),
    )


def _claim(now: datetime, worker_id: str, limit: int) -> list[int]:
    """Claim up to `limit` due messages for this worker and commit the claim.

    PostgreSQL: the candidates are locked with SKIP LOCKED, so two workers pick different rows.
    Everywhere: each row is taken by a conditional UPDATE that succeeds for one worker only.
    """
    candidates = select(OutboxMessage.id).where(_due(now)).order_by(OutboxMessage.id).limit(limit)
    if db.session.get_bind().dialect.name == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True)
    claimed = []
    for message_id in db.session.scalars(candidates).all():
        result: CursorResult[object] = db.session.execute(  # type: ignore[assignment]
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id, _due(now))
            .values(
                status=OutboxStatus.SENDING,
                claimed_until=now + CLAIM,
                claimed_by=worker_id,
                attempts=OutboxMessage.attempts + 1,
            )
            .execution_options(synchronize_session=False)
        )
        if result.rowcount == 1:
            claimed.append(message_id)
    db.session.commit()
    return claimed


@dataclass
class Delivery:
    """What one round of the worker did."""

    sent: int = 0
    retried: int = 0
    failed: int = 0


def _give_up(message: OutboxMessage, status: str, why: str, delivery: Delivery) -> None:
    """A message that cannot be written: never sent, and never tried again by itself.

    `why` is a code, as the other errors kept with a message (the outbox page shows it as is).
    """
    message.status = status
    message.claimed_until = None
    message.last_error = why
    if status == OutboxStatus.FAILED:
        delivery.failed += 1
    db.session.commit()


def _send(message: OutboxMessage, delivery: Delivery, now: datetime) -> None:
    """Send one claimed message and record what became of it."""
    if message.body_text is None:
        # Written once, when first sent: a retry sends the same text.
        try:
            message.body_text = _render_later(message)
        except Exception:
            # A template that fails fails again: not tried every few minutes for ever.
            log.exception("outbox message %s could not be written", message.id)
            _give_up(message, OutboxStatus.FAILED, "TemplateError", delivery)
            return
        if message.body_text is None:
            # What it was about is gone (a booking anonymised meanwhile): nothing to tell.
            _give_up(message, OutboxStatus.DISCARDED, "SourceGone", delivery)
            return
    try:
        deliver(message.recipient, message.subject, message.body_text, message.message_id)
    except MailError as error:
        message.last_error = error.reason[:200]
        message.claimed_until = None
        if error.permanent or message.attempts >= MAX_ATTEMPTS:
            message.status = OutboxStatus.FAILED
            delivery.failed += 1
        else:
            message.status = OutboxStatus.PENDING
            message.next_attempt_dt = now + backoff(message.attempts)
            delivery.retried += 1
    else:
        message.status = OutboxStatus.SENT
        message.sent_dt = utc_now()
        message.claimed_until = None
        message.last_error = None
        delivery.sent += 1
    db.session.commit()


def deliver_due(now: datetime | None = None, *, worker_id: str, limit: int = BATCH) -> Delivery:
    """Send every message due at `now`, batch by batch, each at most once per claim."""
    delivery = Delivery()
    while True:
        clock = now or utc_now()
        claimed = _claim(clock, worker_id, limit)
        if not claimed:
            return delivery
        for message_id in claimed:
            message = db.session.get(OutboxMessage, message_id)
            if message is not None:
                _send(message, delivery, clock)


def _decide(message: OutboxMessage, action: str, *, actor: User, **values: object) -> None:
    """Move a pending or failed message on behalf of an admin; audited; a race is a Conflict."""
    result: CursorResult[object] = db.session.execute(  # type: ignore[assignment]
        update(OutboxMessage)
        .where(
            OutboxMessage.id == message.id,
            OutboxMessage.status.in_((OutboxStatus.PENDING, OutboxStatus.FAILED)),
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # the worker sent it, or another admin acted, meanwhile
        raise Conflict(_l("This message has changed meanwhile; look at the list again."))
    db.session.expire(message)
    record_audit(f"outbox.{action}", actor=actor, target=f"outbox:{message.id}")
    db.session.flush()


def retry_message(message: OutboxMessage, *, actor: User) -> None:
    """Send a failed or waiting message at the worker's next round, with a fresh count of tries."""
    _decide(
        message,
        "retry",
        actor=actor,
        status=OutboxStatus.PENDING,
        attempts=0,
        next_attempt_dt=utc_now(),
        claimed_until=None,
    )


def discard_message(message: OutboxMessage, *, actor: User) -> None:
    """Never send this message (a wrong address, news no longer true)."""
    _decide(message, "discard", actor=actor, status=OutboxStatus.DISCARDED, claimed_until=None)
