"""Evaluation rules (``CAS5xx``): history, the plan over several years and several documents.

The LKE asks that targets be challenging (not below what was already achieved), that the
annual targets of the medium-term plan move towards its end target, that the key indicators
(IKU) stay the same through the plan period, and that the planning documents agree with one
another (research ``lke.md`` section 2.2: AREN002.6, AREN002.7, AREN002.8, AREN003.5). Each
of these needs more than one year, or targets tagged by document; without them the rule is
not applicable and says why.

Vocabulary
----------
annual target
    A target row whose period is a year (``2024``), the first such row of its indicator and
    year (as ``duplicate-entry`` reads them). A range target's lower bound is ``target``, its
    upper bound ``target_upper``; a point target is both.
realisation of a year
    The realisation that counts for the year, as the engine computes it
    (:mod:`cascade.derive`): the year's reported row, else its quarters or months combined by
    the indicator's ``period_aggregation``, else the figure derived from its carrier children.
against polarity
    A change in the wrong direction: down for a ``maximize`` indicator, up for a
    ``minimize`` one, by more than the policy's tolerance (two numbers that agree in the
    sense of :func:`cascade.checks.values.agree` are equal). A ``stabilize`` indicator has no
    direction.
plan period (periode Renstra)
    ``plan_start`` to ``plan_end`` of the policy, both included.
end-of-period target (target akhir periode)
    The target the Renstra or RPJMD declares for its last year, read from an optional
    indicators column :data:`END_TARGET_COLUMNS` (Indonesian number text is read as in the
    workbook); the schema has no column of its own for it.
document
    An optional ``targets`` column :data:`DOCUMENT_COLUMNS` that names the planning
    document a target comes from: ``renstra`` (``rpjmd`` for the pemda's), ``renja``
    (``rkpd``), ``pk`` (``perjanjian kinerja``), ``iku``, ``renaksi`` (``rencana aksi``) or
    ``dpa``, in any case. A blank cell is an untagged row, which the document comparisons
    leave out; another word is a document of that name.
"""

from __future__ import annotations

from typing import NoReturn

import numpy as np
import pandas as pd

from cascade._parse import header_text, parse_number_column
from cascade.achievement import MAXIMIZE, MINIMIZE, polarity_codes
from cascade.checks._context import Context, concat, no_findings, quote
from cascade.checks._rule import Category, Rule, Severity, rule
from cascade.checks.evaluation._common import checked_years, key_mask, yearly
from cascade.checks.values import (
    DOCUMENT_COLUMNS,
    agree,
    number_text,
    period_codes,
    target_documents,
)
from cascade.period import Period

__all__ = [
    "DOCUMENTS",
    "DOCUMENT_COLUMNS",
    "END_TARGET_COLUMNS",
    "RULES",
    "iku_churn",
    "plan_drift",
    "target_path_break",
    "target_regression",
]

#: Headers (any case, a space for ``_``) of the optional indicators column holding the
#: declared end-of-period target.
END_TARGET_COLUMNS: tuple[str, ...] = ("target_akhir", "end_target")
#: The planning documents, in the order messages list them, and the words read as each.
DOCUMENTS: dict[str, tuple[str, ...]] = {
    "renstra": ("renstra", "rpjmd"),
    "renja": ("renja", "rkpd"),
    "pk": ("pk", "perjanjian kinerja"),
    "iku": ("iku",),
    "renaksi": ("renaksi", "rencana aksi"),
    "dpa": ("dpa",),
}
_MEDIUM_TERM = "renstra"
_AGREEMENT = "pk"
_WORD = {word: name for name, words in DOCUMENTS.items() for word in words}
_ORDER = {name: k for k, name in enumerate(DOCUMENTS)}


# ------------------------------------------------------------------ shared helpers


def _stop(ctx: Context, reason: str) -> NoReturn:
    """Declare the running rule not applicable (:meth:`Context.not_applicable` raises)."""
    ctx.not_applicable(reason)
    raise AssertionError(reason)  # pragma: no cover - not_applicable has raised


def _plan(ctx: Context) -> tuple[int, int]:
    """The plan period's first and last year; the rule is not applicable without them."""
    start, end = ctx.policy.plan_start, ctx.policy.plan_end
    if start is None or end is None:
        _stop(ctx, "needs the plan period (plan_start and plan_end in the policy)")
    if start > end:
        _stop(ctx, f"needs a plan period that ends after it starts, not {start}–{end}")
    return start, end


def _grid(ctx: Context, wide: pd.DataFrame, years: list[int]) -> np.ndarray:
    """(indicators x ``years``) of a :func:`yearly` frame, NaN where no row exists."""
    out: np.ndarray = wide.reindex(index=range(len(ctx.indicators)), columns=years).to_numpy(
        dtype=np.float64, na_value=np.nan
    )
    return out


def _plan_years(wide: pd.DataFrame, start: int, end: int) -> list[int]:
    """The years of a :func:`yearly` frame inside the plan period, in order."""
    years = np.asarray(wide.columns, dtype=np.int64)
    return [int(y) for y in years if start <= y <= end]


def _column(frame: pd.DataFrame, names: tuple[str, ...]) -> str | None:
    """The first column of ``frame`` whose header is one of ``names`` (any case)."""
    for column in frame.columns:
        if header_text(column).strip().lower().replace(" ", "_") in names:
            return str(column)
    return None


def _target_text(lower: np.ndarray, upper: np.ndarray) -> pd.Series:
    """``120`` for a point target, ``80–90`` for a range."""
    ranged = np.isfinite(upper) & (upper != lower)
    point = number_text(lower)
    spans = point + "–" + number_text(upper)
    return spans.where(pd.Series(ranged), point)


def _years_text(years: list[int] | np.ndarray) -> str:
    return ", ".join(str(y) for y in years)


def _direction(codes: np.ndarray) -> pd.Series:
    return pd.Series(
        np.where(codes == MAXIMIZE, "higher is better", "lower is better"), dtype="str"
    )


# ------------------------------------------------------------------------- rules


@rule(
    "CAS511",
    "target-regression",
    severity=Severity.WARNING,
    category=Category.QUALITY,
    default=False,
)
def target_regression(ctx: Context) -> pd.DataFrame:
    """A target that asks less than the indicator already achieved the year before.

    What it flags
    -------------
    For each year *y* checked, an indicator whose annual target for *y* is worse than its
    realisation of *y − 1*, beyond the policy's tolerance: below it for a ``maximize``
    indicator (for a range target, its upper bound is below it), above it for a
    ``minimize`` one (for a range, its lower bound is above it). A ``stabilize`` indicator
    is not judged, nor is a range that contains last year's realisation. One finding per
    indicator and year, with the year checked as its period.

    The realisation of *y − 1* is the one that counts (reported, else combined from its
    quarters, else derived from carrier children). Not applicable when no indicator has a
    realisation for the year before any year checked; partly not applicable for a year
    checked whose year before has none when another has.

    Why it matters
    --------------
    The LKE asks for targets that are achievable *and* challenging (AREN002.7) and for plans
    improved from last year's results (AREN003.5); a target below last year's realisation
    is scored as neither (Majalengka's rubric gives it 0). An achievement above 100 % bought
    by a lowered target is what evaluators look for first.

    Example
    -------
    ``Indikator "I-S1" (Kasus ditangani) has a 2024 target of 120, below its 2023
    realisation of 130 (higher is better: the target asks less than was already
    achieved)``.

    How to fix
    ----------
    Raise the target to at least last year's realisation, or, if the fall is planned
    (a programme ending, a changed definition), record why in the Renstra or PK and
    consider a new indicator.
    """
    years = checked_years(ctx)
    if not years:
        _stop(ctx, "needs realisations for the year before a year checked (none is checked)")
    before = Context(ctx.cascade, [Period.year_of(y - 1) for y in years], ctx.policy)
    n = len(ctx.indicators)
    realised = before.derived["value"].to_numpy(dtype=np.float64).reshape(n, len(years))
    known = np.isfinite(realised).any(axis=0)
    if not known.any():
        _stop(ctx, f"needs realisations for the year before {_years_text(years)}")
    for y in np.asarray(years)[~known]:
        ctx.not_applicable(f"needs realisations for the year before {y}", partly=True)
    lower = _grid(ctx, yearly(ctx, "targets", "target"), years)
    upper = _grid(ctx, yearly(ctx, "targets", "target_upper"), years)
    upper = np.where(np.isnan(upper), lower, upper)
    codes = polarity_codes(ctx.indicators["polarity"], n)[:, None]
    with np.errstate(invalid="ignore"):
        high = (codes == MAXIMIZE) & (upper < realised) & ~agree(upper, realised, ctx)
        low = (codes == MINIMIZE) & (lower > realised) & ~agree(lower, realised, ctx)
    flagged = (high | low) & np.isfinite(lower) & np.isfinite(upper) & np.isfinite(realised)
    rows, k = np.nonzero(flagged)
    if not rows.size:
        return no_findings()
    year = np.asarray(years, dtype=np.int64)[k]
    code = codes[rows, 0]
    maximize = pd.Series(code == MAXIMIZE)
    side = pd.Series(np.where(maximize, ", below", ", above"), dtype="str")
    why = pd.Series(
        np.where(
            maximize,
            " (higher is better: the target asks less than was already achieved)",
            " (lower is better: the target allows worse than was already achieved)",
        ),
        dtype="str",
    )
    period = pd.Series(year.astype(str), dtype="str")
    msg = (
        ctx.label("indicator", rows)
        + " has a "
        + period
        + " target of "
        + _target_text(lower[rows, k], upper[rows, k])
        + side
        + " its "
        + pd.Series((year - 1).astype(str), dtype="str")
        + " realisation of "
        + number_text(realised[rows, k])
        + why
    )
    return ctx.findings("indicator", rows, msg, period=period)


@rule(
    "CAS512",
    "target-path-break",
    severity=Severity.INFO,
    category=Category.QUALITY,
    default=False,
)
def target_path_break(ctx: Context) -> pd.DataFrame:
    """Annual targets of the plan period that move against polarity or miss the end target.

    What it flags
    -------------
    Over the whole plan period (``plan_start`` to ``plan_end``, whatever the periods
    checked: a path is a property of the plan), two kinds of break, each reported with the
    year where it happens:

    - an annual target that moves against polarity from the indicator's previous annual
      target in the period (the year before, or the latest earlier year with one): lower
      for ``maximize``, higher for ``minimize``, beyond the policy's tolerance. Range
      targets compare their lower bounds for ``maximize`` and their upper bounds for
      ``minimize``; ``stabilize`` indicators have no direction and are not judged;
    - the target for the plan's last year differs from the declared end-of-period target
      (an indicators column ``target_akhir`` or ``end_target``; a range must contain it).
      Without that column, or without targets for the plan's last year, only the path is
      checked, and the report says the end-target comparison was not applicable.

    Not applicable without a plan period, or when fewer than two of its years hold annual
    targets.

    Why it matters
    --------------
    The annual targets of a Renstra are the steps towards its end target: a step back, or a
    last step that does not reach the declared end, means the plan is not consistent with
    itself, which the LKE reads as targets that are not challenging or not realistic
    (AREN002.7).

    Example
    -------
    ``Indikator "I-S1" (Kasus ditangani) has a 2025 target of 110, below its 2024 target of
    120: the plan's path falls although higher is better``.

    How to fix
    ----------
    Correct the annual targets so they move towards the end target, or, if the end target
    changed, update it in the plan and in ``target_akhir``.
    """
    start, end = _plan(ctx)
    wide = yearly(ctx, "targets", "target")
    years = _plan_years(wide, start, end)
    if len(years) < 2:
        _stop(ctx, f"needs targets for at least two years of the plan period {start}–{end}")
    n = len(ctx.indicators)
    lower = _grid(ctx, wide, years)
    upper = _grid(ctx, yearly(ctx, "targets", "target_upper"), years)
    upper = np.where(np.isnan(upper), lower, upper)
    codes = polarity_codes(ctx.indicators["polarity"], n)
    compared = np.where((codes == MAXIMIZE)[:, None], lower, upper)
    compared[~(np.isfinite(lower) & np.isfinite(upper))] = np.nan
    parts = [_path_breaks(ctx, years, compared, lower, upper, codes)]
    column = _column(ctx.indicators, END_TARGET_COLUMNS)
    if column is None:
        ctx.not_applicable(
            "needs an end-of-period target (an indicators column target_akhir or end_target)"
            " to compare the last annual target with",
            partly=True,
        )
    elif end not in years:
        ctx.not_applicable(
            f"needs targets for the plan's last year {end} to compare with the end-of-period"
            " target",
            partly=True,
        )
    else:
        parts.append(_end_breaks(ctx, column, end, lower[:, -1], upper[:, -1]))
    return concat(parts)


def _path_breaks(
    ctx: Context,
    years: list[int],
    compared: np.ndarray,
    lower: np.ndarray,
    upper: np.ndarray,
    codes: np.ndarray,
) -> pd.DataFrame:
    """Targets that move against polarity from the previous annual target (one loop per year)."""
    n = len(codes)
    last = np.full(n, np.nan)
    last_k = np.full(n, -1, dtype=np.int64)
    directed = (codes == MAXIMIZE) | (codes == MINIMIZE)
    found_rows, found_k, found_prev = [], [], []
    for column in range(len(years)):
        now = compared[:, column]
        with np.errstate(invalid="ignore"):
            against = np.where(codes == MAXIMIZE, now < last, now > last)
            broken = directed & against & ~agree(now, last, ctx)
        rows = np.flatnonzero(broken & np.isfinite(now) & np.isfinite(last))
        found_rows.append(rows)
        found_k.append(np.full(rows.size, column, dtype=np.int64))
        found_prev.append(last_k[rows])
        present = np.isfinite(now)
        last[present] = now[present]
        last_k[present] = column
    rows = np.concatenate(found_rows)
    if not rows.size:
        return no_findings()
    k, prev = np.concatenate(found_k), np.concatenate(found_prev)
    year = np.asarray(years, dtype=np.int64)
    maximize = pd.Series(codes[rows] == MAXIMIZE)
    period = pd.Series(year[k].astype(str), dtype="str")
    msg = (
        ctx.label("indicator", rows)
        + " has a "
        + period
        + " target of "
        + _target_text(lower[rows, k], upper[rows, k])
        + pd.Series(np.where(maximize, ", below its ", ", above its "), dtype="str")
        + pd.Series(year[prev].astype(str), dtype="str")
        + " target of "
        + _target_text(lower[rows, prev], upper[rows, prev])
        + pd.Series(
            np.where(maximize, ": the plan's path falls", ": the plan's path rises"), dtype="str"
        )
        + " although "
        + _direction(codes[rows])
    )
    return ctx.findings("indicator", rows, msg, period=period)


def _end_breaks(
    ctx: Context, column: str, end: int, lower: np.ndarray, upper: np.ndarray
) -> pd.DataFrame:
    """Last annual targets of the plan that differ from the declared end-of-period target."""
    declared = parse_number_column(ctx.indicators[column].reset_index(drop=True))[0]
    stated = declared.to_numpy(dtype=np.float64, na_value=np.nan)
    with np.errstate(invalid="ignore"):
        inside = (lower <= stated) & (stated <= upper)
        same = agree(lower, stated, ctx) | agree(upper, stated, ctx) | inside
    known = np.isfinite(stated) & np.isfinite(lower) & np.isfinite(upper)
    rows = np.flatnonzero(known & ~same)
    if not rows.size:
        return no_findings()
    msg = (
        ctx.label("indicator", rows)
        + f" has a {end} target of "
        + _target_text(lower[rows], upper[rows])
        + f" for the plan's last year, but its declared end-of-period target ({column}) is "
        + number_text(stated[rows])
    )
    return ctx.findings("indicator", rows, msg, period=str(end))


@rule(
    "CAS513",
    "iku-churn",
    severity=Severity.WARNING,
    category=Category.QUALITY,
    default=False,
)
def iku_churn(ctx: Context) -> pd.DataFrame:
    """A goal whose key indicators (IKU) change in more years of the plan than allowed.

    What it flags
    -------------
    For each goal with key indicators (``key = true``): the years *y* of the plan period
    (``plan_start`` < *y* ≤ ``plan_end``) in which the set of its key indicators with an
    annual target for *y* differs from the set for *y − 1*. The goal is flagged when there
    are more such years than ``max_iku_changes`` of the evaluation settings (1 by default).
    Only years in which some key indicator of the cascade has a target count, and a change
    is counted between two consecutive such years: a year with no key-indicator target at
    all is missing data, not a change.

    Indicators are compared by id (``indicator_id``): an office that renumbers its
    indicators each year should keep the ids of the same indicator stable, or every
    renumbering counts as a change.

    Not applicable without a plan period, or when fewer than two of its years hold targets
    of key indicators.

    Why it matters
    --------------
    The LKE asks that the IKU describe the main results and stay in place through the
    Renstra period, not be replaced often (AREN002.6); Madiun's rubric grades it by the
    number of replacements (at most once is A, five times is E). Indicators that keep
    changing leave no series to judge progress by.

    Example
    -------
    ``Sasaran "S1" (Menurunnya angka kesakitan) changed its key indicators (IKU) in 2 years
    of the plan period 2022–2024 (2023, 2024), more than the 1 allowed; key indicators
    that came or went: "I-S1", "I-S1b"``.

    How to fix
    ----------
    Keep the goal's IKU for the whole plan period, and record a replacement (with its
    reason) in the Renstra's review; if the change is only a new id for the same indicator,
    keep the old id.
    """
    start, end = _plan(ctx)
    key = key_mask(ctx) & (ctx.indicator_goal >= 0)
    wide = yearly(ctx, "targets", "target")
    rows = np.flatnonzero(key)
    plan_years = _plan_years(wide, start, end)
    has = wide.reindex(index=rows, columns=plan_years).notna().to_numpy(dtype=bool)
    held = np.asarray(has.any(axis=0), dtype=bool)
    years = [y for y, h in zip(plan_years, held.tolist(), strict=True) if h]
    if len(years) < 2:
        _stop(
            ctx,
            f"needs targets of key indicators for at least two years of the plan period"
            f" {start}–{end}",
        )
    has = has[:, held]
    goal = ctx.indicator_goal[rows]
    g = len(ctx.goals)
    changed_years: list[np.ndarray] = []
    changed_rows = np.zeros(rows.size, dtype=bool)
    for k in range(1, len(years)):
        if years[k] - years[k - 1] != 1:
            changed_years.append(np.zeros(g, dtype=bool))
            continue
        moved = has[:, k] != has[:, k - 1]
        changed_rows |= moved
        changed_years.append(np.bincount(goal[moved], minlength=g) > 0)
    changes = np.stack(changed_years, axis=1)
    count = changes.sum(axis=1)
    allowed = ctx.settings.max_iku_changes
    flagged = np.flatnonzero(count > allowed)
    if not flagged.size:
        return no_findings()
    which = pd.Series(
        [_years_text(np.asarray(years[1:])[changes[r]]) for r in flagged], dtype="str"
    )
    moving = pd.DataFrame(
        {
            "goal": goal[changed_rows],
            "id": quote(ctx.indicators["indicator_id"].take(rows[changed_rows])).to_numpy(),
        }
    )
    moving = moving.sort_values(["goal", "id"], kind="stable")
    ids = moving.groupby("goal", sort=True)["id"].agg(", ".join)
    plural = "" if allowed == 1 else "s"
    years_word = pd.Series(np.where(count[flagged] == 1, " year", " years"), dtype="str")
    msg = (
        ctx.label("goal", flagged)
        + " changed its key indicators (IKU) in "
        + pd.Series(count[flagged].astype(str), dtype="str")
        + years_word
        + f" of the plan period {start}–{end} ("
        + which
        + f"), more than the {allowed} change{plural} allowed; key indicators that came or"
        " went: " + pd.Series(ids.reindex(flagged).to_numpy(dtype=object), dtype="str")
    )
    return ctx.findings("goal", flagged, msg)


@rule(
    "CAS518",
    "plan-drift",
    severity=Severity.WARNING,
    category=Category.CONSISTENCY,
    default=False,
)
def plan_drift(ctx: Context) -> pd.DataFrame:
    """Planning documents that disagree on a target, or a Renstra target that no PK carries.

    What it flags
    -------------
    Needs a ``document`` column on ``targets`` (also read as ``dokumen``, any case) naming
    the document each target comes from: ``renstra`` (or ``rpjmd``), ``renja`` (``rkpd``),
    ``pk``, ``iku``, ``renaksi``, ``dpa``. Two kinds of finding, for the periods checked
    (a quarter's targets within a year checked included):

    - the same indicator and period with different targets in two or more documents,
      beyond the policy's tolerance (for a range target both bounds are compared). The
      first row of each document counts; two rows of one document are
      ``duplicate-entry``'s matter;
    - an indicator with an annual Renstra target for a year checked but no PK target for
      that year. A year in which no target is tagged ``pk`` at all is left out (the PK was
      not loaded, rather than missing for every indicator), and the report says so.

    Rows without a document, and rows of indicators that do not exist, are left out. Not
    applicable without the column.

    Why it matters
    --------------
    The Renstra, the annual work plan, the PK and the budget (DPA) must carry the same
    targets for the same indicator (the evaluator's KKE formats 2 and 3 compare them row by
    row, AREN002.8 and AREN003.1), and every Renstra target of the year must be promised in
    the PK. A target that drifts between documents leaves the office reporting against a
    number nobody agreed to.

    Example
    -------
    ``Indikator "I-T1" (Kasus ditangani) has different 2024 targets in its documents:
    renstra 125, pk 120``.

    How to fix
    ----------
    Decide which document is right and bring the others in line (a Renstra changed by a
    review, a PK amended), or add the missing PK target.
    """
    text = target_documents(ctx)
    if text is None:
        _stop(ctx, "needs a document column on targets (renstra, renja, pk, iku, renaksi, dpa)")
    # Documents as small integers: the distinct words are read, not every row.
    codes, words = pd.factorize(text)
    names = np.asarray([_WORD.get(str(w), str(w)) for w in words], dtype=object)
    documents, of_word = np.unique(names, return_inverse=True)
    document = of_word[codes]
    rows = ctx.refs("targets", "indicator_id")
    inside = period_codes(ctx, ctx.targets, exact=False)
    tagged = (rows >= 0) & (inside >= 0) & (documents[document] != "")
    where = np.flatnonzero(tagged)
    if not where.size:
        return no_findings()
    lower = ctx.targets["target"].to_numpy(dtype=np.float64, na_value=np.nan)[where]
    upper = ctx.targets["target_upper"].to_numpy(dtype=np.float64, na_value=np.nan)[where]
    period = ctx.targets["period"].cat.codes.to_numpy(dtype=np.int64)[where]
    n_periods = len(ctx.targets["period"].cat.categories)
    pair = rows[where] * n_periods + period
    doc = document[where]
    first = ~pd.Series(pair * len(documents) + doc).duplicated(keep="first").to_numpy()
    long = pd.DataFrame(
        {
            "row": rows[where][first],
            "period": period[first],
            "pair": pair[first],
            "doc": doc[first],
            "lower": lower[first],
            "upper": np.where(np.isnan(upper), lower, upper)[first],
        }
    )
    parts = [_differing(ctx, long, documents), _without_pk(ctx, long, documents)]
    return concat(parts)


def _differing(ctx: Context, long: pd.DataFrame, documents: np.ndarray) -> pd.DataFrame:
    """(indicator, period) pairs whose documents give different targets."""
    numbers = long[np.isfinite(long["lower"]) & np.isfinite(long["upper"])]
    # Only pairs with two documents or more can disagree: most rows (a quarter's renaksi, a
    # year only the PK gives) have one, and one hash pass drops them before grouping.
    shared = pd.Series(numbers["pair"].to_numpy()).duplicated(keep=False).to_numpy()
    numbers = numbers[shared]
    if numbers.empty:
        return no_findings()
    spread = numbers.groupby("pair", sort=True).agg(
        documents=("doc", "size"),
        low_min=("lower", "min"),
        low_max=("lower", "max"),
        up_min=("upper", "min"),
        up_max=("upper", "max"),
    )
    same = agree(spread["low_min"].to_numpy(), spread["low_max"].to_numpy(), ctx) & agree(
        spread["up_min"].to_numpy(), spread["up_max"].to_numpy(), ctx
    )
    drifting = spread.index[(spread["documents"].to_numpy() > 1) & ~same]
    if drifting.empty:
        return no_findings()
    listed = numbers[numbers["pair"].isin(drifting)].copy()
    name = documents[listed["doc"].to_numpy()]
    listed["order"] = pd.Series(name).map(_ORDER).fillna(len(_ORDER)).to_numpy()
    listed["name"] = name
    listed = listed.sort_values(["pair", "order", "name"], kind="stable")
    listed["text"] = (
        listed["name"].astype("str").to_numpy()
        + " "
        + _target_text(listed["lower"].to_numpy(), listed["upper"].to_numpy()).to_numpy()
    )
    grouped = listed.groupby("pair", sort=True)
    joined = grouped["text"].agg(", ".join)
    found = grouped["row"].first().to_numpy(dtype=np.int64)
    categories = ctx.targets["period"].cat.categories
    period = pd.Series(
        np.asarray(categories, dtype=object)[grouped["period"].first().to_numpy()],
        dtype="str",
    )
    msg = (
        ctx.label("indicator", found)
        + " has different "
        + period
        + " targets in its documents: "
        + pd.Series(joined.to_numpy(dtype=object), dtype="str")
    )
    return ctx.findings("indicator", found, msg, period=period)


def _without_pk(ctx: Context, long: pd.DataFrame, documents: np.ndarray) -> pd.DataFrame:
    """Indicators with an annual Renstra target for a year checked and no PK target for it."""
    categories = ctx.targets["period"].cat.categories
    annual = {
        c: int(str(p))
        for c, p in enumerate(categories)
        if Period.parse(str(p)).granularity == "year" and Period.parse(str(p)) in ctx.periods
    }
    long = long[long["period"].isin(list(annual))]
    if long.empty:
        return no_findings()
    year = long["period"].map(annual).to_numpy(dtype=np.int64)
    doc = long["doc"].to_numpy()
    medium = documents[doc] == _MEDIUM_TERM
    agreement = documents[doc] == _AGREEMENT
    pk_years = set(year[agreement].tolist())
    unmatched = sorted(set(year[medium].tolist()) - pk_years)
    for y in unmatched:
        ctx.not_applicable(
            f"needs targets tagged pk for {y} to match its Renstra targets with a PK",
            partly=True,
        )
    stride = int(year.max()) + 1
    row = long["row"].to_numpy(dtype=np.int64)
    pk_keys = row[agreement] * stride + year[agreement]
    medium_rows = row[medium]
    medium_year = year[medium]
    # Hash lookups (pandas isin), not numpy's sort-based isin: millions of keys at a province.
    missing = ~pd.Series(medium_rows * stride + medium_year).isin(pk_keys).to_numpy()
    missing &= np.isin(medium_year, sorted(pk_years))
    found = medium_rows[missing]
    if not found.size:
        return no_findings()
    period = pd.Series(medium_year[missing].astype(str), dtype="str")
    targets = long[medium][missing]
    msg = (
        ctx.label("indicator", found)
        + " has a "
        + period
        + " target in the Renstra ("
        + _target_text(targets["lower"].to_numpy(), targets["upper"].to_numpy())
        + ") but none in the PK for "
        + period
    )
    return ctx.findings("indicator", found, msg, period=period)


RULES: tuple[Rule, ...] = (target_regression, target_path_break, iku_churn, plan_drift)
