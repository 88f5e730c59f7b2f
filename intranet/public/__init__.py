"""Public pages that need no sign-in: home and health."""

from intranet.public.views import bp

__all__ = ["bp"]
