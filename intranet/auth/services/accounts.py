"""Staff accounts: creating and changing them, with their role, scope and language."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from flask_babel import LazyString, ngettext
from flask_babel import lazy_gettext as _l

from intranet.audit import record_audit
from intranet.auth.models import Role, User, normalize_email
from intranet.auth.queries import MAX_EMAIL_LENGTH, find_user_by_email
from intranet.auth.services.passwords import check_new_password
from intranet.errors import IntranetError, PermissionDenied
from intranet.extensions import db
from intranet.i18n import LANGUAGES
from intranet.libraries.models import Library

if TYPE_CHECKING:  # the centres are coworking's: taken as objects, never looked up here
    from intranet.coworking.models import CoworkingCentre

MAX_NAME_LENGTH = 200  # User.full_name


@dataclass(frozen=True, kw_only=True)
class AccountData:
    """An account's name, role, scope and language, as an administrator sets them.

    The scope is objects: the library of branch staff, the coworking centres of a coordinator
    (whoever turns slugs into them sits above auth, see admin.services.accounts).
    """

    role: str
    full_name: str = ""
    library: Library | None = None
    centres: Sequence["CoworkingCentre"] = ()
    language: str = "kk"


@dataclass(frozen=True, kw_only=True)
class NewAccountData(AccountData):
    """A new account: its email and first password (None: set by the person from an invitation)."""

    email: str
    password: str | None


def _name_too_long(n: int) -> str:
    return str(
        ngettext(
            "The full name must be at most %(num)d character long.",
            "The full name must be at most %(num)d characters long.",
            n,
        )
    )


def _clean_name(full_name: str | None) -> str:
    """The name as stored: stripped, and refused (never cut) when longer than the column."""
    name = (full_name or "").strip()
    if len(name) > MAX_NAME_LENGTH:
        # Lazy: said in the language of whoever reads it (the command line speaks English).
        raise IntranetError(LazyString(_name_too_long, MAX_NAME_LENGTH), field="full_name")
    return name


def check_language(language: str) -> str:
    """The language, when it is one the intranet speaks."""
    if language not in LANGUAGES:
        raise IntranetError(_l("Unknown language: %(lang)s."), field="language", lang=language)
    return language


def _check_scope(account: AccountData) -> tuple[Library | None, list["CoworkingCentre"]]:
    """Check the role and keep the scope it acts on: a library, centres, or nothing."""
    if account.role not in set(Role):
        raise IntranetError(_l("Unknown role: %(role)s."), field="role", role=account.role)
    library = None
    centres: list[CoworkingCentre] = []
    if account.role == Role.BRANCH_STAFF:
        if account.library is None:
            raise IntranetError(_l("Branch staff must belong to a library."), field="library")
        library = account.library
    if account.role == Role.COORDINATOR:
        centres = sorted(set(account.centres), key=lambda centre: centre.slug)
        if not centres:
            raise IntranetError(
                _l("A coordinator must have at least one coworking centre."), field="centres"
            )
    return library, centres


def _scope_text(role: str, library: Library | None, centres: Sequence["CoworkingCentre"]) -> str:
    scope = library.slug if library else ",".join(c.slug for c in centres)
    return f"role={role} scope={scope or '-'}"


def _check_manager(actor: User) -> None:
    if not actor.can_manage_users():
        raise PermissionDenied(_l("Only administrators manage accounts."))


def _check_inviter(actor: User | None, account: NewAccountData) -> None:
    """Admins create any account; central staff invite branch staff (no typed password)."""
    if actor is None or actor.can_manage_users():
        return
    if not actor.can_invite(account.role):
        raise PermissionDenied(_l("You can create accounts of branch staff only."))
    if account.password is not None:
        raise IntranetError(
            _l("Leave the password empty: the person chooses it from the invitation."),
            field="password",
        )


def create_user(account: NewAccountData, *, actor: User | None, is_demo: bool = False) -> User:
    """Create a staff account with its role and scope (by an inviter, or None: the CLI)."""
    email = normalize_email(account.email)
    if not email or "@" not in email or len(email) > MAX_EMAIL_LENGTH:
        raise IntranetError(_l("Enter a valid email address."), field="email")
    if find_user_by_email(email) is not None:
        raise IntranetError(_l("An account with this email already exists."), field="email")
    if account.password is not None:
        check_new_password(account.password)
    library, centres = _check_scope(account)
    _check_inviter(actor, account)
    user = User(
        email=email,
        full_name=_clean_name(account.full_name),
        role=account.role,
        library=library,
        centres=centres,
        language=check_language(account.language),
        is_demo=is_demo,
    )
    if account.password is None:
        user.password_hash = ""  # matches no password (User.check_password) until one is set
    else:
        user.set_password(account.password)
    db.session.add(user)
    db.session.flush()
    record_audit(
        "user.create", actor=actor, target=email, detail=_scope_text(account.role, library, centres)
    )
    return user


def update_user(user: User, account: AccountData, *, actor: User) -> None:
    """Change an account's name, language, role and scope (admins only)."""
    _check_manager(actor)
    if user.id == actor.id and account.role != Role.ADMIN:
        raise IntranetError(_l("You cannot remove your own administrator role."), field="role")
    library, centres = _check_scope(account)
    before = _scope_text(user.role, user.library, list(user.centres))
    user.full_name = _clean_name(account.full_name)
    user.language = check_language(account.language)
    user.role, user.library, user.centres = account.role, library, centres
    after = _scope_text(account.role, library, centres)
    if before != after:
        # A narrower role must not keep a session that was opened with wider rights.
        user.end_sessions()
        record_audit(
            "user.role_change", actor=actor, target=user.email, detail=f"{before} -> {after}"
        )
    record_audit("user.update", actor=actor, target=user.email)
    db.session.flush()


def set_user_active(user: User, *, actor: User, active: bool) -> None:
    """Deactivate (which ends every session) or reactivate an account."""
    _check_manager(actor)
    if user.id == actor.id and not active:
        raise IntranetError(_l("You cannot deactivate your own account."))
    user.is_active = active
    if not active:
        user.end_sessions()
    record_audit("user.activate" if active else "user.deactivate", actor=actor, target=user.email)
    db.session.flush()


def reset_password(user: User, *, actor: User, new_password: str) -> None:
    """An administrator sets a new password; the user's sessions end."""
    _check_manager(actor)
    check_new_password(new_password)
    user.set_password(new_password)
    record_audit("user.password_reset", actor=actor, target=user.email)
    db.session.flush()


def end_sessions(user: User, *, actor: User) -> None:
    """An administrator signs an account out on every device (a lost phone, a shared computer)."""
    _check_manager(actor)
    user.end_sessions()
    record_audit("user.sessions_ended", actor=actor, target=user.email)
    db.session.flush()
