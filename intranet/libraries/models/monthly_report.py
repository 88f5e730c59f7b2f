"""A library's monthly report: submitted by the branch, accepted or returned by central staff.

It lives with the libraries, below the domains, because its status freezes the month for
everyone who writes that month's figures (events, attendance); the reports domain decides it.
"""

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intranet.extensions import Model
from intranet.libraries.models.library import Library
from intranet.models import UTCDateTime, utc_now

if TYPE_CHECKING:
    from intranet.auth.models import User


class ReportStatus(StrEnum):
    """Where a monthly report stands; a month without a row is "not submitted"."""

    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    RETURNED = "returned"

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self])


STATUS_LABELS = {
    ReportStatus.SUBMITTED: _l("Submitted"),
    ReportStatus.ACCEPTED: _l("Accepted"),
    ReportStatus.RETURNED: _l("Returned"),
}
STATUS_BADGES = {
    ReportStatus.SUBMITTED: "text-bg-warning",
    ReportStatus.ACCEPTED: "text-bg-success",
    ReportStatus.RETURNED: "text-bg-danger",
}
# A submitted or accepted month has its attendance frozen.
FROZEN_STATUSES = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


class MonthlyReport(Model):
    """One library's report for one month; submitting again reuses the same row."""

    __tablename__ = "monthly_report"
    __table_args__ = (
        UniqueConstraint("library_id", "year", "month", name="uq_monthly_report_library_month"),
        CheckConstraint("status IN ('submitted', 'accepted', 'returned')", name="status"),
        CheckConstraint("month BETWEEN 1 AND 12", name="month"),
        CheckConstraint("year BETWEEN 2000 AND 2100", name="year"),
        CheckConstraint("status != 'returned' OR length(return_comment) > 0", name="comment"),
        CheckConstraint("status = 'submitted' OR decided_dt IS NOT NULL", name="decided"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    library_id: Mapped[int] = mapped_column(ForeignKey("library.id", ondelete="RESTRICT"))
    year: Mapped[int]
    month: Mapped[int]
    status: Mapped[str] = mapped_column(String(10), default=ReportStatus.SUBMITTED)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    submitted_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    decided_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    return_comment: Mapped[str] = mapped_column(String(1000), default="")

    library: Mapped[Library] = relationship()
    submitted_by = relationship("User", foreign_keys=[submitted_by_id])
    decided_by = relationship("User", foreign_keys=[decided_by_id])

    def __repr__(self) -> str:
        return f"<MonthlyReport {self.library_id} {self.year}-{self.month:02d} {self.status}>"

    @property
    def status_label(self) -> str:
        return ReportStatus(self.status).label

    @property
    def status_badge(self) -> str:
        return STATUS_BADGES[ReportStatus(self.status)]

    @property
    def is_frozen(self) -> bool:
        return self.status in FROZEN_STATUSES

    # Permissions: the one home of who may do what with a monthly report.
    def can_decide(self, user: "User") -> bool:
        """Central staff accept or return a submitted report."""
        return user.can_decide_reports() and self.status == ReportStatus.SUBMITTED
