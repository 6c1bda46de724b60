"""Goal and owner figures: the means of what is below them (``domain.md`` section 5, step 3).

A goal's achievement is the mean of its indicators' achievements: unweighted by default, as
LKjIPs do, or weighted by ``weight`` when the policy's ``goal_weighting`` is ``weight``. An
owner's is the unweighted mean of its own goals' achievements (a unit's goals are its head's
goals; the units below it have their own figures). Missing values follow the policy's
``missing`` setting and every figure counts the values it used and those that were missing.
Rows that repeat an earlier row's id (``duplicate-id``) feed nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cascade.checks._context import Context
from cascade.engine._indicators import IndicatorFigures
from cascade.engine._mean import group_mean

__all__ = ["GoalFigures", "OwnerFigures", "goal_figures", "owner_figures"]


@dataclass(frozen=True)
class GoalFigures:
    """Per goal row."""

    achievement: np.ndarray
    indicators_counted: np.ndarray
    indicators_missing: np.ndarray
    #: Each indicator row's goal row (-1: none or a repeated row), and the weight it has there.
    indicator_goal: np.ndarray
    indicator_weight: np.ndarray


@dataclass(frozen=True)
class OwnerFigures:
    """Per unit row."""

    achievement: np.ndarray
    goals_counted: np.ndarray
    goals_missing: np.ndarray
    indicators_counted: np.ndarray
    indicators_missing: np.ndarray
    #: Each goal row's owner row (-1: none or a repeated row).
    goal_owner: np.ndarray


def goal_figures(ctx: Context, indicators: IndicatorFigures) -> GoalFigures:
    """Every goal's achievement from its indicators'."""
    rows = ctx.indicator_goal.copy()
    rows[ctx.cascade._copies["indicator"]] = -1
    if ctx.policy.goal_weighting == "weight":
        weight = ctx.indicators["weight"].to_numpy(dtype=np.float64, na_value=np.nan)
    else:
        weight = np.ones(len(rows))
    mean = group_mean(indicators.achievement, weight, rows, len(ctx.goals), ctx.policy.missing)
    return GoalFigures(mean.mean, mean.counted, mean.missing, rows, weight)


def owner_figures(ctx: Context, goals: GoalFigures) -> OwnerFigures:
    """Every owner's achievement from its own goals'."""
    rows = ctx.goal_owner.copy()
    rows[ctx.cascade._copies["goal"]] = -1
    n = len(ctx.units)
    mean = group_mean(goals.achievement, np.ones(len(rows)), rows, n, ctx.policy.missing)
    valid = rows >= 0
    counted = np.bincount(rows[valid], weights=goals.indicators_counted[valid], minlength=n)
    missing = np.bincount(rows[valid], weights=goals.indicators_missing[valid], minlength=n)
    return OwnerFigures(
        mean.mean,
        mean.counted,
        mean.missing,
        counted.astype(np.int64),
        missing.astype(np.int64),
        rows,
    )
