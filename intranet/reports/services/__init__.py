"""The reports' rules: the monthly cycle (submit, decide) and the audited downloads."""

from intranet.reports.services.cycle import COMMENT_LIMIT, decide_report, submit_report
from intranet.reports.services.exports import record_export
from intranet.reports.services.telling import remind_months_due

__all__ = ["COMMENT_LIMIT", "decide_report", "record_export", "remind_months_due", "submit_report"]
