"""The propagation engine: achievement (capaian) for every indicator, goal, owner and the city.

:func:`propagate` computes, for one period, bottom-up through the cascade:

- per indicator, the realisation used (reported, else derived from carrier children) and the
  achievement (computed from realisation and target by :mod:`cascade.achievement`, else rolled
  up from its children), each with its source, and the category on the policy's scale;
- per goal, the mean of its indicators' achievements; per owner, the mean of its goals';
- per goal and owner, the budget allocated and spent, absorption and efficiency.

Modules: ``_indicators`` (indicator figures), ``_goals`` (goals and owners), ``_budget``,
``_mean`` (the group mean under the missing-value policy), ``_frames`` (the output tables),
``_results`` and ``_explain``.
"""

from __future__ import annotations

from cascade.engine._explain import INPUT_COLUMNS, Explanation
from cascade.engine._frames import (
    BUDGET_COLUMNS,
    GOAL_COLUMNS,
    INDICATOR_COLUMNS,
    OWNER_BUDGET_COLUMNS,
    OWNER_COLUMNS,
)
from cascade.engine._propagate import FINDING_RULES, propagate
from cascade.engine._results import LEVELS, Results

__all__ = [
    "BUDGET_COLUMNS",
    "FINDING_RULES",
    "GOAL_COLUMNS",
    "INDICATOR_COLUMNS",
    "INPUT_COLUMNS",
    "LEVELS",
    "OWNER_BUDGET_COLUMNS",
    "OWNER_COLUMNS",
    "Explanation",
    "Results",
    "propagate",
]
