"""The reports' rules: the monthly cycle (submit, decide) and the audited downloads."""

from intranet.reports.services.cycle import COMMENT_LIMIT, decide_report, submit_report
from intranet.reports.services.exports import record_export

__all__ = ["COMMENT_LIMIT", "decide_report", "record_export", "submit_report"]
