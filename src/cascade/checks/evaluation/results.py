"""Evaluation rules (``CAS5xx``): results, what the LKE asks of plans once the year runs.

Rencana aksi (quarter or month targets), periodic measurement, targets met or on track,
improvement on the year before, and money spent ahead of results (research ``lke.md``
section 2.2: ``renaksi-missing``, ``realisation-gap``, ``underachieved``, ``no-improvement``,
``inefficient-spend``).

Vocabulary
----------
year checked
    A year of the periods checked (:func:`~cascade.checks.evaluation._common.checked_years`;
    a quarter or month checked stands for its year). The rules look at years: a PK
    indicator is one for year y (it has a target for y and its goal is owned at a PK level).
sub-period
    A quarter (triwulan, ``2024Q2``) or a month (``2024-05``) inside a year checked.
ended
    A period that has ended by the run's ``as_of`` (:meth:`Context.elapsed
    <cascade.checks._context.Context.elapsed>`); without ``as_of`` every period has.
in the year
    ``as_of`` lies inside year y before its end (``2024Q2``, ``2024-05``): the year has begun
    and not ended. A year that has not begun by ``as_of`` is not judged at all.
realisation
    Reported, else derived, as :mod:`cascade.derive` defines it: the period's own row, else
    its quarters or months combined by ``period_aggregation``, else the roll-up of its
    carrier children. Missing values follow the policy's ``missing`` setting.
achievement before the cap
    The achievement of :mod:`cascade.achievement` under the policy (minimize formula, floor,
    zero target) but with no cap: a cap only limits high values, yet a policy may set one
    below 100, and a target missed must not be hidden by it, nor a target beaten twice be
    read as "no better".
elapsed quarters
    The quarters of year y that have ended by ``as_of``: ``2024-05`` has one, ``2024Q2``
    two.
on track
    In the year, a ``sum`` indicator (a flow: cases treated) is on track when its realisation
    to date (the sum of its elapsed quarters) reaches the share of its year target due by
    then, target × elapsed quarters / 4 (linear pro-rata); a ``last`` or ``mean`` indicator
    (a position or a rate) when its realisation in the latest ended sub-period that has a
    target reaches that target. On track means an achievement of at least 100 against what
    was due.
absorption (serapan)
    spent / allocated × 100 of a goal's own budget line for the year.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable

import numpy as np
import pandas as pd

from cascade.achievement import compute_achievement, polarity_codes
from cascade.checks._context import Context, concat, no_findings
from cascade.checks._rule import Category, Rule, Severity, rule
from cascade.checks.evaluation._common import checked_years, pk_grid
from cascade.checks.values import agree, number_text, target_grid
from cascade.period import Period

__all__ = [
    "RULES",
    "inefficient_spend",
    "no_improvement",
    "realisation_gap",
    "renaksi_missing",
    "underachieved",
]

# ------------------------------------------------------------------ shared helpers

#: Contexts over other periods than a run's, built once per run and period set.
_CONTEXTS: weakref.WeakKeyDictionary[Context, dict[tuple[Period, ...], Context]] = (
    weakref.WeakKeyDictionary()
)


def _context_for(ctx: Context, periods: Iterable[Period]) -> Context:
    """A context like ``ctx`` over ``periods``; ``ctx`` itself when they are its periods.

    Its joins (derived realisation, achievement, target grids) are computed once per run
    and shared by every rule of this module that asks for the same periods.
    """
    wanted = tuple(sorted(set(periods)))
    if list(wanted) == list(ctx.periods):
        return ctx
    cache = _CONTEXTS.setdefault(ctx, {})
    if wanted not in cache:
        cache[wanted] = Context(ctx.cascade, list(wanted), ctx.policy, as_of=ctx.as_of)
    return cache[wanted]


def _years(ctx: Context) -> Context:
    """The context over the years checked."""
    return _context_for(ctx, [Period.year_of(y) for y in checked_years(ctx)])


def _used_periods(frame: pd.DataFrame) -> list[Period]:
    """The periods that some row of ``frame`` holds, each once, in order."""
    period = frame["period"]
    if not isinstance(period.dtype, pd.CategoricalDtype):  # pragma: no cover - canonical
        period = period.astype("str").astype("category")
    codes = np.unique(period.cat.codes.to_numpy(dtype=np.int64))
    return sorted(Period.parse(str(period.cat.categories[c])) for c in codes[codes >= 0])


def _target_sub_periods(ctx: Context) -> list[Period]:
    """The quarters and months inside a year checked that some target row names."""
    years = set(checked_years(ctx))
    return [p for p in _used_periods(ctx.targets) if p.granularity != "year" and p.year in years]


def _sub_context(ctx: Context) -> Context:
    """The context over every sub-period with a target, and every quarter, of the years."""
    quarters = [q for y in checked_years(ctx) for q in Period.year_of(y).quarters()]
    return _context_for(ctx, [*_target_sub_periods(ctx), *quarters])


def _ended(ctx: Context, year: int) -> bool:
    """Whether year ``year`` has ended by ``as_of``."""
    return ctx.elapsed(Period.year_of(year))


def _begun(ctx: Context, year: int) -> bool:
    """Whether year ``year`` has begun by ``as_of`` (always, without one)."""
    return ctx.as_of is None or ctx.as_of.year >= year


def _ended_years(ctx: Context) -> list[int]:
    """The years checked that have ended by ``as_of``; not applicable if none has, but some."""
    years = checked_years(ctx)
    ended = [y for y in years if _ended(ctx, y)]
    if years and not ended:
        ctx.not_applicable(f"needs a year checked that has ended by as_of {ctx.as_of}")
    return ended


def _values(ctx: Context) -> np.ndarray:
    """The realisation that counts, (indicators x periods of ``ctx``)."""
    value: np.ndarray = ctx.derived["value"].to_numpy(dtype=np.float64)
    return value.reshape(len(ctx.indicators), len(ctx.periods))


def _polarity(ctx: Context) -> np.ndarray:
    """Each indicator's polarity code (0 maximize, 1 minimize, 2 stabilize)."""
    return polarity_codes(ctx.indicators["polarity"], len(ctx.indicators))


def _uncapped(
    ctx: Context,
    realisation: np.ndarray,
    target: np.ndarray,
    upper: np.ndarray,
    codes: np.ndarray,
) -> np.ndarray:
    """Achievement before the cap, element by element (see the module docstring)."""
    policy = ctx.policy if ctx.policy.cap is None else ctx.policy.model_copy(update={"cap": None})
    value: np.ndarray = compute_achievement(realisation, target, upper, codes, policy=policy).value
    return value


def _achievement(ctx: Context) -> np.ndarray:
    """Every indicator's achievement before the cap, (indicators x periods of ``ctx``)."""
    n, p = len(ctx.indicators), len(ctx.periods)
    if ctx.policy.cap is None or ctx.policy.cap >= 100:  # below 100 the cap changes nothing
        shared: np.ndarray = ctx.achievement.value.reshape(n, p)
        return shared
    lower, _ = target_grid(ctx, "target")
    upper, _ = target_grid(ctx, "target_upper")
    codes = np.repeat(_polarity(ctx), p)
    return _uncapped(ctx, _values(ctx).ravel(), lower.ravel(), upper.ravel(), codes).reshape(n, p)


def _direction(codes: np.ndarray) -> pd.Series:
    """`` (lower is better)`` for a minimize indicator, nothing for the others."""
    words = np.array(["", " (lower is better)", " (on target is best)"], dtype=object)
    return pd.Series(words[codes], dtype="str")


def _percent(values: np.ndarray) -> pd.Series:
    """``91.7 %`` for each value."""
    text = np.char.mod("%.1f %%", np.asarray(values, dtype=np.float64))
    return pd.Series(text.astype(object), dtype="str")


def _target_text(lower: np.ndarray, upper: np.ndarray) -> pd.Series:
    """``120``, or ``80–90`` for a range target."""
    point = np.isnan(upper) | (upper == lower)
    ranged = number_text(lower) + "–" + number_text(np.where(point, lower, upper))
    return ranged.where(~pd.Series(point), number_text(lower))


# ------------------------------------------------------------------------- rules


@rule(
    "CAS505",
    "renaksi-missing",
    severity=Severity.WARNING,
    category=Category.COMPLETENESS,
    default=False,
)
def renaksi_missing(ctx: Context) -> pd.DataFrame:
    """A PK indicator with a year target but no quarter or month target inside that year.

    What it flags
    -------------
    For each year checked, a PK indicator (a target for the year, its goal owned at level
    ``pemda`` to ``pengawas``) with no row in ``targets`` for a quarter (``2024Q1``) or a
    month (``2024-03``) of that year: its action plan (rencana aksi) is missing. One finding
    per indicator and year; ``as_of`` does not matter, the plan is made before the year.

    Why it matters
    --------------
    The LKE asks for a plan of activities that supports performance (AREN001.5) and for
    action plans whose achievement is monitored periodically (AREN003.4). Without quarterly
    or monthly targets there is nothing to monitor during the year, and progress can only
    be judged when it is too late to correct.

    Example
    -------
    ``Indikator "I-P1" (Kasus ditangani) has a 2024 target but no quarter or month target
    inside 2024 (no rencana aksi)``.

    How to fix
    ----------
    Add the indicator's quarterly (``2024Q1`` … ``2024Q4``) or monthly targets from its
    rencana aksi to ``targets``.
    """
    years_ctx = _years(ctx)
    years = [p.year for p in years_ctx.periods]
    if not years:
        return no_findings()
    pk = pk_grid(years_ctx)
    has_plan = np.zeros(pk.shape, dtype=bool)
    targets = ctx.targets
    if len(targets):
        period = targets["period"]
        column = np.array(
            [
                years.index(p.year) if p.granularity != "year" and p.year in years else -1
                for p in (Period.parse(str(c)) for c in period.cat.categories)
            ]
            + [-1],
            dtype=np.int64,
        )[period.cat.codes.to_numpy(dtype=np.int64)]
        rows = ctx.refs("targets", "indicator_id")
        ok = (rows >= 0) & (column >= 0)
        has_plan[rows[ok], column[ok]] = True
    row, k = np.nonzero(pk & ~has_plan)
    if not row.size:
        return no_findings()
    year = pd.Series(np.array([str(y) for y in years], dtype=object)[k], dtype="str")
    msg = (
        ctx.label("indicator", row)
        + " has a "
        + year
        + " target but no quarter or month target inside "
        + year
        + " (no rencana aksi)"
    )
    return ctx.findings("indicator", row, msg, period=year)


@rule(
    "CAS506",
    "realisation-gap",
    severity=Severity.WARNING,
    category=Category.COMPLETENESS,
    default=False,
)
def realisation_gap(ctx: Context) -> pd.DataFrame:
    """An indicator with a target for an ended quarter or month, and no realisation for it.

    What it flags
    -------------
    For each year checked: the quarters and months inside it that have ended by ``as_of``
    (without ``as_of``, all of them) for which the indicator has a target and no realisation,
    reported or derived (its months combined into the quarter, or its carrier children
    rolled up, under the policy's ``missing`` setting). One finding per indicator and year,
    with the periods missing in the message: at a million indicators a finding per quarter
    would bury the list. Every indicator with sub-period targets is looked at, PK or not (an
    employee's monthly targets are monitored too).

    Not applicable when no target names a quarter or month inside the years checked: then
    nothing is planned per period (``renaksi-missing`` reports that).

    Why it matters
    --------------
    Periodic measurement is what the LKE reads as monitoring: an action plan whose
    achievement is watched during the year (AREN003.4), measurement done regularly
    (BKUR002.4) and reports made periodically (CLAP001.2). A quarter with a target and no
    realisation was planned but not measured.

    Example
    -------
    ``Indikator "I-SK1" (Kasus ditangani) has no realisation for 2024Q3, 2024Q4: 2 of the 4
    periods of 2024 ended periods of 2024 with a target``.

    How to fix
    ----------
    Add the realisation of each period listed to ``realisations`` (or its months', or its
    carrier children's, from which it is derived).
    """
    sub_periods = _target_sub_periods(ctx)
    if not sub_periods:
        ctx.not_applicable("needs quarter or month targets (rencana aksi) in the years checked")
    ended = [p for p in sub_periods if ctx.elapsed(p)]
    if not ended:
        return no_findings()
    sub = _sub_context(ctx)
    _, has = target_grid(sub, "target")
    missing = has & np.isnan(_values(sub))
    names = [str(p) for p in sub.periods]
    parts = []
    for year in sorted({p.year for p in ended}):
        columns = [sub.periods.index(p) for p in ended if p.year == year]
        bits = np.int64(1) << np.arange(len(columns), dtype=np.int64)
        gaps = missing[:, columns].astype(np.int64) @ bits
        rows = np.flatnonzero(gaps)
        if not rows.size:
            continue
        masks, inverse = np.unique(gaps[rows], return_inverse=True)
        listed = np.array(
            [
                ", ".join(names[c] for b, c in enumerate(columns) if int(mask) >> b & 1)
                for mask in masks
            ],
            dtype=object,
        )[inverse]
        count = np.count_nonzero(missing[rows][:, columns], axis=1)
        planned = np.count_nonzero(has[rows][:, columns], axis=1)
        msg = (
            ctx.label("indicator", rows)
            + " has no realisation for "
            + pd.Series(listed, dtype="str")
            + ": "
            + number_text(count)
            + " of "
            + number_text(planned)
            + f" ended periods of {year} with a target"
        )
        parts.append(ctx.findings("indicator", rows, msg, period=str(year)))
    return concat(parts)


@rule(
    "CAS508",
    "underachieved",
    severity=Severity.INFO,
    category=Category.PERFORMANCE,
    default=False,
)
def underachieved(ctx: Context) -> pd.DataFrame:
    """A PK indicator below its target for the year, or behind it during the year.

    What it flags
    -------------
    For each year checked that has ended by ``as_of`` (without ``as_of``, every one): a PK
    indicator whose achievement for the year, before any cap, is below 100.

    For the year that ``as_of`` falls in: a PK indicator that is not on track. A ``sum``
    indicator is behind when its realisation to date (the sum of its elapsed quarters)
    achieves less than 100 against the share of the year target due, target × elapsed
    quarters / 4; a ``last`` or ``mean`` indicator when its realisation in the latest ended
    quarter or month that has a target achieves less than 100 against that target. Before
    the first quarter ends nothing is due; a ``last`` or ``mean`` indicator without a
    sub-period target is not judged in the year (``renaksi-missing`` reports it). Years that
    have not begun by ``as_of`` are not judged.

    An indicator with no realisation, or whose achievement is undefined (a zero target
    missed), is not underachieved: it has no figure to judge, and ``realisation-gap`` and
    ``undefined-achievement`` report it. Neither is one whose achievement is only rolled up
    from its children. Quarters missing from the realisation to date follow the policy's
    ``missing`` setting, as a year combined from its quarters does.

    Why it matters
    --------------
    The LKE asks whether targets were achieved well, or at least are on the right track
    (AREN003.3), and whether the data show the results expected (BKUR002.3); its local
    variants count the share of indicators at or above target.

    Example
    -------
    ``Indikator "I-P1" (Kasus ditangani) achieved 91.7 % of its 2024 target: realisation
    110 against 120``; in the year, ``… is behind its 2024 target at 2024Q2: 40 realised in
    2024Q1–2024Q2 against 60 due (2 of 4 quarters of 120), 66.7 %``.

    How to fix
    ----------
    This is a result, not a data error: explain the shortfall and the remedy in the LKjIP.
    If the realisation or the target is wrong, correct it; if the policy reads minimize
    indicators differently, set ``minimize``.
    """
    years_ctx = _years(ctx)
    years = [p.year for p in years_ctx.periods]
    if not years:
        return no_findings()
    pk = pk_grid(years_ctx)
    parts = []
    for k, year in enumerate(years):
        if not _begun(ctx, year):
            continue
        if _ended(ctx, year):
            parts.append(_below_target(ctx, years_ctx, pk[:, k], k, year))
        else:
            parts.append(_behind(ctx, years_ctx, pk[:, k], k, year))
    return concat(parts)


def _below_target(
    ctx: Context, years_ctx: Context, pk: np.ndarray, k: int, year: int
) -> pd.DataFrame:
    """Year-end: PK indicators whose achievement for ``year`` is below 100."""
    achievement = _achievement(years_ctx)[:, k]
    with np.errstate(invalid="ignore"):
        rows = np.flatnonzero(pk & (achievement < 100))
    if not rows.size:
        return no_findings()
    lower, _ = target_grid(years_ctx, "target")
    upper, _ = target_grid(years_ctx, "target_upper")
    msg = (
        ctx.label("indicator", rows)
        + " achieved "
        + _percent(achievement[rows])
        + f" of its {year} target: realisation "
        + number_text(_values(years_ctx)[rows, k])
        + " against "
        + _target_text(lower[rows, k], upper[rows, k])
        + _direction(_polarity(ctx)[rows])
    )
    return ctx.findings("indicator", rows, msg, period=str(year))


def _behind(ctx: Context, years_ctx: Context, pk: np.ndarray, k: int, year: int) -> pd.DataFrame:
    """In the year: PK indicators not on track by ``as_of`` (see the module docstring)."""
    elapsed = 0 if ctx.as_of is None else ctx.as_of.last_month // 3
    if not elapsed:
        return no_findings()
    sub = _sub_context(ctx)
    value = _values(sub)
    codes = _polarity(ctx)
    is_sum = (ctx.indicators["period_aggregation"] == "sum").to_numpy(dtype=bool, na_value=False)

    # sum: realisation to date against the share of the year target due
    quarters = [sub.periods.index(Period.quarter_of(year, q)) for q in range(1, elapsed + 1)]
    sofar = value[:, quarters]
    present = np.count_nonzero(~np.isnan(sofar), axis=1)
    to_date = np.where(present > 0, np.nansum(sofar, axis=1), np.nan)
    if ctx.policy.missing == "skip_if_any_missing":
        to_date = np.where(present == len(quarters), to_date, np.nan)
    lower, _ = target_grid(years_ctx, "target")
    upper, _ = target_grid(years_ctx, "target_upper")
    share = elapsed / 4
    due, due_upper = lower[:, k] * share, upper[:, k] * share
    flows = np.flatnonzero(pk & is_sum)
    achieved = _uncapped(ctx, to_date[flows], due[flows], due_upper[flows], codes[flows])
    with np.errstate(invalid="ignore"):
        behind = achieved < 100
    flows, achieved = flows[behind], achieved[behind]
    span = str(Period.quarter_of(year, 1))
    if elapsed > 1:
        span += "–" + str(Period.quarter_of(year, elapsed))
    flow_msg = (
        ctx.label("indicator", flows)
        + f" is behind its {year} target at {ctx.as_of}: "
        + number_text(to_date[flows])
        + f" realised in {span} against "
        + _target_text(due[flows], due_upper[flows])
        + f" due ({elapsed} of 4 quarters of "
        + _target_text(lower[flows, k], upper[flows, k])
        + "), "
        + _percent(achieved)
    )

    # last and mean: the latest ended sub-period that has a target, against that target
    sub_lower, has = target_grid(sub, "target")
    sub_upper, _ = target_grid(sub, "target_upper")
    candidates = sorted(
        (p for p in sub.periods if p.year == year and ctx.elapsed(p)),
        key=lambda p: (p.last_month, p.first_month),
    )
    latest = np.full(len(ctx.indicators), -1, dtype=np.int64)
    for period in candidates:  # one pass per period: the last with a target wins
        at = sub.periods.index(period)
        latest = np.where(has[:, at], at, latest)
    positions = np.flatnonzero(pk & ~is_sum & (latest >= 0))
    column = latest[positions]
    achieved_p = _uncapped(
        ctx,
        value[positions, column],
        sub_lower[positions, column],
        sub_upper[positions, column],
        codes[positions],
    )
    with np.errstate(invalid="ignore"):
        behind = achieved_p < 100
    positions, column, achieved_p = positions[behind], column[behind], achieved_p[behind]
    names = np.array([str(p) for p in sub.periods], dtype=object)
    position_msg = (
        ctx.label("indicator", positions)
        + f" is behind its {year} target at {ctx.as_of}: realisation "
        + number_text(value[positions, column])
        + " for "
        + pd.Series(names[column], dtype="str")
        + " against its target of "
        + _target_text(sub_lower[positions, column], sub_upper[positions, column])
        + ", "
        + _percent(achieved_p)
    )
    return concat(
        [
            ctx.findings("indicator", flows, flow_msg, period=str(year)),
            ctx.findings("indicator", positions, position_msg, period=str(year)),
        ]
    )


@rule(
    "CAS509",
    "no-improvement",
    severity=Severity.INFO,
    category=Category.PERFORMANCE,
    default=False,
)
def no_improvement(ctx: Context) -> pd.DataFrame:
    """A PK indicator that did no better than the year before.

    What it flags
    -------------
    For each year y checked that has ended by ``as_of``, a PK indicator of y with either:

    - an achievement (before any cap) for y no higher than for y − 1; equal achievements of
      100 or more are not flagged (a target held cannot be bettered, and a stabilize
      indicator on target is at its best); or
    - a realisation for y that moved against its polarity from y − 1: lower for
      ``maximize``, higher for ``minimize`` (``stabilize`` has no direction and is only
      judged by achievement).

    Two numbers closer than the policy's tolerance are equal. Realisations are reported or
    derived; achievements are computed like the year checked's, with each year's own target.

    Not applicable when no indicator has both an annual target and a realisation for the
    year before any year checked; partly not applicable for a year checked without them
    when another has them.

    Why it matters
    --------------
    Better results than last year are what a local LKE asks (Trenggalek DVAL004.2) and what
    the LKjIP must compare (CLAP002.5): a flat or falling trend needs an explanation and a
    changed strategy.

    Example
    -------
    ``Indikator "I-P1" (Kasus ditangani) did not improve in 2024 on 2023: achievement
    91.7 %, against 100.0 % in 2023; realisation fell from 120 to 110 (higher is better)``.

    How to fix
    ----------
    This is a result, not a data error: analyse the trend and state the remedy in the LKjIP.
    If last year's realisation or target is wrong, correct it.
    """
    years = _ended_years(ctx)
    hist = _context_for(ctx, [Period.year_of(y) for z in years for y in (z - 1, z)])
    column = {p.year: c for c, p in enumerate(hist.periods)}
    _, has = target_grid(hist, "target")
    value = _values(hist)
    known = has & ~np.isnan(value)
    with_prior = [y for y in years if known[:, column[y - 1]].any()]
    if not with_prior:
        ctx.not_applicable("needs targets and realisations for the year before")
    for y in years:
        if y not in with_prior:
            ctx.not_applicable(
                f"needs targets and realisations for {y - 1}, the year before {y}", partly=True
            )
    years_ctx = _years(ctx)
    pk = pk_grid(years_ctx)
    pk_column = {p.year: c for c, p in enumerate(years_ctx.periods)}
    achievement = _achievement(hist)
    codes = _polarity(ctx)
    parts = []
    for y in with_prior:
        now, before = column[y], column[y - 1]
        a, a0 = achievement[:, now], achievement[:, before]
        r, r0 = value[:, now], value[:, before]
        with np.errstate(invalid="ignore"):
            same_a = agree(a, a0, ctx)
            worse = ~np.isnan(a) & ~np.isnan(a0) & (((a < a0) & ~same_a) | (same_a & (a < 100)))
            moved = ~np.isnan(r) & ~np.isnan(r0) & ~agree(r, r0, ctx)
            against = moved & (((codes == 0) & (r < r0)) | ((codes == 1) & (r > r0)))
        rows = np.flatnonzero(pk[:, pk_column[y]] & (worse | against))
        if not rows.size:
            continue
        by_achievement = pd.Series(worse[rows])
        by_direction = pd.Series(against[rows])
        first = (
            "achievement " + _percent(a[rows]) + ", against " + _percent(a0[rows]) + f" in {y - 1}"
        )
        fell = pd.Series(np.where(codes[rows] == 0, "fell", "rose"), dtype="str")
        better = pd.Series(
            np.where(codes[rows] == 0, "higher is better", "lower is better"), dtype="str"
        )
        second = (
            "realisation "
            + fell
            + " from "
            + number_text(r0[rows])
            + " to "
            + number_text(r[rows])
            + " ("
            + better
            + ")"
        )
        reasons = (first + "; " + second).where(by_achievement & by_direction, first)
        reasons = reasons.where(by_achievement, second)
        msg = ctx.label("indicator", rows) + f" did not improve in {y} on {y - 1}: " + reasons
        parts.append(ctx.findings("indicator", rows, msg, period=str(y)))
    return concat(parts)


@rule(
    "CAS510",
    "inefficient-spend",
    severity=Severity.INFO,
    category=Category.PERFORMANCE,
    default=False,
)
def inefficient_spend(ctx: Context) -> pd.DataFrame:
    """A goal whose budget absorption runs ahead of its achievement.

    What it flags
    -------------
    For each year checked that has ended by ``as_of``, a goal with its own budget line for
    the year whose absorption S = spent / allocated × 100 exceeds its achievement A, capped
    at 100, by more than ``evaluation.spend_tolerance`` points (10 by default). A is the
    goal's achievement as :func:`cascade.propagate` computes it: the mean of its indicators'
    achievements (by the policy's ``goal_weighting``; rolled up for an indicator without a
    realisation of its own), with the policy's cap. Goals with no ``spent``, nothing
    allocated, or no achievement are skipped: there is nothing to compare.

    The research also names the PMK 214 efficiency over the goal's subtree. On a goal's own
    line, an efficiency below 0 is exactly S > A, the same test with no tolerance; over a
    subtree, a program's, kegiatan's and sub kegiatan's lines hold the same money, so a sum
    needs a choice of lines that the domain does not fix. It is left to
    :func:`cascade.propagate`, which reports the efficiency of every goal and owner.

    Not applicable when the years checked have no annual budget line, or none with
    ``spent``.

    Why it matters
    --------------
    The LKE asks whether the budget was used efficiently to reach performance (BKUR003.8)
    and whether the report shows it (CLAP002.8): money spent without the results it was
    meant to buy is what evaluators single out.

    Example
    -------
    ``Sasaran "P1" (Meningkatnya layanan pencegahan) absorbed 95.0 % of its 2024 budget
    (Rp 2850000000 of Rp 3000000000) but achieved 75.0 %: 20.0 points ahead``.

    How to fix
    ----------
    This is a result, not a data error: explain in the LKjIP why results lag the money. If
    ``spent`` or a realisation is wrong or missing, correct it.
    """
    from cascade.engine._budget import budget_figures
    from cascade.engine._goals import goal_figures
    from cascade.engine._indicators import indicator_figures

    years = _ended_years(ctx)
    budgets = ctx.budgets
    lines = _used_periods(budgets) if len(budgets) else []
    annual = [y for y in years if Period.year_of(y) in lines]
    if not annual:
        ctx.not_applicable("needs annual budget lines (pagu) in the years checked that have ended")
    spent = budgets["spent"].to_numpy(dtype=np.float64, na_value=np.nan)
    period = budgets["period"].astype("str").to_numpy(dtype=object)
    wanted = np.isin(period, [str(y) for y in annual])
    if not np.isfinite(spent[wanted]).any():
        ctx.not_applicable("needs spending (realisasi anggaran) on the budget lines")
    tolerance = ctx.settings.spend_tolerance
    parts = []
    for year in annual:
        one = _context_for(ctx, [Period.year_of(year)])
        goals = goal_figures(one, indicator_figures(one))
        budget = budget_figures(one, goals)
        absorption = budget.absorption
        achieved = np.minimum(goals.achievement, 100.0)
        with np.errstate(invalid="ignore"):
            ahead = (budget.source == 0) & np.isfinite(absorption) & np.isfinite(achieved)
            ahead &= absorption - achieved > tolerance
        rows = np.flatnonzero(ahead)
        if not rows.size:
            continue
        msg = (
            ctx.label("goal", rows)
            + " absorbed "
            + _percent(absorption[rows])
            + f" of its {year} budget (Rp "
            + number_text(budget.spent[rows])
            + " of Rp "
            + number_text(budget.allocated[rows])
            + ") but achieved "
            + _percent(achieved[rows])
            + pd.Series(
                np.where(goals.achievement[rows] > 100, " (capped at 100)", ""), dtype="str"
            )
            + ": "
            + pd.Series(
                np.char.mod("%.1f", absorption[rows] - achieved[rows]).astype(object),
                dtype="str",
            )
            + f" points ahead (tolerance {tolerance:g})"
        )
        parts.append(ctx.findings("goal", rows, msg, period=str(year)))
    return concat(parts)


RULES: tuple[Rule, ...] = (
    renaksi_missing,
    realisation_gap,
    underachieved,
    no_improvement,
    inefficient_spend,
)
