"""Target and value rules (``CAS3xx``): targets, realisations, weights and how they add up.

Vocabulary
----------
period checked
    One of the check run's periods (``Context.periods``: by default every year that has a
    target). Completeness and consistency rules look at the targets and realisations *of*
    those periods, matched exactly: for a year, the year's own row (its quarters are other
    periods). Integrity rules (``invalid-value``, ``duplicate-entry``) look at every row,
    whatever its period, as ``dangling-reference`` does.
carrier child
    An indicator whose ``parent_indicator_id`` names the parent and whose role is
    ``carrier``: its number counts in the parent's number.
range target
    A target with a ``target_upper``: the lower bound is in ``target``. A point target is a
    range whose two bounds are equal.
agree
    Two numbers *a* and *b* agree when ``|a - b| <= max(tolerance * max(|a|, |b|),
    absolute_tolerance)`` (as :func:`math.isclose`), with the policy's ``tolerance`` and
    ``absolute_tolerance``.

When two rows give a number for the same indicator and period, the first counts and
``duplicate-entry`` reports the other; when ``targets`` has a ``document`` column (the
planning document a target comes from: renstra, renja, pk, …), rows of different documents
are not duplicates, and the PK's target counts first, then an untagged row, then the
others in row order; a number that is not finite counts as missing and
``invalid-value`` reports it. Rows for an indicator that does not exist are left to
``dangling-reference``.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from cascade.checks._context import Context, SubjectKind, concat, no_findings, quote
from cascade.checks._rule import Category, Rule, Severity, rule
from cascade.derive import _compact, _first
from cascade.enums import Role
from cascade.period import Period

__all__ = [
    "RULES",
    "duplicate_entry",
    "invalid_value",
    "invalid_weight",
    "missing_target",
    "realisation_mismatch",
    "target_outside_plan",
    "target_split_mismatch",
    "zero_target",
]

_NOUN = {"unit": "Unit", "goal": "Sasaran", "indicator": "Indikator"}

# ------------------------------------------------------------------ shared helpers


def number_text(values: np.ndarray | pd.Series) -> pd.Series:
    """Numbers as message text: ``120``, ``12.5``, ``1450000000``, ``inf``, ``NaN``."""

    def one(x: float) -> str:
        if math.isnan(x):
            return "NaN"
        if math.isinf(x):
            return "inf" if x > 0 else "-inf"
        if x.is_integer() and abs(x) < 1e15:
            return str(int(x))
        return f"{x:.10g}"

    floats = np.asarray(values, dtype=np.float64)
    return pd.Series([one(float(x)) for x in floats], dtype="str")


def subject_text(ctx: Context, kind: SubjectKind, rows: np.ndarray, ids: pd.Series) -> pd.Series:
    """``Indikator "I-3" (name)`` per row; just the quoted id where the row is -1."""
    rows = np.asarray(rows, dtype=np.int64)
    known = rows >= 0
    head = _NOUN[kind] + " " + quote(ids)
    if known.all():
        return ctx.label(kind, rows)
    if known.any():
        labels = ctx.label(kind, np.where(known, rows, 0))
        return labels.where(known, head)
    return head


def period_codes(ctx: Context, frame: pd.DataFrame, *, exact: bool) -> np.ndarray:
    """For each row of ``frame``: the index in ``ctx.periods`` of its period, or -1.

    ``exact`` matches the period itself; otherwise the first checked period that contains it
    (a quarter's budget line falls in its year).
    """
    period = frame["period"]
    if not isinstance(period.dtype, pd.CategoricalDtype):  # pragma: no cover - canonical
        period = period.astype("str").astype("category")
    categories = [Period.parse(str(c)) for c in period.cat.categories]
    lookup = np.full(len(categories) + 1, -1, dtype=np.int64)  # the last slot: missing
    for c, p in enumerate(categories):
        for k, wanted in enumerate(ctx.periods):
            if p == wanted or (not exact and wanted.contains(p)):
                lookup[c] = k
                break
    out: np.ndarray = lookup[period.cat.codes.to_numpy(dtype=np.int64)]
    return out


def agree(a: np.ndarray, b: np.ndarray, ctx: Context) -> np.ndarray:
    """Whether ``a`` and ``b`` agree within the policy's tolerances (see the module doc)."""
    scale = np.maximum(np.abs(a), np.abs(b))
    limit = np.maximum(ctx.policy.tolerance * scale, ctx.policy.absolute_tolerance)
    with np.errstate(invalid="ignore"):
        out: np.ndarray = np.abs(a - b) <= limit
    return out


#: Headers (any case) of the optional ``targets`` column naming a target's document.
DOCUMENT_COLUMNS: tuple[str, ...] = ("document", "dokumen")


def target_documents(ctx: Context) -> pd.Series | None:
    """Each target row's document, lower case with single spaces ("" if blank).

    ``None`` when ``targets`` has no document column (:data:`DOCUMENT_COLUMNS`). Computed
    once per cascade: the few distinct words are normalised, not every row.
    """
    memo = ctx.cascade._memo
    if "target_documents" not in memo:
        memo["target_documents"] = _documents(ctx.targets)
    out: pd.Series | None = memo["target_documents"]
    return out


def _documents(targets: pd.DataFrame) -> pd.Series | None:
    for column in targets.columns:
        if str(column).strip().lower() in DOCUMENT_COLUMNS:
            codes, words = pd.factorize(targets[column], use_na_sentinel=True)
            normal = [" ".join(str(w).split()).lower() for w in words]
            table = np.asarray([*normal, ""], dtype=object)  # code -1 (blank) → ""
            return pd.Series(table[codes], index=targets.index, dtype="str")
    return None


def target_order(ctx: Context) -> np.ndarray:
    """Positions of the ``targets`` rows in the order they take precedence.

    Row order, except that with a document column the PK's rows (``pk``, ``perjanjian
    kinerja``) come first and untagged rows next: the first row of an indicator and period
    in this order is the one that counts.
    """
    memo = ctx.cascade._memo
    if "target_order" in memo:
        cached: np.ndarray = memo["target_order"]
        return cached
    documents = target_documents(ctx)
    n = len(ctx.targets)
    if documents is None:
        out: np.ndarray = np.arange(n)
    else:
        rank = np.where(documents.isin(["pk", "perjanjian kinerja"]), 0, 2)
        rank = np.where(documents == "", 1, rank)
        out = np.argsort(rank, kind="stable")
    out.setflags(write=False)
    memo["target_order"] = out
    return out


def checked_targets(ctx: Context) -> tuple[np.ndarray, np.ndarray]:
    """Rows of ``targets`` that count for a checked period, and that period's index.

    A row counts if its indicator exists, its period is a checked period and it is the first
    row for that indicator and period in :func:`target_order` (the PK's first).
    """
    rows = ctx.refs("targets", "indicator_id")
    k = period_codes(ctx, ctx.targets, exact=True)
    order = target_order(ctx)
    candidates = order[(rows[order] >= 0) & (k[order] >= 0)]
    p = len(ctx.periods)
    keep = candidates[_first(rows[candidates] * p + k[candidates], len(ctx.indicators) * p)]
    keep = np.sort(keep)
    return keep, k[keep]


def target_grid(ctx: Context, column: str, fill: float = np.nan) -> tuple[np.ndarray, np.ndarray]:
    """A target column as an (indicators x periods checked) grid, and where a row exists.

    Built once per context and column; callers must not modify the arrays.
    """
    key = f"{column}:{fill!r}"
    if key in ctx.grids:
        return ctx.grids[key]
    n, p = len(ctx.indicators), len(ctx.periods)
    where, k = checked_targets(ctx)
    rows = ctx.refs("targets", "indicator_id")[where]
    grid = np.full((n, p), fill)
    grid[rows, k] = ctx.targets[column].to_numpy(dtype=np.float64, na_value=np.nan)[where]
    has = np.zeros((n, p), dtype=bool)
    has[rows, k] = True
    grid.flags.writeable = False
    has.flags.writeable = False
    ctx.grids[key] = (grid, has)
    return grid, has


def _period_text(ctx: Context, k: np.ndarray) -> pd.Series:
    names = np.array([str(p) for p in ctx.periods], dtype=object)
    return pd.Series(names[k], dtype="str")


# ------------------------------------------------------------------------- rules


@rule("CAS301", "missing-target", severity=Severity.ERROR, category=Category.COMPLETENESS)
def missing_target(ctx: Context) -> pd.DataFrame:
    """An indicator with no target for a period checked.

    What it flags
    -------------
    An indicator with no row in ``targets`` for a period checked (by default every year that
    has a target somewhere). Only the period's own row counts: for a year, quarterly targets
    alone do not (the year needs its own, as the Perjanjian Kinerja states it). When no
    period is checked (nothing has a target, realisation or budget yet), every indicator with
    no target at all is reported, with no period.

    Why it matters
    --------------
    Without a target there is no achievement (capaian) to report in the LKjIP, and the
    indicator cannot be evaluated; the LKE asks that every indicator have a target for the
    year.

    Example
    -------
    Indicator ``DINKES-RHK1.1.2.1-I1`` with a realisation for 2024 but no 2024 target.

    How to fix
    ----------
    Add the indicator's target for that period to ``targets`` (one row per period).
    """
    if not ctx.periods:
        targeted = np.zeros(len(ctx.indicators), dtype=bool)
        rows = ctx.refs("targets", "indicator_id")
        targeted[rows[rows >= 0]] = True
        found = _first_rows(ctx, np.flatnonzero(~targeted))
        msg = ctx.label("indicator", found) + " has no target for any period"
        return ctx.findings("indicator", found, msg)
    _, has = target_grid(ctx, "target")
    row, k = np.nonzero(~has)
    first = ctx.refs("indicators", "indicator_id")[row] == row
    row, k = row[first], k[first]
    within = _has_target_within(ctx)
    period = _period_text(ctx, k)
    msg = ctx.label("indicator", row) + " has no target for " + period
    partial = pd.Series(within[row, k], dtype=bool)
    msg = msg.where(~partial, msg + " (it has targets for parts of it; the period needs its own)")
    return ctx.findings("indicator", row, msg, period=period)


def _first_rows(ctx: Context, rows: np.ndarray) -> np.ndarray:
    """The ``rows`` that are the first row of their indicator id.

    Targets and realisations of a repeated id belong to its first row; the other rows are
    ``duplicate-id``'s finding, not this family's.
    """
    out: np.ndarray = rows[ctx.refs("indicators", "indicator_id")[rows] == rows]
    return out


def _has_target_within(ctx: Context) -> np.ndarray:
    """(indicators x periods) whether a target exists for a period inside a checked one."""
    n, p = len(ctx.indicators), len(ctx.periods)
    out = np.zeros((n, p), dtype=bool)
    rows = ctx.refs("targets", "indicator_id")
    inside = period_codes(ctx, ctx.targets, exact=False)
    exact = period_codes(ctx, ctx.targets, exact=True)
    ok = (rows >= 0) & (inside >= 0) & (exact < 0)
    out[rows[ok], inside[ok]] = True
    return out


@rule("CAS302", "invalid-value", severity=Severity.ERROR, category=Category.INTEGRITY)
def invalid_value(ctx: Context) -> pd.DataFrame:
    """A target, realisation, weight or budget that is not a finite number.

    What it flags
    -------------
    A ``target``, ``target_upper``, realisation ``value``, ``weight``, ``allocated`` or
    ``spent`` that is infinite, or missing (NaN) where a number is required (``target``,
    ``value``, ``weight``, ``allocated``). A blank ``target_upper`` (a point target) or
    ``spent`` (not reported yet) is fine. Every row is checked, whatever its period.

    Why it matters
    --------------
    An infinite number (typically a spreadsheet formula that divided by zero) poisons every
    sum, mean and achievement it enters; the roll-ups here treat it as missing, so the figure
    drops out of every total above it.

    Example
    -------
    A 2024 realisation of ``inf`` for indicator ``DISNAKER-RHK2.1.1.1-I1``.

    How to fix
    ----------
    Replace the cell with the number it should hold, or remove the row if there is none yet.
    """
    parts = []
    for table, column, required, what in (
        ("targets", "target", True, "target"),
        ("targets", "target_upper", False, "upper target bound"),
        ("realisations", "value", True, "realisation"),
        ("budgets", "allocated", True, "allocation (pagu)"),
        ("budgets", "spent", False, "spending (realisasi anggaran)"),
    ):
        frame = {"targets": ctx.targets, "realisations": ctx.realisations}.get(table, ctx.budgets)
        values = frame[column].to_numpy(dtype=np.float64, na_value=np.nan)
        bad = np.isinf(values) | (np.isnan(values) if required else False)
        where = np.flatnonzero(bad)
        if not where.size:
            continue
        kind: SubjectKind = "goal" if table == "budgets" else "indicator"
        id_column = "goal_id" if table == "budgets" else "indicator_id"
        ids = frame[id_column].take(where).reset_index(drop=True)
        rows = {
            "targets": ctx.refs("targets", "indicator_id"),
            "realisations": ctx.refs("realisations", "indicator_id"),
        }.get(table, ctx.refs("budgets", "goal_id"))[where]
        period = frame["period"].take(where).astype("str").reset_index(drop=True)
        msg = (
            subject_text(ctx, kind, rows, ids)
            + " has a "
            + period
            + f" {what} of "
            + number_text(values[where])
            + ", which is not a finite number"
        )
        parts.append(ctx.findings(kind, rows, msg, ids=ids, period=period))
    weights = ctx.indicators["weight"].to_numpy(dtype=np.float64, na_value=np.nan)
    where = np.flatnonzero(~np.isfinite(weights))
    if where.size:
        msg = (
            ctx.label("indicator", where)
            + " has a weight of "
            + number_text(weights[where])
            + ", which is not a finite number"
        )
        parts.append(ctx.findings("indicator", where, msg))
    return concat(parts)


@rule("CAS303", "target-split-mismatch", severity=Severity.WARNING, category=Category.CONSISTENCY)
def target_split_mismatch(ctx: Context) -> pd.DataFrame:
    """A ``sum`` indicator whose carrier children's targets do not add up to its target.

    What it flags
    -------------
    For an indicator with aggregation ``sum`` and at least one carrier child, and each period
    checked for which it has a target: the children's targets for that period do not add up
    to its target (within the policy's tolerance), or a carrier child has no target for that
    period (then they cannot add up). For range targets the lower bounds are added and
    compared, and, if the parent's target has an upper bound, the upper bounds too (a child's
    point target counts as both bounds). Supporting children do not count.

    Why it matters
    --------------
    A direct cascade of a countable target splits it into portions (porsi) that together
    make the whole; a shortfall means part of the leader's target is carried by nobody, an
    excess that the units plan more than the leader promised. Cascading tools report it as
    portions that are *habis*, *kurang* or *lebih*.

    Example
    -------
    Sub kegiatan indicator ``DINKES-SK1.1.1-I1`` targets 3460 for 2024, its two carrier RHK
    indicators 1840 and 1720 (3560).

    How to fix
    ----------
    Adjust the children's targets (or the parent's) so the portions add up, or give the
    missing child its target; if a child only supports the number, set its role to
    ``supporting``.
    """
    ind = ctx.indicators
    parent = ctx.indicator_parent
    is_sum = (ind["aggregation"] == "sum").to_numpy(dtype=bool, na_value=False)
    carrier = (ind["role"] == Role.CARRIER.value).to_numpy(dtype=bool, na_value=False)
    linked = carrier & (parent >= 0)
    linked[linked] = is_sum[parent[linked]]
    children = np.flatnonzero(linked)
    if not children.size or not ctx.periods:
        return no_findings()
    p = len(ctx.periods)
    lower, has = target_grid(ctx, "target")
    upper_given, _ = target_grid(ctx, "target_upper")
    upper = np.where(np.isnan(upper_given), lower, upper_given)  # a point target: both bounds
    parents, group = _compact(parent[children], len(ind))
    g = len(parents)
    key = (group[:, None] * p + np.arange(p)).ravel()
    child_has = has[children].ravel()
    child_lower = np.where(child_has, lower[children].ravel(), 0.0)
    child_upper = np.where(child_has, upper[children].ravel(), 0.0)
    size = g * p
    lacking = np.bincount(key, weights=~child_has, minlength=size).astype(np.int64)
    invalid = np.bincount(
        key, weights=~(np.isfinite(child_lower) & np.isfinite(child_upper)), minlength=size
    )
    with np.errstate(invalid="ignore"):
        low_sum = np.bincount(key, weights=child_lower, minlength=size)
        high_sum = np.bincount(key, weights=child_upper, minlength=size)
    count = np.repeat(np.bincount(group, minlength=g), p)
    mine_lower = lower[parents].ravel()
    mine_upper = upper_given[parents].ravel()
    mine_has = has[parents].ravel()
    assessable = mine_has & np.isfinite(mine_lower) & ~np.isinf(mine_upper) & (invalid == 0)
    low_off = ~agree(low_sum, mine_lower, ctx)
    high_off = ~np.isnan(mine_upper) & ~agree(high_sum, mine_upper, ctx)
    flagged = np.flatnonzero(assessable & ((lacking > 0) | low_off | high_off))
    if not flagged.size:
        return no_findings()
    rows = parents[flagged // p]
    period = _period_text(ctx, flagged % p)
    label = ctx.label("indicator", rows)
    n_children = pd.Series(count[flagged]).astype("str")
    # the first carrier child without a target, per flagged parent and period
    first_lacking = np.full(size, np.iinfo(np.int64).max)
    without = ~child_has
    np.minimum.at(first_lacking, key[without], np.repeat(children, p)[without])
    missing_child = ctx.indicators["indicator_id"].take(
        np.where(lacking[flagged] > 0, first_lacking[flagged], 0)
    )
    n_lacking = lacking[flagged]
    lacking_text = (
        pd.Series(n_lacking).astype("str")
        + " of its "
        + n_children
        + pd.Series(
            np.where(n_lacking == 1, " carrier children has", " carrier children have"),
            dtype="str",
        )
        + " no "
        + period
        + " target (first: "
        + quote(missing_child)
        + "), so they cannot add up to its target of "
        + number_text(mine_lower[flagged])
    )
    children_text = (
        " ("
        + n_children
        + pd.Series(np.where(count[flagged] == 1, " child)", " children)"), dtype="str")
    )
    low_text = (
        "the "
        + period
        + " targets of its carrier children add up to "
        + number_text(low_sum[flagged])
        + children_text
        + ", not to its target of "
        + number_text(mine_lower[flagged])
    )
    high_text = (
        "the upper bounds of the "
        + period
        + " targets of its carrier children add up to "
        + number_text(high_sum[flagged])
        + children_text
        + ", not to its upper bound of "
        + number_text(mine_upper[flagged])
    )
    detail = high_text.where(~pd.Series(low_off[flagged]), low_text)
    detail = detail.where(~pd.Series(n_lacking > 0), lacking_text)
    msg = label + " sums its carrier children, but " + detail
    return ctx.findings("indicator", rows, msg, period=period)


@rule("CAS304", "realisation-mismatch", severity=Severity.WARNING, category=Category.CONSISTENCY)
def realisation_mismatch(ctx: Context) -> pd.DataFrame:
    """A reported realisation that differs from the one its carrier children give.

    What it flags
    -------------
    An indicator that aggregates its carrier children (``sum``, ``mean``, ``weighted_mean``,
    ``min`` or ``max``) and has, for a period checked, both a reported realisation and a
    derived one, which do not agree within the policy's tolerance. Both follow
    :func:`cascade.derive.derive_realisations` under the policy's ``missing`` setting: a
    year's reported realisation is its own row, or, without one, its quarters (else months)
    combined; the derived one aggregates the children's realisations, each reported or
    itself derived.

    Why it matters
    --------------
    Two numbers for one thing: the LKjIP of the agency reports one, its units' reports add up
    to another, and the evaluator cannot tell which realisation is true (Akvo's
    recompute-and-compare audit finds exactly this).

    Example
    -------
    Program indicator ``DISNAKER-P1-I1`` (sum) reports 2020 participants for 2024 while its
    kegiatan report 1780 between them.

    How to fix
    ----------
    Correct the number that is wrong; if the parent is not measured as the children's
    aggregate, set its ``aggregation`` to ``none``.
    """
    if not ctx.periods:
        return no_findings()
    derived = ctx.derived
    reported = derived["reported"].to_numpy(dtype=np.float64)
    computed = derived["derived"].to_numpy(dtype=np.float64)
    both = ~np.isnan(reported) & ~np.isnan(computed)
    flagged = np.flatnonzero(both & ~agree(reported, computed, ctx))
    if not flagged.size:
        return no_findings()
    p = len(ctx.periods)
    rows = flagged // p
    period = _period_text(ctx, flagged % p)
    how = ctx.indicators["aggregation"].take(rows).astype("str").reset_index(drop=True)
    msg = (
        ctx.label("indicator", rows)
        + " has a reported "
        + period
        + " realisation of "
        + number_text(reported[flagged])
        + ", but its carrier children give "
        + number_text(computed[flagged])
        + " ("
        + how
        + ")"
    )
    return ctx.findings("indicator", rows, msg, period=period)


@rule("CAS305", "zero-target", severity=Severity.WARNING, category=Category.CONSISTENCY)
def zero_target(ctx: Context) -> pd.DataFrame:
    """A target of 0, which the achievement formula divides by.

    What it flags
    -------------
    A point target of 0, or a range target whose upper bound is 0, for a period checked. A
    range that starts at 0 and ends above it ("0–5 hari") is fine: a realisation inside it is
    on target, and one above it is measured against the upper bound.

    Why it matters
    --------------
    Achievement is R / T (or 2 − R / T): with T = 0 only a realisation of 0 gives a figure
    (100, "tercapai"); any other realisation has no achievement at all, so the indicator
    drops out of its goal's and owner's figures.

    Example
    -------
    An RHK indicator ``KEC-CONTOH-RHK1.1.1.1-I1`` with a 2024 target of 0 documents.

    How to fix
    ----------
    Set the target the unit actually plans. For "no cases" targets (zero accidents) use a
    minimize indicator with a small positive target, or a range target such as 0–1.
    """
    if not ctx.periods:
        return no_findings()
    where, k = checked_targets(ctx)
    lower = ctx.targets["target"].to_numpy(dtype=np.float64, na_value=np.nan)[where]
    upper = ctx.targets["target_upper"].to_numpy(dtype=np.float64, na_value=np.nan)[where]
    point_zero = (lower == 0) & np.isnan(upper)
    flagged = point_zero | (upper == 0)
    rows = ctx.refs("targets", "indicator_id")[where][flagged]
    period = _period_text(ctx, k[flagged])
    what = pd.Series(
        np.where(point_zero[flagged], " target of 0", " target range whose upper bound is 0"),
        dtype="str",
    )
    msg = (
        ctx.label("indicator", rows)
        + " has a "
        + period
        + what
        + ": achievement divides by it, so only a realisation of 0 gives a figure"
    )
    return ctx.findings("indicator", rows, msg, period=period)


@rule("CAS306", "invalid-weight", severity=Severity.WARNING, category=Category.CONSISTENCY)
def invalid_weight(ctx: Context) -> pd.DataFrame:
    """A negative weight, or children whose weights are all 0.

    What it flags
    -------------
    An indicator with a negative ``weight``; and an indicator whose carrier and supporting
    children all have weight 0, or which aggregates by ``weighted_mean`` while its carrier
    children all have weight 0 (the subject is then the parent). Weights that are not
    finite are ``invalid-value``'s finding.

    Why it matters
    --------------
    Weights share out a weighted mean: a negative weight turns a child's success into a
    penalty, and weights that add up to 0 leave the weighted mean undefined, so the parent's
    derived realisation or rolled-up achievement is missing.

    Example
    -------
    An RHK indicator with ``weight`` −0.4; or both carrier children of a ``weighted_mean``
    indicator with weight 0.

    How to fix
    ----------
    Give each indicator a weight of 0 or more (1 by default), with at least one child of
    each parent weighing more than 0.
    """
    ind = ctx.indicators
    weights = ind["weight"].to_numpy(dtype=np.float64, na_value=np.nan)
    parts = []
    negative = np.flatnonzero(np.isfinite(weights) & (weights < 0))
    if negative.size:
        msg = (
            ctx.label("indicator", negative)
            + " has a negative weight ("
            + number_text(weights[negative])
            + ")"
        )
        parts.append(ctx.findings("indicator", negative, msg))
    parent = ctx.indicator_parent
    carrier = (ind["role"] == Role.CARRIER.value).to_numpy(dtype=bool, na_value=False)
    supporting = (ind["role"] == Role.SUPPORTING.value).to_numpy(dtype=bool, na_value=False)
    weighed = (carrier | supporting) & (parent >= 0)
    n = len(ind)
    nonzero = weights != 0  # NaN counts as non-zero: that is invalid-value's finding
    children = np.bincount(parent[weighed], minlength=n)
    weighing = np.bincount(parent[weighed & nonzero], minlength=n)
    carriers = np.bincount(parent[weighed & carrier], minlength=n)
    carrying = np.bincount(parent[weighed & carrier & nonzero], minlength=n)
    weighted_mean = (ind["aggregation"] == "weighted_mean").to_numpy(dtype=bool, na_value=False)
    all_zero = (children > 0) & (weighing == 0)
    carriers_zero = weighted_mean & (carriers > 0) & (carrying == 0) & ~all_zero
    for mask, counts, text in (
        (all_zero, children, "its carrier and supporting children all weigh 0"),
        (carriers_zero, carriers, "its carrier children all weigh 0"),
    ):
        found = np.flatnonzero(mask)
        if found.size:
            many = pd.Series(np.where(counts[found] == 1, " child", " children"), dtype="str")
            msg = (
                ctx.label("indicator", found)
                + ": "
                + text
                + " ("
                + pd.Series(counts[found]).astype("str")
                + many
                + "), so a weighted mean over them is undefined"
            )
            parts.append(ctx.findings("indicator", found, msg))
    return concat(parts)


@rule("CAS307", "target-outside-plan", severity=Severity.WARNING, category=Category.COMPLETENESS)
def target_outside_plan(ctx: Context) -> pd.DataFrame:
    """A target for a year outside the plan period.

    What it flags
    -------------
    A target (for a year, quarter or month) whose year lies before the policy's
    ``plan_start`` or after its ``plan_end``, among the years checked; one finding per
    indicator and year. Not applicable without plan years: when either setting is unset, the
    rule finds nothing.

    Why it matters
    --------------
    Targets are set by the RPJMD or Renstra for its five years; a target beyond them has no
    plan behind it, and is usually a typo in the year (2204) or a row left from the previous
    plan.

    Example
    -------
    With ``plan_start = 2021`` and ``plan_end = 2026``, a target of indicator ``I-DINKES-3``
    for 2027.

    How to fix
    ----------
    Correct the period, or remove the target; if the plan has been extended, update
    ``plan_start`` and ``plan_end``.
    """
    start, end = ctx.policy.plan_start, ctx.policy.plan_end
    if start is None or end is None or not ctx.periods:
        return no_findings()
    period = ctx.targets["period"]
    years = np.array([Period.parse(str(c)).year for c in period.cat.categories], dtype=np.int64)
    checked = {p.year for p in ctx.periods}
    outside = np.array([y not in checked or start <= y <= end for y in years], dtype=bool)
    codes = period.cat.codes.to_numpy(dtype=np.int64)
    rows = ctx.refs("targets", "indicator_id")
    bad = (codes >= 0) & (rows >= 0)
    bad[bad] = ~outside[codes[bad]]
    where = np.flatnonzero(bad)
    year = years[codes[where]]
    keep = np.unique(rows[where] * 10_000 + year, return_index=True)[1]
    rows, year = rows[where][keep], year[keep]
    year_text = pd.Series(year.astype(str), dtype="str")
    msg = (
        ctx.label("indicator", rows)
        + " has a target for "
        + year_text
        + f", outside the plan years {start}–{end}"
    )
    return ctx.findings("indicator", rows, msg, period=year_text)


@rule("CAS308", "duplicate-entry", severity=Severity.ERROR, category=Category.INTEGRITY)
def duplicate_entry(ctx: Context) -> pd.DataFrame:
    """Two targets, realisations or budget lines for the same indicator (or goal) and period.

    What it flags
    -------------
    A row of ``targets`` or ``realisations`` with the same ``indicator_id`` and ``period`` as
    an earlier row, or of ``budgets`` with the same ``goal_id`` and ``period``; each row
    after the first is a finding. When ``targets`` has a ``document`` column, target rows
    of different documents (a Renstra's and a PK's target for the same year) are not
    duplicates; two rows of one document are. Every row is checked, whatever its period.

    Why it matters
    --------------
    Which number counts is ambiguous: one reader takes the first, a spreadsheet's SUMIF adds
    both. Here the first row counts, which may not be the one meant.

    Example
    -------
    Two 2024 rows for indicator ``I-DINKES-3`` in ``realisations``, 92 and 95.

    How to fix
    ----------
    Keep one row per indicator (or goal) and period: delete the other, or correct its
    period if it belongs to another one.
    """
    parts = []
    for table, column, what in (
        ("targets", "target", "target"),
        ("realisations", "value", "realisation"),
        ("budgets", "allocated", "budget line"),
    ):
        frame = {"targets": ctx.targets, "realisations": ctx.realisations}.get(table, ctx.budgets)
        if not len(frame):
            continue
        kind: SubjectKind = "goal" if table == "budgets" else "indicator"
        id_column = "goal_id" if table == "budgets" else "indicator_id"
        rows = {
            "targets": ctx.refs("targets", "indicator_id"),
            "realisations": ctx.refs("realisations", "indicator_id"),
        }.get(table, ctx.refs("budgets", "goal_id"))
        known = len(ctx.table(kind))
        subject = rows.copy()
        unknown = rows < 0  # an id not in its table: numbered after the known rows
        if unknown.any():
            codes, _ = pd.factorize(frame[id_column][unknown])
            subject[unknown] = known + np.asarray(codes, dtype=np.int64)
        span = len(frame["period"].cat.categories) + 1
        key = subject * span + frame["period"].cat.codes.to_numpy(dtype=np.int64) + 1
        documents = target_documents(ctx) if table == "targets" else None
        if documents is not None:  # one row per document: rows of two documents differ
            codes, uniques = pd.factorize(documents)
            key = key * (len(uniques) + 1) + np.asarray(codes, dtype=np.int64)
        first = _first(key, int(key.max()) + 1)
        if first.all():
            continue
        where = np.flatnonzero(~first)
        unique, first_position = np.unique(key, return_index=True)
        earlier = first_position[np.searchsorted(unique, key[where])]
        values = frame[column].to_numpy(dtype=np.float64, na_value=np.nan)
        ids = frame[id_column].take(where).reset_index(drop=True)
        rows = rows[where]
        period = frame["period"].take(where).astype("str").reset_index(drop=True)
        prefix = "allocated " if table == "budgets" else ""
        msg = (
            subject_text(ctx, kind, rows, ids)
            + " has a second "
            + period
            + f" {what} ({prefix}"
            + number_text(values[where])
            + f") after an earlier one ({prefix}"
            + number_text(values[earlier])
            + "); which one counts is ambiguous"
        )
        parts.append(ctx.findings(kind, rows, msg, ids=ids, period=period))
    return concat(parts)


@rule("CAS309", "undefined-achievement", severity=Severity.WARNING, category=Category.CONSISTENCY)
def undefined_achievement(ctx: Context) -> pd.DataFrame:
    """A realisation and a target whose achievement cannot be computed.

    What it flags
    -------------
    An indicator with both a realisation (reported or derived) and a target for a period
    checked, where the achievement formula of :mod:`cascade.achievement` has no answer under
    the policy: the bound it divides by is 0 and the realisation is not exactly on it (or
    the policy's ``zero_target`` is ``missing``), or, with ``minimize = "ratio"``, the
    realisation or the bound is not positive (T / R needs both above 0).

    Why it matters
    --------------
    Such an achievement is missing, never 0 and never infinity: systems that print 0 % (or
    divide by zero) mislead the reader. Being missing, it keeps the indicator's goal and owner
    without a figure under the default missing-value policy, so it must be fixed or
    explained.

    Example
    -------
    An RHK indicator with a 2024 target of 0 documents and a realisation of 3 documents.

    How to fix
    ----------
    Set a target the formula can measure (a small positive target, or a range such as 0–1
    for "no cases"), or, if the office agreed that bettering a zero target is met, set
    ``zero_target = "met_or_better"`` in the policy.
    """
    if not ctx.periods:
        return no_findings()
    lower, has = target_grid(ctx, "target")
    upper, _ = target_grid(ctx, "target_upper")
    p = len(ctx.periods)
    realisation = ctx.derived["value"].to_numpy(dtype=np.float64)
    result = ctx.achievement
    flagged = np.flatnonzero(result.undefined & has.ravel())
    if not flagged.size:
        return no_findings()
    rows = flagged // p
    period = _period_text(ctx, flagged % p)
    bounds = np.where(np.isnan(upper.ravel()[flagged]), lower.ravel()[flagged], np.nan)
    target = pd.Series(
        np.where(
            np.isnan(bounds),
            number_text(lower.ravel()[flagged]) + "–" + number_text(upper.ravel()[flagged]),
            number_text(bounds),
        ),
        dtype="str",
    )
    msg = (
        ctx.label("indicator", rows)
        + " has a "
        + period
        + " realisation of "
        + number_text(realisation[flagged])
        + " against a target of "
        + target
        + pd.Series(
            np.where(
                (lower.ravel()[flagged] == 0) | (upper.ravel()[flagged] == 0),
                ": achievement divides by the target of 0, so it is missing",
                ": the ratio formula T / R needs a positive realisation and target,"
                " so the achievement is missing",
            ),
            dtype="str",
        )
    )
    return ctx.findings("indicator", rows, msg, period=period)


RULES: tuple[Rule, ...] = (
    missing_target,
    invalid_value,
    target_split_mismatch,
    realisation_mismatch,
    zero_target,
    invalid_weight,
    target_outside_plan,
    duplicate_entry,
    undefined_achievement,
)
