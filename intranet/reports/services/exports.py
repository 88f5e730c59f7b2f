"""Downloads of the activity report: each file taken away is written to the audit log."""

from intranet.audit import record_audit
from intranet.auth.models import User


def record_export(file_name: str, *, actor: User) -> None:
    """Note who downloaded which report file (e.g. report-no-6-2025-03.xlsx)."""
    record_audit("report.exported", actor=actor, target=file_name)
