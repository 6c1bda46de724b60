"""Properties of the estimators: ranges hold every completion, monotone, not applicable, BB cap."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cascade.lke import (
    ESTIMATORS,
    GRADE_VALUES,
    PROFILES,
    SCALES,
    Answer,
    answer_from_counts,
    estimate,
    load_profile,
)

# Each example draws an answer for each of up to 80 criteria: fewer examples keep it quick.
FEW = settings(max_examples=40)
LOADED = {name: load_profile(name) for name in PROFILES}
values = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


@st.composite
def interval(draw):
    lo, hi = sorted([draw(values), draw(values)])
    return Answer(lo=lo, hi=hi, source="answer")


@st.composite
def profile_and_answers(draw, *, known_only=False):
    profile = LOADED[draw(st.sampled_from(PROFILES))]
    answers = {}
    for c in profile.criteria:
        grades = sorted(GRADE_VALUES[c.scale])
        options = [values, st.sampled_from(grades)]
        if not known_only:
            options += [st.none(), st.just(Answer.not_applicable()), interval()]
        answer = draw(st.one_of(*options))
        if answer is not None:
            answers[c.code] = answer
    return profile, answers


def _value(criterion, given):
    if isinstance(given, str):
        return GRADE_VALUES[criterion.scale][given]
    return given


@FEW
@given(profile_and_answers(), st.data())
def test_range_contains_every_completion(case, data):
    profile, answers = case
    est = estimate(profile, answers, year=2024)
    completion = {}
    for c in est.criteria:
        a = c.answer
        completion[c.criterion.code] = data.draw(
            st.sampled_from([a.lo, a.hi]) | st.floats(min_value=a.lo, max_value=a.hi)
        )
    done = estimate(profile, completion, year=2024)
    for name in ESTIMATORS:
        point = done.total(name).point
        assert point is not None
        assert point in est.total(name)
        low, high = est.predikat(name)
        assert done.predikat(name)[0] in _between(low, high)
        for s, d in zip(est.subcomponents, done.subcomponents, strict=True):
            assert d.score(name).point in s.score(name)


_ORDER = ["D", "C", "CC", "B", "BB", "A", "AA"]


def _between(low, high):
    return _ORDER[_ORDER.index(low) : _ORDER.index(high) + 1]


@given(profile_and_answers(known_only=True), st.data())
def test_raising_an_answer_never_lowers_an_estimate(case, data):
    profile, answers = case
    code = data.draw(st.sampled_from([c.code for c in profile.criteria]))
    criterion = profile.criterion(code)
    before = _value(criterion, answers[code])
    higher = dict(answers)
    higher[code] = data.draw(st.floats(min_value=before, max_value=1.0))
    low = estimate(profile, answers, year=2024)
    high = estimate(profile, higher, year=2024)
    for name in ESTIMATORS:
        assert high.total(name).lo >= low.total(name).lo - 1e-9
        for a, b in zip(low.components, high.components, strict=True):
            assert b.score(name).lo >= a.score(name).lo - 1e-9


@given(st.sampled_from(SCALES), st.lists(st.text(min_size=1, max_size=5), max_size=3))
def test_empty_population_is_not_applicable(scale, evidence):
    answer = answer_from_counts(0, 0, scale, evidence=evidence)
    assert answer.source == "not-applicable"
    assert answer.value is None
    assert (answer.lo, answer.hi) == (0.0, 1.0)
    assert answer.evidence == tuple(evidence)


@FEW
@given(profile_and_answers())
def test_not_applicable_counts_as_unknown(case):
    profile, answers = case
    as_unknown = {
        k: v
        for k, v in answers.items()
        if not (isinstance(v, Answer) and v.source == "not-applicable")
    }
    a = estimate(profile, answers, year=2024)
    b = estimate(profile, as_unknown, year=2024)
    for name in ESTIMATORS:
        assert (a.total(name).lo, a.total(name).hi) == (b.total(name).lo, b.total(name).hi)


@FEW
@given(profile_and_answers())
def test_ladder_never_exceeds_bb_without_declared_evidence(case):
    profile, answers = case
    est = estimate(profile, answers, year=2024)
    for s in est.subcomponents:
        for name in ("ladder", "strict-ladder"):
            assert s.score(name).hi <= 0.8 * s.subcomponent.weight + 1e-9
    assert est.total("ladder").hi <= 80.0 + 1e-9
