"""Derived realisation: each indicator's number for a period, reported or computed.

This is the one definition of ``domain.md`` section 5, steps 1 and 4, that the checker's
``realisation-mismatch`` rule and the achievement engine share.

Vocabulary
----------
reported realisation
    The indicator's own number for the period: the value of its row in ``realisations`` for
    exactly that period; for a year (or a quarter) with no such row, its reported quarters
    (else months) within it, combined by its ``period_aggregation`` (*time*, step 4).
derived realisation
    The number its carrier children give, by its ``aggregation`` (``sum``, ``mean``,
    ``weighted_mean`` by ``weight``, ``min``, ``max``), over each child's realisation
    (reported if it has one, else its own derived one): *roll-up*, step 1. An indicator with
    ``aggregation`` ``none``, or with no carrier child, has none.
value
    The realisation that counts: reported wins over derived. ``source`` says which.
missing-value policy
    How a combination treats a missing input: ``skip_if_any_missing`` (the default: the result
    is missing if any input is), ``skip_if_all_missing`` (combine the inputs present; missing
    only if none is) or ``zero`` (a missing input counts as 0). One policy governs both the
    roll-up and the time combination.

Rules of the computation
------------------------
- A value that is not a finite number (``inf``, ``-inf``) counts as missing; the checker
  reports it (``invalid-value``). Of two rows for the same indicator and period the first
  finite one counts; the checker reports the duplicate (``duplicate-entry``).
- Rows of ``realisations`` for an indicator id that does not exist are ignored; for an id used
  twice, they belong to its first row (as every lookup by id in :class:`~cascade.Cascade`).
- Roll-up runs bottom-up, one vectorised pass per depth of the indicator tree, deepest first.
  Indicators on or below a cycle (depth -1) get no derived value.
- Time combination uses reported sub-periods only (never derived ones). A year uses its
  quarters if it has at least one reported quarter, else its months; a quarter uses its
  months; a month is never combined. ``sum`` adds them, ``mean`` averages them and ``last``
  takes the latest one present. A gap (fewer than 4 quarters, 12 months, or 3 months for a
  quarter) makes the result missing under ``skip_if_any_missing`` whatever the
  ``period_aggregation``; under ``skip_if_all_missing`` the present ones are combined (a mean
  of the present ones); under ``zero`` a missing one counts as 0 for ``sum`` and ``mean``
  (the mean divides by 4, 12 or 3), while ``last`` still takes the latest one present (a
  position is not zero because it was not reported).
- A weighted mean whose weights add up to 0 is undefined: missing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal, get_args

import numpy as np
import pandas as pd

from cascade.period import Period

if TYPE_CHECKING:
    from cascade._tree import Tree
    from cascade.model import Cascade

__all__ = ["COLUMNS", "MISSING_POLICIES", "Missing", "derive_realisations"]

Missing = Literal["skip_if_any_missing", "skip_if_all_missing", "zero"]
#: The missing-value policies, the default first.
MISSING_POLICIES: tuple[str, ...] = get_args(Missing)

#: The columns of :func:`derive_realisations`' frame, in order.
COLUMNS = ["indicator_id", "period", "reported", "derived", "value", "source"]

_SOURCES = ["reported", "derived"]
_AGGREGATIONS = ("sum", "mean", "weighted_mean", "min", "max")
#: How many sub-periods of each kind a period holds.
_SPANS = {("year", "quarter"): 4, ("year", "month"): 12, ("quarter", "month"): 3}


def derive_realisations(
    cascade: Cascade,
    periods: str | Period | Iterable[str | Period],
    *,
    missing: Missing = "skip_if_any_missing",
) -> pd.DataFrame:
    """Every indicator's reported, derived and effective realisation for each period.

    Parameters
    ----------
    cascade
        The cascade.
    periods
        The period or periods wanted (``"2024"``, ``"2024Q1"``, ``"2024-03"`` or
        :class:`~cascade.period.Period`); duplicates are dropped and they are sorted.
    missing
        The missing-value policy: ``skip_if_any_missing`` (default),
        ``skip_if_all_missing`` or ``zero`` (see the module docstring).

    Returns
    -------
    pandas.DataFrame
        One row per indicator row and period (indicators in table order, then periods), with
        columns ``indicator_id``; ``period`` (categorical of the canonical text);
        ``reported``, ``derived`` and ``value`` (float, NaN for missing) and ``source``
        (categorical: ``reported``, ``derived`` or missing when there is no value).

    Raises
    ------
    ValueError
        For an unknown ``missing`` policy.
    cascade.errors.InvalidPeriodError
        For a period that cannot be read.

    Examples
    --------
    A sasaran program measured as the sum of two kegiatan; one kegiatan reports quarters
    only, the other a year.

    >>> import pandas as pd
    >>> from cascade import Cascade
    >>> c = Cascade(
    ...     units=pd.DataFrame(
    ...         {"unit_id": ["PEMKO"], "name": ["Pemko"], "parent_id": [None], "level": ["pemda"]}
    ...     ),
    ...     goals=pd.DataFrame({"goal_id": ["S1"], "unit_id": ["PEMKO"], "statement": ["Sehat"]}),
    ...     indicators=pd.DataFrame(
    ...         {
    ...             "indicator_id": ["P", "K1", "K2"],
    ...             "goal_id": ["S1", "S1", "S1"],
    ...             "parent_indicator_id": [None, "P", "P"],
    ...             "name": ["Kasus", "Kasus A", "Kasus B"],
    ...             "measure_unit": ["kasus"] * 3,
    ...             "aggregation": ["sum", "none", "none"],
    ...             "period_aggregation": ["sum", "sum", "sum"],
    ...         }
    ...     ),
    ...     realisations=pd.DataFrame(
    ...         {
    ...             "indicator_id": ["K1", "K2", "K2", "K2", "K2"],
    ...             "period": ["2024", "2024Q1", "2024Q2", "2024Q3", "2024Q4"],
    ...             "value": [40.0, 10.0, 15.0, 5.0, 20.0],
    ...         }
    ...     ),
    ... )
    >>> derive_realisations(c, "2024")
      indicator_id period  reported  derived  value    source
    0            P   2024       NaN     90.0   90.0   derived
    1           K1   2024      40.0      NaN   40.0  reported
    2           K2   2024      50.0      NaN   50.0  reported

    With a quarter missing, the year of K2, and so P's, is missing by default; the other
    policies combine what is there:

    >>> gap = Cascade(**{**c.tables, "realisations": c.realisations.iloc[:-1]})
    >>> derive_realisations(gap, "2024")["value"].tolist()
    [nan, 40.0, nan]
    >>> derive_realisations(gap, "2024", missing="skip_if_all_missing")["value"].tolist()
    [70.0, 40.0, 30.0]
    """
    if missing not in MISSING_POLICIES:
        msg = f"missing must be one of {', '.join(MISSING_POLICIES)}, not {missing!r}"
        raise ValueError(msg)
    tables = cascade._tables
    tree: Tree = cascade._trees["indicator"]
    rows = cascade._index.rows("realisations", "indicator_id")
    return _derive(tables["indicators"], tables["realisations"], rows, tree, periods, missing)


def _derive(
    indicators: pd.DataFrame,
    realisations: pd.DataFrame,
    rows: np.ndarray,
    tree: Tree,
    periods: str | Period | Iterable[str | Period],
    missing: Missing,
) -> pd.DataFrame:
    """:func:`derive_realisations` given each realisation's indicator row (-1: none).

    The checker calls this with the row lookup it shares between rules.
    """
    asked = _asked(periods)
    reported = _reported(indicators, realisations, rows, asked, missing)
    derived, value = _roll_up(indicators, tree, reported, missing)
    n, p = reported.shape
    source = np.where(~np.isnan(reported), 0, np.where(~np.isnan(derived), 1, -1)).astype(np.int64)
    period_codes = np.tile(np.arange(p, dtype=np.int64), n)
    return pd.DataFrame(
        {
            "indicator_id": indicators["indicator_id"]
            .take(np.repeat(np.arange(n), p))
            .reset_index(drop=True),
            "period": pd.Categorical.from_codes(
                period_codes, categories=pd.Index([str(q) for q in asked])
            ),
            "reported": reported.ravel(),
            "derived": derived.ravel(),
            "value": value.ravel(),
            "source": pd.Categorical.from_codes(source.ravel(), categories=pd.Index(_SOURCES)),
        }
    )


def _levels(rows: np.ndarray, depth: np.ndarray) -> list[np.ndarray]:
    """``rows`` split by ``depth`` (their depths, all >= 0), shallowest level first."""
    if not rows.size:
        return []
    small = np.int16 if depth.max() < np.iinfo(np.int16).max else np.int64
    order = np.argsort(depth.astype(small), kind="stable")  # a radix sort for int16
    rows, depth = rows[order], depth[order]
    return np.split(rows, np.flatnonzero(np.diff(depth)) + 1)


def _compact(keys: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct ``keys`` (in ``[0, size)``) in increasing order, and each key's position.

    As ``np.unique(keys, return_inverse=True)``, in linear time.
    """
    present = np.zeros(size, dtype=bool)
    present[keys] = True
    uniques = np.flatnonzero(present)
    rank = np.cumsum(present) - 1
    inverse: np.ndarray = rank[keys]
    return uniques, inverse


def _first(key: np.ndarray, size: int) -> np.ndarray:
    """Whether each position holds the first occurrence of its key (keys in ``[0, size)``)."""
    if not len(key):
        return np.ones(0, dtype=bool)
    if np.bincount(key, minlength=size).max() <= 1:  # the usual case: no repeats
        return np.ones(len(key), dtype=bool)
    position = np.arange(len(key), dtype=np.int64)
    earliest = np.full(size, len(key), dtype=np.int64)
    np.minimum.at(earliest, key, position)
    out: np.ndarray = earliest[key] == position
    return out


def _asked(periods: str | Period | Iterable[str | Period]) -> list[Period]:
    values = [periods] if isinstance(periods, str | Period) else list(periods)
    return sorted({Period.parse(p) for p in values})


def _codes(series: pd.Series, categories: tuple[str, ...]) -> np.ndarray:
    """Position of each value in ``categories`` (-1 for a missing or other value)."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        lookup = np.append(pd.Index(categories).get_indexer(series.cat.categories.astype(str)), -1)
        out: np.ndarray = lookup[series.cat.codes.to_numpy(dtype=np.int64)]
        return out
    return pd.Index(categories).get_indexer(pd.Index(series.astype("str")))


def _reported(
    indicators: pd.DataFrame,
    realisations: pd.DataFrame,
    rows: np.ndarray,
    asked: list[Period],
    missing: Missing,
) -> np.ndarray:
    """Reported realisation, shape (indicators, periods): exact rows, else time-combined."""
    n, p = len(indicators), len(asked)
    out = np.full((n, p), np.nan)
    if not len(realisations) or not p:
        return out
    values = realisations["value"].to_numpy(dtype=np.float64, na_value=np.nan)
    period = realisations["period"]
    if isinstance(period.dtype, pd.CategoricalDtype):
        codes = period.cat.codes.to_numpy(dtype=np.int64)
        categories = [Period.parse(str(c)) for c in period.cat.categories]
    else:  # pragma: no cover - canonical tables hold periods as categoricals
        uniques, inverse = np.unique(
            period.astype("str").to_numpy(dtype=object), return_inverse=True
        )
        codes, categories = inverse.astype(np.int64), [Period.parse(str(u)) for u in uniques]
    keep = (rows >= 0) & (codes >= 0) & np.isfinite(values)
    rows, values, codes = rows[keep], values[keep], codes[keep]
    how = _codes(indicators["period_aggregation"], ("sum", "last", "mean"))
    for k, wanted in enumerate(asked):
        exact = np.array([c == wanted for c in categories], dtype=bool)
        selected = exact[codes] if categories else np.zeros(len(codes), dtype=bool)
        r, v = rows[selected], values[selected]
        first = _first(r, n)
        out[r[first], k] = v[first]
        have = ~np.isnan(out[:, k])
        for part in _parts(wanted):
            span = _SPANS[wanted.granularity, part]
            position = np.array(
                [
                    (c.first_month - wanted.first_month) // (3 if part == "quarter" else 1)
                    if c.granularity == part and wanted.contains(c)
                    else -1
                    for c in categories
                ],
                dtype=np.int64,
            )
            pos = position[codes] if categories else np.full(len(codes), -1)
            selected = (pos >= 0) & ~have[rows]
            if not selected.any():
                continue
            combined, present = _combine(
                rows[selected], pos[selected], values[selected], n, span, how, missing
            )
            out[present, k] = combined[present]
            have |= present
    return out


def _parts(period: Period) -> tuple[Literal["quarter", "month"], ...]:
    """The sub-periods a period's realisation is combined from, in order of preference."""
    if period.granularity == "year":
        return ("quarter", "month")
    if period.granularity == "quarter":
        return ("month",)
    return ()


def _combine(
    rows: np.ndarray,
    pos: np.ndarray,
    values: np.ndarray,
    n: int,
    span: int,
    how: np.ndarray,
    missing: Missing,
) -> tuple[np.ndarray, np.ndarray]:
    """Sub-period values combined per indicator; and which indicators had any.

    ``how`` is each indicator's period aggregation as a code: 0 sum, 1 last, 2 mean (an
    unknown one reads as ``last``, the default).
    """
    key = rows * span + pos
    order = np.argsort(key, kind="stable")
    key, rows, values = key[order], rows[order], values[order]
    first = np.concatenate(([True], key[1:] != key[:-1]))  # the first row of a repeated period
    rows, values = rows[first], values[first]
    count = np.bincount(rows, minlength=n)
    total = np.bincount(rows, weights=values, minlength=n)
    last = np.full(n, np.nan)
    ends = np.concatenate((rows[1:] != rows[:-1], [True]))  # sorted by period within a row
    last[rows[ends]] = values[ends]
    present = count > 0
    divisor = np.where(present, count, 1) if missing == "skip_if_all_missing" else span
    combined = np.select([how == 0, how == 2], [total, total / divisor], default=last)
    if missing == "skip_if_any_missing":
        combined = np.where(count == span, combined, np.nan)
    return np.where(present, combined, np.nan), present


def _roll_up(
    indicators: pd.DataFrame, tree: Tree, reported: np.ndarray, missing: Missing
) -> tuple[np.ndarray, np.ndarray]:
    """Derived and effective realisation, bottom-up, one pass per depth level."""
    n, p = reported.shape
    derived = np.full((n, p), np.nan)
    value = reported.copy()
    if not n or not p:
        return derived, value
    parent, depth = tree.parent, tree.depth
    aggregation = _codes(indicators["aggregation"], _AGGREGATIONS)  # -1: none
    carrier = (indicators["role"] == "carrier").to_numpy(dtype=bool, na_value=False)
    weight = indicators["weight"].to_numpy(dtype=np.float64, na_value=np.nan)
    linked = carrier & (parent >= 0) & (depth > 0)
    linked[linked] = aggregation[parent[linked]] >= 0
    children = np.flatnonzero(linked)
    if not children.size:
        return derived, value
    for level in reversed(_levels(children, depth[children])):  # deepest first
        parents, group = _compact(parent[level], n)
        result = _aggregate(
            value[level], weight[level], group, len(parents), aggregation[parents], missing
        )
        derived[parents] = result
        value[parents] = np.where(np.isnan(reported[parents]), result, reported[parents])
    return derived, value


def _aggregate(
    values: np.ndarray,
    weights: np.ndarray,
    group: np.ndarray,
    groups: int,
    how: np.ndarray,
    missing: Missing,
) -> np.ndarray:
    """Children's values (shape (m, p)) aggregated per parent group (shape (groups, p))."""
    p = values.shape[1]
    key = (group[:, None] * p + np.arange(p)).ravel()
    flat = values.ravel()
    present = ~np.isnan(flat)
    if missing == "zero":
        flat = np.where(present, flat, 0.0)
        present = np.ones_like(present)
    v0 = np.where(present, flat, 0.0)
    w = np.where(present, np.repeat(weights, p), 0.0)
    size = groups * p
    n_all = np.repeat(np.bincount(group, minlength=groups), p)
    n_present = np.bincount(key, weights=present, minlength=size)
    total = np.bincount(key, weights=v0, minlength=size)
    with np.errstate(invalid="ignore", divide="ignore"):
        weighted = np.bincount(key, weights=w * v0, minlength=size)
        weight_total = np.bincount(key, weights=w, minlength=size)
        mean = total / n_present
        weighted_mean = weighted / weight_total
    low = np.full(size, np.nan)
    high = np.full(size, np.nan)
    np.fmin.at(low, key[present], flat[present])
    np.fmax.at(high, key[present], flat[present])
    kind = np.repeat(how, p)
    result = np.select(
        [kind == i for i in range(len(_AGGREGATIONS))],
        [total, mean, weighted_mean, low, high],
        default=np.nan,
    )
    ok = (n_present > 0) & np.isfinite(result)
    if missing == "skip_if_any_missing":
        ok &= n_present == n_all
    return np.where(ok, result, np.nan).reshape(groups, p)
