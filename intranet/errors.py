"""Domain errors, and error pages in the reader's language (JSON under /api/)."""

from flask import jsonify, make_response, render_template, request
from flask.globals import request_ctx
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError

from intranet.extensions import db
from intranet.rate_limits import RateLimitExceeded


class IntranetError(Exception):
    """A domain rule said no; the message is translatable and safe to show."""

    status_code = 400

    def __init__(self, message, *, field: str | None = None, **params):
        super().__init__(str(message))
        self.message = message
        self.params = params
        # The form field the message belongs next to, when the rule is about one field.
        self.field = field

    def __str__(self) -> str:
        return str(self.message) % self.params if self.params else str(self.message)


class PermissionDenied(IntranetError):
    """The acting user may not do this."""

    status_code = 403


class Conflict(IntranetError):
    """The thing asked for was just taken by someone else."""

    status_code = 409


ERROR_TITLES = {
    400: _l("The request could not be understood"),
    403: _l("You do not have access to this page"),
    404: _l("Page not found"),
    405: _l("This action is not allowed here"),
    409: _l("This was just taken"),
    413: _l("The data sent is too large"),
    429: _l("Too many attempts. Please wait a little and try again"),
    500: _l("Something went wrong on our side"),
    503: _l("The service is temporarily unavailable"),
}


def wants_json() -> bool:
    """JSON for the API, HTML for people."""
    return request.path.startswith("/api/")


def error_response(code: int, message: str | None = None):
    """Render an error in the reader's language, as HTML or JSON."""
    title = str(ERROR_TITLES.get(code, ERROR_TITLES[500]))
    if request_ctx.url_adapter is None:
        # The request was refused before routing (e.g. an untrusted Host): no page to build.
        return make_response(title, code, {"Content-Type": "text/plain; charset=utf-8"})
    if wants_json():
        return make_response(jsonify(error=message or title), code)
    body = render_template("errors/error.html", code=code, title=title, message=message)
    return make_response(body, code)


def register_error_handlers(app) -> None:
    """Route every HTTP error and unexpected exception to a readable page."""

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return error_response(
            400, _("The form has expired or was sent from elsewhere. Please try again.")
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        response = error_response(error.code if error.code in ERROR_TITLES else 400)
        if error.code == 405 and hasattr(error, "valid_methods") and error.valid_methods:
            response.headers["Allow"] = ", ".join(error.valid_methods)
        if isinstance(error, RateLimitExceeded):
            # The longest wait: the limit's window. (No X-RateLimit-* headers: each would cost
            # every limited POST more reads of the limiter's storage.)
            response.headers["Retry-After"] = str(error.item.get_expiry())
        return response

    @app.errorhandler(OperationalError)
    def database_down(error):
        db.session.rollback()
        app.logger.error("database unavailable: %s", error.__class__.__name__)
        return error_response(503)

    @app.errorhandler(InternalServerError)
    def server_error(error):
        db.session.rollback()
        return error_response(500)
