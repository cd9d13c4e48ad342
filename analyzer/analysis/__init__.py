"""Analysis: what the store says about a period (store → plain data, no rendering).

``report`` turns these records into a ``Digest``; notebooks can use them directly.
Every function reads one period through the store's digest queries, so the cost
follows the period's size, not the archive's.
"""

from analyzer.analysis.period import Period, PeriodError, resolve_period

__all__ = ["Period", "PeriodError", "resolve_period"]
