"""Staff accounts as the administrator (or the command line) names them: the scope by slugs.

Auth knows nothing of coworking; this layer above it turns the library and centre slugs a form
or a command gives into objects, then hands the account to auth's services.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from intranet.accounts.services import send_invitation
from intranet.auth import services as auth_services
from intranet.auth.models import Role, User
from intranet.coworking.models import CoworkingCentre
from intranet.errors import IntranetError
from intranet.extensions import db
from intranet.libraries.models import Library


@dataclass(frozen=True, kw_only=True)
class AccountRequest:
    """What the account form says: name, role, scope (by slugs) and language."""

    role: str
    full_name: str = ""
    library: str | None = None
    centres: tuple[str, ...] = ()
    language: str = "kk"


@dataclass(frozen=True, kw_only=True)
class NewAccountRequest(AccountRequest):
    """A new account: its email and first password (None: an invitation sets it)."""

    email: str
    password: str | None


def resolve_scope(
    role: str, library: str | None, centres: Iterable[str]
) -> tuple[Library | None, tuple[CoworkingCentre, ...]]:
    """The library and centres a role acts on, from their slugs (the others are ignored)."""
    found_library = None
    found_centres: tuple[CoworkingCentre, ...] = ()
    if role == Role.BRANCH_STAFF and library:
        found_library = db.session.scalar(select(Library).where(Library.slug == library))
        if found_library is None:
            raise IntranetError(_l("Unknown library: %(slug)s."), field="library", slug=library)
    slugs = sorted(set(centres))
    if role == Role.COORDINATOR and slugs:
        found_centres = tuple(
            db.session.scalars(
                select(CoworkingCentre)
                .where(CoworkingCentre.slug.in_(slugs))
                .order_by(CoworkingCentre.slug)
            )
        )
        missing = set(slugs) - {centre.slug for centre in found_centres}
        if missing:
            raise IntranetError(
                _l("Unknown coworking centre: %(slug)s."),
                field="centres",
                slug=", ".join(sorted(missing)),
            )
    return found_library, found_centres


def create_account(
    request: NewAccountRequest, *, actor: User | None, is_demo: bool = False
) -> User:
    """Create a staff account with its role and scope (actor None: the command line, the seed)."""
    library, centres = resolve_scope(request.role, request.library, request.centres)
    account = auth_services.NewAccountData(
        email=request.email,
        password=request.password,
        role=request.role,
        full_name=request.full_name,
        library=library,
        centres=centres,
        language=request.language,
    )
    user = auth_services.create_user(account, actor=actor, is_demo=is_demo)
    if request.password is None and actor is not None:
        send_invitation(user, actor=actor)  # the person chooses the password from the link
    return user


def update_account(user: User, request: AccountRequest, *, actor: User) -> None:
    """Change an account's name, role, scope and language."""
    library, centres = resolve_scope(request.role, request.library, request.centres)
    account = auth_services.AccountData(
        role=request.role,
        full_name=request.full_name,
        library=library,
        centres=centres,
        language=request.language,
    )
    auth_services.update_user(user, account, actor=actor)
