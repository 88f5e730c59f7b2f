"""The coarse permission gate for views; the permissions themselves live on the models."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, request
from flask_login import current_user, login_required

from intranet.audit import record_audit
from intranet.auth.models import User
from intranet.extensions import db


def deny(target: str = "") -> None:
    """Record a refused authorization and answer 403.

    The audit entry is committed on purpose although the request fails: a refusal that left
    no trace would hide probing (see intranet/unit_of_work.py).
    """
    if current_user.is_authenticated:
        record_audit("access.denied", actor=current_user, target=target, outcome="denied")
        db.session.commit()
    abort(403)


def permission_required(allowed: Callable[[User], bool]) -> Callable:
    """Let only signed-in staff for whom `allowed(user)` holds, e.g. User.can_plan_events."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if not allowed(current_user):
                deny(request.path)
            return view(*args, **kwargs)

        return wrapper

    return decorator
