"""Indicator figures for one period: target, realisation and its source, achievement and its.

``domain.md`` section 5, steps 1, 2 and 4, over whole columns:

1. the realisation used is the reported one, else the one derived from carrier children
   (:mod:`cascade.derive`, shared with the checker through the context);
2. the achievement is computed from it and the target (:mod:`cascade.achievement`);
3. an indicator with no realisation of either kind but with children (``carrier`` or
   ``supporting``; ``own`` ones are never rolled up) gets a *rolled-up* achievement: the mean
   of its children's achievements weighted by their ``weight``, bottom-up, one vectorised
   pass per depth of the indicator tree.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cascade.checks._context import Context
from cascade.checks.values import target_grid
from cascade.derive import _compact, _levels
from cascade.engine._mean import group_mean

__all__ = ["ACHIEVEMENT_SOURCES", "REALISATION_SOURCES", "IndicatorFigures", "indicator_figures"]

#: Codes of the realisation source (-1: none).
REALISATION_SOURCES = ("reported", "derived")
#: Codes of the achievement source (-1: none).
ACHIEVEMENT_SOURCES = ("computed", "rolled_up")


@dataclass(frozen=True)
class IndicatorFigures:
    """Per indicator row, for the one period of the run."""

    target: np.ndarray
    target_upper: np.ndarray
    reported: np.ndarray
    derived: np.ndarray
    realisation: np.ndarray
    #: 0 reported, 1 derived, -1 none.
    realisation_source: np.ndarray
    #: True where a realisation and a target gave no figure (zero denominator, …).
    undefined: np.ndarray
    achievement: np.ndarray
    #: 0 computed, 1 rolled_up, -1 none.
    achievement_source: np.ndarray
    #: For a rolled-up indicator: children that had an achievement, and those that had not.
    children_counted: np.ndarray
    children_missing: np.ndarray
    #: Whether the row's achievement feeds its parent's rolled-up achievement.
    feeds_parent: np.ndarray


def indicator_figures(ctx: Context) -> IndicatorFigures:
    """The figures of every indicator row for the context's single period."""
    n = len(ctx.indicators)
    derived = ctx.derived
    reported = derived["reported"].to_numpy(dtype=np.float64)
    from_children = derived["derived"].to_numpy(dtype=np.float64)
    realisation = derived["value"].to_numpy(dtype=np.float64)
    realisation_source = derived["source"].cat.codes.to_numpy(dtype=np.int64)
    lower, _ = target_grid(ctx, "target")
    upper, _ = target_grid(ctx, "target_upper")
    target, target_upper = lower[:, 0].copy(), upper[:, 0].copy()
    computed = ctx.achievement  # one period: one value per indicator row
    achievement = computed.value.copy()
    source = np.where(np.isnan(achievement), -1, 0).astype(np.int64)
    counted = np.zeros(n, dtype=np.int64)
    missing = np.zeros(n, dtype=np.int64)

    tree = ctx.indicator_tree
    parent, depth = tree.parent, tree.depth
    own = (ctx.indicators["role"] == "own").to_numpy(dtype=bool, na_value=False)
    weight = ctx.indicators["weight"].to_numpy(dtype=np.float64, na_value=np.nan)
    feeds = (parent >= 0) & (depth > 0) & ~own
    feeds[feeds] = np.isnan(realisation[parent[feeds]])  # the parent has no realisation
    children = np.flatnonzero(feeds)
    for level in reversed(_levels(children, depth[children])):  # deepest first
        parents, group = _compact(parent[level], n)
        rolled = group_mean(
            achievement[level], weight[level], group, len(parents), ctx.policy.missing
        )
        achievement[parents] = rolled.mean
        source[parents] = np.where(np.isnan(rolled.mean), -1, 1)
        counted[parents] = rolled.counted
        missing[parents] = rolled.missing
    return IndicatorFigures(
        target=target,
        target_upper=target_upper,
        reported=reported,
        derived=from_children,
        realisation=realisation,
        realisation_source=realisation_source,
        undefined=computed.undefined,
        achievement=achievement,
        achievement_source=source,
        children_counted=counted,
        children_missing=missing,
        feeds_parent=feeds,
    )
