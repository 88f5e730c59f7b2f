"""Data versions: a commit that wrote to a domain gives it a new version (the page cache's key).

SQLAlchemy session events, so no service has to remember: a flush or a bulk statement marks
the domains (the package of a model: events, coworking, libraries) it wrote; the real commit
(not a savepoint) bumps them where the versions live (intranet.version_store).
"""

import logging

from flask import current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from intranet.page_cache import KEYED_DOMAINS, VERSIONS, version_key, versions

log = logging.getLogger(__name__)


def domain_of(table_or_class) -> str | None:
    """The domain (package) a model belongs to."""
    module = getattr(table_or_class, "__module__", "")
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[0] == "intranet" else None


def _touched(session: Session) -> set[str]:
    return session.info.setdefault("page_cache_touched", set())


def mark_written(session: Session, model: type) -> None:
    """Core statements run on the session's connection pass by its events: mark their domain."""
    domain = domain_of(model)
    if domain:
        _touched(session).add(domain)


@event.listens_for(Session, "after_flush")
def _mark_flushed(session: Session, _context) -> None:
    """Remember the domains whose rows this flush wrote."""
    touched = _touched(session)
    for obj in (*session.new, *session.dirty, *session.deleted):
        domain = domain_of(type(obj))
        if domain:
            touched.add(domain)


@event.listens_for(Session, "do_orm_execute")
def _mark_statement(state) -> None:
    """Bulk INSERT/UPDATE/DELETE statements bypass the flush: mark their tables' domains."""
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    mapper = state.bind_mapper
    domain = domain_of(mapper.class_) if mapper is not None else _domain_of_table(table)
    if domain:
        _touched(state.session).add(domain)


def _domain_of_table(table) -> str | None:
    from intranet.models import Base

    for mapper in Base.registry.mappers:
        if table is not None and table in mapper.tables:
            return domain_of(mapper.class_)
    return None


@event.listens_for(Session, "after_commit")
def _bump_versions(session: Session) -> None:
    """A commit that wrote to a domain gives it a new version: its cached pages are left."""
    if session.in_nested_transaction():
        # A savepoint released: nothing is visible to other readers before the real commit,
        # and a page they render meanwhile must not be kept under the new version.
        return
    touched = session.info.pop("page_cache_touched", set()) & KEYED_DOMAINS
    if not touched or not has_app_context() or VERSIONS not in current_app.extensions:
        return
    try:
        versions().bump(version_key(domain) for domain in touched)
    except Exception:
        log.exception("page cache versions not bumped")
