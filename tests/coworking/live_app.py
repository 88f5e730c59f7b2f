"""The app as gunicorn serves it in the live tests and the benchmark (config from LIVE_* env)."""

import os

from intranet import create_app


def create():
    """gunicorn 'tests.coworking.live_app:create()'."""
    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": os.environ["LIVE_DATABASE_URL"],
            "RATELIMIT_STORAGE_URI": os.environ.get("LIVE_RATELIMIT_STORAGE", "memory://"),
            "RATELIMIT_KEY_PREFIX": os.environ.get("LIVE_RATELIMIT_PREFIX", "live"),
            "COWORKING_BOOK_LIMIT": os.environ.get("LIVE_BOOK_LIMIT", "10000 per minute"),
            "MAIL_SERVER": "",
        }
    )
