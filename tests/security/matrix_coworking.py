"""Authorization matrix rows of the coworking routes (see tests/security/matrix.py)."""

ROWS: dict = {}
