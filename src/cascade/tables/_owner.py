"""The tables of one owner: the LKjIP achievement table and the PK annex."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from cascade.errors import UsageError
from cascade.period import Period
from cascade.tables._common import (
    cascade_of,
    goal_kind_rank,
    owner_row,
    take,
    take_category,
    take_float,
    target_cells,
)
from cascade.tables._headers import Language, header, language_of

if TYPE_CHECKING:
    from cascade.engine import Results
    from cascade.model import Cascade

__all__ = ["lkjip_table", "pk_annex"]

#: Goal kinds whose budget lines are a programme, a kegiatan or a sub kegiatan (ranks).
_PROGRAMME_RANKS = (2, 3, 4)


def _owner_goal_rows(cascade: Cascade, unit_row: int) -> np.ndarray:
    """Rows of the goals the owner holds, in table order."""
    return np.flatnonzero(cascade._index.rows("goals", "unit_id") == unit_row)


def _grouped(goal_pos: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sorted by (goal position, row), with each entry's rank inside its goal."""
    order = np.lexsort((rows, goal_pos))
    pos, rows = goal_pos[order], rows[order]
    rank = np.arange(len(pos)) - np.searchsorted(pos, pos, side="left")
    return pos, rows, rank


def _owner_figures(results: Results, unit_row: int) -> dict[str, Any]:
    owner = results.owners.iloc[unit_row]

    def plain(value: object) -> object:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return None
        return value.item() if isinstance(value, np.generic) else value

    figures: dict[str, Any] = {
        "unit_id": str(owner["unit_id"]),
        "name": plain(owner["name"]),
        "period": str(results.as_of),
        "achievement": float(owner["achievement"]),
        "category": plain(owner["category"]),
    }
    for column in ("goals_counted", "goals_missing", "indicators_counted", "indicators_missing"):
        figures[column] = int(owner[column])
    return figures


def lkjip_table(
    results: Results,
    owner_id: str,
    *,
    language: Language = "id",
    ids: bool = False,
    key_only: bool = False,
    total: bool = False,
) -> pd.DataFrame:
    """The LKjIP achievement table of one owner (Bab III, *capaian kinerja*).

    One row per indicator of each goal the owner holds, goals in table order and each goal's
    indicators in table order: Sasaran | Indikator | Satuan | Target | Realisasi |
    Capaian (%) | Kategori. The goal statement is repeated on each of its indicator rows, so
    the frame filters and sorts as it is (blank the repeats with
    ``frame.mask(frame.duplicated("Sasaran"))`` to print it grouped). A goal without an
    indicator keeps one row with the indicator columns blank, so the gap shows.

    Parameters
    ----------
    results
        A :func:`cascade.propagate` run; its period is the report's year.
    owner_id
        The unit whose goals are reported (``PEMKO`` for the city's LKjIP, an agency for
        its own).
    language
        ``"id"`` (default) for Indonesian headers, ``"en"`` for English. Category labels are
        the scale's own words in both.
    ids
        Put ``Kode Sasaran`` and ``Kode Indikator`` (goal and indicator ids) first.
    key_only
        Only the key indicators (IKU, ``key``), as many LKjIPs report.
    total
        End with a row holding the owner's own achievement and category.

    Returns
    -------
    pandas.DataFrame
        Targets as numbers, a range target as text (``80–90``; decimal comma in
        Indonesian); realisation and achievement as floats, full precision (Excel shows two
        decimals); missing figures NaN; ``Kategori`` an ordered categorical of the policy's
        scale. ``.attrs`` holds the owner's figures: ``unit_id``, ``name``, ``period``,
        ``achievement``, ``category``, ``goals_counted``, ``goals_missing``,
        ``indicators_counted``, ``indicators_missing``.

    Raises
    ------
    cascade.errors.UnknownIdError
        If no unit has that id.
    cascade.errors.UsageError
        For an unknown language.

    Examples
    --------
    >>> import cascade
    >>> from cascade.tables import lkjip_table
    >>> results = cascade.propagate(cascade.load_example(), as_of="2024")
    >>> table = lkjip_table(results, "DINASPU")
    >>> table.columns.tolist()
    ['Sasaran', 'Indikator', 'Satuan', 'Target', 'Realisasi', 'Capaian (%)', 'Kategori']
    >>> table[["Satuan", "Target", "Realisasi", "Capaian (%)", "Kategori"]].head(3).round(2)
      Satuan  Target  Realisasi  Capaian (%)     Kategori
    0 persen    88.5       80.9        91.41  Sangat Baik
    1 persen    15.0        9.8        65.33       Kurang
    2     km    51.0       37.1        72.75        Cukup
    >>> round(table.attrs["achievement"], 2), table.attrs["category"]
    (72.87, 'Cukup')
    >>> lkjip_table(results, "PEMKO", language="en").loc[8, ["Target", "Achievement (%)"]]
    Target             2–4
    Achievement (%)    100.0
    Name: 8, dtype: object
    """
    lang = language_of(language)
    c = results.cascade
    unit_row = owner_row(c, owner_id)
    goal_rows = _owner_goal_rows(c, unit_row)
    goal_pos = np.full(len(c._tables["goals"]), -1, dtype=np.int64)
    goal_pos[goal_rows] = np.arange(len(goal_rows))

    indicators = c._tables["indicators"]
    ind_goal = c._index.rows("indicators", "goal_id")
    pos_of_ind = np.where(ind_goal >= 0, goal_pos[np.maximum(ind_goal, 0)], -1)
    chosen = pos_of_ind >= 0
    if key_only:
        chosen &= indicators["key"].to_numpy(dtype=bool, na_value=False)
    ind_rows = np.flatnonzero(chosen)
    pos = pos_of_ind[ind_rows]
    if not key_only:  # a goal without an indicator keeps a row
        bare = np.setdiff1d(np.arange(len(goal_rows)), pos)
        pos = np.concatenate([pos, bare])
        ind_rows = np.concatenate([ind_rows, np.full(len(bare), -1, dtype=np.int64)])
    pos, ind_rows, _ = _grouped(pos, ind_rows)
    g_rows = goal_rows[pos]

    fig = results.indicators
    frame = pd.DataFrame(
        {
            header("goal_id", lang): take(c._tables["goals"]["goal_id"], g_rows),
            header("indicator_id", lang): take(indicators["indicator_id"], ind_rows),
            header("goal", lang): take(c._tables["goals"]["statement"], g_rows),
            header("indicator", lang): take(indicators["name"], ind_rows),
            header("measure_unit", lang): take(indicators["measure_unit"], ind_rows),
            header("target", lang): target_cells(
                take_float(fig["target"], ind_rows),
                take_float(fig["target_upper"], ind_rows),
                lang,
            ),
            header("realisation", lang): take_float(fig["realisation"], ind_rows),
            header("achievement", lang): take_float(fig["achievement"], ind_rows),
            header("category", lang): take_category(fig["category"], ind_rows),
        }
    )
    figures = _owner_figures(results, unit_row)
    if total:
        last = pd.DataFrame(
            {
                header("goal", lang): [header("lkjip_total", lang, figures["name"] or owner_id)],
                header("achievement", lang): [figures["achievement"]],
                header("category", lang): pd.Categorical(
                    [figures["category"]],
                    categories=frame[header("category", lang)].cat.categories,
                    ordered=True,
                ),
            }
        )
        frame = _append(frame, last)
    if not ids:
        frame = frame.drop(columns=[header("goal_id", lang), header("indicator_id", lang)])
    frame.attrs.update(figures)
    return frame


def _append(frame: pd.DataFrame, row: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with ``row`` below it, columns and dtypes kept, blanks where ``row`` has none."""
    full = row.reindex(columns=frame.columns)
    for name in frame.columns:
        if name not in row.columns:
            dtype = frame[name].dtype
            if isinstance(dtype, pd.CategoricalDtype):
                full[name] = pd.Categorical([None], dtype=dtype)
            elif pd.api.types.is_object_dtype(dtype):
                full[name] = pd.Series([np.nan], dtype=object)
            else:
                full[name] = pd.Series([None], dtype=dtype)
    return pd.concat([frame, full], ignore_index=True)


def _programme_items(cascade: Cascade, unit_row: int) -> tuple[np.ndarray, np.ndarray]:
    """The owner's programmes, kegiatan and sub kegiatan, and the owner goal each goes with.

    An item is a goal of a programme kind, owned by the owner or a unit below it, at or below
    one of the owner's goals with no other programme-kind goal between it and the owner's
    goals (the program's pagu holds its kegiatan's). It goes with the nearest of the owner's
    goals strictly above it, or with itself when it is one of the owner's goals and none of
    them is above it.
    """
    tree = cascade._trees["goal"]
    parent = tree.parent
    goal_owner = cascade._index.rows("goals", "unit_id")
    is_owner = goal_owner == unit_row
    is_prog = np.isin(goal_kind_rank(cascade), _PROGRAMME_RANKS)
    # the owner's money: items owned by it or a unit below it, never a crosscutting
    # agency's goal that supports one of its goals
    mine = np.zeros(len(cascade._tables["units"]) + 1, dtype=bool)  # last slot: no owner
    mine[unit_row] = True
    mine[cascade._trees["unit"].descendant_rows(unit_row)] = True
    items = np.flatnonzero(is_prog & (tree.depth >= 0) & mine[goal_owner])
    in_cone = is_owner[items].copy()
    blocked = np.zeros(len(items), dtype=bool)
    pending = np.zeros(len(items), dtype=bool)  # a programme goal passed on the way up
    anchor = np.full(len(items), -1, dtype=np.int64)
    cur = parent[items]
    for _ in range(int(tree.depth.max(initial=0)) + 1):
        live = cur >= 0
        if not live.any():
            break
        at = np.maximum(cur, 0)
        owner_here = live & is_owner[at]
        prog_here = live & is_prog[at]
        blocked |= owner_here & (pending | prog_here)
        anchor = np.where(owner_here & (anchor < 0), cur, anchor)
        in_cone |= owner_here
        pending |= prog_here
        cur = np.where(live, parent[at], -1)
    keep = in_cone & ~blocked
    items, anchor = items[keep], anchor[keep]
    anchor = np.where(anchor >= 0, anchor, items)
    return items, anchor


def pk_annex(
    source: Results | Cascade,
    owner_id: str,
    *,
    as_of: str | Period | None = None,
    language: Language = "id",
    ids: bool = False,
    total: bool = False,
) -> pd.DataFrame:
    """The annex of an owner's *perjanjian kinerja* (PK): its goals, targets and budget.

    Sasaran | Indikator | Target | Program / Kegiatan / Sub Kegiatan | Anggaran (Rp), for
    each goal the owner holds (table order). The programme column lists the programmes,
    kegiatan and sub kegiatan that carry the owner's goals: the goals of kind
    ``sasaran_program``, ``sasaran_kegiatan`` or ``sasaran_subkegiatan`` at or below the
    owner's goals, the top-most only (a program's pagu already holds its kegiatan's, so no
    rupiah is listed twice). So an agency head's annex lists its programs, a kepala bidang's
    its kegiatan, a kepala seksi's its sub kegiatan, and the city's every agency's programs.
    Each item sits beside the nearest of the owner's goals above it (an agency's programs
    beside its sasaran strategis), or beside itself when nothing of the owner's is above it
    (a bidang's kegiatan). ``Anggaran`` is the item's ``allocated`` (pagu) for the period:
    its own budget line, else the sum of its children's (``Results.budget``).

    A goal's indicator rows and item rows are laid side by side, as the printed annex does:
    the goal takes as many rows as it has indicators or items, whichever is more, with its
    statement on each; the shorter list leaves its cells blank.

    Parameters
    ----------
    source
        A :func:`cascade.propagate` run, or a cascade (then propagated for ``as_of``).
    owner_id
        The unit whose agreement it is.
    as_of
        The period (the PK's year). Required with a cascade; with results, it must be
        theirs if given.
    language
        ``"id"`` (default) or ``"en"`` headers.
    ids
        Put the goal, indicator and programme ids first.
    total
        End with a ``Jumlah`` row holding the sum of ``Anggaran``.

    Returns
    -------
    pandas.DataFrame
        Targets as numbers, range targets as text (``80–90``), the budget as floats (NaN
        without a budget figure). ``.attrs`` holds ``unit_id``, ``name``, ``period`` and
        ``allocated`` (the sum of the column).

    Raises
    ------
    cascade.errors.UnknownIdError
        If no unit has that id.
    cascade.errors.UsageError
        If ``as_of`` is missing for a cascade or differs from the results' period, or for
        an unknown language.

    Examples
    --------
    >>> import cascade
    >>> from cascade.tables import pk_annex
    >>> annex = pk_annex(cascade.load_example(), "DINASPU", as_of="2024", ids=True)
    >>> annex.columns.tolist()[3:]
    ['Sasaran', 'Indikator', 'Target', 'Program / Kegiatan / Sub Kegiatan', 'Anggaran (Rp)']
    >>> annex[["Kode Sasaran", "Kode Program / Kegiatan / Sub Kegiatan", "Anggaran (Rp)"]].dropna()
      Kode Sasaran Kode Program / Kegiatan / Sub Kegiatan  Anggaran (Rp)
    2  DINASPU-SS1                             DINASPU-P1   1.565000e+10
    3  DINASPU-SS1                             DINASPU-P2   6.950000e+09
    7  DINASPU-SS2                             DINASPU-P3   5.190000e+09
    >>> annex.attrs["allocated"]  # the agency's pagu, as Results.owner_budget has it
    27790000000.0
    """
    lang = language_of(language)
    results = _results_for(source, as_of)
    c = results.cascade
    unit_row = owner_row(c, owner_id)
    goal_rows = _owner_goal_rows(c, unit_row)
    n_goals = len(c._tables["goals"])
    goal_pos = np.full(n_goals, -1, dtype=np.int64)
    goal_pos[goal_rows] = np.arange(len(goal_rows))

    ind_goal = c._index.rows("indicators", "goal_id")
    ind_pos = np.where(ind_goal >= 0, goal_pos[np.maximum(ind_goal, 0)], -1)
    ind_rows = np.flatnonzero(ind_pos >= 0)
    i_pos, i_rows, i_rank = _grouped(ind_pos[ind_rows], ind_rows)
    items, anchor = _programme_items(c, unit_row)
    p_pos, p_rows, p_rank = _grouped(goal_pos[anchor], items)

    # one row per (goal, rank): indicators and items side by side; every goal at least once
    width = max(len(i_rows), len(p_rows), 1) + 1
    i_key, p_key = i_pos * width + i_rank, p_pos * width + p_rank
    keys = np.unique(np.concatenate([i_key, p_key, np.arange(len(goal_rows)) * width]))
    g_rows = goal_rows[keys // width]
    row_ind = np.full(len(keys), -1, dtype=np.int64)
    row_ind[np.searchsorted(keys, i_key)] = i_rows
    row_item = np.full(len(keys), -1, dtype=np.int64)
    row_item[np.searchsorted(keys, p_key)] = p_rows

    goals, indicators, fig = c._tables["goals"], c._tables["indicators"], results.indicators
    allocated = _goal_allocated(results)
    frame = pd.DataFrame(
        {
            header("goal_id", lang): take(goals["goal_id"], g_rows),
            header("indicator_id", lang): take(indicators["indicator_id"], row_ind),
            header("programme_id", lang): take(goals["goal_id"], row_item),
            header("goal", lang): take(goals["statement"], g_rows),
            header("indicator", lang): take(indicators["name"], row_ind),
            header("target", lang): target_cells(
                take_float(fig["target"], row_ind), take_float(fig["target_upper"], row_ind), lang
            ),
            header("programme", lang): take(goals["statement"], row_item),
            header("budget", lang): take_float(allocated, row_item),
        }
    )
    money = float(np.nansum(allocated[items])) if len(items) else 0.0
    if total:
        last = pd.DataFrame(
            {header("goal", lang): [header("pk_total", lang)], header("budget", lang): [money]}
        )
        frame = _append(frame, last)
    if not ids:
        frame = frame.drop(
            columns=[header(k, lang) for k in ("goal_id", "indicator_id", "programme_id")]
        )
    name = results.owners["name"].iloc[unit_row]
    frame.attrs.update(
        {
            "unit_id": owner_id,
            "name": None if pd.isna(name) else str(name),
            "period": str(results.as_of),
            "allocated": money,
        }
    )
    return frame


def _results_for(source: Results | Cascade, as_of: str | Period | None) -> Results:
    from cascade.engine import Results, propagate

    if isinstance(source, Results):
        if as_of is not None and _period(as_of) != source.as_of:
            msg = f"as_of {as_of} differs from the results' period {source.as_of}"
            raise UsageError(msg)
        return source
    cascade = cascade_of(source)
    if as_of is None:
        msg = "as_of is required with a cascade: the PK's period, such as '2024'"
        raise UsageError(msg)
    return propagate(cascade, as_of=as_of)


def _period(as_of: str | Period) -> Period:
    try:
        return Period.parse(as_of)
    except (TypeError, ValueError) as exc:
        msg = f"as_of: {exc}"
        raise UsageError(msg) from None


def _goal_allocated(results: Results) -> np.ndarray:
    """Each goal row's budget figure ``allocated`` (NaN without one)."""
    budget = results.budget
    first = pd.Series(budget["allocated"].to_numpy(dtype=np.float64), index=budget["goal_id"])
    first = first[~first.index.duplicated(keep="first")]
    goal_ids = results.cascade._tables["goals"]["goal_id"]
    out: np.ndarray = first.reindex(goal_ids.astype(object)).to_numpy(dtype=np.float64)
    return out
