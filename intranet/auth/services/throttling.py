"""Password guessing per account: every attempt is counted before its password is checked."""

from flask import current_app

from intranet.extensions import limiter


def count_password_attempt(email: str) -> bool:
    """Count one attempt at this account's password; False when it is over the limit.

    One atomic increment in the limiter's storage (memory or Redis), made before the password
    is checked: twenty attempts sent at once get at most the limit's number of checks. Counting
    after the check (as a response hook would) lets concurrent attempts all pass the test first.
    """
    return count_hit("LOGIN_LIMIT_PER_ACCOUNT", "password-attempt", email)


def forget_password_attempts(email: str) -> None:
    """The right password was given: earlier mistakes no longer count against the account."""
    forget_hits("LOGIN_LIMIT_PER_ACCOUNT", "password-attempt", email)


def count_hit(limit_setting: str, kind: str, key: str) -> bool:
    """Count one use of something limited per key (e.g. reset mails per address); False past it."""
    return limiter.hit(current_app.config[limit_setting], kind, key)


def forget_hits(limit_setting: str, kind: str, key: str) -> None:
    """A right answer: earlier misses no longer count against the key."""
    limiter.forget(current_app.config[limit_setting], kind, key)
