"""Staff sign-in, accounts and permissions."""

from intranet.auth.views import bp

__all__ = ["bp"]
