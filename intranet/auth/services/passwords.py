"""The rules for a new password: its length, and not one of the most common passwords."""

import gzip
from functools import cache
from pathlib import Path

from flask_babel import LazyString, ngettext
from flask_babel import lazy_gettext as _l

from intranet.errors import IntranetError

MIN_PASSWORD_LENGTH = 8
# Long passphrases are welcome (ASVS asks for at least 64 characters); a stated maximum is
# refused with a message, never cut short.
MAX_PASSWORD_LENGTH = 256
# The most common passwords, most common first; its origin and licence are in the .LICENSE file.
COMMON_PASSWORDS_FILE = Path(__file__).resolve().parent.parent / "common-passwords.txt.gz"


class PasswordRejected(IntranetError):
    """A new password that breaks a rule; the message says which."""


def _at_most(n: int) -> str:
    return str(
        ngettext(
            "The password must be at most %(num)d character long.",
            "The password must be at most %(num)d characters long.",
            n,
        )
    )


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list, lowercased, read once per process."""
    with gzip.open(COMMON_PASSWORDS_FILE, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines if line.strip())


def is_common(password: str) -> bool:
    """True for a password on the list, whatever its letter case."""
    return password.strip().lower() in common_passwords()


def check_new_password(password: str | None) -> None:
    """Raise PasswordRejected unless the password may be set."""
    password = password or ""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise PasswordRejected(
            _l("The password must be at least %(n)d characters long."),
            field="password",
            n=MIN_PASSWORD_LENGTH,
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        # Lazy: said in the language of whoever reads it (the command line speaks English).
        raise PasswordRejected(LazyString(_at_most, MAX_PASSWORD_LENGTH), field="password")
    if is_common(password):
        raise PasswordRejected(
            _l(
                "This password is one of the most common ones and is easy to guess. Choose another."
            ),
            field="password",
        )
