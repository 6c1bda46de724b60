"""Budget figures: pagu, realisasi anggaran, absorption and efficiency per goal and owner.

Vocabulary
----------
budget line (baris anggaran)
    A row of ``budgets`` for the period: a goal's ``allocated`` (pagu) and ``spent``
    (realisasi anggaran). Of two lines for the same goal and period the first counts
    (``duplicate-entry`` reports the other); a figure that is not finite is missing.
goal figure
    The goal's own line if it has one, else the sum of its child goals' figures (bottom-up,
    one pass per depth of the goal tree). A reported figure wins over a summed one, as a
    reported realisation wins over a derived one: offices put lines on the program, the
    kegiatan and the sub kegiatan, each the sum of the ones below, so adding every line of a
    subtree would count the same money two or three times.
owner figure
    The money of the budget lines on goals owned by the owner or by a unit below it, each line
    counted once: a line is left out when the nearest goal above it in the goal tree that has
    a line belongs to the line's owner or a unit above it (the program's pagu already holds
    its kegiatan's). So a bidang's figure is its kegiatan lines, its agency's the program
    lines, and the city's every line once, including lines on goals whose chain does not
    reach a pemda goal (``budget-orphan``). A crosscutting goal's money counts for the agency
    that owns it, never for the agency whose goal it supports. A line on a goal whose owner
    does not exist counts for no owner.
absorption (serapan)
    spent / allocated × 100.
efficiency (efisiensi, PMK 214/2017)
    Over the lines making up a figure, each with its goal's achievement A capped at 100:
    E = Σ(allocated · A / 100 − spent) / Σ(allocated · A / 100) × 100.

Missing values follow the policy's ``missing`` setting: under ``skip_if_any_missing`` a
figure with a missing ``spent`` (or ``allocated``, or, for efficiency, a goal without an
achievement) among its lines is missing; ``skip_if_all_missing`` uses the lines that have
what the figure needs; ``zero`` counts a missing amount or achievement as 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cascade.checks._context import Context
from cascade.checks.values import period_codes
from cascade.derive import Missing, _first
from cascade.engine._goals import GoalFigures, OwnerFigures

__all__ = ["BUDGET_SOURCES", "BudgetFigures", "budget_figures", "owner_budget_figures"]

#: Codes of a goal's budget figure source (-1: none).
BUDGET_SOURCES = ("reported", "rolled_up")

# Columns of the additive quantities rolled up the goal tree.
_LINES, _ALLOC, _SPENT, _NO_ALLOC, _NO_SPENT, _NO_ACH = range(6)
_ABS_ALLOC, _ABS_SPENT, _EFF_U, _EFF_S, _ZERO_U = range(6, 11)
_K = 11


@dataclass(frozen=True)
class BudgetFigures:
    """Per goal row (or per unit row for owners)."""

    lines: np.ndarray
    allocated: np.ndarray
    spent: np.ndarray
    absorption: np.ndarray
    efficiency: np.ndarray
    #: 0 reported, 1 rolled_up, -1 none (goals only; owners are always sums).
    source: np.ndarray
    #: The additive quantities behind the figures, one row per goal (or unit).
    quantities: np.ndarray
    #: The quantities of each goal's own line (zeros for a goal without one).
    own: np.ndarray


def _line_quantities(ctx: Context, goals: GoalFigures) -> tuple[np.ndarray, np.ndarray]:
    """The additive quantities of each goal's own line, and which goals have one."""
    g = len(ctx.goals)
    q = np.zeros((g, _K))
    has = np.zeros(g, dtype=bool)
    budgets = ctx.budgets
    if not len(budgets):
        return q, has
    rows = ctx.refs("budgets", "goal_id")
    k = period_codes(ctx, budgets, exact=True)
    candidates = np.flatnonzero((rows >= 0) & (k == 0))
    keep = candidates[_first(rows[candidates], g)]
    goal = rows[keep]
    allocated = budgets["allocated"].to_numpy(dtype=np.float64, na_value=np.nan)[keep]
    spent = budgets["spent"].to_numpy(dtype=np.float64, na_value=np.nan)[keep]
    a_ok, s_ok = np.isfinite(allocated), np.isfinite(spent)
    ach = np.minimum(goals.achievement[goal], 100.0)
    h_ok = ~np.isnan(ach)
    a0, s0, h0 = np.where(a_ok, allocated, 0.0), np.where(s_ok, spent, 0.0), np.where(h_ok, ach, 0)
    both, all3 = a_ok & s_ok, a_ok & s_ok & h_ok
    has[goal] = True
    q[goal, _LINES] = 1
    q[goal, _ALLOC] = a0
    q[goal, _SPENT] = s0
    q[goal, _NO_ALLOC] = ~a_ok
    q[goal, _NO_SPENT] = ~s_ok
    q[goal, _NO_ACH] = ~h_ok
    q[goal, _ABS_ALLOC] = np.where(both, a0, 0.0)
    q[goal, _ABS_SPENT] = np.where(both, s0, 0.0)
    q[goal, _EFF_U] = np.where(all3, a0 * h0 / 100.0, 0.0)
    q[goal, _EFF_S] = np.where(all3, s0, 0.0)
    q[goal, _ZERO_U] = a0 * h0 / 100.0
    return q, has


def _figures(quantities: np.ndarray, missing: Missing) -> dict[str, np.ndarray]:
    """Allocated, spent, absorption and efficiency from rolled-up quantities.

    Computed on the rows that hold a line; every other row is missing.
    """
    rows = np.flatnonzero(quantities[:, _LINES] > 0)
    part = _part_figures(quantities[rows], missing)
    out = {}
    for name, values in part.items():
        full = np.full(len(quantities), np.nan)
        full[rows] = values
        out[name] = full
    out["lines"] = quantities[:, _LINES].astype(np.int64)
    return out


def _part_figures(q: np.ndarray, missing: Missing) -> dict[str, np.ndarray]:
    lines = q[:, _LINES]
    some = lines > 0
    no_alloc, no_spent, no_ach = q[:, _NO_ALLOC] > 0, q[:, _NO_SPENT] > 0, q[:, _NO_ACH] > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        if missing == "skip_if_all_missing":
            allocated = np.where(q[:, _NO_ALLOC] < lines, q[:, _ALLOC], np.nan)
            spent = np.where(q[:, _NO_SPENT] < lines, q[:, _SPENT], np.nan)
            absorption = q[:, _ABS_SPENT] / q[:, _ABS_ALLOC] * 100.0
            efficiency = (q[:, _EFF_U] - q[:, _EFF_S]) / q[:, _EFF_U] * 100.0
        elif missing == "zero":
            allocated, spent = q[:, _ALLOC], q[:, _SPENT]
            absorption = spent / allocated * 100.0
            efficiency = (q[:, _ZERO_U] - spent) / q[:, _ZERO_U] * 100.0
        else:
            allocated = np.where(no_alloc, np.nan, q[:, _ALLOC])
            spent = np.where(no_spent, np.nan, q[:, _SPENT])
            absorption = spent / allocated * 100.0
            efficiency = np.where(no_ach, np.nan, (q[:, _EFF_U] - spent) / q[:, _EFF_U] * 100.0)
    out = {"allocated": allocated, "spent": spent, "absorption": absorption}
    out["efficiency"] = efficiency
    return {
        name: np.where(some & np.isfinite(values), values, np.nan) for name, values in out.items()
    }


def _sum_rows(values: np.ndarray, group: np.ndarray, groups: int) -> np.ndarray:
    """Rows of ``values`` summed per group: one ``bincount`` per column."""
    columns = [np.bincount(group, weights=values[:, j], minlength=groups) for j in range(_K)]
    return np.stack(columns, axis=1).astype(np.float64)  # bincount of nothing gives ints


def _gather(
    targets: list[np.ndarray], sources: list[np.ndarray], lines: np.ndarray, size: int
) -> np.ndarray:
    """A (size, K) matrix: each target row the sum of its source lines' quantities.

    Only the rows reached are summed (one ``bincount`` per column over the distinct targets),
    so the cost follows the number of budget lines, not the size of the tree.
    """
    out = np.zeros((size, _K))
    if not targets:
        return out
    target, source = np.concatenate(targets), np.concatenate(sources)
    if not target.size:
        return out
    reached, group = np.unique(target, return_inverse=True)
    out[reached] = _sum_rows(lines[source], group, len(reached))
    return out


def budget_figures(ctx: Context, goals: GoalFigures) -> BudgetFigures:
    """Every goal's budget figure: its own line, else the sum of its children's.

    Each line's quantities climb the goal tree from its goal up to, not including, the first
    goal above it that has a line of its own: one vectorised step per level, over the lines.
    """
    q, has = _line_quantities(ctx, goals)
    rows = np.flatnonzero(has)
    lines = q[rows]
    parent, depth = ctx.goal_tree.parent, ctx.goal_tree.depth
    index = np.arange(len(rows))
    targets, sources = [rows], [index]
    current, alive = parent[rows], np.ones(len(rows), dtype=bool)
    for _ in range(int(depth.max(initial=0)) + 1):  # bounded: safe on a cycle
        alive &= current >= 0
        alive[alive] = ~has[current[alive]]
        if not alive.any():
            break
        targets.append(current[alive])
        sources.append(index[alive])
        current = np.where(alive, parent[np.maximum(current, 0)], -1)
    total = _gather(targets, sources, lines, len(has))
    figures = _figures(total, ctx.policy.missing)
    source = np.where(has, 0, np.where(total[:, _LINES] > 0, 1, -1)).astype(np.int64)
    return BudgetFigures(source=source, quantities=total, own=q, **figures)


def owner_budget_figures(
    ctx: Context, goals: GoalFigures, owners: OwnerFigures, budget: BudgetFigures
) -> BudgetFigures:
    """Every owner's budget figure: its subtree's lines, each counted once (module doc).

    A line on goal g (owner u) whose nearest goal ancestor with a line is a (owner v) counts
    for u and the units above it, stopping before v: so for none when v is u, for the units
    between when v is above u (v's line holds it), and for every unit up to the root when v
    is elsewhere (a crosscutting parent) or there is no such a. One vectorised step per
    level, over the lines.
    """
    own = budget.own
    has = own[:, _LINES] > 0
    rows = np.flatnonzero(has)
    g_parent, g_depth = ctx.goal_tree.parent, ctx.goal_tree.depth
    nearest = np.full(len(rows), -1, dtype=np.int64)  # each line's nearest goal with a line
    current = g_parent[rows]
    searching = current >= 0
    for _ in range(int(g_depth.max(initial=0)) + 1):
        found = searching & has[np.maximum(current, 0)]
        nearest[found] = current[found]
        searching &= ~found
        current = np.where(searching, g_parent[np.maximum(current, 0)], -1)
        searching &= current >= 0
        if not searching.any():
            break
    owner = owners.goal_owner
    start = owner[rows]
    stop = np.where(nearest >= 0, owner[np.maximum(nearest, 0)], -1)
    u_parent, u_depth = ctx.unit_tree.parent, ctx.unit_tree.depth
    index = np.arange(len(rows))
    targets, sources = [], []
    current, alive = start.copy(), start >= 0
    for _ in range(int(u_depth.max(initial=0)) + 1):  # bounded: safe on a cycle
        alive &= (current >= 0) & (current != stop)
        if not alive.any():
            break
        targets.append(current[alive])
        sources.append(index[alive])
        current = np.where(alive, u_parent[np.maximum(current, 0)], -1)
    total = _gather(targets, sources, own[rows], len(ctx.units))
    figures = _figures(total, ctx.policy.missing)
    source = np.where(total[:, _LINES] > 0, 1, -1).astype(np.int64)
    return BudgetFigures(source=source, quantities=total, own=own, **figures)
