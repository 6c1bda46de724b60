"""The cascading matrix: one row per path from a pemda goal down to a lowest goal."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from cascade.enums import GoalKind, Level
from cascade.tables._common import cascade_of, goal_kind_rank, padded, take
from cascade.tables._headers import Language, header, kind_label, language_of, level_label

if TYPE_CHECKING:
    from cascade.engine import Results
    from cascade.model import Cascade

__all__ = ["cascading_matrix"]

_KINDS = [k.value for k in GoalKind]
_LEVELS = [level.value for level in Level]
_LOWEST = len(_KINDS) - 1


def cascading_matrix(
    cascade: Cascade | Results,
    *,
    root: str | Sequence[str] | None = None,
    indicators: bool = True,
    ids: bool = False,
    language: Language = "id",
) -> pd.DataFrame:
    r"""The cascading matrix (*matriks cascading*) that Bappeda and the OPD exchange.

    One row per path of the goal tree from a root goal down to a goal with no child goals
    (a leaf): each row is one chain *tujuan → sasaran → program → kegiatan → sub kegiatan →
    RHK*, with every goal of the chain in the columns of its kind, next to its indicators
    and its owner. A goal with several children appears on each of their rows. A path that
    skips a kind leaves that kind's columns blank.

    **Columns.** Per kind of goal found on the paths, top to bottom: the goal's statement
    (headed by the kind, ``Sasaran Program``), ``Indikator …`` (its indicators' names, one per
    line) and ``Penanggung Jawab …`` (its owner's name); with ``ids``, ``Kode …`` (the goal
    id) first. Down a path the kinds run top to bottom; where a goal's kind is not below its
    parent's, a new group of kinds starts, to its right. That happens where the agency's
    Renstra starts under a pemda sasaran (the pemda's *tujuan* and *sasaran strategis*, then
    the agency's) and under a crosscutting goal (an agency's sasaran strategis supporting
    another agency's). A kind found in more than one group is suffixed with the level of the
    group's highest owner: ``Tujuan (Pemda)``, ``Tujuan (PD)``, ``Sasaran Strategis (PD 2)``.
    A goal without a kind is placed one kind below its parent (a root: ``tujuan``).

    Built with one vectorised pass per level of the tree, never a loop per path, so a
    province of hundreds of thousands of goals takes seconds.

    Parameters
    ----------
    cascade
        The cascade, or a :func:`cascade.propagate` run (its cascade is used).
    root
        Where the paths start. ``None`` (default): every goal without a parent goal owned
        by a ``pemda`` unit (the RPJMD's tujuan and sasaran; without such a goal, every goal
        without a parent). Or goal ids, or unit ids standing for the unit's top goals (its
        goals whose parent goal is not its own): ``root="DINKES"`` is the agency's matrix.
        A root below another root is covered by it.
    indicators
        Include the ``Indikator …`` columns.
    ids
        Include the ``Kode …`` (goal id) columns.
    language
        ``"id"`` (default) or ``"en"`` headers.

    Returns
    -------
    pandas.DataFrame
        Text columns (pandas ``str``), blank (NaN) where a path has no goal of that kind.
        Rows in tree order: roots in table order, each one's children in table order,
        depth first.

    Raises
    ------
    cascade.errors.UnknownIdError
        If a root names no goal or unit.
    cascade.errors.UsageError
        For an id that is both a goal and a unit, or an unknown language.

    Examples
    --------
    >>> import cascade
    >>> from cascade.tables import cascading_matrix
    >>> city = cascade.load_example()
    >>> matrix = cascading_matrix(city, ids=True)
    >>> len(matrix)  # one row per lowest goal under the city's goals
    73
    >>> codes = [c for c in matrix.columns if c.startswith("Kode")]
    >>> codes[:4]
    ['Kode Tujuan (Pemda)', 'Kode Sasaran Strategis (Pemda)',
     'Kode Tujuan (PD)', 'Kode Sasaran Strategis (PD)']
    >>> matrix.loc[0, codes].dropna().tolist()
    ['PEMKO-T1', 'PEMKO-SS1.1', 'DINKES-T1', 'DINKES-SS1', 'DINKES-P1', 'DINKES-K1.1',
     'DINKES-SK1.1.1', 'DINKES-RHK1.1.1.1']
    >>> matrix.loc[0, "Indikator Sasaran Program (PD)"].split("\n")
    ['Persentase pelayanan kesehatan ibu dan anak sesuai standar',
     'Persentase balita gizi kurang yang mendapat pemberian makanan tambahan']
    """
    lang = language_of(language)
    c = cascade_of(cascade)
    goals = c._tables["goals"]
    walk = _walk(c, _roots(c, root))
    paths = _paths(c, walk)

    # one column group per (tier, kind) found; cells[i, j] is path i's goal in group j
    slot = walk.tier * len(_KINDS) + walk.place
    found = np.unique(slot[walk.reached])
    column_of = np.full(int(found.max(initial=0)) + 1, -1, dtype=np.int64)
    column_of[found] = np.arange(len(found))
    cells = np.full((len(paths), len(found)), -1, dtype=np.int64)
    for d in range(paths.shape[1]):
        nodes = paths[:, d]
        has = np.flatnonzero(nodes >= 0)
        cells[has, column_of[slot[nodes[has]]]] = nodes[has]

    labels = _group_labels(c, found, slot, walk.reached, lang)
    owner_names = _owner_names(c)
    indicator_text = _indicator_text(c) if indicators else None
    columns: dict[str, pd.Series] = {}
    for j, label in enumerate(labels):
        rows = cells[:, j]
        if ids:
            columns[header("matrix_id", lang, label)] = take(goals["goal_id"], rows)
        columns[header("matrix_goal", lang, label)] = take(goals["statement"], rows)
        if indicator_text is not None:
            columns[header("matrix_indicator", lang, label)] = take(indicator_text, rows)
        columns[header("matrix_owner", lang, label)] = take(owner_names, rows)
    return pd.DataFrame(columns, index=pd.RangeIndex(len(paths)))


@dataclass
class _Walk:
    """The forest below the roots, breadth first."""

    reached: np.ndarray  # bool per goal row
    is_root: np.ndarray  # bool per goal row
    has_child: np.ndarray  # bool per goal row: a child in the forest
    depth: np.ndarray  # depth below its root, -1 outside
    place: np.ndarray  # the kind rank it is shown at
    tier: np.ndarray  # its group of kinds, counted down the path
    levels: int  # the deepest depth


def _walk(c: Cascade, roots: np.ndarray) -> _Walk:
    """Each goal's depth, kind rank and kind group below the roots, one pass per level."""
    tree = c._trees["goal"]
    parent = tree.parent
    n = len(tree)
    rank = goal_kind_rank(c)
    w = _Walk(
        reached=np.zeros(n, dtype=bool),
        is_root=np.zeros(n, dtype=bool),
        has_child=np.zeros(n, dtype=bool),
        depth=np.full(n, -1, dtype=np.int64),
        place=np.full(n, -1, dtype=np.int64),
        tier=np.full(n, -1, dtype=np.int64),
        levels=0,
    )
    w.reached[roots] = w.is_root[roots] = True
    w.depth[roots] = 0
    w.place[roots] = np.where(rank[roots] >= 0, rank[roots], 0)
    w.tier[roots] = 0
    frontier = roots
    while frontier.size:
        kids = tree.children_rows(frontier)
        kids = kids[~w.reached[kids]]
        if not kids.size:
            break
        w.levels += 1
        up = parent[kids]
        w.reached[kids] = True
        w.has_child[up] = True
        w.depth[kids] = w.levels
        lower = np.minimum(w.place[up] + 1, _LOWEST)  # a goal without a kind
        w.place[kids] = np.where(rank[kids] >= 0, rank[kids], lower)
        w.tier[kids] = w.tier[up] + (w.place[kids] <= w.place[up])
        frontier = kids
    return w


def _paths(c: Cascade, w: _Walk) -> np.ndarray:
    """Every root-to-leaf path, root first, in tree order; -1 below a path's leaf."""
    parent = c._trees["goal"].parent
    leaves = np.flatnonzero(w.reached & ~w.has_child)
    leaf_depth = w.depth[leaves]
    paths = np.full((len(leaves), w.levels + 1), -1, dtype=np.int64)
    current = leaves.copy()
    for step in range(w.levels + 1):
        alive = np.flatnonzero(leaf_depth >= step)
        paths[alive, leaf_depth[alive] - step] = current[alive]
        current = np.where(w.is_root[current], current, parent[current])
    if len(leaves):  # depth first in table order: sort by the rows along each path
        paths = paths[np.lexsort(paths.T[::-1])]
    return paths


def _roots(c: Cascade, root: str | Sequence[str] | None) -> np.ndarray:
    """Rows of the goals the paths start at, none below another."""
    tree = c._trees["goal"]
    goal_owner = c._index.rows("goals", "unit_id")
    if root is None:
        top = (tree.parent < 0) & ~c._copies["goal"]
        is_pemda = (c._tables["units"]["level"] == Level.PEMDA.value).to_numpy(
            dtype=bool, na_value=False
        )
        pemda = top & padded(is_pemda, False, bool)[goal_owner]  # row -1 reads False
        return np.flatnonzero(pemda if pemda.any() else top)
    names = [root] if isinstance(root, str) else list(root)
    chosen = np.zeros(len(tree), dtype=bool)
    for name in names:
        kind, row = c._locate(name, None)
        if kind == "goal":
            chosen[row] = True
        elif kind == "unit":
            own = goal_owner == row
            up = tree.parent
            parent_owner = np.where(up >= 0, goal_owner[np.maximum(up, 0)], -1)
            chosen |= own & (parent_owner != row) & ~c._copies["goal"]
        else:  # an indicator id: its goal
            chosen[c._index.rows("indicators", "goal_id")[row]] = True
    # drop a root that has another root above it (itself, on a cycle, does not count)
    rows = np.flatnonzero(chosen)
    covered = np.zeros(len(rows), dtype=bool)
    current = tree.parent[rows]
    # enough steps to reach a root, or to go once round any cycle
    steps = int(tree.depth.max(initial=0)) + 1 + int((tree.depth < 0).sum())
    for _ in range(steps):
        live = (current >= 0) & (current != rows)
        if not live.any():
            break
        at = np.maximum(current, 0)
        covered |= live & chosen[at]
        current = np.where(live, tree.parent[at], -1)
    return rows[~covered]


def _group_labels(
    c: Cascade, found: np.ndarray, slot: np.ndarray, reached: np.ndarray, lang: Language
) -> list[str]:
    """The header of each (tier, kind) group: the kind, and where needed the tier's level."""
    tiers, kinds = np.divmod(found, len(_KINDS))
    names = [kind_label(_KINDS[k], lang) for k in kinds.tolist()]
    repeated = {name for name in names if names.count(name) > 1}
    if not repeated:
        return names
    # each tier's label: the level of its highest owner, numbered when levels repeat
    goal_owner = c._index.rows("goals", "unit_id")
    level_rank = np.asarray(
        pd.Categorical(c._tables["units"]["level"].astype(object), categories=_LEVELS).codes,
        dtype=np.int64,
    )
    owner_rank = padded(level_rank, -1, np.int64)[goal_owner]
    goal_tier = np.where(reached, slot // len(_KINDS), -1)
    tier_names: dict[int, str] = {}
    seen: dict[str, int] = {}
    for t in np.unique(tiers).tolist():
        ranks = owner_rank[(goal_tier == t) & (owner_rank >= 0)]
        base = level_label(_LEVELS[int(ranks.min())], lang) if ranks.size else str(t + 1)
        seen[base] = seen.get(base, 0) + 1
        tier_names[t] = base if seen[base] == 1 else f"{base} {seen[base]}"
    return [
        f"{name} ({tier_names[t]})" if name in repeated else name
        for name, t in zip(names, tiers.tolist(), strict=True)
    ]


def _owner_names(c: Cascade) -> np.ndarray:
    """Each goal's owner's name (its unit id when the unit has no name or does not exist)."""
    goals, units = c._tables["goals"], c._tables["units"]
    owner = c._index.rows("goals", "unit_id")
    names = pd.Series(padded(units["name"], None)[owner]).astype(object)
    out: np.ndarray = names.fillna(goals["unit_id"].astype(object)).to_numpy(dtype=object)
    return out


def _indicator_text(c: Cascade) -> np.ndarray:
    """Per goal row, its indicators' names in table order, one per line (None without any).

    Joined by Arrow over list offsets, not per goal in Python.
    """
    n = len(c._tables["goals"])
    goal_row = c._index.rows("indicators", "goal_id")
    keep = np.flatnonzero((goal_row >= 0) & ~c._copies["indicator"])
    order = keep[np.argsort(goal_row[keep], kind="stable")]
    names = c._tables["indicators"]["name"].astype(object).fillna("").to_numpy(dtype=object)
    counts = np.bincount(goal_row[order], minlength=n)
    offsets = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    lists = pa.LargeListArray.from_arrays(
        pa.array(offsets, type=pa.int64()), pa.array(names[order], type=pa.large_string())
    )
    separator = pa.scalar("\n", type=pa.large_string())
    joined = pc.binary_join(lists, separator).to_numpy(zero_copy_only=False).astype(object)
    joined[counts == 0] = None
    out: np.ndarray = joined
    return out
