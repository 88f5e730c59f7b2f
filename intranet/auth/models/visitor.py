"""Someone who has not signed in."""

from collections.abc import Callable
from typing import Any

from flask_login import AnonymousUserMixin


def _refuse(*args: Any, **kwargs: Any) -> bool:
    return False


class Visitor(AnonymousUserMixin):
    """Someone who has not signed in: no role, and every permission answers False."""

    is_central = False

    def __getattr__(self, name: str) -> Callable[..., bool]:
        if name.startswith("can_"):
            return _refuse
        raise AttributeError(name)
