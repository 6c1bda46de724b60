"""What the evaluation rules share: PK indicators, key indicators, reach, agencies, history.

Every function is vectorised over whole tables and, where a context can hold the answer,
computed once per check run.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cascade.checks._context import Context
from cascade.checks.budget import _reach
from cascade.checks.values import target_grid, target_order
from cascade.derive import _levels
from cascade.enums import GoalKind, Level
from cascade.period import Period

__all__ = [
    "PK_LEVELS",
    "STRATEGIC_KINDS",
    "agency_rows",
    "checked_years",
    "goal_reaches_root",
    "key_mask",
    "pk_grid",
    "strategic_goal_mask",
    "year_period",
    "yearly",
]

#: Owner levels whose indicators sit in a perjanjian kinerja (PK): pemda to pengawas.
PK_LEVELS: tuple[Level, ...] = (
    Level.PEMDA,
    Level.PERANGKAT_DAERAH,
    Level.ADMINISTRATOR,
    Level.PENGAWAS,
)

#: Goal kinds that are strategic: a tujuan or a sasaran strategis.
STRATEGIC_KINDS: tuple[GoalKind, ...] = (GoalKind.TUJUAN, GoalKind.SASARAN_STRATEGIS)


def pk_grid(ctx: Context) -> np.ndarray:
    """(indicators x periods checked): the indicator is a PK indicator in that period.

    A PK indicator has a target for the period and its goal is owned at a level of
    :data:`PK_LEVELS`.
    """
    _, has = target_grid(ctx, "target")
    level = ctx.indicator_owner
    level = np.where(level >= 0, ctx.unit_level[np.maximum(level, 0)], -1)
    pk_level = np.isin(level, [lv.rank for lv in PK_LEVELS])
    out: np.ndarray = has & pk_level[:, None]
    return out


def key_mask(ctx: Context) -> np.ndarray:
    """Per indicator: whether it is a key indicator (IKU, ``key = true``)."""
    return np.asarray(ctx.indicators["key"].fillna(False).to_numpy(dtype=bool))


def strategic_goal_mask(ctx: Context) -> np.ndarray:
    """Per goal: whether its kind is tujuan or sasaran strategis."""
    return np.isin(ctx.goal_kind, [k.rank for k in STRATEGIC_KINDS])


def goal_reaches_root(ctx: Context) -> np.ndarray:
    """Per goal: whether its chain of parent goals reaches a pemda-owned goal.

    The chain breaks at a blank parent, a parent that does not exist, or a cycle (as
    ``budget-orphan`` reads it).
    """
    reach, _ = _reach(ctx)
    return reach


def goal_chain_top(ctx: Context) -> np.ndarray:
    """Per goal: the row of the top of its chain of parent goals; -1 on or below a cycle.

    The top is the goal itself when its parent goal is blank or does not exist.
    """
    _, top = _reach(ctx)
    return top


def agency_rows(ctx: Context) -> np.ndarray:
    """Per unit: the row of its perangkat daerah (itself or an ancestor), -1 if none.

    A pemda unit, and a unit whose chain of parents reaches no perangkat daerah (or runs into
    a cycle), has none. One vectorised pass per depth of the unit tree.
    """
    tree = ctx.unit_tree
    n = len(ctx.units)
    out = np.where(ctx.unit_level == Level.PERANGKAT_DAERAH.rank, np.arange(n), -1)
    depth, parent = tree.depth, tree.parent
    below = np.flatnonzero(depth > 0)
    for level in _levels(below, depth[below]):  # top down
        inherit = out[level] < 0
        out[level[inherit]] = out[parent[level[inherit]]]
    out[depth < 0] = -1
    return out


def yearly(ctx: Context, table: str, column: str) -> pd.DataFrame:
    """A column of ``targets`` or ``realisations`` by indicator row and year, every year held.

    Only annual rows count (``2024``, not ``2024Q1``), the first row of each (indicator,
    year) (for targets in :func:`~cascade.checks.values.target_order`: the PK's first);
    rows whose indicator does not exist are left out. The frame's index is the
    indicator row, its columns the years in order, NaN where no row exists.
    """
    frame = ctx.targets if table == "targets" else ctx.realisations
    rows = ctx.refs(table, "indicator_id")
    period = frame["period"]
    if not isinstance(period.dtype, pd.CategoricalDtype):  # pragma: no cover - canonical
        period = period.astype("str").astype("category")
    names = [str(c) for c in period.cat.categories]  # one test per distinct period
    year_of = np.array(
        [int(p) if len(p) == 4 and p.isdigit() else -1 for p in names] + [-1], dtype=np.int64
    )
    year = year_of[period.cat.codes.to_numpy(dtype=np.int64)]
    order = target_order(ctx) if table == "targets" else np.arange(len(frame))
    keep = order[(year[order] >= 0) & (rows[order] >= 0)]
    values = frame[column].to_numpy(dtype=np.float64, na_value=np.nan)[keep]
    long = pd.DataFrame({"row": rows[keep], "year": year[keep], "value": values})
    long = long.drop_duplicates(["row", "year"], keep="first")
    wide = long.pivot(index="row", columns="year", values="value")  # noqa: PD010 - unique pairs
    return wide.sort_index(axis=1)


def checked_years(ctx: Context) -> list[int]:
    """The years of the periods checked, each once, in order."""
    return sorted({p.year for p in ctx.periods})


def year_period(year: int) -> Period:
    """The period of a whole year."""
    return Period.year_of(year)
