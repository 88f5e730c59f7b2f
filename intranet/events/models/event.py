"""An event of a library's programme, its workflow permissions, and its recorded transitions."""

import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intranet.events.models.attendance import Attendance
from intranet.events.models.catalog import Campaign, EventType
from intranet.events.models.series import EventSeries
from intranet.events.models.vocabulary import (
    AUDIENCES,
    CANCELLABLE,
    EDITABLE_BY_BRANCH,
    EDITABLE_BY_CENTRAL,
    EVENT_LANGUAGES,
    PUBLIC_STATUSES,
    STATUS_BADGES,
    STATUS_LABELS,
    TEXT_LIMIT,
    Status,
    sql_in,
)
from intranet.extensions import Model
from intranet.libraries.models import Club, Library
from intranet.models import UTCDateTime, utc_now

if TYPE_CHECKING:
    from intranet.auth.models import User, Visitor


def new_uid() -> str:
    """A random UID for calendar apps; it never changes when the event is edited."""
    return uuid.uuid4().hex


class Event(Model):
    """One event: what, when, where, for whom, and where it stands in the workflow."""

    __table_args__ = (
        CheckConstraint(f"status IN {sql_in(Status)}", name="status"),
        CheckConstraint(f"audience IN {sql_in(AUDIENCES)}", name="audience"),
        CheckConstraint(f"language IN {sql_in(EVENT_LANGUAGES)}", name="language"),
        CheckConstraint("end_dt > start_dt", name="end_after_start"),
        CheckConstraint("title_kk IS NOT NULL OR title_ru IS NOT NULL", name="title"),
        CheckConstraint("capacity IS NULL OR capacity > 0", name="capacity"),
        CheckConstraint("status != 'cancelled' OR cancel_reason IS NOT NULL", name="cancel_reason"),
        CheckConstraint(
            f"length(description_kk) <= {TEXT_LIMIT} AND length(description_ru) <= {TEXT_LIMIT}"
            f" AND length(description_en) <= {TEXT_LIMIT}",
            name="description_length",
        ),
        Index("ix_event_library_start", "library_id", "start_dt"),
        Index("ix_event_status_start", "status", "start_dt"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(64), unique=True, default=new_uid)
    sequence: Mapped[int] = mapped_column(default=0)  # RFC 5545 SEQUENCE, +1 on each change
    type_id: Mapped[int] = mapped_column(ForeignKey("event_type.id", ondelete="RESTRICT"))
    library_id: Mapped[int] = mapped_column(ForeignKey("library.id", ondelete="RESTRICT"))
    room: Mapped[str] = mapped_column(String(120), default="")
    start_dt: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    end_dt: Mapped[datetime] = mapped_column(UTCDateTime)
    title_kk: Mapped[str | None] = mapped_column(String(200))
    title_ru: Mapped[str | None] = mapped_column(String(200))
    title_en: Mapped[str | None] = mapped_column(String(200))
    description_kk: Mapped[str] = mapped_column(Text, default="")
    description_ru: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    audience: Mapped[str] = mapped_column(String(12), default="everyone")
    language: Mapped[str] = mapped_column(String(6), default="kk")
    organiser: Mapped[str] = mapped_column(String(200), default="")
    partners: Mapped[str] = mapped_column(String(500), default="")
    club_id: Mapped[int | None] = mapped_column(ForeignKey("club.id", ondelete="SET NULL"))
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaign.id", ondelete="RESTRICT"), index=True
    )
    capacity: Mapped[int | None]
    internal_notes: Mapped[str] = mapped_column(Text, default="")  # never public
    status: Mapped[str] = mapped_column(String(10), default=Status.DRAFT)
    was_published: Mapped[bool] = mapped_column(default=False)
    cancel_reason: Mapped[str | None] = mapped_column(String(500))
    series_id: Mapped[int | None] = mapped_column(
        ForeignKey("event_series.id", ondelete="SET NULL"), index=True
    )
    is_demo: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)

    type: Mapped[EventType] = relationship(lazy="joined", innerjoin=True)
    library: Mapped[Library] = relationship(lazy="joined", innerjoin=True)
    club: Mapped[Club | None] = relationship()
    campaign: Mapped[Campaign | None] = relationship()
    series: Mapped[EventSeries | None] = relationship()
    attendance: Mapped[Attendance | None] = relationship(cascade="all, delete-orphan")
    transitions: Mapped[list["EventTransition"]] = relationship(
        back_populates="event",
        cascade="all, delete-orphan",
        order_by="EventTransition.id",
    )

    def __repr__(self) -> str:
        return f"<Event {self.id} {self.status}>"

    @property
    def status_label(self) -> str:
        """The status in the reader's language."""
        return str(STATUS_LABELS[Status(self.status)])

    @property
    def status_badge(self) -> str:
        """The badge class of the status."""
        return STATUS_BADGES[Status(self.status)]

    @property
    def is_public(self) -> bool:
        """Readers see approved and held events, and cancellations of published ones."""
        return self.status in PUBLIC_STATUSES or (
            self.status == Status.CANCELLED and self.was_published
        )

    @property
    def has_ended(self) -> bool:
        """Whether the event is over."""
        return self.end_dt <= utc_now()

    # Permissions: the one home of who may do what with an event.
    def can_view(self, user: "User | Visitor") -> bool:
        """Staff see their scope's drafts; everyone sees what is public."""
        return self.is_public or (
            user.is_authenticated and user.can_act_for_library(self.library_id)
        )

    def can_edit(self, user: "User | Visitor") -> bool:
        """Drafts, returned and approved events; central staff also change pending ones."""
        if not user.is_authenticated or not user.can_act_for_library(self.library_id):
            return False
        allowed = EDITABLE_BY_CENTRAL if user.is_central else EDITABLE_BY_BRANCH
        return self.status in allowed

    def in_charge(self, user: "User | Visitor", step: str) -> bool:
        """Whether this user takes a workflow step (submit, approve, return, cancel) for this
        event at all, whatever its status now: central staff decide, the library plans."""
        if not user.is_authenticated:
            return False
        if step in ("approve", "return"):
            return user.is_central
        return user.can_act_for_library(self.library_id)

    def can_submit(self, user: "User | Visitor") -> bool:
        """The library sends a draft or a returned event for approval."""
        return self.in_charge(user, "submit") and self.status in (Status.DRAFT, Status.RETURNED)

    def can_delete(self, user: "User | Visitor") -> bool:
        """Only a draft is deleted, by the library that plans it; anything sent stays on record."""
        return self.in_charge(user, "submit") and self.status == Status.DRAFT

    def can_approve(self, user: "User | Visitor") -> bool:
        """Central staff and admins approve or return pending events."""
        return self.in_charge(user, "approve") and self.status == Status.PENDING

    def can_return(self, user: "User | Visitor") -> bool:
        """Whoever may approve a pending event may return it instead."""
        return self.can_approve(user)

    def can_cancel(self, user: "User | Visitor") -> bool:
        """The library or central staff cancel an event not yet held."""
        return self.in_charge(user, "cancel") and self.status in CANCELLABLE

    def can_record_attendance(self, user: "User | Visitor") -> bool:
        """The library's staff report attendance once an approved event has ended."""
        return (
            user.is_authenticated
            and user.can_act_for_library(self.library_id)
            and self.status in (Status.APPROVED, Status.HELD)
            and self.has_ended
        )

    def can_manage_registrations(self, user: "User | Visitor") -> bool:
        """The library's staff set registration up, see who registered and check them in."""
        return user.is_authenticated and user.can_act_for_library(self.library_id)

    def edit_sends_back(self, user: "User | Visitor") -> bool:
        """A branch's change to an approved event needs approval again."""
        return self.status == Status.APPROVED and not user.is_central


class EventTransition(Model):
    """One step of the workflow: who moved the event, when, from what to what, and why."""

    __tablename__ = "event_transition"
    __table_args__ = (
        CheckConstraint(f"to_status IN {sql_in(Status)}", name="to_status"),
        CheckConstraint(
            f"from_status IS NULL OR from_status IN {sql_in(Status)}", name="from_status"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(10))
    to_status: Mapped[str] = mapped_column(String(10))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    actor_name: Mapped[str] = mapped_column(String(254), default="")
    comment: Mapped[str] = mapped_column(String(1000), default="")
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    event: Mapped[Event] = relationship(back_populates="transitions")

    @property
    def to_label(self) -> str:
        """The status reached, in the reader's language."""
        return str(STATUS_LABELS[Status(self.to_status)])
