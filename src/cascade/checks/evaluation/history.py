"""Evaluation rules (``CAS5xx``): history, the plan over several years.

The LKE asks that targets be challenging, not below what was already achieved (research
``lke.md`` section 2.2: AREN002.7, AREN003.5). That needs more than one year; without it the
rule is not applicable and says why.

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
"""

from __future__ import annotations

from typing import NoReturn

import numpy as np
import pandas as pd

from cascade.achievement import MAXIMIZE, MINIMIZE, polarity_codes
from cascade.checks._context import Context, no_findings
from cascade.checks._rule import Category, Rule, Severity, rule
from cascade.checks.evaluation._common import checked_years, yearly
from cascade.checks.values import agree, number_text
from cascade.period import Period

__all__ = ["RULES", "target_regression"]


# ------------------------------------------------------------------ shared helpers


def _stop(ctx: Context, reason: str) -> NoReturn:
    """Declare the running rule not applicable (:meth:`Context.not_applicable` raises)."""
    ctx.not_applicable(reason)
    raise AssertionError(reason)  # pragma: no cover - not_applicable has raised


def _grid(ctx: Context, wide: pd.DataFrame, years: list[int]) -> np.ndarray:
    """(indicators x ``years``) of a :func:`yearly` frame, NaN where no row exists."""
    out: np.ndarray = wide.reindex(index=range(len(ctx.indicators)), columns=years).to_numpy(
        dtype=np.float64, na_value=np.nan
    )
    return out


def _target_text(lower: np.ndarray, upper: np.ndarray) -> pd.Series:
    """``120`` for a point target, ``80–90`` for a range."""
    ranged = np.isfinite(upper) & (upper != lower)
    point = number_text(lower)
    spans = point + "–" + number_text(upper)
    return spans.where(pd.Series(ranged), point)


def _years_text(years: list[int] | np.ndarray) -> str:
    return ", ".join(str(y) for y in years)


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


RULES: tuple[Rule, ...] = (target_regression,)
