"""The tidy frames of :class:`~cascade.engine.Results`, with fixed column orders."""

from __future__ import annotations

import numpy as np
import pandas as pd

from cascade.checks._context import Context
from cascade.engine._budget import BUDGET_SOURCES, BudgetFigures
from cascade.engine._goals import GoalFigures, OwnerFigures
from cascade.engine._indicators import ACHIEVEMENT_SOURCES, REALISATION_SOURCES, IndicatorFigures
from cascade.scales import Scale

__all__ = [
    "BUDGET_COLUMNS",
    "GOAL_COLUMNS",
    "INDICATOR_COLUMNS",
    "OWNER_BUDGET_COLUMNS",
    "OWNER_COLUMNS",
    "budget_frame",
    "goal_frame",
    "indicator_frame",
    "owner_budget_frame",
    "owner_frame",
]

#: Columns of ``Results.indicators``, in order.
INDICATOR_COLUMNS = [
    "indicator_id",
    "goal_id",
    "name",
    "period",
    "target",
    "target_upper",
    "reported",
    "derived",
    "realisation",
    "realisation_source",
    "achievement",
    "achievement_source",
    "category",
]
#: Columns of ``Results.goals``, in order.
GOAL_COLUMNS = [
    "goal_id",
    "unit_id",
    "statement",
    "kind",
    "period",
    "achievement",
    "category",
    "indicators_counted",
    "indicators_missing",
]
#: Columns of ``Results.owners``, in order.
OWNER_COLUMNS = [
    "unit_id",
    "name",
    "level",
    "period",
    "achievement",
    "category",
    "goals_counted",
    "goals_missing",
    "indicators_counted",
    "indicators_missing",
]
_MONEY = ["period", "allocated", "spent", "absorption", "efficiency", "lines"]
#: Columns of ``Results.budget`` (goals with a budget figure), in order.
BUDGET_COLUMNS = ["goal_id", "unit_id", *_MONEY, "source"]
#: Columns of ``Results.owner_budget`` (owners with a budget figure), in order.
OWNER_BUDGET_COLUMNS = ["unit_id", "name", "level", *_MONEY]


def _codes(codes: np.ndarray, categories: tuple[str, ...]) -> pd.Categorical:
    return pd.Categorical.from_codes(codes, categories=pd.Index(categories, dtype="str"))


def _period(period: str, n: int) -> pd.Categorical:
    return _codes(np.zeros(n, dtype=np.int64), (period,))


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame[name].reset_index(drop=True)


def indicator_frame(ctx: Context, f: IndicatorFigures, scale: Scale) -> pd.DataFrame:
    ind = ctx.indicators
    n = len(ind)
    return pd.DataFrame(
        {
            "indicator_id": _column(ind, "indicator_id"),
            "goal_id": _column(ind, "goal_id"),
            "name": _column(ind, "name"),
            "period": _period(str(ctx.periods[0]), n),
            "target": f.target,
            "target_upper": f.target_upper,
            "reported": f.reported,
            "derived": f.derived,
            "realisation": f.realisation,
            "realisation_source": _codes(f.realisation_source, REALISATION_SOURCES),
            "achievement": f.achievement,
            "achievement_source": _codes(f.achievement_source, ACHIEVEMENT_SOURCES),
            "category": scale.categorise(f.achievement),
        },
        columns=INDICATOR_COLUMNS,
    )


def goal_frame(ctx: Context, f: GoalFigures, scale: Scale) -> pd.DataFrame:
    goals = ctx.goals
    return pd.DataFrame(
        {
            "goal_id": _column(goals, "goal_id"),
            "unit_id": _column(goals, "unit_id"),
            "statement": _column(goals, "statement"),
            "kind": _column(goals, "kind"),
            "period": _period(str(ctx.periods[0]), len(goals)),
            "achievement": f.achievement,
            "category": scale.categorise(f.achievement),
            "indicators_counted": f.indicators_counted,
            "indicators_missing": f.indicators_missing,
        },
        columns=GOAL_COLUMNS,
    )


def owner_frame(ctx: Context, f: OwnerFigures, scale: Scale) -> pd.DataFrame:
    units = ctx.units
    return pd.DataFrame(
        {
            "unit_id": _column(units, "unit_id"),
            "name": _column(units, "name"),
            "level": _column(units, "level"),
            "period": _period(str(ctx.periods[0]), len(units)),
            "achievement": f.achievement,
            "category": scale.categorise(f.achievement),
            "goals_counted": f.goals_counted,
            "goals_missing": f.goals_missing,
            "indicators_counted": f.indicators_counted,
            "indicators_missing": f.indicators_missing,
        },
        columns=OWNER_COLUMNS,
    )


def _money(period: str, f: BudgetFigures, rows: np.ndarray) -> dict[str, object]:
    return {
        "period": _period(period, len(rows)),
        "allocated": f.allocated[rows],
        "spent": f.spent[rows],
        "absorption": f.absorption[rows],
        "efficiency": f.efficiency[rows],
        "lines": f.lines[rows],
    }


def budget_frame(ctx: Context, f: BudgetFigures) -> pd.DataFrame:
    rows = np.flatnonzero(f.lines > 0)
    goals = ctx.goals
    return pd.DataFrame(
        {
            "goal_id": goals["goal_id"].take(rows).reset_index(drop=True),
            "unit_id": goals["unit_id"].take(rows).reset_index(drop=True),
            **_money(str(ctx.periods[0]), f, rows),
            "source": _codes(f.source[rows], BUDGET_SOURCES),
        },
        columns=BUDGET_COLUMNS,
    )


def owner_budget_frame(ctx: Context, f: BudgetFigures) -> pd.DataFrame:
    rows = np.flatnonzero(f.lines > 0)
    units = ctx.units
    return pd.DataFrame(
        {
            "unit_id": units["unit_id"].take(rows).reset_index(drop=True),
            "name": units["name"].take(rows).reset_index(drop=True),
            "level": units["level"].take(rows).reset_index(drop=True),
            **_money(str(ctx.periods[0]), f, rows),
        },
        columns=OWNER_BUDGET_COLUMNS,
    )
