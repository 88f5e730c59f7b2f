"""A staff account: its role and the scope it acts on (a library, or coworking centres)."""

from datetime import datetime
from typing import TYPE_CHECKING

from flask import current_app
from sqlalchemy import BigInteger, CheckConstraint, Column, ForeignKey, String, Table, delete
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from intranet.auth.models.role import (
    CENTRAL_ROLES,
    COWORKING_DESK_ROLES,
    EVENT_DESK_ROLES,
    Role,
)
from intranet.auth.models.session import UserSession
from intranet.extensions import Model, db
from intranet.libraries.models import Club, Library
from intranet.models import UTCDateTime, utc_now

if TYPE_CHECKING:  # the centres are coworking's: named by string, never imported at run time
    from intranet.coworking.models import CoworkingCentre


user_centre = Table(
    "user_centre",
    db.metadata,
    Column("user_id", ForeignKey("user.id", ondelete="CASCADE"), primary_key=True),
    Column("centre_id", ForeignKey("coworking_centre.id", ondelete="CASCADE"), primary_key=True),
)


def normalize_email(email: str | None) -> str:
    """Emails compare case-insensitively; we store them stripped and lowercased."""
    return (email or "").strip().lower()


class User(Model):
    """A staff member who signs in."""

    __table_args__ = (
        CheckConstraint(
            "role IN ('admin', 'central_staff', 'branch_staff', 'coordinator')", name="role"
        ),
        CheckConstraint("language IN ('kk', 'ru', 'en')", name="language"),
        # Emails are stored lowercased, so UNIQUE is case-insensitive on every database.
        CheckConstraint("email = lower(email)", name="email_lowercase"),
        CheckConstraint("role != 'branch_staff' OR library_id IS NOT NULL", name="branch_library"),
        CheckConstraint(
            "(totp_secret IS NULL) = (totp_enabled_dt IS NULL)", name="totp_enabled_with_secret"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20))
    library_id: Mapped[int | None] = mapped_column(ForeignKey("library.id", ondelete="RESTRICT"))
    language: Mapped[str] = mapped_column(String(2), default="kk")
    is_active: Mapped[bool] = mapped_column(default=True)
    is_demo: Mapped[bool] = mapped_column(default=False)
    password_hash: Mapped[str] = mapped_column(String(300))
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    last_login_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The second sign-in step: the authenticator app's secret (base32), set when enrolment is
    # confirmed with a code, and the last time step whose code was accepted (a code is used once).
    totp_secret: Mapped[str | None] = mapped_column(String(32))
    totp_enabled_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)

    library: Mapped[Library | None] = relationship()
    centres: Mapped[list["CoworkingCentre"]] = relationship(
        "CoworkingCentre", secondary=user_centre, order_by="CoworkingCentre.slug"
    )

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"

    # The sign-in this request came with (auth.services.user_sessions), and its cookie token.
    # Plain attributes (type comments: an annotation would ask SQLAlchemy for a column).
    current_session = None  # type: UserSession | None
    session_key = None  # type: str | None

    # Flask-Login protocol: the cookie holds the sign-in's random token, never the primary key.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        if self.session_key is None:
            raise RuntimeError("sign in through auth.sessions.start_session")
        return self.session_key

    def end_sessions(self, *, keep: "UserSession | None" = None) -> None:
        """Sign this account out on every device (but the one kept): their rows go."""
        query = delete(UserSession).where(UserSession.user_id == self.id)
        if keep is not None:
            query = query.where(UserSession.id != keep.id)
        db.session.execute(query)

    def set_password(
        self, password: str, *, keep: "UserSession | None" = None, keep_all: bool = False
    ) -> None:
        """Hash and store a new password; sessions opened with the old one end (but `keep`)."""
        method = current_app.config["PASSWORD_HASH_METHOD"]
        self.password_hash = generate_password_hash(password, method=method)
        if not keep_all:
            self.end_sessions(keep=keep)

    def check_password(self, password: str) -> bool:
        """True when the password matches the stored hash."""
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    @property
    def awaits_password(self) -> bool:
        """Invited and not yet through the link: no password matches (see create_user)."""
        return not self.password_hash

    @property
    def uses_two_factor(self) -> bool:
        """Signs in with a password and a code from an authenticator app."""
        return self.totp_enabled_dt is not None

    def must_use_two_factor(self) -> bool:
        """Administrators, who change anyone's rights, may not sign in with a password alone."""
        return self.is_admin and bool(current_app.config["TOTP_REQUIRED_FOR_ADMINS"])

    def needs_second_step(self) -> bool:
        """After the password: a code (or, for an admin without one, enrolment) comes next."""
        return self.uses_two_factor or self.must_use_two_factor()

    def can_turn_off_two_factor(self) -> bool:
        return self.uses_two_factor and not self.must_use_two_factor()

    def can_reset_two_factor(self, other: "User") -> bool:
        """Clear someone else's second step (a lost phone): admins, never their own."""
        return self.can_manage_users() and other.id != self.id and other.uses_two_factor

    @property
    def role_enum(self) -> Role:
        return Role(self.role)

    @property
    def display_name(self) -> str:
        return self.full_name or self.email

    # Permissions: the one home of "who may do what", used by views and templates.
    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def is_central(self) -> bool:
        """Admins and central staff coordinate all 21 libraries."""
        return self.role in CENTRAL_ROLES

    def can_manage_users(self) -> bool:
        return self.is_admin

    def can_invite(self, role: str) -> bool:
        """Create an account of this role and send its invitations: admins any, central staff
        branch staff only (never a role as wide as their own or wider)."""
        if self.is_admin:
            return True
        return self.role == Role.CENTRAL_STAFF and role == Role.BRANCH_STAFF

    def can_invite_staff(self) -> bool:
        """The accounts list and the new-account form: whoever may invite some role."""
        return any(self.can_invite(role) for role in Role)

    def can_read_audit_log(self) -> bool:
        return self.is_admin

    def can_manage_outbox(self) -> bool:
        """See the emails waiting or failed, send one again or discard it."""
        return self.is_admin

    def can_manage_closed_days(self) -> bool:
        """Public holidays and closures of any library."""
        return self.is_central

    def can_set_movable_holidays(self) -> bool:
        """Kurban ait's date each year (the date is announced year by year)."""
        return self.is_admin

    def can_plan_events(self) -> bool:
        """The event desk: the staff calendar, planning, attendance, campaigns."""
        return self.role in EVENT_DESK_ROLES

    def can_approve_events(self) -> bool:
        """The approval queue: approve or return what the branches send."""
        return self.is_central

    def can_manage_event_types(self) -> bool:
        return self.is_admin

    def can_manage_campaigns(self) -> bool:
        """Add campaigns such as «Бір ел – бір кітап» with their targets."""
        return self.is_central

    def can_use_coworking_desk(self) -> bool:
        """The coordinator's inbox, day board and set-up (of the centres one coordinates)."""
        return self.role in COWORKING_DESK_ROLES

    def can_read_reports(self) -> bool:
        """Activity reports, the monthly cycle and the dashboard (of one's own scope)."""
        return self.role in EVENT_DESK_ROLES

    def can_read_dashboard(self) -> bool:
        """The dashboard: report readers for their scope, coordinators for their centres."""
        return self.can_read_reports() or self.role == Role.COORDINATOR

    def can_decide_reports(self) -> bool:
        """Accept or return a library's monthly report."""
        return self.is_central

    def can_act_for_library(self, library: Library | int | None) -> bool:
        """Central roles act for every library; branch staff only for their own."""
        if self.is_central:
            return True
        library_id = library.id if isinstance(library, Library) else library
        return (
            self.role == Role.BRANCH_STAFF
            and library_id is not None
            and (library_id == self.library_id)
        )

    def can_keep_diary(self, library: Library | int | None) -> bool:
        """The work diary and the fund of a library: central roles, and its own branch staff."""
        return self.can_act_for_library(library)

    def can_set_age_bands(self) -> bool:
        """The age bands the diary counts readers by."""
        return self.is_admin

    def can_edit_libraries(self) -> bool:
        """The library editing screens: central roles for all, branch staff for their own."""
        return self.is_central or self.role == Role.BRANCH_STAFF

    def can_edit_library(self, library: Library) -> bool:
        """Phone, hours and description of this library."""
        return self.can_edit_libraries() and self.can_act_for_library(library)

    def can_edit_library_details(self) -> bool:
        """Address, email and map point of any library (branch staff keep to the rest)."""
        return self.is_central

    def can_edit_clubs(self) -> bool:
        """The clubs screens: central roles for every club, branch staff for their library's."""
        return self.can_edit_libraries()

    def can_edit_club(self, club: Club) -> bool:
        """Name, meetings, description and contact of this club (a city-wide club: central)."""
        if self.is_central:
            return True
        return (
            self.can_edit_clubs()
            and club.library_id is not None
            and (self.can_act_for_library(club.library_id))
        )

    def can_place_club_at(self, library_id: int | None) -> bool:
        """Whether a club may be put at this library (None: no one library, central only)."""
        if self.is_central:
            return True
        return library_id is not None and self.can_act_for_library(library_id)

    def can_edit_centre_description(self, centre: "CoworkingCentre") -> bool:
        """The centre's public description: central roles, and the centre's own coordinators."""
        return self.can_coordinate(centre)

    def can_coordinate(self, centre: "CoworkingCentre | int | None") -> bool:
        """Central roles manage every centre; coordinators only their own."""
        if self.is_central:
            return True
        centre_id = centre if centre is None or isinstance(centre, int) else centre.id
        return self.role == Role.COORDINATOR and any(c.id == centre_id for c in self.centres)
