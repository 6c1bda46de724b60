"""cascade: the performance cascade (penjenjangan kinerja) of Indonesian government bodies.

Model the SAKIP cascade of goals (sasaran), indicators (indikator kinerja), targets,
realisations and budgets from the pemda down to individual employees; read and write it as an
xlsx workbook, a folder of CSV files, JSON or pandas DataFrames; check it for consistency
with :func:`check`; compute achievement (capaian) for every indicator, goal, owner and the
city with :func:`propagate`.

>>> import cascade
>>> city = cascade.load_example()
>>> city.unit("DINKES").name
'Dinas Kesehatan'
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from cascade.checks import ConsistencyError, Finding, Report, Severity, check
from cascade.datasets import load_example
from cascade.engine import Explanation, Results, propagate
from cascade.enums import Aggregation, GoalKind, Level, PeriodAggregation, Polarity, Role
from cascade.errors import (
    CascadeError,
    FileFormatError,
    InputError,
    InputProblem,
    InvalidPeriodError,
    UnknownIdError,
    UsageError,
)
from cascade.io import read, write
from cascade.model import Cascade
from cascade.period import Period
from cascade.policy import Policy, Suppression
from cascade.records import Budget, Goal, Indicator, Realisation, Target, Unit
from cascade.scales import Band, Scale

try:
    __version__ = version("cascade-sakip")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0+unknown"

__all__ = [
    "Aggregation",
    "Band",
    "Budget",
    "Cascade",
    "CascadeError",
    "ConsistencyError",
    "Explanation",
    "FileFormatError",
    "Finding",
    "Goal",
    "GoalKind",
    "Indicator",
    "InputError",
    "InputProblem",
    "InvalidPeriodError",
    "Level",
    "Period",
    "PeriodAggregation",
    "Polarity",
    "Policy",
    "Realisation",
    "Report",
    "Results",
    "Role",
    "Scale",
    "Severity",
    "Suppression",
    "Target",
    "Unit",
    "UnknownIdError",
    "UsageError",
    "__version__",
    "check",
    "load_example",
    "propagate",
    "read",
    "write",
]
