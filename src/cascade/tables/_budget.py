"""The budget table: pagu, realisasi anggaran, absorption and efficiency per owner or goal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from cascade.errors import UsageError
from cascade.tables._common import owner_row, padded, take, take_float
from cascade.tables._headers import Language, header, kind_label, language_of

if TYPE_CHECKING:
    from cascade.engine import Results

__all__ = ["budget_table"]

_MONEY = ("allocated", "spent", "absorption", "efficiency")


def _first_rows(ids: pd.Series, wanted: pd.Series) -> np.ndarray:
    """For each of ``wanted``, the first row of ``ids`` holding it (-1 if none)."""
    index = pd.Index(ids.astype(object))
    first = ~index.duplicated(keep="first")
    rows = pd.Index(index[first]).get_indexer(wanted.astype(object))
    positions = padded(np.flatnonzero(first), -1, np.int64)
    out: np.ndarray = positions[rows]
    return out


def budget_table(
    results: Results,
    *,
    by: Literal["owner", "goal"] = "owner",
    owner_id: str | None = None,
    language: Language = "id",
    ids: bool = False,
) -> pd.DataFrame:
    """Budget allocated (pagu), spent (realisasi anggaran), absorption and efficiency.

    The figures of ``Results.owner_budget`` (``by="owner"``) or ``Results.budget``
    (``by="goal"``), in the same rows and order (owners or goals with a budget figure), with
    the achievement beside them: the efficiency of a budget is read against what it
    achieved (LKjIP Bab III, *analisis efisiensi penggunaan sumber daya*).

    ``by="owner"``: Unit Kerja | Pagu (Rp) | Realisasi Anggaran (Rp) | Serapan (%) |
    Efisiensi (%) | Capaian Kinerja (%). ``by="goal"``: Sasaran | Jenis | Unit Kerja | the
    same figures, with the goal's achievement. See ``docs/achievement.md`` (section 3) for
    how each figure counts every rupiah once.

    Parameters
    ----------
    results
        A :func:`cascade.propagate` run.
    by
        ``"owner"`` (default) or ``"goal"``.
    owner_id
        Only this unit and the units below it (their goals, for ``by="goal"``).
    language
        ``"id"`` (default) or ``"en"`` headers.
    ids
        Put ``Kode Unit`` (or ``Kode Sasaran``) first.

    Returns
    -------
    pandas.DataFrame
        Money and percentages as floats, NaN where missing.

    Raises
    ------
    cascade.errors.UnknownIdError
        If ``owner_id`` names no unit.
    cascade.errors.UsageError
        For another ``by`` or an unknown language.

    Examples
    --------
    >>> import cascade
    >>> from cascade.tables import budget_table
    >>> results = cascade.propagate(cascade.load_example(), as_of="2024")
    >>> table = budget_table(results, owner_id="DINASPU", ids=True)
    >>> table.columns.tolist()
    ['Kode Unit', 'Unit Kerja', 'Pagu (Rp)', 'Realisasi Anggaran (Rp)', 'Serapan (%)',
     'Efisiensi (%)', 'Capaian Kinerja (%)']
    >>> table.iloc[:2, [0, 2, 4, 5, 6]].round(2)
           Kode Unit     Pagu (Rp)  Serapan (%)  Efisiensi (%)  Capaian Kinerja (%)
    0        DINASPU  2.779000e+10        63.66          10.45                72.87
    1  DINASPU-SEKRE  5.190000e+09        60.81          11.74                68.90
    """
    lang = language_of(language)
    if by not in ("owner", "goal"):
        msg = f"by must be 'owner' or 'goal', got {by!r}"
        raise UsageError(msg)
    c = results.cascade
    units = c._tables["units"]
    if by == "owner":
        money = results.owner_budget
        rows = _first_rows(units["unit_id"], money["unit_id"])
        owner = rows
    else:
        money = results.budget
        goals = c._tables["goals"]
        rows = _first_rows(goals["goal_id"], money["goal_id"])
        owner = padded(c._index.rows("goals", "unit_id"), -1, np.int64)[rows]
    if owner_id is not None:
        top = owner_row(c, owner_id)
        mine = np.zeros(len(units), dtype=bool)
        mine[top] = True
        mine[c._trees["unit"].descendant_rows(top)] = True
        keep = np.flatnonzero((owner >= 0) & mine[np.maximum(owner, 0)])
        money, rows, owner = money.iloc[keep], rows[keep], owner[keep]
    money = money.reset_index(drop=True)

    columns: dict[str, object] = {}
    if by == "owner":
        if ids:
            columns[header("unit_id", lang)] = money["unit_id"]
        columns[header("unit", lang)] = money["name"]
        figures = results.owners
    else:
        if ids:
            columns[header("goal_id", lang)] = money["goal_id"]
        columns[header("goal", lang)] = take(goals["statement"], rows)
        kinds = take(goals["kind"].astype(object), rows)
        columns[header("kind", lang)] = pd.Series(
            [None if pd.isna(k) else kind_label(str(k), lang) for k in kinds], dtype="str"
        )
        columns[header("unit", lang)] = take(units["name"], owner)
        figures = results.goals
    for name in _MONEY:
        columns[header(name, lang)] = money[name].to_numpy(dtype=np.float64)
    columns[header("performance", lang)] = take_float(figures["achievement"], rows)
    return pd.DataFrame(columns)
