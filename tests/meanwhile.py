"""Another member of staff acting, for real, while a test holds an object it read earlier."""

import threading

from intranet.extensions import db


def meanwhile(app, step) -> None:
    """Run `step` and commit, in another thread with its own app context and connection.

    The test's own session keeps what it read before (the page a user is looking at), so the
    test's next write is a write on a state that someone else has just changed.
    """
    errors = []

    def run():
        try:
            with app.app_context():
                step()
                db.session.commit()
        except Exception as error:  # noqa: BLE001 - raised again in the test's thread
            errors.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]


def in_english(app):
    """An app context for a test that reads the messages it is given, in English."""
    return app.test_request_context("/", headers={"Accept-Language": "en"})
