"""The coarse permission gate for views; fine checks live on the models."""

from functools import wraps

from flask import abort, request
from flask_login import current_user, login_required

from intranet.audit import record_audit
from intranet.extensions import db


def deny(target: str = "") -> None:
    """Record a refused authorization and answer 403."""
    if current_user.is_authenticated:
        record_audit("access.denied", actor=current_user, target=target, outcome="denied")
        db.session.commit()
    abort(403)


def role_required(*roles: str):
    """Let only signed-in staff whose role is one of `roles` through."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(*args, **kwargs):
            if not current_user.has_role(*roles):
                deny(request.path)
            return view(*args, **kwargs)

        return wrapper

    return decorator
