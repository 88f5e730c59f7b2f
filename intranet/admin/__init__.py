"""Administration: staff accounts and the audit log."""

from intranet.admin.views import bp

__all__ = ["bp"]
