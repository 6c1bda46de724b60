"""The consistency checker: a rule catalogue, :func:`check` and its :class:`Report`.

See :mod:`cascade.checks._rule` for the vocabulary (rule, code, family, category, severity)
and :mod:`cascade.checks.catalogue` for the registry.
"""

from __future__ import annotations

from cascade.checks._report import COLUMNS, ConsistencyError, Finding, Report
from cascade.checks._rule import Category, Rule, Severity
from cascade.checks._run import check, default_periods
from cascade.checks.catalogue import CATALOGUE, rule_by

__all__ = [
    "CATALOGUE",
    "COLUMNS",
    "Category",
    "ConsistencyError",
    "Finding",
    "Report",
    "Rule",
    "Severity",
    "check",
    "default_periods",
    "rule_by",
]
