"""What every staff page may use about notifications: the bell's count.

The factory calls `init_app` explicitly (templates/partials/bell.html shows the count).
"""

from flask import Flask
from flask_login import current_user

from intranet.notifications.queries import unread_count


def unread_notices() -> int:
    """The signed-in person's unread notices (one query, made by the bell once per page)."""
    return unread_count(current_user) if current_user.is_authenticated else 0


def init_app(app: Flask) -> None:
    """Template globals of the notifications pages."""
    app.jinja_env.globals["unread_notices"] = unread_notices
