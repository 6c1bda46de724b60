"""Achievement (capaian): how far a realisation reaches its target, in percent.

This is the one definition of ``domain.md`` section 4, vectorised over whole columns. The
propagation engine (:func:`cascade.propagate`) and the checker's ``undefined-achievement``
rule both call it.

Vocabulary
----------
realisation (realisasi), R
    The measured value for the period.
target (target), T
    The planned value. A *range target* [T_lo, T_hi] ("80–90 %", an inflation band) has an
    upper bound ``target_upper``; without one the target is a point, T_hi = T_lo.
polarity (polaritas)
    ``maximize`` (*naik*, higher is better), ``minimize`` (*turun*, lower is better),
    ``stabilize`` (*stabil*, on target is best).
achievement (capaian)
    A percentage; 100 is exactly on target.
undefined
    A realisation and a target that give no figure, because the denominator the formula needs
    is 0 (and the target is not met exactly) or, for the ``ratio`` formula, not positive. It is
    missing, never 0 or infinity, and the checker reports it.

The formulas
------------
R inside [T_lo, T_hi] (or equal to a point target) is on target: exactly 100. Otherwise the
polarity's formula is applied against the bound R passed, B (T_lo if R is below the range,
T_hi if above):

=============  ======================================  ====================================
polarity       R below the range                       R above the range
=============  ======================================  ====================================
maximize       R / B × 100                             R / B × 100
minimize       (2 − R / B) × 100, or ``ratio``: B / R × 100 (both sides)
stabilize      R / B × 100 (as maximize)               (2 − R / B) × 100 (as minimize)
=============  ======================================  ====================================

For a negative bound (a contraction target, "−2 %") ``R / B`` would turn the direction
round, so the difference forms are written as ``100 × (1 ± (R − B) / |B|)``, which is the
table above for every positive B and keeps "higher is better" for a negative one. The
``ratio`` form needs B and R both positive. The result is then floored (0 by default) and
capped if the policy sets a cap. Nothing here reads the clock or the row order.

Worked examples (``domain.md`` section 4):

>>> import numpy as np
>>> achievement([9.0], [7.0], [8.0], ["minimize"])  # "7-8 bulan", R = 9
array([87.5])
>>> achievement([92.0], [80.0], [90.0], ["maximize"]).round(1)  # "80-90 %", R = 92
array([102.2])
>>> achievement([5.0, 1.0, 3.0], 2.0, 4.0, "stabilize")  # inflation band 2-4 %
array([ 75.,  50., 100.])
>>> achievement([0.0, 3.0], [0.0, 0.0], polarity="minimize")  # zero target met, missed
array([100.,  nan])
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import pandas as pd

from cascade.enums import Polarity

if TYPE_CHECKING:
    from cascade.policy import Policy

__all__ = [
    "Achievement",
    "achievement",
    "compute_achievement",
    "describe_achievement",
    "polarity_codes",
]

ArrayLike = float | Sequence[float | None] | np.ndarray | pd.Series
PolarityLike = str | Sequence[str | None] | np.ndarray | pd.Series

#: Polarity codes, in :class:`~cascade.enums.Polarity` order.
MAXIMIZE, MINIMIZE, STABILIZE = 0, 1, 2
_POLARITIES = tuple(p.value for p in Polarity)


class Achievement(NamedTuple):
    """What :func:`compute_achievement` gives, element by element."""

    #: The achievement in percent, floored and capped; NaN when missing or undefined.
    value: np.ndarray
    #: Where a realisation and a target were both present but gave no figure.
    undefined: np.ndarray


def polarity_codes(polarity: PolarityLike, n: int) -> np.ndarray:
    """Polarity as codes (0 maximize, 1 minimize, 2 stabilize), broadcast to ``n``.

    Values are read as :meth:`Polarity.parse <cascade.enums.Polarity.parse>` reads them
    (``naik``, ``turun``, ``stabil`` …); a missing one is ``maximize``, the format's default.
    An integer array is taken as codes already.

    Raises
    ------
    ValueError
        For a value that names no polarity.
    """
    if isinstance(polarity, str):
        return np.full(n, _POLARITIES.index(Polarity.parse(polarity).value), dtype=np.int64)
    if isinstance(polarity, np.ndarray) and polarity.dtype.kind in "iu":
        if polarity.size and (polarity.min() < 0 or polarity.max() > STABILIZE):
            msg = "polarity codes must be 0 (maximize), 1 (minimize) or 2 (stabilize)"
            raise ValueError(msg)
        return np.broadcast_to(polarity.astype(np.int64), n).copy()
    series = polarity if isinstance(polarity, pd.Series) else pd.Series(list(polarity))
    if not isinstance(series.dtype, pd.CategoricalDtype):
        series = series.astype("category")  # one hash pass; each distinct word parsed once
    lookup = [_POLARITIES.index(Polarity.parse(str(c)).value) for c in series.cat.categories]
    table = np.array([*lookup, MAXIMIZE], dtype=np.int64)  # code -1 (missing): maximize
    out: np.ndarray = table[series.cat.codes.to_numpy(dtype=np.int64)]
    return np.broadcast_to(out, n).copy() if out.size == 1 else out


def _floats(values: ArrayLike | None, n: int | None = None) -> np.ndarray:
    if values is None:
        return np.full(n or 0, np.nan)
    if isinstance(values, pd.Series):
        x = values.to_numpy(dtype=np.float64, na_value=np.nan)
    else:
        array = np.atleast_1d(np.asarray(values))
        if array.dtype == object:  # None among numbers
            x = pd.Series(array).to_numpy(dtype=np.float64, na_value=np.nan)
        else:
            x = array.astype(np.float64)
    x = np.where(np.isfinite(x), x, np.nan)  # inf counts as missing
    return x if n is None or x.size == n else np.broadcast_to(x, n).copy()


def compute_achievement(
    realisation: ArrayLike,
    target: ArrayLike,
    target_upper: ArrayLike | None = None,
    polarity: PolarityLike = "maximize",
    *,
    policy: Policy | None = None,
) -> Achievement:
    """Achievement and where it is undefined; see :func:`achievement` for the parameters."""
    from cascade.policy import Policy

    settings = policy if policy is not None else Policy()
    r, t = _floats(realisation), _floats(target)
    n = max(r.size, t.size, 0 if target_upper is None else _floats(target_upper).size)
    if not isinstance(polarity, str):
        n = max(n, len(polarity))
    r, t = _floats(r, n), _floats(t, n)
    hi = _floats(target_upper, n)
    # A missing lower bound is a missing target, whatever the upper bound says.
    lo = np.where(np.isnan(hi) | np.isnan(t), t, np.fmin(t, hi))
    hi = np.where(np.isnan(hi) | np.isnan(t), t, np.fmax(t, hi))
    how = polarity_codes(polarity, n)
    present = ~np.isnan(r) & ~np.isnan(lo)
    below, above = present & (r < lo), present & (r > hi)
    inside = present & ~below & ~above
    bound = np.where(below, lo, hi)
    # Which formula: "up" (maximize) or "down" (minimize) against the bound passed.
    down = (how == MINIMIZE) | ((how == STABILIZE) & above)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        scale = np.abs(bound)
        up_value = 100.0 * (1.0 + (r - bound) / scale)
        if settings.minimize == "ratio":
            down_value = 100.0 * bound / r
            down_ok = (bound > 0) & (r > 0)
        else:
            down_value = 100.0 * (1.0 - (r - bound) / scale)
            down_ok = bound != 0
    raw = np.where(down, down_value, up_value)
    ok = np.where(down, down_ok, bound != 0) & np.isfinite(raw)
    value = np.where(inside, 100.0, np.where(ok, raw, np.nan))
    undefined = present & ~inside & ~ok
    zero = bound == 0
    if settings.zero_target == "missing":
        undefined |= inside & zero
        value = np.where(inside & zero, np.nan, value)
    elif settings.zero_target == "met_or_better":
        better = present & zero & ~inside & ((down & (r < 0)) | (~down & (r > 0)))
        value = np.where(better, 100.0, value)
        undefined &= ~better
    if settings.floor is not None:
        value = np.where(np.isnan(value), value, np.maximum(value, settings.floor))
    if settings.cap is not None:
        value = np.where(np.isnan(value), value, np.minimum(value, settings.cap))
    return Achievement(value, undefined)


def achievement(
    realisation: ArrayLike,
    target: ArrayLike,
    target_upper: ArrayLike | None = None,
    polarity: PolarityLike = "maximize",
    *,
    policy: Policy | None = None,
) -> np.ndarray:
    """Achievement in percent, element by element (see the module docstring).

    Parameters
    ----------
    realisation
        R, one number or an array; NaN, ``None`` or ``inf`` is missing.
    target
        T (the lower bound of a range target), broadcast against ``realisation``.
    target_upper
        The upper bound of a range target; missing for a point target.
    polarity
        ``maximize``, ``minimize`` or ``stabilize`` (or the Indonesian words), one for all
        or one per element; or an integer array of codes (0, 1, 2 in that order).
    policy
        A :class:`~cascade.policy.Policy`; its ``minimize``, ``floor``, ``cap`` and
        ``zero_target`` settings apply. The default policy when omitted.

    Returns
    -------
    numpy.ndarray
        Floats; NaN where R or T is missing and where the achievement is undefined
        (:func:`compute_achievement` says which).

    Raises
    ------
    ValueError
        For a polarity that names none.

    Examples
    --------
    On target is 100 for every polarity; a realisation of 0 is not 0 % when lower is better:

    >>> achievement([80.0, 80.0, 80.0], 80.0, polarity=["maximize", "minimize", "stabilize"])
    array([100., 100., 100.])
    >>> achievement(0.0, 12.0, polarity="turun")
    array([200.])

    The policy chooses the minimize formula, the floor and a cap:

    >>> from cascade import Policy
    >>> achievement(15.0, 10.0, polarity="minimize")  # 2 - 15/10
    array([50.])
    >>> achievement(15.0, 10.0, polarity="minimize", policy=Policy(minimize="ratio")).round(2)
    array([66.67])
    >>> achievement([30.0, 150.0], 10.0, polarity="minimize")  # floored at 0
    array([0., 0.])
    >>> achievement(150.0, 100.0, policy=Policy(cap=120))
    array([120.])
    """
    return compute_achievement(realisation, target, target_upper, polarity, policy=policy).value


def _num(x: float) -> str:
    return f"{x:,.2f}".rstrip("0").rstrip(".") if np.isfinite(x) else str(x)


def describe_achievement(
    realisation: float,
    target: float,
    target_upper: float | None = None,
    polarity: str = "maximize",
    *,
    policy: Policy | None = None,
) -> str:
    """How one achievement figure follows from its inputs, in words and numbers.

    Examples
    --------
    >>> describe_achievement(9, 7, 8, "minimize")
    'minimize, 9 above the range 7–8: (2 − 9 / 8) × 100 = 87.5'
    >>> describe_achievement(3, 0, None, "maximize")
    'maximize, 3 against a target of 0: undefined (the formula divides by 0)'
    >>> from cascade import Policy
    >>> describe_achievement(150, 100, None, "maximize", policy=Policy(cap=120))
    'maximize, 150 above the target 100: 150 / 100 × 100 = 150, capped at 120'
    """
    from cascade.policy import Policy

    settings = policy if policy is not None else Policy()
    result = compute_achievement(realisation, target, target_upper, polarity, policy=settings)
    value, undefined = float(result.value[0]), bool(result.undefined[0])
    how = _POLARITIES[int(polarity_codes(polarity, 1)[0])]
    r, t = float(realisation), float(target)
    hi = t if target_upper is None or not np.isfinite(target_upper) else float(target_upper)
    lo, hi = min(t, hi), max(t, hi)
    what = f"the range {_num(lo)}–{_num(hi)}" if lo != hi else f"the target {_num(lo)}"
    if not np.isfinite(r) or not np.isfinite(t):
        return f"{how}: no figure (realisation or target missing)"
    if lo <= r <= hi:
        if np.isnan(value):
            return f"{how}, {_num(r)} on {what}: undefined (zero_target = 'missing')"
        return f"{how}, {_num(r)} on {what}: 100"
    side, bound = ("below", lo) if r < lo else ("above", hi)
    down = how == "minimize" or (how == "stabilize" and side == "above")
    if undefined:
        reason = (
            "the formula divides by 0"
            if bound == 0
            else "the ratio formula needs a positive realisation and target"
        )
        if lo == hi:
            return f"{how}, {_num(r)} against a target of {_num(lo)}: undefined ({reason})"
        return f"{how}, {_num(r)} {side} {what}: undefined ({reason})"
    if bound == 0:
        formula = "a zero target bettered counts as met: 100"
        raw = 100.0
    elif down and settings.minimize == "ratio":
        raw = 100.0 * bound / r
        formula = f"{_num(bound)} / {_num(r)} × 100 = {_num(raw)}"
    elif down:
        raw = 100.0 * (1.0 - (r - bound) / abs(bound))
        formula = (
            f"(2 − {_num(r)} / {_num(bound)}) × 100 = {_num(raw)}"
            if bound > 0
            else f"(1 − ({_num(r)} − {_num(bound)}) / |{_num(bound)}|) × 100 = {_num(raw)}"
        )
    else:
        raw = 100.0 * (1.0 + (r - bound) / abs(bound))
        formula = (
            f"{_num(r)} / {_num(bound)} × 100 = {_num(raw)}"
            if bound > 0
            else f"(1 + ({_num(r)} − {_num(bound)}) / |{_num(bound)}|) × 100 = {_num(raw)}"
        )
    text = f"{how}, {_num(r)} {side} {what}: {formula}"
    if value > raw:
        text += f", floored at {_num(value)}"
    elif value < raw:
        text += f", capped at {_num(value)}"
    return text
