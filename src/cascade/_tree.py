"""Columnar trees: parent pointers as integer arrays, children as a CSR index.

A :class:`Tree` is built once per hierarchy (units, goals, indicators) from two columns, the
ids and the parent ids, and answers navigation with numpy: a breadth-first pass per level, not
a Python loop per node. It tolerates what the checker reports rather than refusing it: a
duplicated id resolves to its first row, a parent id that does not exist makes a root (its
``parent_id`` still says what was written), and nodes on or below a cycle get depth ``-1``.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

__all__ = ["Tree"]


class Tree:
    """Parent/children index of one hierarchy.

    Parameters
    ----------
    ids
        The node ids, one per row.
    parent
        Each row's parent row, -1 for a root or a parent id that names no row (see
        :class:`cascade._index.IdIndex`).
    """

    def __init__(self, ids: pd.Series, parent: np.ndarray) -> None:
        self.ids = ids.reset_index(drop=True)
        n = len(self.ids)
        self.parent = np.asarray(parent, dtype=np.int64)
        child_rows = np.flatnonzero(self.parent >= 0)
        order = np.argsort(self.parent[child_rows], kind="stable")
        self._children = child_rows[order]
        counts = np.bincount(self.parent[child_rows], minlength=n)
        self._offsets = np.concatenate(([0], np.cumsum(counts)))
        self.depth = self._depths()

    @functools.cached_property
    def _lookup(self) -> pd.Index:
        """Hash index of the ids (first row of each), built on the first single-id lookup."""
        ids = self.ids
        index: pd.Index = pd.Index(ids[~ids.duplicated(keep="first")].to_numpy(dtype=object))
        return index

    @functools.cached_property
    def _first_rows(self) -> np.ndarray:
        return np.flatnonzero(~self.ids.duplicated(keep="first").to_numpy(dtype=bool))

    def __len__(self) -> int:
        return len(self.ids)

    def row(self, node_id: str) -> int | None:
        """Row of ``node_id`` (its first row if duplicated), or ``None``."""
        try:
            loc = self._lookup.get_loc(node_id)
        except KeyError:
            return None
        return int(self._first_rows[loc])

    def id_of(self, rows: np.ndarray | list[int]) -> list[str]:
        """The ids at ``rows``."""
        ids = self._ids_array
        return [str(ids[r]) for r in rows]

    @functools.cached_property
    def _ids_array(self) -> np.ndarray:
        """The ids as a numpy object array, for cheap per-node navigation."""
        return self.ids.to_numpy(dtype=object)

    def children_rows(self, rows: np.ndarray) -> np.ndarray:
        """Rows of all children of ``rows``, grouped by parent in input order."""
        starts = self._offsets[rows]
        lengths = self._offsets[rows + 1] - starts
        total = int(lengths.sum())
        if total == 0:
            return np.empty(0, dtype=np.int64)
        # Gather each parent's run of children in one vectorised step.
        run_starts = np.repeat(starts - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
        out: np.ndarray = self._children[np.arange(total) + run_starts]
        return out

    def descendant_rows(self, row: int) -> np.ndarray:
        """Rows below ``row``, breadth first (one pass per level); stops at a cycle."""
        seen = np.zeros(len(self.ids), dtype=bool)
        seen[row] = True
        frontier = np.array([row], dtype=np.int64)
        out: list[np.ndarray] = []
        while frontier.size:
            nxt = self.children_rows(frontier)
            nxt = nxt[~seen[nxt]]
            seen[nxt] = True
            if nxt.size:
                out.append(nxt)
            frontier = nxt
        return np.concatenate(out) if out else np.empty(0, dtype=np.int64)

    def ancestor_rows(self, row: int) -> list[int]:
        """Rows above ``row``, nearest first; stops before repeating itself in a cycle."""
        out: list[int] = []
        seen = {row}
        current = int(self.parent[row])
        while current >= 0 and current not in seen:
            out.append(current)
            seen.add(current)
            current = int(self.parent[current])
        return out

    def _depths(self) -> np.ndarray:
        """Depth of every row from its root (0); -1 for rows on or below a cycle."""
        n = len(self.ids)
        depth = np.full(n, -1, dtype=np.int64)
        frontier = np.flatnonzero(self.parent < 0)
        level = 0
        while frontier.size:
            depth[frontier] = level
            frontier = self.children_rows(frontier)
            frontier = frontier[depth[frontier] < 0]
            level += 1
        return depth
