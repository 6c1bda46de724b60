"""The answer to one LKE criterion: a value, or an interval when it is not known.

Vocabulary
----------
answer (jawaban)
    The value in [0, 1] a criterion gets, held as an interval [lo, hi]; a known answer has
    lo = hi.
source (sumber)
    Where it came from: ``"data"`` (a binding's ratio), ``"answer"`` (supplied by a person,
    e.g. the self-assessment), ``"unknown"`` (nobody said: [0, 1]) or ``"not-applicable"``
    (the data had nothing to count: [0, 1] too, never 0 or 1).
evidence (bukti)
    The finding ids behind a data answer.

>>> Answer.known(0.75, grade="B").value
0.75
>>> Answer.unknown().value is None
True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

from cascade.errors import UsageError

__all__ = ["Answer", "Source"]

Source = Literal["data", "answer", "unknown", "not-applicable"]
"""Where an answer came from."""


class Answer(BaseModel):
    """The answer to one criterion, as an interval [lo, hi] within [0, 1].

    Parameters
    ----------
    lo, hi
        The lowest and highest value the criterion can have; equal when it is known.
    source
        Where the answer came from (:data:`Source`).
    grade
        The grade on the criterion's scale, when one was given or derived.
    ratio, population, passed
        For a data answer: the passing share, the population size and how many passed.
    evidence
        Finding ids behind the answer.

    Examples
    --------
    >>> Answer(lo=0.25, hi=0.75, source="answer").is_known
    False
    >>> Answer(lo=0.8, hi=0.2, source="answer")
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for Answer
    ...
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    lo: float
    hi: float
    source: Source
    grade: str | None = None
    ratio: float | None = None
    population: int | None = None
    passed: float | None = None
    evidence: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _check(self) -> Answer:
        if not 0.0 <= self.lo <= self.hi <= 1.0:
            msg = f"an answer is an interval within [0, 1], not [{self.lo}, {self.hi}]"
            raise ValueError(msg)
        if self.source in ("unknown", "not-applicable") and (self.lo, self.hi) != (0.0, 1.0):
            msg = f"an answer with source {self.source!r} is the interval [0, 1]"
            raise ValueError(msg)
        return self

    @classmethod
    def known(
        cls,
        value: float,
        *,
        source: Literal["data", "answer"] = "answer",
        grade: str | None = None,
        evidence: Sequence[str] = (),
    ) -> Answer:
        """A known answer ``value`` in [0, 1].

        Examples
        --------
        >>> Answer.known(1.0, grade="Y").grade
        'Y'
        """
        if not 0.0 <= value <= 1.0:
            msg = f"an answer value is in [0, 1], not {value!r}"
            raise UsageError(msg)
        return cls(lo=value, hi=value, source=source, grade=grade, evidence=tuple(evidence))

    @classmethod
    def unknown(cls) -> Answer:
        """The answer nobody gave: the interval [0, 1].

        Examples
        --------
        >>> Answer.unknown().lo, Answer.unknown().hi
        (0.0, 1.0)
        """
        return cls(lo=0.0, hi=1.0, source="unknown")

    @classmethod
    def not_applicable(cls, *, evidence: Sequence[str] = ()) -> Answer:
        """The answer of a criterion whose population is empty: [0, 1], never 0 or 1.

        Examples
        --------
        >>> Answer.not_applicable().source
        'not-applicable'
        """
        return cls(lo=0.0, hi=1.0, source="not-applicable", population=0, evidence=tuple(evidence))

    @property
    def is_known(self) -> bool:
        """Whether the answer is one value (lo = hi)."""
        return self.lo == self.hi

    @property
    def value(self) -> float | None:
        """The value when the answer is known, else ``None``."""
        return self.lo if self.is_known else None
