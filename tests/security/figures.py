"""Figures the security suites report at the end of the run (routes x actors checked, ...)."""

from collections import Counter

# "5xx seen" is printed even when it stays 0: that zero is the point of these suites.
FIGURES: Counter = Counter({"5xx seen": 0})
