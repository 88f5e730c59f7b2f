"""One unit of work per request: commit what a service changed, or roll back and say why.

Services flush (inside a savepoint where a database refusal is expected) and never commit or
roll back the session; a view hands its one service call to `commit_or_show`. The few other
commits are deliberate, and each is named where it happens:
- `intranet/__init__.py` `remember_language`: a signed-in person's language choice is kept
  even on a page that changes nothing else;
- `auth.permissions.deny`: a refused access is written to the audit log although the request
  then fails with 403;
- `auth.sessions.start_session`: the sign-in's session row, after the view committed the sign-in;
- `auth.services.user_sessions.load_signed_in_user`: a session's "last seen", at most every five
  minutes, as the request starts and before it changes anything;
- `coworking.views.common.lazy_sweep`: expiries and no-shows are applied before a page reads
  the day's seats, in their own transaction so that a failing booking cannot undo them;
- `notifications.services.outbox.deliver_due` (the worker only): a claim is committed before
  the slow SMTP call, and each message's outcome right after it.
One service rolls back: `coworking.services.create_booking`, the hottest write, undoes an
attempt that lost a race with the whole transaction instead of a savepoint (two statements
fewer), so it must be the first change of its transaction. On PostgreSQL its view goes
further (`connections.each_statement_commits`): its write is one statement, which needs no
transaction around it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from flask import flash
from flask_wtf import FlaskForm
from wtforms import Field, FieldList, FormField

from intranet.errors import Conflict, IntranetError
from intranet.extensions import db

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What became of a unit of work: its value, or the rule that said no."""

    value: T | None = None
    error: IntranetError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def status(self) -> int:
        """The HTTP status a page showing this outcome answers with."""
        return self.error.status_code if self.error is not None else 200


def commit_or_show(
    action: Callable[[], T], *, form: FlaskForm | None = None, field: Field | None = None
) -> Outcome[T]:
    """Run one service call and commit it; on a domain error roll back and show the message.

    The message goes next to the form field the error names (`IntranetError.field`), else
    next to `field`, else into a flashed alert.
    """
    try:
        value = action()
    except IntranetError as error:
        db.session.rollback()
        show_error(error, form=form, field=field)
        return Outcome(error=error)
    db.session.commit()
    return Outcome(value=value)


def _named(form: FlaskForm, name: str) -> Field | None:
    """The form's field of this name, also one in a row of a table (`seats-2-label`)."""
    todo: list[Field] = list(form)
    while todo:
        field = todo.pop()
        if field.name == name:
            return field
        if isinstance(field, FieldList | FormField):
            todo.extend(field)
    return None


def show_error(
    error: IntranetError, *, form: FlaskForm | None = None, field: Field | None = None
) -> None:
    """Put a domain error where the person looks: by its field, or at the top of the page."""
    if form is not None and error.field:
        field = _named(form, error.field) or field
    if field is not None:
        field.errors = [*field.errors, str(error)]
    else:
        # Someone else got there first: a warning about the situation, not a mistake of yours.
        flash(str(error), "warning" if isinstance(error, Conflict) else "danger")
