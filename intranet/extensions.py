"""Flask extensions, created unbound and initialised in create_app()."""

from typing import TYPE_CHECKING

from flask import current_app, request, session
from flask_babel import Babel
from flask_login import LoginManager as _LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from intranet.models import Base
from intranet.rate_limits import RateLimiter

db = SQLAlchemy(model_class=Base)
# The base class of every model. mypy cannot see through `db.Model` (built at run time), so it
# is shown the declarative Base that `db.Model` extends; at run time it is `db.Model` itself.
if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model
migrate = Migrate(render_as_batch=True, compare_type=True)


class LoginManager(_LoginManager):
    """Flask-Login, with no work for a visitor whose session names no one."""

    def _load_user(self):
        remember = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
        if "_user_id" not in session and remember not in request.cookies:
            # Nobody to load: skip the session-protection hash of the address and user agent
            # (and its write of "_fresh" into a language-only session) on every public request.
            return self._update_request_context_with_user()
        return super()._load_user()


login_manager = LoginManager()
babel = Babel()
csrf = CSRFProtect()
# Limits are declared on the views (limiter.limit, on their POSTs); storage comes from
# RATELIMIT_STORAGE_URI, where local:// is intranet.rate_limits' own.
limiter = RateLimiter()
