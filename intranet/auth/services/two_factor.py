"""The second sign-in step: a code from an authenticator app (TOTP), or a one-time recovery code."""

import hashlib
import hmac
import secrets
import time

import pyotp
from flask_babel import lazy_gettext as _l
from sqlalchemy import CursorResult, delete, or_, update

from intranet.audit import record_audit
from intranet.auth.models import RecoveryCode, User
from intranet.auth.services.sign_in import TooManyAttempts
from intranet.auth.services.throttling import count_hit, forget_hits
from intranet.errors import IntranetError, PermissionDenied
from intranet.extensions import db
from intranet.models import utc_now

RECOVERY_CODES = 10
ISSUER = "Kyzylorda libraries"
STEP_SECONDS = 30
# The phone's clock may be a step behind or ahead of the server's.
STEPS_ACCEPTED = (-1, 0, 1)


class WrongCode(IntranetError):
    """A code that is not the app's current one, was used already, or is not a recovery code."""


WRONG_CODE = _l(
    "This code is not correct or has been used already. Type the code your app shows now "
    "(a new one comes every 30 seconds), or one of your recovery codes."
)


def new_secret() -> str:
    """A secret for a new enrolment (160 bits, base32), kept in the session until confirmed."""
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str) -> str:
    """What the QR code holds: the app adds the account under the intranet's name."""
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def _digits(code: str | None) -> str:
    return "".join((code or "").split())


def _matching_step(secret: str, code: str) -> int | None:
    """The time step whose code this is, within one step of now."""
    if not (len(code) == 6 and code.isdecimal()):
        return None
    totp = pyotp.TOTP(secret)
    now = int(time.time()) // STEP_SECONDS
    for offset in STEPS_ACCEPTED:
        if hmac.compare_digest(totp.generate_otp(now + offset), code):
            return now + offset
    return None


def _code_digest(code: str) -> str:
    normalized = "".join(ch for ch in code.lower() if ch.isalnum())
    return hashlib.sha256(normalized.encode()).hexdigest()


def _new_recovery_codes(user: User) -> list[str]:
    """Ten fresh codes (80 bits each, «abcd-efgh-ijkl-mnop»); the old ones stop working."""
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread
    codes = []
    for _n in range(RECOVERY_CODES):
        raw = "".join(secrets.choice(alphabet) for _ in range(16))
        codes.append("-".join(raw[i : i + 4] for i in range(0, 16, 4)))
    db.session.add_all(RecoveryCode(user_id=user.id, code_hash=_code_digest(c)) for c in codes)
    return codes


def confirm_enrolment(user: User, secret: str, code: str, *, signing_in: bool = False) -> list[str]:
    """Turn the second step on once the app shows a right code; returns the recovery codes."""
    step = _matching_step(secret, _digits(code))
    if step is None:
        raise WrongCode(
            _l("This code is not the one your app shows. Check the phone's time and try again."),
            field="code",
        )
    user.totp_secret, user.totp_enabled_dt, user.totp_last_step = secret, utc_now(), step
    codes = _new_recovery_codes(user)
    record_audit("two_factor.enable", actor=user, target=user.email)
    if signing_in:  # an admin's enrolment right after the password ends the sign-in
        record_audit("login.success", actor=user, target=user.email)
    db.session.flush()
    return codes


def _use_step(user: User, step: int) -> bool:
    """Record the step as used; a conditional UPDATE, so a code replayed (or raced) fails."""
    result: CursorResult[object] = db.session.execute(  # type: ignore[assignment]
        update(User)
        .where(
            User.id == user.id,
            or_(User.totp_last_step.is_(None), User.totp_last_step < step),
        )
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def _use_recovery_code(user: User, code: str) -> bool:
    result: CursorResult[object] = db.session.execute(  # type: ignore[assignment]
        update(RecoveryCode)
        .where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == _code_digest(code),
            RecoveryCode.used_dt.is_(None),
        )
        .values(used_dt=utc_now())
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def verify_code(user: User, code: str) -> bool:
    """True for the app's current code or an unused recovery code, each accepted once.

    Every attempt is counted per account before the code is checked (TOTP_LIMIT_PER_ACCOUNT,
    shared by the workers through the limiter's storage): a million codes cannot be tried.
    A wrong code is audited and answers False (the caller commits, so the entry stays).
    """
    key = str(user.id)
    if not count_hit("TOTP_LIMIT_PER_ACCOUNT", "totp-attempt", key):
        raise TooManyAttempts(_l("Too many attempts. Please wait a little and try again"))
    code = (code or "").strip()
    step = _matching_step(user.totp_secret, _digits(code)) if user.totp_secret else None
    if step is not None:
        accepted = _use_step(user, step)
    else:
        accepted = user.uses_two_factor and len(code) <= 40 and _use_recovery_code(user, code)
        if accepted:
            record_audit("two_factor.recovery_code", actor=user, target=user.email)
    if not accepted:
        record_audit("two_factor.failure", actor=user, target=user.email, outcome="failed")
        return False
    forget_hits("TOTP_LIMIT_PER_ACCOUNT", "totp-attempt", key)
    record_audit("login.success", actor=user, target=user.email)
    db.session.flush()
    return True


def _clear(user: User) -> None:
    user.totp_secret = user.totp_enabled_dt = user.totp_last_step = None
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))


def turn_off(user: User, code: str) -> None:
    """Someone for whom the second step is optional turns it off, with a code to prove it."""
    if not user.can_turn_off_two_factor():
        raise PermissionDenied(_l("Administrators must sign in with a code."))
    if not verify_code(user, code):
        raise WrongCode(WRONG_CODE, field="code")
    _clear(user)
    record_audit("two_factor.disable", actor=user, target=user.email)
    db.session.flush()


def reset_two_factor(user: User, *, actor: User) -> None:
    """An administrator clears someone's second step (a lost phone); they enrol again."""
    if not actor.can_reset_two_factor(user):
        raise PermissionDenied(_l("Only an administrator can reset someone else's sign-in code."))
    _clear(user)
    user.end_sessions()  # whoever holds the lost phone's sessions is signed out too
    record_audit("two_factor.reset", actor=actor, target=user.email)
    db.session.flush()
