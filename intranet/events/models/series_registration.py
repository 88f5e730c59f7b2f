"""One registration for every meeting of a series: the person, and their place in each meeting."""

from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from intranet.events.models.registration import Registrant, registrant_checks
from intranet.events.models.vocabulary import sql_in
from intranet.extensions import Model


class SeriesStatus(StrEnum):
    """Where one series registration stands: a place in every meeting, or waiting for one."""

    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return str(SERIES_LABELS[self])


SERIES_LABELS = {
    SeriesStatus.CONFIRMED: _l("Places confirmed"),
    SeriesStatus.WAITLISTED: _l("On the waitlist"),
    SeriesStatus.CANCELLED: _l("Cancelled"),
}


class SeriesRegistration(Registrant, Model):
    """A person (with their group) registered once for all meetings of a series.

    Their place in each meeting is a `Registration` row pointing here, so the capacity of each
    meeting, its reminders and its check-in work as for anyone; a whole-series waitlist turn
    has no such rows until places in every remaining meeting free up.
    """

    __tablename__ = "series_registration"
    __table_args__ = (
        CheckConstraint(f"status IN {sql_in(SeriesStatus)}", name="status"),
        *registrant_checks(),
        CheckConstraint("phone IS NOT NULL OR email IS NOT NULL", name="contact_given"),
        # As on Registration: true while registered, NULL once cancelled, so the unique keys
        # refuse a second live registration of one phone or email but not a new one later.
        CheckConstraint("(live IS NULL) = (status = 'cancelled')", name="live_until_left"),
        UniqueConstraint("series_id", "phone", "live", name="uq_series_registration_phone"),
        UniqueConstraint("series_id", "email", "live", name="uq_series_registration_email"),
        Index("ix_series_registration_series_status", "series_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("event_series.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(10), default=SeriesStatus.WAITLISTED)

    def __repr__(self) -> str:
        return f"<SeriesRegistration {self.id} {self.status}>"

    @property
    def status_label(self) -> str:
        return SeriesStatus(self.status).label
