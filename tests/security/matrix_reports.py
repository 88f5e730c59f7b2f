"""Authorization matrix rows of the reports routes (see tests/security/matrix.py)."""

ROWS: dict = {}
