"""The live server of the coworking tests and benchmark: tests/liveserver.py, form limit lifted."""

from contextlib import contextmanager
from pathlib import Path

from tests.liveserver import Browser as _Browser
from tests.liveserver import free_port, live_server, server_env

__all__ = ["Browser", "free_port", "gunicorn", "visitor_books"]


class Browser(_Browser):
    """One visitor: its own cookies (session, CSRF), no redirect following."""

    def csrf(self, path: str) -> str:
        return self.csrf_token(path)


@contextmanager
def gunicorn(database_url: str, instance: Path, *, workers: int = 4, **env: str):
    """Serve the app on 127.0.0.1:<free port> with gunicorn; yields the base URL.

    The public form's rate limit is lifted unless `env` sets COWORKING_BOOK_LIMIT: these tests
    send many bookings from one address on purpose.
    """
    settings = {"COWORKING_BOOK_LIMIT": "10000 per minute", "MAIL_SERVER": "", **env}
    with live_server(server_env(instance, database_url, **settings), workers=workers) as base:
        yield base


def visitor_books(browser: _Browser, day: str, slug: str = "cowork-central") -> int:
    """A visitor fills in and sends the booking form for 10:00-11:00; the answer's status."""
    form = {
        "csrf_token": browser.csrf_token(f"/coworking/{slug}/book"),
        "day": day,
        "start": "10:00",
        "duration": "60",
        "full_name": "Live Visitor",
        "phone": "+77021234567",
        "email": "live@example.kz",
        "institution": "Korkyt Ata University",
        "consent": "y",
    }
    return browser.request(f"/coworking/{slug}/book", form)[0]
