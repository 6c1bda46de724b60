"""Which goals a pohon kinerja shows: a root, a depth, and a refusal above ``max_nodes``.

Selection is vectorised level by level (one pass over the goals table per depth), so choosing
the top three levels of a province with a million goals stays cheap; only the goals drawn
become Python objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from cascade.errors import UnknownIdError, UsageError
from cascade.model import Cascade

__all__ = ["MARKED_CHECKS", "Selection", "select_goals"]

#: The findings :func:`cascade.plot.tree` marks: how goals and indicators link up.
MARKED_CHECKS: tuple[str, ...] = (
    "orphan-goal",
    "orphan-indicator",
    "owner-misaligned",
    "level-order",
    "indicator-goal-mismatch",
)

#: The depth shown when the whole city is drawn and no depth is given.
CITY_DEPTH = 3


@dataclass
class Selection:
    """The goals to draw.

    Attributes
    ----------
    roots
        The top goals, in table order.
    children
        Each drawn goal's drawn children, in table order.
    depth
        Each drawn goal's depth (roots 0).
    hidden
        For a goal at the depth limit, how many child goals are not drawn.
    title
        What the tree is of, in words.
    """

    roots: list[str]
    children: dict[str, list[str]]
    depth: dict[str, int]
    hidden: dict[str, int] = field(default_factory=dict)
    title: str = ""

    def __len__(self) -> int:
        return len(self.depth)


def _first_rows(frame: pd.DataFrame, id_column: str) -> pd.DataFrame:
    """Rows with an id, the first of each id only (a repeat is ``duplicate-id``'s business)."""
    keep = frame[id_column].notna() & ~frame[id_column].duplicated()
    return frame.loc[keep]


def _resolve(c: Cascade, root: str, kind: str | None) -> str:
    if kind is not None and kind not in {"unit", "goal"}:
        msg = f"unknown kind {kind!r} for root=: expected unit or goal"
        raise UsageError(msg)
    try:
        if kind is None:
            kind = c.kind_of(root)
        else:
            c.children(root, kind="unit" if kind == "unit" else "goal")  # raises if unknown
    except UnknownIdError:
        what = f"a {kind}" if kind is not None else "a unit or a goal"
        msg = f"root={root!r} is not the id of {what}"
        raise UnknownIdError(msg) from None
    if kind not in {"unit", "goal"}:
        msg = f"root={root!r} is an {kind}: draw the tree of a unit or a goal"
        raise UsageError(msg)
    return kind


def _start(
    c: Cascade, root: str | None, kind: str | None
) -> tuple[pd.DataFrame, list[str], str, str]:
    """The goals to choose from, the top ones, a title, and where the tree is (for messages)."""
    goals = _first_rows(c.goals[["goal_id", "unit_id", "parent_goal_id", "statement"]], "goal_id")
    units = _first_rows(c.units[["unit_id", "name", "parent_id", "level"]], "unit_id")
    names = dict(zip(units["unit_id"], units["name"], strict=True))
    if root is None:
        roots = goals[~goals["parent_goal_id"].isin(goals["goal_id"])]
        top = units.loc[units["level"].astype(object) == "pemda", "unit_id"].tolist()
        if not top:  # one agency's workbook: its top owners
            top = units.loc[~units["parent_id"].isin(units["unit_id"]), "unit_id"].tolist()
        title = " · ".join(f"{u} {names[u]}" for u in top[:3]) if top else "every goal"
        where = f"below {top[0]}" if len(top) == 1 else "of the city"
        return goals, roots["goal_id"].tolist(), title, where
    if _resolve(c, root, kind) == "unit":
        owners = {root, *c.descendants(root, kind="unit")}
        pool = goals[goals["unit_id"].isin(owners)]
        if pool.empty:
            msg = f"unit {root!r} and the units below it own no goals: nothing to draw"
            raise UsageError(msg)
        roots = pool[~pool["parent_goal_id"].isin(pool["goal_id"])]
        title = f"{root} {names.get(root, '')}".strip()
        return pool, roots["goal_id"].tolist(), title, f"of {root} and the units below it"
    statement = goals.loc[goals["goal_id"] == root, "statement"].iloc[0]
    title = f"{root} {statement}" if isinstance(statement, str) else root
    return goals, [root], title, f"below goal {root}"


def select_goals(
    c: Cascade,
    root: str | None,
    *,
    kind: str | None,
    depth: int | None,
    max_nodes: int,
) -> Selection:
    """The goals under ``root`` down to ``depth`` levels (see :func:`cascade.plot.tree`)."""
    if depth is not None and depth < 1:
        msg = f"depth={depth} must be 1 or more (1 draws the top goals only)"
        raise UsageError(msg)
    pool, roots, title, where = _start(c, root, kind)
    if root is None and depth is None:
        depth = CITY_DEPTH
    if not roots:
        msg = "no top goal to start from: every goal has a parent (a cycle?)"
        raise UsageError(msg)

    # Level by level, over whole columns.
    levels: list[list[str]] = [roots]
    seen = set(roots)
    while depth is None or len(levels) < depth:
        below = pool[pool["parent_goal_id"].isin(levels[-1]) & ~pool["goal_id"].isin(seen)]
        if below.empty:
            break
        levels.append(below["goal_id"].tolist())
        seen.update(levels[-1])
    total = sum(len(level) for level in levels)
    if total > max_nodes:
        raise UsageError(_refusal(c, root, levels, total, max_nodes, where))

    depth_of = {g: d for d, level in enumerate(levels) for g in level}
    drawn = pool[pool["goal_id"].isin(depth_of)]
    children: dict[str, list[str]] = {g: [] for g in depth_of}
    for goal_id, parent in zip(drawn["goal_id"], drawn["parent_goal_id"], strict=True):
        if depth_of[goal_id] > 0 and parent in children:
            children[parent].append(goal_id)
    # Goals at the depth limit say how many goals below them are left out.
    counts = pool.loc[pool["parent_goal_id"].isin(levels[-1]), "parent_goal_id"].value_counts()
    hidden = {str(k): int(v) for k, v in counts.items() if v}
    return Selection(roots, children, depth_of, hidden, title)


def _refusal(
    c: Cascade,
    root: str | None,
    levels: list[list[str]],
    total: int,
    max_nodes: int,
    where: str,
) -> str:
    advice: list[str] = []
    running = 0
    fits = 0
    for d, level in enumerate(levels, start=1):
        if running + len(level) > max_nodes:
            break
        running += len(level)
        fits = d
    if fits:
        advice.append(f"depth={fits} ({running} goals)")
    units = c.units
    start = root if root is not None and root in set(units["unit_id"]) else None
    if root is None:
        top = units.loc[units["level"].astype(object) == "pemda", "unit_id"].tolist()
        start = top[0] if len(top) == 1 else None
    if start is not None:
        below = c.children(start, kind="unit")[:4]
        if below:
            more = ", …" if len(c.children(start, kind="unit")) > 4 else ""
            advice.append(f"a unit below it as root= ({', '.join(below)}{more})")
    advice.append("a larger max_nodes= (past about 200 goals a tree is hard to read)")
    return (
        f"the pohon kinerja {where} has {total} goals, more than max_nodes={max_nodes}:"
        f" draw less of it with " + ", or ".join(advice)
    )
