"""Events: plan, approve, publish and report the programme of the 21 libraries."""

from intranet.events.api import api_bp
from intranet.events.views import extra, workflow  # noqa: F401  (routes on the staff blueprint)
from intranet.events.views.public import bp as public_bp
from intranet.events.views.staff import bp

__all__ = ["api_bp", "bp", "public_bp"]
