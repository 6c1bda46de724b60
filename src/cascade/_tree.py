"""Columnar trees: parent pointers as integer arrays, children as a CSR index.

A :class:`Tree` is built once per hierarchy (units, goals, indicators) from two columns, the
ids and the parent ids, and answers navigation with numpy: a breadth-first pass per level, not
a Python loop per node. It tolerates what the checker reports rather than refusing it: a
duplicated id resolves to its first row, a parent id that does not exist makes a root (its
``parent_id`` still says what was written), and nodes on or below a cycle get depth ``-1``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["Tree"]


class Tree:
    """Parent/children index of one hierarchy.

    Parameters
    ----------
    ids
        The node ids, one per row.
    parent_ids
        Each row's parent id (missing for a root).
    """

    def __init__(self, ids: pd.Series, parent_ids: pd.Series) -> None:
        self.ids = ids.to_numpy(dtype=object)
        n = len(self.ids)
        index = pd.Index(self.ids)
        first = ~index.duplicated(keep="first")
        self._unique = pd.Index(self.ids[first])
        self._first_row = np.flatnonzero(first)
        parent_rows = self._unique.get_indexer(parent_ids.to_numpy(dtype=object))
        found = parent_rows >= 0
        parent = np.full(n, -1, dtype=np.int64)
        parent[found] = self._first_row[parent_rows[found]]
        self.parent = parent
        has_parent = parent >= 0
        child_rows = np.flatnonzero(has_parent)
        order = np.argsort(parent[child_rows], kind="stable")
        self._children = child_rows[order]
        counts = np.bincount(parent[child_rows], minlength=n)
        self._offsets = np.concatenate(([0], np.cumsum(counts)))
        self.depth = self._depths()

    def __len__(self) -> int:
        return len(self.ids)

    def row(self, node_id: str) -> int | None:
        """Row of ``node_id`` (its first row if duplicated), or ``None``."""
        loc = self._unique.get_indexer([node_id])[0]
        return None if loc < 0 else int(self._first_row[loc])

    def rows(self, node_ids: pd.Series | np.ndarray) -> np.ndarray:
        """Rows of many ids at once; -1 where an id is unknown."""
        loc = self._unique.get_indexer(np.asarray(node_ids, dtype=object))
        out = np.full(len(loc), -1, dtype=np.int64)
        out[loc >= 0] = self._first_row[loc[loc >= 0]]
        return out

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
