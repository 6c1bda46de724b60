"""cascade: the performance cascade (penjenjangan kinerja) of Indonesian government bodies.

Model the SAKIP cascade of goals (sasaran), indicators (indikator kinerja), targets,
realisations and budgets from the pemda down to individual employees; read and write it as an
xlsx workbook, a folder of CSV files, JSON or pandas DataFrames; check it for consistency
with :func:`check`; compute achievement (capaian) for every indicator, goal, owner and the
city with :func:`propagate`; estimate what the SAKIP evaluation worksheet (LKE) would find,
and what fixing it is worth, with :func:`assess`.

>>> import cascade
>>> city = cascade.load_example()
>>> city.unit("DINKES").name
'Dinas Kesehatan'
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cascade.checks import ConsistencyError, Finding, Report, Severity, check
    from cascade.datasets import load_example
    from cascade.engine import Explanation, Results, propagate
    from cascade.enums import (
        Aggregation,
        GoalKind,
        Level,
        PeriodAggregation,
        Polarity,
        Role,
    )
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
    from cascade.lke import Assessment, assess
    from cascade.model import Cascade
    from cascade.period import Period
    from cascade.policy import Policy, Suppression
    from cascade.records import Budget, Goal, Indicator, Realisation, Target, Unit
    from cascade.scales import Band, Scale

#: Where each public name lives. The names are imported on first use (PEP 562), so that
#: ``import cascade`` is cheap: the pytest plugin (:mod:`cascade.testing.plugin`) is loaded
#: by every pytest run in an environment where cascade is installed, and pandas is paid for
#: only by a test that uses it.
_LAZY: dict[str, str] = {
    **dict.fromkeys(
        ["ConsistencyError", "Finding", "Report", "Severity", "check"], "cascade.checks"
    ),
    "load_example": "cascade.datasets",
    **dict.fromkeys(["Assessment", "assess"], "cascade.lke"),
    **dict.fromkeys(["Explanation", "Results", "propagate"], "cascade.engine"),
    **dict.fromkeys(
        ["Aggregation", "GoalKind", "Level", "PeriodAggregation", "Polarity", "Role"],
        "cascade.enums",
    ),
    **dict.fromkeys(
        [
            "CascadeError",
            "FileFormatError",
            "InputError",
            "InputProblem",
            "InvalidPeriodError",
            "UnknownIdError",
            "UsageError",
        ],
        "cascade.errors",
    ),
    **dict.fromkeys(["read", "write"], "cascade.io"),
    "Cascade": "cascade.model",
    "Period": "cascade.period",
    **dict.fromkeys(["Policy", "Suppression"], "cascade.policy"),
    **dict.fromkeys(
        ["Budget", "Goal", "Indicator", "Realisation", "Target", "Unit"], "cascade.records"
    ),
    **dict.fromkeys(["Band", "Scale"], "cascade.scales"),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
    elif not name.startswith("_"):
        # A subpackage used as an attribute (``cascade.datasets.example_defects()``), as
        # when this module imported them all.
        try:
            value = importlib.import_module(f"cascade.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"cascade.{name}":
                raise  # the module exists but needs something missing: say so
            msg = f"module 'cascade' has no attribute {name!r}"
            raise AttributeError(msg) from None
    else:
        msg = f"module 'cascade' has no attribute {name!r}"
        raise AttributeError(msg)
    globals()[name] = value  # later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


try:
    __version__ = version("cascade-sakip")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0+unknown"

__all__ = [
    "Aggregation",
    "Assessment",
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
    "assess",
    "check",
    "load_example",
    "propagate",
    "read",
    "write",
]
