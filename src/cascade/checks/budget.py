"""Budget rules (``CAS4xx``): where the money sits in the goal tree and how it is spent.

Vocabulary
----------
budget line
    A row of ``budgets``: a goal's allocation (pagu, ``allocated``) and spending (realisasi
    anggaran, ``spent``) for one period, in rupiah. The rules look at the lines of the
    periods checked: a line's period is one of them or lies inside one (a quarter's line
    falls in its year). Lines of a goal that does not exist are left to
    ``dangling-reference``.
chain of parent goals
    A goal, its parent goal, that goal's parent and so on up to a goal with no parent goal.
    It *reaches a pemda goal* when one of its goals is owned by a unit of level ``pemda``.
    It breaks at a blank ``parent_goal_id``, at a parent goal that does not exist, or at a
    cycle (a goal on or below a cycle never reaches).
program goal
    A goal of a kind that the APBD funds (Permendagri 90/2019): ``sasaran_program``,
    ``sasaran_kegiatan`` or ``sasaran_subkegiatan``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cascade.checks._context import Context, no_findings, quote
from cascade.checks._rule import Category, Rule, Severity, rule
from cascade.checks.values import agree, number_text, period_codes
from cascade.derive import _levels
from cascade.enums import GoalKind, Level

__all__ = ["RULES", "budget_on_non_program_goal", "budget_orphan", "overspent_budget"]


def _lines(ctx: Context) -> np.ndarray:
    """Positions of the budget lines of the periods checked whose goal exists."""
    inside = period_codes(ctx, ctx.budgets, exact=False)
    return np.flatnonzero((inside >= 0) & (ctx.refs("budgets", "goal_id") >= 0))


def _per_goal(ctx: Context, lines: np.ndarray) -> tuple[np.ndarray, pd.Series]:
    """The goals of ``lines`` (each once, in row order) and their lines' periods as text."""
    goals = ctx.refs("budgets", "goal_id")[lines]
    frame = pd.DataFrame(
        {"goal": goals, "period": ctx.budgets["period"].take(lines).astype("str").to_numpy()}
    )
    # Periods in order, whatever the order of the rows: a report must not depend on it.
    frame = frame.drop_duplicates().sort_values(["goal", "period"], kind="stable")
    grouped = frame.groupby("goal", sort=True)["period"].agg(", ".join)
    return grouped.index.to_numpy(dtype=np.int64), grouped.reset_index(drop=True)


def _reach(ctx: Context) -> tuple[np.ndarray, np.ndarray]:
    """For every goal: whether its chain reaches a pemda goal, and the chain's top goal.

    One vectorised pass per depth of the goal tree, top down; -1 as the top of a goal on or
    below a cycle.
    """
    tree = ctx.goal_tree
    n = len(ctx.goals)
    reach = ctx.goal_owner_level == Level.PEMDA.rank
    top = np.arange(n, dtype=np.int64)
    depth, parent = tree.depth, tree.parent
    below = np.flatnonzero(depth > 0)
    for level in _levels(below, depth[below]):  # top down
        up = parent[level]
        reach[level] |= reach[up]
        top[level] = top[up]
    cyclic = depth < 0
    reach[cyclic] = False
    top[cyclic] = -1
    return reach, top


@rule("CAS401", "budget-orphan", severity=Severity.WARNING, category=Category.LINKAGE)
def budget_orphan(ctx: Context) -> pd.DataFrame:
    """A budget line on a goal whose chain of parent goals does not reach a pemda goal.

    What it flags
    -------------
    A goal with budget lines in the periods checked whose chain of parent goals (the goal
    itself, its parent goal, and so on) contains no goal owned by the pemda: the chain stops
    at a goal with no parent goal, at a parent goal that does not exist, or runs into a
    cycle. One finding per goal; the message lists the periods and where the chain breaks.

    Why it matters
    --------------
    Money spent on activities that serve no goal of the RPJMD is what evaluators single out:
    the budget cannot be tied to the city's performance, so its efficiency cannot be
    assessed either (LKE: anggaran selaras dengan sasaran).

    Example
    -------
    Sub kegiatan ``BPBD-SK-TAKTIS`` with a 2024 allocation of Rp 1,450 million and no parent
    goal.

    How to fix
    ----------
    Link the goal to the kegiatan (and so to the program and the pemda's sasaran) it serves
    with ``parent_goal_id``, or move the budget to a goal that is in the cascade.
    """
    lines = _lines(ctx)
    if not lines.size:
        return no_findings()
    reach, top = _reach(ctx)
    lines = lines[~reach[ctx.refs("budgets", "goal_id")[lines]]]
    if not lines.size:
        return no_findings()
    rows, periods = _per_goal(ctx, lines)
    tops = top[rows]
    goal_ids = ctx.goals["goal_id"]
    parent_ids = ctx.goals["parent_goal_id"]
    safe = np.maximum(tops, 0)
    top_id = quote(goal_ids.take(safe))
    top_parent = quote(parent_ids.take(safe).fillna(""))
    owner = quote(ctx.goals["unit_id"].take(safe))
    dangling = pd.Series(parent_ids.take(safe).notna().to_numpy() & (tops >= 0))
    itself = pd.Series(tops == rows)
    ends = (
        "it stops at "
        + top_id
        + ", which has no parent goal and whose owner "
        + owner
        + " is not the pemda"
    )
    ends = ends.where(
        ~itself, "it has no parent goal and its owner " + owner + " is not the pemda"
    )
    ends = ends.where(
        ~dangling,
        "it breaks at " + top_id + ", whose parent goal " + top_parent + " does not exist",
    )
    ends = ends.where(~(dangling & itself), "its parent goal " + top_parent + " does not exist")
    ends = ends.where(pd.Series(tops >= 0), "it runs into a cycle of parent goals")
    msg = (
        ctx.label("goal", rows)
        + " has a budget for "
        + periods
        + ", but its chain of parent goals does not reach a pemda goal: "
        + ends
    )
    return ctx.findings("goal", rows, msg)


@rule("CAS402", "overspent-budget", severity=Severity.WARNING, category=Category.CONSISTENCY)
def overspent_budget(ctx: Context) -> pd.DataFrame:
    """A budget line that spent more than was allocated.

    What it flags
    -------------
    A budget line of a period checked whose ``spent`` exceeds its ``allocated`` by more than
    the policy's tolerance. A blank ``spent`` is not checked.

    Why it matters
    --------------
    Spending beyond the pagu is not allowed without changing the budget (an APBD-P or a
    recorded shift), so an absorption above 100 % is almost always a typo, a line booked on
    the wrong goal or a pagu not updated after the amendment; it distorts absorption and
    efficiency.

    Example
    -------
    Sub kegiatan ``SK-DINKES-2`` with Rp 500,000,000 allocated for 2024 and Rp 550,000,000
    spent (110 %).

    How to fix
    ----------
    Correct ``spent`` or ``allocated`` (after an APBD-P amendment, the amended pagu).
    """
    lines = _lines(ctx)
    allocated = ctx.budgets["allocated"].to_numpy(dtype=np.float64, na_value=np.nan)[lines]
    spent = ctx.budgets["spent"].to_numpy(dtype=np.float64, na_value=np.nan)[lines]
    finite = np.isfinite(allocated) & np.isfinite(spent)
    over = finite & (spent > allocated) & ~agree(spent, allocated, ctx)
    lines, allocated, spent = lines[over], allocated[over], spent[over]
    rows = ctx.refs("budgets", "goal_id")[lines]
    period = ctx.budgets["period"].take(lines).astype("str").reset_index(drop=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        absorption = np.where(allocated > 0, spent / allocated * 100, np.nan)
    share = pd.Series(
        [f"{a:.1f} % absorbed" if np.isfinite(a) else "nothing allocated" for a in absorption]
    )
    msg = (
        ctx.label("goal", rows)
        + " spent Rp "
        + number_text(spent)
        + " in "
        + period
        + ", more than its allocation (pagu) of Rp "
        + number_text(allocated)
        + " ("
        + share.astype("str")
        + ")"
    )
    return ctx.findings("goal", rows, msg, period=period)


_FUNDED = (
    GoalKind.SASARAN_PROGRAM.rank,
    GoalKind.SASARAN_KEGIATAN.rank,
    GoalKind.SASARAN_SUBKEGIATAN.rank,
)


@rule("CAS403", "budget-on-non-program-goal", severity=Severity.INFO, category=Category.LINKAGE)
def budget_on_non_program_goal(ctx: Context) -> pd.DataFrame:
    """A budget line on a goal that is not a program, kegiatan or sub kegiatan goal.

    What it flags
    -------------
    A goal of kind ``tujuan``, ``sasaran_strategis`` or ``rencana_hasil_kerja`` with budget
    lines in the periods checked; one finding per goal. Goals whose kind is not stated are
    not flagged.

    Why it matters
    --------------
    The APBD funds programs, kegiatan and sub kegiatan (Permendagri 90/2019); a pagu on a
    sasaran strategis is usually a total of its programs typed in again, and on an RHK an
    employee's share of a sub kegiatan. Either way the budget is counted twice when allocated
    and spent sum up the goal tree.

    Example
    -------
    Sasaran strategis ``SS-DINKES-1`` with a 2024 allocation equal to the sum of its
    programs'.

    How to fix
    ----------
    Record the budget on the program, kegiatan or sub kegiatan goals that hold it and remove
    the line; if the goal is in fact one of those, correct its ``kind``.
    """
    lines = _lines(ctx)
    kind = ctx.goal_kind[ctx.refs("budgets", "goal_id")[lines]]
    lines = lines[(kind >= 0) & ~np.isin(kind, _FUNDED)]
    if not lines.size:
        return no_findings()
    rows, periods = _per_goal(ctx, lines)
    kinds = ctx.goals["kind"].take(rows).astype("str").reset_index(drop=True)
    msg = (
        ctx.label("goal", rows)
        + " is a "
        + kinds
        + " but has a budget for "
        + periods
        + "; budgets belong to program, kegiatan and sub kegiatan goals"
    )
    return ctx.findings("goal", rows, msg)


RULES: tuple[Rule, ...] = (budget_orphan, overspent_budget, budget_on_non_program_goal)
