"""Authorization matrix rows of the events routes (see tests/security/matrix.py)."""

ROWS: dict = {}
