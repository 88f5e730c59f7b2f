"""Figures the security suites report at the end of the run (routes x actors checked, ...)."""

from collections import Counter

FIGURES: Counter = Counter()
