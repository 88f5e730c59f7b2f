"""Which library a report page is about, within what the reader may see."""

import re

from flask import abort, request
from flask_login import current_user
from sqlalchemy import select

from intranet.auth.permissions import deny
from intranet.clock import year_in_range
from intranet.extensions import db
from intranet.libraries.models import Library

SLUG = re.compile(r"[a-z0-9-]{1,40}")


def find_library(slug: str) -> Library:
    """The library of this slug, or 404 (also for text no slug can be, such as NUL bytes)."""
    if not SLUG.fullmatch(slug):
        abort(404)
    return db.session.scalar(select(Library).where(Library.slug == slug)) or abort(404)


def scope_library() -> Library | None:
    """?library=slug (or "all" for central staff); 404 unknown, 403 outside the reader's scope."""
    slug = request.args.get("library", "")
    if not slug:
        return None if current_user.is_central else current_user.library
    if slug == "all":
        if not current_user.is_central:
            deny(request.full_path)
        return None
    library = find_library(slug)
    if not current_user.can_act_for_library(library):
        deny(request.full_path)
    return library


def month_library(slug: str, year: int, month: int) -> Library:
    """The library of a month page: 404 for an unknown one or an impossible month, else 403."""
    library = find_library(slug)
    if not current_user.can_act_for_library(library):
        deny(request.path)
    if not 1 <= month <= 12 or not year_in_range(year):
        abort(404)
    return library
