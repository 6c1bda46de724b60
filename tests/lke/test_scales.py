"""Ratio → answer bands at every boundary, and the predikat bands."""

from __future__ import annotations

import pytest

from cascade.errors import UsageError
from cascade.lke import (
    Band,
    answer_from_counts,
    answer_from_ratio,
    grade_value,
    predikat,
    yes_no_bands,
)


@pytest.mark.parametrize(
    ("scale", "ratio", "grade"),
    [
        ("Y/T", 1.0, "Y"),
        ("Y/T", 0.999, "T"),
        ("Y/T", 0.0, "T"),
        ("A-E", 1.0, "A"),
        ("A-E", 0.9, "B"),
        ("A-E", 0.9001, "A"),
        ("A-E", 0.75, "C"),
        ("A-E", 0.7501, "B"),
        ("A-E", 0.4, "D"),
        ("A-E", 0.4001, "C"),
        ("A-E", 0.1, "E"),
        ("A-E", 0.1001, "D"),
        ("A-E", 0.0, "E"),
        ("A-D", 0.9, "B"),
        ("A-D", 0.9001, "A"),
        ("A-D", 0.5, "C"),
        ("A-D", 0.5001, "B"),
        ("A-D", 0.1, "D"),
        ("A-D", 0.1001, "C"),
        ("A-D", 0.0, "D"),
        ("AA-E", 1.0, "BB"),
        ("AA-E", 0.9999, "B"),
        ("AA-E", 0.75, "CC"),
        ("AA-E", 0.7501, "B"),
        ("AA-E", 0.5, "C"),
        ("AA-E", 0.5001, "CC"),
        ("AA-E", 0.25, "D"),
        ("AA-E", 0.2501, "C"),
        ("AA-E", 0.0001, "D"),
        ("AA-E", 0.0, "E"),
    ],
)
def test_band_boundaries(scale, ratio, grade):
    assert answer_from_ratio(ratio, scale).grade == grade


@pytest.mark.parametrize(
    ("scale", "values"),
    [
        ("A-E", {"A": 1.0, "B": 0.75, "C": 0.5, "D": 0.25, "E": 0.0}),
        ("A-D", {"A": 1.0, "B": 0.66, "C": 0.33, "D": 0.0}),
    ],
)
def test_grade_values(scale, values):
    bottom = min(values, key=values.__getitem__)
    for ratio, expected in [(1.0, "A"), (0.0, bottom)]:
        answer = answer_from_ratio(ratio, scale)
        assert answer.grade == expected
        assert answer.value == values[expected]
    for grade, value in values.items():
        assert grade_value(grade.lower(), scale) == value


def test_lenient_yes_no():
    bands = yes_no_bands(0.9)
    assert answer_from_ratio(0.9, "Y/T", bands=bands).grade == "Y"
    assert answer_from_ratio(0.8999, "Y/T", bands=bands).grade == "T"
    with pytest.raises(UsageError):
        yes_no_bands(1.5)


def test_custom_rubric():
    rubric = [
        Band(grade="2", minimum=1.0, inclusive=True, value=1.0),
        Band(grade="1.5", minimum=0.75, inclusive=True, value=0.75),
        Band(grade="0.5", minimum=0.0, inclusive=True, value=0.25),
    ]
    assert answer_from_ratio(0.8, "achievement", bands=rubric).value == 0.75
    with pytest.raises(UsageError, match="no band"):
        answer_from_ratio(0.5, "achievement", bands=rubric[:2])
    with pytest.raises(UsageError, match="unknown answer scale"):
        answer_from_ratio(0.5, "achievement")


def test_counts_trace_and_not_applicable():
    answer = answer_from_counts(3, 4, "A-E", evidence=["F-1", "F-2"])
    assert (answer.population, answer.passed, answer.ratio) == (4, 3, 0.75)
    assert answer.evidence == ("F-1", "F-2")
    assert answer.source == "data"
    na = answer_from_counts(0, 0, "Y/T")
    assert na.source == "not-applicable"
    assert (na.lo, na.hi, na.value) == (0.0, 1.0, None)
    for bad in [(5, 4), (-1, 4), (1, -1)]:
        with pytest.raises(UsageError):
            answer_from_counts(*bad, "A-E")
    with pytest.raises(UsageError):
        answer_from_ratio(1.2, "A-E")


@pytest.mark.parametrize(
    ("score", "strict", "inclusive"),
    [
        (100.0, "AA", "AA"),
        (90.01, "AA", "AA"),
        (90.0, "A", "AA"),
        (80.0, "BB", "A"),
        (70.0, "B", "BB"),
        (70.01, "BB", "BB"),
        (60.0, "CC", "B"),
        (50.0, "C", "CC"),
        (30.01, "C", "C"),
        (30.0, "D", "C"),
        (0.0, "D", "D"),
    ],
)
def test_predikat_boundaries(score, strict, inclusive):
    assert predikat(score) == strict
    assert predikat(score, rule=">=") == inclusive


def test_predikat_refuses_bad_arguments():
    with pytest.raises(UsageError):
        predikat(100.5)
    with pytest.raises(UsageError):
        predikat(50.0, rule="=")  # type: ignore[arg-type]
