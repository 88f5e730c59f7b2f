"""The libraries of the system: reference data, clubs, closed days, and their API."""

from intranet.libraries.api import api_bp

__all__ = ["api_bp"]
