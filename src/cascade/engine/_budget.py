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
from cascade.derive import Missing, _compact, _first, _levels
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


def _figures(q: np.ndarray, missing: Missing) -> dict[str, np.ndarray]:
    """Allocated, spent, absorption and efficiency from rolled-up quantities."""
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
    } | {"lines": lines.astype(np.int64)}


def _sum_rows(values: np.ndarray, group: np.ndarray, groups: int) -> np.ndarray:
    """Rows of ``values`` summed per group: one ``bincount`` per column."""
    columns = [np.bincount(group, weights=values[:, j], minlength=groups) for j in range(_K)]
    return np.stack(columns, axis=1).astype(np.float64)  # bincount of nothing gives ints


def budget_figures(ctx: Context, goals: GoalFigures) -> BudgetFigures:
    """Every goal's budget figure: its own line, else the sum of its children's."""
    q, has = _line_quantities(ctx, goals)
    own = q.copy()
    tree = ctx.goal_tree
    parent, depth = tree.parent, tree.depth
    linked = (parent >= 0) & (depth > 0)
    linked[linked] = ~has[parent[linked]]  # a parent with its own line keeps it
    children = np.flatnonzero(linked)
    for level in reversed(_levels(children, depth[children])):  # deepest first
        parents, group = _compact(parent[level], len(q))
        q[parents] = _sum_rows(q[level], group, len(parents))
    figures = _figures(q, ctx.policy.missing)
    source = np.where(has, 0, np.where(q[:, _LINES] > 0, 1, -1)).astype(np.int64)
    return BudgetFigures(source=source, quantities=q, own=own, **figures)


def owner_budget_figures(
    ctx: Context, goals: GoalFigures, owners: OwnerFigures, budget: BudgetFigures
) -> BudgetFigures:
    """Every owner's budget figure: its subtree's lines, each counted once (module doc).

    A line on goal g (owner u) whose nearest goal ancestor with a line is a (owner v) counts
    for the owners from u up to, not including, v when v is u or a unit above it (v's line
    holds it); otherwise (no such a, or a crosscutting one) for u and every unit above it.
    Added at u, taken off at v, then summed up the unit tree.
    """
    own = budget.own
    has = own[:, _LINES] > 0
    g_parent, g_depth = ctx.goal_tree.parent, ctx.goal_tree.depth
    nearest = np.full(len(has), -1, dtype=np.int64)  # nearest goal ancestor with a line
    linked = np.flatnonzero((g_parent >= 0) & (g_depth > 0))
    for level in _levels(linked, g_depth[linked]):  # top-down
        p = g_parent[level]
        nearest[level] = np.where(has[p], p, nearest[p])
    owner = owners.goal_owner
    lines = np.flatnonzero(has & (owner >= 0))
    u = owner[lines]
    a = nearest[lines]
    v = np.where(a >= 0, owner[np.maximum(a, 0)], -1)
    u_parent, u_depth = ctx.unit_tree.parent, ctx.unit_tree.depth
    # Shadowed only by a line of an owner above (or the same as) the line's owner: the
    # program's pagu holds its own units' kegiatan, never another agency's crosscutting money.
    common = _lca(u, v, u_parent, u_depth)
    stop = np.where((v >= 0) & (common == v), v, -1)
    n = len(ctx.units)
    q = _sum_rows(own[lines], u, n)
    off = stop >= 0
    q -= _sum_rows(own[lines][off], stop[off], n)
    children = np.flatnonzero((u_parent >= 0) & (u_depth > 0))
    for level in reversed(_levels(children, u_depth[children])):  # bottom-up
        parents, group = _compact(u_parent[level], n)
        q[parents] += _sum_rows(q[level], group, len(parents))
    figures = _figures(q, ctx.policy.missing)
    source = np.where(q[:, _LINES] > 0, 1, -1).astype(np.int64)
    return BudgetFigures(source=source, quantities=q, own=own, **figures)


def _lca(u: np.ndarray, v: np.ndarray, parent: np.ndarray, depth: np.ndarray) -> np.ndarray:
    """Lowest common ancestor of each pair in a tree (-1: none, or either is -1 or on a cycle).

    One vectorised step per level: the deeper of the two (both when level) moves up.
    """
    a, b = u.copy(), v.copy()
    alive = (a >= 0) & (b >= 0)
    alive[alive] = (depth[a[alive]] >= 0) & (depth[b[alive]] >= 0)
    out = np.full(len(u), -1, dtype=np.int64)
    for _ in range(2 * int(depth.max(initial=0)) + 2):
        same = alive & (a == b)
        out[same] = a[same]
        alive &= ~same
        if not alive.any():
            break
        da, db = depth[np.maximum(a, 0)], depth[np.maximum(b, 0)]
        up_a, up_b = alive & (da >= db), alive & (db >= da)
        a[up_a] = parent[a[up_a]]
        b[up_b] = parent[b[up_b]]
        alive &= (a >= 0) & (b >= 0)
    return out
