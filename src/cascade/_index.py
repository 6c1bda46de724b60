"""Integer row references for every id column: one dictionary encoding per hierarchy.

Every link in a cascade is by text id, and hashing text is the costly part of joining a
million rows (about half a microsecond per id on a small machine). So each hierarchy's id
universe (its own id column and every column that refers to it) is dictionary-encoded once,
in one Arrow pass; after that every join — a goal's owner, an indicator's goal, a target's
indicator, a node's parent — is an integer gather in numpy.

The result, for each reference column, is the *row* it points to in the referenced table
(the first row when an id is duplicated), or -1 when the cell is blank or names no row.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import pyarrow as pa

__all__ = ["REFERENCES", "IdIndex"]

#: Per hierarchy: the table and id column, and every (table, column) that refers to it.
REFERENCES: dict[str, tuple[tuple[str, str], tuple[tuple[str, str], ...]]] = {
    "unit": (("units", "unit_id"), (("units", "parent_id"), ("goals", "unit_id"))),
    "goal": (
        ("goals", "goal_id"),
        (("goals", "parent_goal_id"), ("indicators", "goal_id"), ("budgets", "goal_id")),
    ),
    "indicator": (
        ("indicators", "indicator_id"),
        (
            ("indicators", "parent_indicator_id"),
            ("targets", "indicator_id"),
            ("realisations", "indicator_id"),
        ),
    ),
}


def _arrow(values: pd.Series) -> pa.Array:
    array = pa.array(values.astype("str").reset_index(drop=True))
    return array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array


class IdIndex:
    """Rows referenced by every id column of a cascade's tables.

    Parameters
    ----------
    tables
        The canonical tables.

    Examples
    --------
    >>> units = pd.DataFrame({"unit_id": ["P", "A", "A"], "parent_id": [None, "P", "X"]})
    >>> goals = pd.DataFrame({"goal_id": ["G"], "unit_id": ["A"], "parent_goal_id": [None]})
    >>> empty = pd.DataFrame(
    ...     {c: pd.Series(dtype="str") for c in ["indicator_id", "parent_indicator_id", "goal_id"]}
    ... )
    >>> index = IdIndex(
    ...     {
    ...         "units": units,
    ...         "goals": goals,
    ...         "indicators": empty,
    ...         "targets": empty,
    ...         "realisations": empty,
    ...         "budgets": empty,
    ...     }
    ... )
    >>> index.rows("units", "parent_id").tolist()  # "X" names no unit
    [-1, 0, -1]
    >>> index.rows("goals", "unit_id").tolist()  # the first row of the duplicated "A"
    [1]
    """

    def __init__(self, tables: Mapping[str, pd.DataFrame]) -> None:
        self._rows: dict[tuple[str, str], np.ndarray] = {}
        for own, refs in REFERENCES.values():
            self._rows.update(self._encode(tables, own, refs))

    @classmethod
    def _encode(
        cls,
        tables: Mapping[str, pd.DataFrame],
        own: tuple[str, str],
        refs: tuple[tuple[str, str], ...],
    ) -> dict[tuple[str, str], np.ndarray]:
        columns = [own, *refs]
        # One contiguous array: dictionary-encoding a many-chunked array (a large CSV read
        # arrives in chunks) is several times slower than encoding it in one piece.
        chunks = [_arrow(tables[t][c]).cast(pa.large_string()) for t, c in columns]
        encoded = pa.concat_arrays(chunks).dictionary_encode()
        flat = np.asarray(encoded.indices.fill_null(-1).to_numpy(), dtype=np.int64)
        codes = cls._align([flat], [len(tables[t]) for t, _ in columns])
        id_codes = codes[0]
        size = int(max((c.max(initial=-1) for c in codes), default=-1)) + 2
        first_row = np.full(size, -1, dtype=np.int64)  # the last slot stands for "blank"
        order = np.arange(len(id_codes), dtype=np.int64)
        valid = id_codes >= 0
        first_row[id_codes[valid][::-1]] = order[valid][::-1]  # the first row wins
        # A blank cell's code is -1, which reads the last slot: -1 again.
        return {column: first_row[part] for column, part in zip(columns, codes, strict=True)}

    @staticmethod
    def _align(codes: list[np.ndarray], lengths: list[int]) -> list[np.ndarray]:
        """Chunks as Arrow returned them (empty ones may be dropped), one per column."""
        if [len(c) for c in codes] == lengths:
            return codes
        flat = np.concatenate(codes) if codes else np.empty(0, dtype=np.int64)
        bounds = np.cumsum([0, *lengths])
        return [flat[bounds[i] : bounds[i + 1]] for i in range(len(lengths))]

    def rows(self, table: str, column: str) -> np.ndarray:
        """For each row of ``table``, the row its ``column`` refers to (-1 if none)."""
        return self._rows[(table, column)]
