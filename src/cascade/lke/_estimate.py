"""Estimate an LKE score from criterion answers: two estimators, ranges and points at risk.

Vocabulary
----------
nilai (score)
    Points: a sub-component earns up to its weight W_s, a component up to its weight, the
    total (nilai akhir) up to 100.
mean estimator (rata-rata)
    S_s = W_s · Σ v_c / n_s: partial progress counts everywhere (wp-eval-sakip, Trenggalek).
ladder estimator (tangga nilai)
    q_s = Σ v_c / n_s graded on the AA–E ladder, E 0 if q = 0, D 30 if q ≤ 0.25, C 50 if
    q ≤ 0.50, CC 60 if q ≤ 0.75, B 70 if q < 1, BB 80 if q = 1; S_s = W_s · grade / 100. A and
    AA (90, 100) only where the caller declares the evidence. The *strict* ladder takes q as
    the share of criteria fully met (v_c = 1).
range (rentang)
    Every score is an interval: an unknown criterion is [0, 1] and each estimator is monotone,
    so the low end puts every unknown at 0 and the high end at 1. Any completion of the unknown
    answers scores inside the range. A point value exists only where every criterion is known.
data-decided part (bagian yang diputuskan data)
    The points earned by criteria answered from data, out of their weight, beside the weight
    of all data-bound criteria of the profile. A data answer may itself be an interval (the
    strict and the lenient reading of a Y/T criterion, or the upper bound of a proxy): the
    part is then ``points`` to ``points_high``.
points at risk (nilai yang hilang)
    Mean: (W_s / n_s) · (1 − v_c). Ladder: S_s with v_c := 1 minus S_s, both with the other
    unknown answers at their low end; mostly 0, except for the last blocker of a band.

Not applicable: a criterion whose population is empty is treated like an unknown one, the
interval [0, 1] (an answer supplied for it is used instead). It is not dropped from n_s: the
evaluator still grades it, from documents, and dropping it would raise the weight of the other
criteria and could put the evaluator's score outside the range. It is never counted as 0
or as 1.

>>> from cascade.lke import load_profile
>>> est = estimate(load_profile("national-88-2021"), {}, year=2024)
>>> est.total("mean")
Range(lo=0.0, hi=100.0, known=False)
>>> est.predikat("mean")
('D', 'AA')
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from cascade.errors import UsageError
from cascade.lke._answer import Answer
from cascade.lke._profile import Component, Criterion, Profile, SubComponent
from cascade.lke._scales import grade_value, predikat

__all__ = [
    "ESTIMATORS",
    "ComponentEstimate",
    "CriterionEstimate",
    "DataPart",
    "Estimate",
    "Estimator",
    "Range",
    "SubComponentEstimate",
    "estimate",
    "ladder_grade",
]

Estimator = Literal["mean", "ladder", "strict-ladder"]
"""The name of a sub-component estimator."""

ESTIMATORS: tuple[Estimator, ...] = ("mean", "ladder", "strict-ladder")
"""Every estimator, each computed by :func:`estimate`."""

_LADDER: tuple[tuple[str, float], ...] = (("D", 0.25), ("C", 0.5), ("CC", 0.75))
_LADDER_VALUE = {"AA": 100.0, "A": 90.0, "BB": 80.0, "B": 70.0, "CC": 60.0, "C": 50.0}
_LADDER_VALUE |= {"D": 30.0, "E": 0.0}
_EPS = 1e-9


@dataclass(frozen=True)
class Range:
    """A score as an interval [lo, hi]; ``known`` when every criterion behind it is known.

    Examples
    --------
    >>> Range(5.4, 5.4, known=True).point
    5.4
    >>> print(Range(66.2, 74.9, known=False))
    66.20–74.90
    """

    lo: float
    hi: float
    known: bool

    @property
    def point(self) -> float | None:
        """The value where every criterion is known, else ``None``."""
        return self.lo if self.known else None

    def __str__(self) -> str:
        return f"{self.lo:.2f}" if self.known else f"{self.lo:.2f}–{self.hi:.2f}"

    def __add__(self, other: Range) -> Range:
        return Range(self.lo + other.lo, self.hi + other.hi, self.known and other.known)

    def __contains__(self, x: float) -> bool:
        return self.lo - _EPS <= x <= self.hi + _EPS


def ladder_grade(q: float, *, declared: str | None = None) -> str:
    """The ladder grade of a sub-component whose criteria are met to degree ``q``.

    Parameters
    ----------
    q
        Σ v_c / n_s (or, strictly, the share fully met), in [0, 1].
    declared
        ``"A"`` or ``"AA"`` where evidence (kept ≥ 1 or ≥ 5 years; innovation) is declared;
        it applies only at q = 1. Without it the ladder stops at BB.

    Examples
    --------
    >>> [ladder_grade(q) for q in (0, 0.25, 0.5, 0.636, 0.75, 0.99, 1)]
    ['E', 'D', 'C', 'CC', 'CC', 'B', 'BB']
    >>> ladder_grade(1.0, declared="A")
    'A'
    """
    if declared not in (None, "A", "AA"):
        msg = f"a declared ladder grade is 'A' or 'AA', not {declared!r}"
        raise UsageError(msg)
    if q <= _EPS:
        return "E"
    for grade, bound in _LADDER:
        if q <= bound + _EPS:
            return grade
    if q < 1.0 - _EPS:
        return "B"
    return declared or "BB"


@dataclass(frozen=True)
class CriterionEstimate:
    """One criterion's answer, points and points at risk.

    ``points`` is w_c · v_c (mean model); ``at_risk_mean`` is w_c · (1 − v_c);
    ``at_risk_ladder`` is the ladder gain from meeting this criterion fully, with the other
    unknown answers at their low end.
    """

    criterion: Criterion
    answer: Answer
    points: Range
    at_risk_mean: Range
    at_risk_ladder: float


@dataclass(frozen=True)
class SubComponentEstimate:
    """One sub-component under each estimator, with its degree q and ladder grades."""

    subcomponent: SubComponent
    q: Range
    mean: Range
    ladder: Range
    strict_ladder: Range
    ladder_grades: tuple[str, str]

    def score(self, estimator: Estimator) -> Range:
        """The score under ``estimator``."""
        return _pick(self.mean, self.ladder, self.strict_ladder, estimator)


@dataclass(frozen=True)
class ComponentEstimate:
    """One component: the sum of its sub-components under each estimator."""

    component: Component
    mean: Range
    ladder: Range
    strict_ladder: Range

    def score(self, estimator: Estimator) -> Range:
        """The score under ``estimator``."""
        return _pick(self.mean, self.ladder, self.strict_ladder, estimator)


@dataclass(frozen=True)
class DataPart:
    """The data-decided part: ``points`` (to ``points_high``) of ``decided`` by data.

    ``decided`` is the weight of the data-bound criteria the data answered (not the
    proxies, whose data only bound the answer from above, nor criteria not applicable);
    ``bound`` the weight of the profile's data-bound criteria (about 34 of 100
    nationally), so ``decided <= bound``.
    """

    points: float
    decided: float
    bound: float
    points_high: float | None = None

    @property
    def high(self) -> float:
        """The high end of the points (``points`` when the data answers are all exact)."""
        return self.points if self.points_high is None else self.points_high

    def __str__(self) -> str:
        earned = f"{self.points:.2f}"
        if self.high - self.points > _EPS:
            earned += f"–{self.high:.2f}"
        return f"{earned} of {self.decided:.2f} (data-bound {self.bound:.2f})"


def _pick(mean: Range, ladder: Range, strict: Range, estimator: str) -> Range:
    if estimator == "mean":
        return mean
    if estimator == "ladder":
        return ladder
    if estimator == "strict-ladder":
        return strict
    msg = f"unknown estimator {estimator!r}; expected one of {', '.join(ESTIMATORS)}"
    raise UsageError(msg)


@dataclass(frozen=True)
class Estimate:
    """An LKE estimate: per criterion, sub-component and component, and in total.

    Every estimate names its ``profile`` and ``year``. Totals are ranges; use
    :meth:`total` and :meth:`predikat` for one estimator, :meth:`at_risk` for the ranking.
    """

    profile: str
    year: int
    predikat_rule: Literal[">", ">="]
    criteria: tuple[CriterionEstimate, ...]
    subcomponents: tuple[SubComponentEstimate, ...]
    components: tuple[ComponentEstimate, ...]
    data_decided: DataPart

    def total(self, estimator: Estimator = "mean") -> Range:
        """The total score (nilai akhir) as a range."""
        total = Range(0.0, 0.0, known=True)
        for c in self.components:
            total = total + c.score(estimator)
        return Range(min(total.lo, 100.0), min(total.hi, 100.0), total.known)

    def predikat(self, estimator: Estimator = "mean") -> tuple[str, str]:
        """The predikat of the low and the high end of the total."""
        total = self.total(estimator)
        rule = self.predikat_rule
        return predikat(total.lo, rule=rule), predikat(total.hi, rule=rule)

    def criterion(self, code: str) -> CriterionEstimate:
        """The estimate of the criterion ``code``."""
        for c in self.criteria:
            if c.criterion.code == code:
                return c
        msg = f"profile {self.profile!r} has no criterion {code!r}"
        raise UsageError(msg)

    def subcomponent(self, code: str) -> SubComponentEstimate:
        """The estimate of a sub-component by code (``"AREN002"``) or position (``"1.b"``)."""
        for s in self.subcomponents:
            if code in (s.subcomponent.code, s.subcomponent.position):
                return s
        msg = f"profile {self.profile!r} has no sub-component {code!r}"
        raise UsageError(msg)

    def at_risk(self, estimator: str = "mean") -> list[CriterionEstimate]:
        """Criteria with points at risk, most first (the high end of the mean risk)."""
        if estimator == "mean":
            ranked = [c for c in self.criteria if c.at_risk_mean.hi > _EPS]
            return sorted(ranked, key=lambda c: -c.at_risk_mean.hi)
        if estimator == "ladder":
            ranked = [c for c in self.criteria if c.at_risk_ladder > _EPS]
            return sorted(ranked, key=lambda c: -c.at_risk_ladder)
        msg = f"points at risk are by 'mean' or 'ladder', not {estimator!r}"
        raise UsageError(msg)

    def __str__(self) -> str:
        lines = [f"LKE estimate, profile {self.profile}, year {self.year}"]
        for name in ESTIMATORS:
            low, high = self.predikat(name)
            grade = low if low == high else f"{low}–{high}"
            lines.append(f"  {name:<13} {self.total(name)} ({grade})")
        lines.append(f"  data-decided  {self.data_decided}")
        return "\n".join(lines)


def _coerce(criterion: Criterion, given: Answer | float | str) -> Answer:
    if isinstance(given, Answer):
        return given
    if isinstance(given, str):
        value = grade_value(given, criterion.scale)
        return Answer.known(value, grade=given.strip().upper())
    if isinstance(given, int | float) and math.isfinite(given):
        return Answer.known(float(given))
    msg = f"the answer to {criterion.code} must be an Answer, a value or a grade, not {given!r}"
    raise UsageError(msg)


def _ladder(values: list[float], weight: float, declared: str | None) -> float:
    q = sum(values) / len(values)
    return weight * _LADDER_VALUE[ladder_grade(q, declared=declared)] / 100.0


def _strict(values: list[float], weight: float, declared: str | None) -> float:
    q = sum(1 for v in values if v >= 1.0 - _EPS) / len(values)
    return weight * _LADDER_VALUE[ladder_grade(q, declared=declared)] / 100.0


def _sub(
    sub: SubComponent, answers: list[Answer], declared: str | None
) -> tuple[SubComponentEstimate, list[CriterionEstimate]]:
    lo = [a.lo for a in answers]
    hi = [a.hi for a in answers]
    n = len(answers)
    known = all(a.is_known for a in answers)
    w = sub.weight
    q = Range(sum(lo) / n, sum(hi) / n, known)
    crits = []
    for i, (c, a) in enumerate(zip(sub.criteria, answers, strict=True)):
        raised = [*lo[:i], 1.0, *lo[i + 1 :]]
        gain = _ladder(raised, w, declared) - _ladder(lo, w, declared)
        crits.append(
            CriterionEstimate(
                criterion=c,
                answer=a,
                points=Range(c.weight * a.lo, c.weight * a.hi, a.is_known),
                at_risk_mean=Range(c.weight * (1 - a.hi), c.weight * (1 - a.lo), a.is_known),
                at_risk_ladder=max(gain, 0.0),
            )
        )
    est = SubComponentEstimate(
        subcomponent=sub,
        q=q,
        mean=Range(w * q.lo, w * q.hi, known),
        ladder=Range(_ladder(lo, w, declared), _ladder(hi, w, declared), known),
        strict_ladder=Range(_strict(lo, w, declared), _strict(hi, w, declared), known),
        ladder_grades=(
            ladder_grade(q.lo, declared=declared),
            ladder_grade(q.hi, declared=declared),
        ),
    )
    return est, crits


def estimate(
    profile: Profile,
    answers: Mapping[str, Answer | float | str],
    *,
    year: int,
    declared: Mapping[str, str] | None = None,
) -> Estimate:
    """Estimate the LKE score of ``profile`` from the answers known so far.

    Parameters
    ----------
    profile
        The worksheet (:func:`~cascade.lke.load_profile`).
    answers
        Criterion code → :class:`Answer`, a value in [0, 1], or a grade on the criterion's
        scale (``"B"``, ``"Y"``). A criterion without an answer is unknown: [0, 1].
    year
        The evaluation year the estimate is for; it is kept on the result.
    declared
        Sub-component code → ``"A"`` or ``"AA"`` where the evidence for those ladder grades
        is declared (kept for 1 or 5 years; innovation). Without it the ladder stops at BB.

    Returns
    -------
    Estimate
        Per criterion, sub-component (mean, ladder and strict ladder), component and total,
        all as ranges, with the data-decided part and points at risk.

    Raises
    ------
    UsageError
        For an answer to a code the profile lacks, or a value or grade outside the scale.

    Examples
    --------
    >>> from cascade.lke import load_profile
    >>> p = load_profile("national-88-2021")
    >>> est = estimate(p, {"AREN002.9": "E", "AREN002.10": 1.0}, year=2024)
    >>> est.criterion("AREN002.9").at_risk_mean.point
    0.8181818181818182
    >>> est.subcomponent("1.b").mean
    Range(lo=0.8181818181818182, hi=8.181818181818182, known=False)
    """
    codes = {c.code: c for c in profile.criteria}
    extra = sorted(set(answers) - set(codes))
    if extra:
        msg = f"profile {profile.name!r} has no criteria {', '.join(extra)}"
        raise UsageError(msg)
    declared = dict(declared or {})
    subs_known = {s.code for s in profile.subcomponents}
    if set(declared) - subs_known:
        msg = f"no sub-components {', '.join(sorted(set(declared) - subs_known))} to declare"
        raise UsageError(msg)
    sub_ests: dict[str, SubComponentEstimate] = {}
    crit_ests: list[CriterionEstimate] = []
    for sub in profile.subcomponents:
        given = [
            _coerce(c, answers[c.code]) if c.code in answers else Answer.unknown()
            for c in sub.criteria
        ]
        est, crits = _sub(sub, given, declared.get(sub.code))
        sub_ests[sub.code] = est
        crit_ests.extend(crits)
    comps = []
    for comp in profile.components:
        parts = [sub_ests[s.code] for s in comp.subcomponents]
        zero = Range(0.0, 0.0, known=True)
        mean, ladder, strict = zero, zero, zero
        for p in parts:
            mean, ladder, strict = mean + p.mean, ladder + p.ladder, strict + p.strict_ladder
        comps.append(ComponentEstimate(comp, mean, ladder, strict))
    # Decided: data criteria the data answered. A proxy's data answer only bounds it from
    # above ([0, v]): it narrows the range but decides nothing, so it is not counted here.
    data = [c for c in crit_ests if c.answer.source == "data" and c.criterion.binding == "data"]
    part = DataPart(
        points=sum(c.points.lo for c in data),
        decided=sum(c.criterion.weight for c in data),
        bound=sum(c.weight for c in profile.criteria if c.binding == "data"),
        points_high=sum(c.points.hi for c in data),
    )
    return Estimate(
        profile=profile.name,
        year=year,
        predikat_rule=profile.predikat_rule,
        criteria=tuple(crit_ests),
        subcomponents=tuple(sub_ests.values()),
        components=tuple(comps),
        data_decided=part,
    )
