"""What the admin pages read: accounts, the audit log, closed days, libraries and centres."""

from collections.abc import Collection, Sequence
from datetime import date, time, timedelta

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, or_, select
from sqlalchemy.orm import selectinload

from intranet.audit import AuditLog
from intranet.auth.models import Role, User
from intranet.clock import from_local
from intranet.coworking.models import CoworkingCentre
from intranet.extensions import db
from intranet.libraries.models import ClosedDay, Library, WorkingDay

PAGE_SIZE = 50


def accounts(role: str, text: str, *, roles: Collection[Role]) -> Sequence[User]:
    """Accounts of these roles, active first, of one role (or any) whose email or name has text."""
    query = select(User).options(selectinload(User.library), selectinload(User.centres))
    query = query.where(User.role.in_([str(r) for r in roles]))
    if role in set(Role):
        query = query.where(User.role == role)
    if text:
        like = f"%{text.lower()}%"
        query = query.where(or_(User.email.like(like), User.full_name.ilike(f"%{text}%")))
    return db.session.scalars(query.order_by(User.is_active.desc(), User.email)).all()


def staff_accounts() -> Sequence[User]:
    """Every account, by name, for the audit log's "who" list."""
    return db.session.scalars(select(User).order_by(User.full_name, User.email)).all()


def audit_page(
    page: int,
    *,
    action: str = "",
    actor_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
    outcome: str = "",
) -> Pagination:
    """One page of the audit log, newest first, by action, person, local days and outcome."""
    query: Select[tuple[AuditLog]] = select(AuditLog)
    if action:
        query = query.where(AuditLog.action == action)
    if actor_id is not None:
        query = query.where(AuditLog.actor_id == actor_id)
    if since:
        query = query.where(AuditLog.created_dt >= from_local(since, time.min))
    if until:
        query = query.where(AuditLog.created_dt < from_local(until + timedelta(days=1), time.min))
    if outcome:
        query = query.where(AuditLog.outcome == outcome)
    return db.paginate(
        query.order_by(AuditLog.id.desc()), page=page, per_page=PAGE_SIZE, error_out=False
    )


def closed_days_from(first: date) -> Sequence[ClosedDay]:
    """The closed days from this date on, with their libraries."""
    return db.session.scalars(
        select(ClosedDay)
        .options(selectinload(ClosedDay.library))
        .where(ClosedDay.day >= first)
        .order_by(ClosedDay.day)
    ).all()


def libraries_in_order() -> Sequence[Library]:
    """Every library in the reference order."""
    return db.session.scalars(select(Library).order_by(Library.position)).all()


def working_days_from(first: date) -> Sequence[WorkingDay]:
    """Moved working days from this day on, with their libraries."""
    return db.session.scalars(
        select(WorkingDay)
        .options(selectinload(WorkingDay.library))
        .where(WorkingDay.day >= first)
        .order_by(WorkingDay.day, WorkingDay.library_id.nulls_first())
    ).all()


def library_by_slug(slug: str | None) -> Library | None:
    """The library with this slug; None for no slug (all libraries) or an unknown one."""
    if not slug:
        return None
    return db.session.scalar(select(Library).where(Library.slug == slug))


def centres_in_order() -> Sequence[CoworkingCentre]:
    """Every coworking centre, in the order of its library."""
    return db.session.scalars(
        select(CoworkingCentre).join(CoworkingCentre.library).order_by(Library.position)
    ).all()
