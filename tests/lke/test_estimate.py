"""The estimators on the worked example of research 3.4, ranges and argument checks."""

from __future__ import annotations

import pytest

from cascade.errors import UsageError
from cascade.lke import Answer, answer_from_counts, estimate, ladder_grade, load_profile

# Research 3.4: sub-component 1.b of one pemda, 11 criteria.
WORKED = {
    "AREN002.1": "Y",
    "AREN002.2": "Y",
    "AREN002.3": "B",
    "AREN002.4": "C",
    "AREN002.5": "B",
    "AREN002.6": "B",
    "AREN002.7": "C",
    "AREN002.8": "C",
    "AREN002.9": "E",
    "AREN002.10": "A",
    "AREN002.11": "D",
}


@pytest.fixture(scope="module")
def national():
    return load_profile("national-88-2021")


@pytest.fixture(scope="module")
def worked(national):
    answers = {k: (1.0 if v == "Y" else v) for k, v in WORKED.items()}
    return estimate(national, answers, year=2024)


def test_worked_example_mean(worked):
    sub = worked.subcomponent("1.b")
    assert sub.mean.point == pytest.approx(5.73, abs=0.005)
    assert 9 - sub.mean.point == pytest.approx(3.27, abs=0.005)
    gains = {c.criterion.code: c.at_risk_mean.point for c in worked.at_risk("mean")}
    assert gains["AREN002.9"] == pytest.approx(0.82, abs=0.005)
    assert gains["AREN002.11"] == pytest.approx(0.61, abs=0.005)
    for code in ("AREN002.4", "AREN002.7", "AREN002.8"):
        assert gains[code] == pytest.approx(0.41, abs=0.005)
    ranked = [c.criterion.code for c in worked.at_risk("mean") if c.criterion.code in WORKED]
    assert ranked[:2] == ["AREN002.9", "AREN002.11"]
    assert sum(gains[c] for c in WORKED if c in gains) == pytest.approx(9 - sub.mean.point)


def test_worked_example_ladder(worked):
    sub = worked.subcomponent("1.b")
    assert sub.q.point == pytest.approx(0.636, abs=0.0005)
    assert sub.ladder_grades == ("CC", "CC")
    assert sub.ladder.point == pytest.approx(5.40)
    assert sub.strict_ladder.point == pytest.approx(4.50)
    # No single criterion lifts q = 7/11 over 0.75 (it needs 8.25/11): no last blocker.
    assert all(c.at_risk_ladder == 0 for c in worked.criteria if c.criterion.code in WORKED)


def test_ladder_names_the_last_blocker(national):
    answers = {f"AREN001.{i}": 1.0 for i in range(1, 7)}
    answers["AREN001.4"] = 0.0
    est = estimate(national, answers, year=2024)
    assert est.subcomponent("1.a").ladder.point == pytest.approx(6 * 0.7)
    blocker = est.criterion("AREN001.4")
    assert blocker.at_risk_ladder == pytest.approx(0.6)
    in_1a = [
        c.criterion.code for c in est.at_risk("ladder") if c.criterion.subcomponent == "AREN001"
    ]
    assert in_1a == ["AREN001.4"]


def test_grades_and_values_are_interchangeable(national, worked):
    again = estimate(national, {"AREN002.9": 0.0, "AREN002.10": "a", "AREN002.1": "A"}, year=2024)
    assert again.criterion("AREN002.10").answer.grade == "A"
    assert again.criterion("AREN002.9").answer.value == 0.0


def test_outputs_name_profile_and_year(worked):
    assert worked.profile == "national-88-2021"
    assert worked.year == 2024
    text = str(worked)
    assert "national-88-2021" in text
    assert "2024" in text


def test_total_is_a_range_until_every_criterion_is_known(national, worked):
    total = worked.total("mean")
    assert total.point is None
    assert total.hi - total.lo == pytest.approx(100 - 9)
    low, high = worked.predikat("mean")
    assert (low, high) == ("D", "AA")
    full = estimate(national, {c.code: 1.0 for c in national.criteria}, year=2024)
    assert full.total("mean").point == pytest.approx(100.0)
    assert full.total("ladder").point == pytest.approx(80.0)
    assert full.predikat("ladder") == ("BB", "BB")
    empty = estimate(national, {c.code: 0.0 for c in national.criteria}, year=2024)
    assert empty.total("strict-ladder").point == 0.0


def test_data_decided_part(national):
    answers = {
        "AREN002.8": answer_from_counts(31, 50, "A-E", evidence=["F-1"]),
        "AREN002.9": answer_from_counts(0, 4, "A-E"),
        "AREN002.11": answer_from_counts(0, 0, "A-E"),
        "AREN001.1": "Y",
    }
    est = estimate(national, answers, year=2024)
    part = est.data_decided
    assert part.decided == pytest.approx(2 * 9 / 11)
    assert part.points == pytest.approx(0.5 * 9 / 11)
    assert part.bound == pytest.approx(34.06, abs=0.01)
    na = est.criterion("AREN002.11")
    assert (na.points.lo, na.points.hi) == (0.0, pytest.approx(9 / 11))
    assert est.criterion("AREN002.8").answer.evidence == ("F-1",)


def test_declared_evidence_lifts_the_ladder(national):
    answers = {f"AREN001.{i}": 1.0 for i in range(1, 7)}
    plain = estimate(national, answers, year=2024).subcomponent("AREN001")
    declared = estimate(national, answers, year=2024, declared={"AREN001": "AA"})
    assert plain.ladder.point == pytest.approx(4.8)
    assert declared.subcomponent("AREN001").ladder.point == pytest.approx(6.0)
    assert ladder_grade(0.99, declared="AA") == "B"


@pytest.mark.parametrize(
    ("answers", "declared", "message"),
    [
        ({"XXXX001.1": 1.0}, None, "no criteria"),
        ({"AREN001.1": 1.5}, None, "in \\[0, 1\\]"),
        ({"AREN001.1": "B"}, None, "not a grade"),
        ({"AREN001.1": float("nan")}, None, "must be"),
        ({"AREN001.1": [1]}, None, "must be"),
        ({}, {"XXXX001": "A"}, "to declare"),
        ({}, {"AREN001": "BB"}, "declared"),
    ],
)
def test_bad_arguments(national, answers, declared, message):
    with pytest.raises(UsageError, match=message):
        estimate(national, answers, year=2024, declared=declared)


def test_bad_lookups(worked):
    with pytest.raises(UsageError):
        worked.criterion("XXXX001.1")
    with pytest.raises(UsageError):
        worked.subcomponent("9.z")
    with pytest.raises(UsageError):
        worked.total("median")  # type: ignore[arg-type]
    with pytest.raises(UsageError):
        worked.at_risk("strict-ladder")


def test_answer_intervals_are_checked():
    with pytest.raises(ValueError, match="interval"):
        Answer(lo=0.0, hi=0.5, source="unknown")
    with pytest.raises(UsageError):
        Answer.known(-0.1)
