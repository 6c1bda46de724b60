"""Answer scales of the LKE and the bands that turn a ratio or a score into a grade.

Vocabulary
----------
answer scale (jenis jawaban, skala nilai)
    The grades an evaluator may give a criterion and the value of each in [0, 1]: ``Y/T``
    (ya/tidak), ``A-E``, ``A-D`` (Trenggalek) and ``AA-E`` (the evaluation ladder).
grade (jawaban, nilai huruf)
    One letter of a scale, such as ``"B"``.
ratio (rasio)
    The share of a criterion's population that passes its checks, in [0, 1].
band (rentang)
    A grade and the lowest ratio that earns it; ``inclusive`` says whether that ratio itself
    does (``>= 1`` is inclusive, ``> 0.9`` is not). Bands are listed best first.
predikat
    The grade of a total score: AA, A, BB, B, CC, C or D.

The default bands are those of research section 3.2: Y only at a ratio of 1 (``>= 0.9`` is the
lenient choice, :func:`yes_no_bands`); A–E after the Madiun share bands (> 0.90, > 0.75, > 0.40,
> 0.10); A–D with > 0.90, > 0.50, > 0.10; AA–E with BB only at 1, then > 0.75, > 0.50, > 0.25,
> 0. Grades A and AA of the AA–E ladder are never given from a ratio: they need declared
evidence (kept for one or five years; innovation).

>>> answer_from_ratio(0.82, "A-E").grade
'B'
>>> answer_from_ratio(0.9, "Y/T", bands=yes_no_bands(0.9)).value
1.0
>>> predikat(70.0), predikat(70.0, rule=">=")
('B', 'BB')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from cascade.errors import UsageError

if TYPE_CHECKING:
    from cascade.lke._answer import Answer

__all__ = [
    "DEFAULT_BANDS",
    "GRADE_VALUES",
    "PREDIKAT_BANDS",
    "SCALES",
    "Band",
    "ScaleName",
    "answer_from_counts",
    "answer_from_ratio",
    "grade_value",
    "predikat",
    "yes_no_bands",
]

ScaleName = Literal["Y/T", "A-E", "A-D", "AA-E"]
"""The name of a built-in answer scale."""

SCALES: tuple[ScaleName, ...] = ("Y/T", "A-E", "A-D", "AA-E")
"""The built-in answer scales, in the order research section 1.4 lists them."""

GRADE_VALUES: Mapping[str, Mapping[str, float]] = {
    "Y/T": {"Y": 1.0, "T": 0.0},
    "A-E": {"A": 1.0, "B": 0.75, "C": 0.5, "D": 0.25, "E": 0.0},
    "A-D": {"A": 1.0, "B": 0.66, "C": 0.33, "D": 0.0},
    "AA-E": {
        "AA": 1.0,
        "A": 0.9,
        "BB": 0.8,
        "B": 0.7,
        "CC": 0.6,
        "C": 0.5,
        "D": 0.3,
        "E": 0.0,
    },
}
"""The value in [0, 1] of each grade of each built-in scale (research section 1.4)."""


class Band(BaseModel):
    """A grade and the lowest ratio (or score) that earns it.

    Parameters
    ----------
    grade
        The grade given.
    minimum
        The lowest ratio that earns the grade.
    inclusive
        Whether ``minimum`` itself earns it (``>=``) or only values above it (``>``).
    value
        The value of the grade in [0, 1]; ``None`` takes it from the scale
        (:data:`GRADE_VALUES`). A custom rubric gives it.

    Examples
    --------
    >>> Band(grade="A", minimum=0.9).admits(0.9)
    False
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    grade: str
    minimum: float
    inclusive: bool = False
    value: float | None = None

    def admits(self, x: float) -> bool:
        """Whether ``x`` reaches this band."""
        return x >= self.minimum if self.inclusive else x > self.minimum


def _bands(*rows: tuple[str, float, bool]) -> tuple[Band, ...]:
    return tuple(Band(grade=g, minimum=m, inclusive=i) for g, m, i in rows)


def yes_no_bands(threshold: float = 1.0) -> tuple[Band, ...]:
    """The Y/T bands: Y from ``threshold`` (inclusive), else T.

    Examples
    --------
    >>> [b.grade for b in yes_no_bands(0.9)]
    ['Y', 'T']
    """
    if not 0.0 <= threshold <= 1.0:
        msg = f"a Y/T threshold is a ratio in [0, 1], not {threshold!r}"
        raise UsageError(msg)
    return _bands(("Y", threshold, True), ("T", 0.0, True))


DEFAULT_BANDS: Mapping[str, tuple[Band, ...]] = {
    "Y/T": yes_no_bands(1.0),
    "A-E": _bands(("A", 0.9, False), ("B", 0.75, False), ("C", 0.4, False), ("D", 0.1, False))
    + _bands(("E", 0.0, True)),
    "A-D": _bands(("A", 0.9, False), ("B", 0.5, False), ("C", 0.1, False), ("D", 0.0, True)),
    "AA-E": _bands(
        ("BB", 1.0, True),
        ("B", 0.75, False),
        ("CC", 0.5, False),
        ("C", 0.25, False),
        ("D", 0.0, False),
        ("E", 0.0, True),
    ),
}
"""The ratio → grade bands of research section 3.2, per scale, best first."""

PREDIKAT_BANDS: tuple[tuple[str, float], ...] = (
    ("AA", 90.0),
    ("A", 80.0),
    ("BB", 70.0),
    ("B", 60.0),
    ("CC", 50.0),
    ("C", 30.0),
)
"""The predikat of a total score: each grade above its bound, D below all (research 1.5)."""


def grade_value(grade: str, scale: str) -> float:
    """The value in [0, 1] of ``grade`` on a built-in ``scale``.

    Examples
    --------
    >>> grade_value("BB", "AA-E")
    0.8
    """
    values = GRADE_VALUES.get(scale)
    if values is None:
        msg = f"unknown answer scale {scale!r}; expected one of {', '.join(SCALES)}"
        raise UsageError(msg)
    key = grade.strip().upper()
    if key not in values:
        msg = f"{grade!r} is not a grade of scale {scale}; expected one of {', '.join(values)}"
        raise UsageError(msg)
    return values[key]


def answer_from_ratio(
    ratio: float,
    scale: str,
    *,
    bands: Sequence[Band] | None = None,
    population: int | None = None,
    passed: float | None = None,
    evidence: Sequence[str] = (),
) -> Answer:
    """The answer the data give a criterion whose passing share is ``ratio``.

    Parameters
    ----------
    ratio
        The share in [0, 1] of the population that passes.
    scale
        The criterion's answer scale (:data:`SCALES`), or any name with ``bands`` that carry
        their own values (a custom rubric).
    bands
        Bands best first; the defaults are :data:`DEFAULT_BANDS`. The first band that admits
        the ratio gives the grade.
    population, passed, evidence
        Kept on the answer so that every value can be traced to its findings.

    Returns
    -------
    Answer
        A known answer with source ``"data"``.

    Examples
    --------
    >>> a = answer_from_ratio(0.62, "A-E", population=50, passed=31, evidence=["F-12"])
    >>> a.grade, a.value, a.source
    ('C', 0.5, 'data')
    >>> answer_from_ratio(1.0, "AA-E").grade
    'BB'
    """
    from cascade.lke._answer import Answer

    if not 0.0 <= ratio <= 1.0:
        msg = f"a ratio is in [0, 1], not {ratio!r}"
        raise UsageError(msg)
    table = tuple(bands) if bands is not None else DEFAULT_BANDS.get(scale)
    if table is None:
        msg = f"unknown answer scale {scale!r} and no bands given"
        raise UsageError(msg)
    for band in table:
        if band.admits(ratio):
            value = band.value if band.value is not None else grade_value(band.grade, scale)
            return Answer(
                lo=value,
                hi=value,
                source="data",
                grade=band.grade,
                ratio=ratio,
                population=population,
                passed=passed,
                evidence=tuple(evidence),
            )
    msg = f"no band admits the ratio {ratio!r}; the last band must start at 0 inclusive"
    raise UsageError(msg)


def answer_from_counts(
    passed: float,
    population: int,
    scale: str,
    *,
    bands: Sequence[Band] | None = None,
    evidence: Sequence[str] = (),
) -> Answer:
    """The answer from a binding's counts; an empty population is *not applicable*.

    A binding (one per data-bound criterion) counts its population and how many pass. With
    nobody to count, the data cannot decide the criterion: the answer is not applicable, an
    interval [0, 1] like an unknown one, never 0 or 1.

    Examples
    --------
    >>> answer_from_counts(9, 10, "A-E").grade
    'B'
    >>> na = answer_from_counts(0, 0, "A-E")
    >>> na.source, na.lo, na.hi, na.value
    ('not-applicable', 0.0, 1.0, None)
    """
    from cascade.lke._answer import Answer

    if population < 0 or passed < 0 or passed > population:
        msg = f"counts must satisfy 0 <= passed <= population, not {passed!r} of {population!r}"
        raise UsageError(msg)
    if population == 0:
        return Answer.not_applicable(evidence=evidence)
    return answer_from_ratio(
        passed / population,
        scale,
        bands=bands,
        population=population,
        passed=passed,
        evidence=evidence,
    )


def predikat(score: float, *, rule: Literal[">", ">="] = ">") -> str:
    """The predikat of a total score in [0, 100].

    Parameters
    ----------
    score
        The total (nilai akhir).
    rule
        ``">"`` (the national reading and ``shared/domain.md``: 70.00 is B) or ``">="``
        (Trenggalek's ``getKategoriNilai``: 70.00 is BB).

    Examples
    --------
    >>> predikat(90.01), predikat(90.0), predikat(30.0), predikat(0.0)
    ('AA', 'A', 'D', 'D')
    """
    if not 0.0 <= score <= 100.0:
        msg = f"a total score is in [0, 100], not {score!r}"
        raise UsageError(msg)
    if rule not in (">", ">="):
        msg = f"the predikat rule is '>' or '>=', not {rule!r}"
        raise UsageError(msg)
    for grade, bound in PREDIKAT_BANDS:
        if score > bound or (rule == ">=" and score == bound):
            return grade
    return "D"
