"""Log lines without secrets: booking tokens and the values in database errors are cut out."""

import logging
import re

from gunicorn.glogging import Logger

# /booking/<token>, /booking/<token>/cancel, /booking/<token>.ics: the token is the only key
# to a visitor's booking, and appears in request lines, Referer headers and error messages.
_BOOKING_TOKEN = re.compile(r"(/booking/)[^/?#\s\"'.]+")
# PostgreSQL explains a refused row by its values ("DETAIL:  Failing row contains (..., <token>,
# <phone>, ...)", "Key (token)=(...) already exists"); hide_parameters cannot hide those.
_DATABASE_DETAIL = re.compile(r"^(\s*DETAIL:).*$", re.MULTILINE)
REDACTED = "[redacted]"


def redact(text: str) -> str:
    """The text with every secret it holds replaced by [redacted]."""
    text = _BOOKING_TOKEN.sub(rf"\g<1>{REDACTED}", text)
    return _DATABASE_DETAIL.sub(rf"\g<1> {REDACTED}", text)


class RedactSecrets(logging.Filter):
    """Rewrite a record's message (and its traceback) without secrets before any handler."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def add_filter(log: logging.Logger | logging.Handler) -> None:
    """Attach RedactSecrets once, however often the app or gunicorn is set up again."""
    if not any(isinstance(existing, RedactSecrets) for existing in log.filters):
        log.addFilter(RedactSecrets())


class GunicornLogger(Logger):
    """gunicorn's logger whose access and error logs never carry a secret (gunicorn.conf.py)."""

    def setup(self, cfg) -> None:
        super().setup(cfg)
        add_filter(self.access_log)
        add_filter(self.error_log)


def init_app(app) -> None:
    """Keep secrets out of the app's log (log_exception names the path) and `flask run`'s."""
    from flask.logging import default_handler

    add_filter(app.logger)
    add_filter(default_handler)  # also what intranet.* child loggers write through
    add_filter(logging.getLogger("werkzeug"))
