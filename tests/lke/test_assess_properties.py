"""Properties of cascade.assess end to end, over cascades drawn by cascade.strategies.

tests/lke/test_properties.py covers the estimators alone with random answers; here every
assessment runs the checks and the bindings on a generated city (valid, or with one defect)
for a year its data cover. An assessment of these small cities takes about a second, so
each property draws few examples.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cascade
from cascade import lke
from cascade.strategies import cascades, defective_cascades

# About a second per assessment: 8 examples of two assessments each keep the file near 60 s.
FEW = settings(max_examples=8, deadline=None)
FEWER = settings(max_examples=6, deadline=None)
SMALL = {"max_agencies": 2, "max_depth": 2, "max_children": 2, "max_indicators": 2}
EPS = 1e-9
PREDIKAT_ORDER = ["D", "C", "CC", "B", "BB", "A", "AA"]


@st.composite
def cities(draw: st.DrawFn) -> tuple[cascade.Cascade, int | str]:
    """A small city, valid or with one defect, and a year its targets cover (or its Q2)."""
    first = draw(st.sampled_from([2023, 2024, 2025]))
    periods = draw(st.integers(1, 2))
    shape = {**SMALL, "first_year": first, "min_periods": periods, "max_periods": periods}
    shape["quarters"] = draw(st.booleans())
    city = draw(
        st.one_of(
            cascades(**shape),
            defective_cascades(**shape).map(lambda d: d.cascade),
        )
    )
    year = draw(st.sampled_from(range(first, first + periods)))
    return city, draw(st.sampled_from([year, f"{year}Q2"]))


def _open(a: lke.Assessment) -> list[str]:
    """Codes whose answer a supplied one sets: unknown, not applicable, or a proxy's bound."""
    out = []
    for c in a.estimate.criteria:
        code, source = c.criterion.code, c.answer.source
        proxy = source == "data" and a.measures[code].upper_bound
        if source in ("unknown", "not-applicable") or proxy:
            out.append(code)
    return out


def _grades_within(scale: str, lo: float, hi: float) -> list[str]:
    return sorted(g for g, v in lke.GRADE_VALUES[scale].items() if lo - EPS <= v <= hi + EPS)


def _within(inner: lke.Range, outer: lke.Range) -> bool:
    return outer.lo - EPS <= inner.lo <= inner.hi <= outer.hi + EPS


# ----------------------------------------------------------------- 1. completions


@FEW
@given(cities(), st.sampled_from(["random", "low", "high"]), st.data())
def test_completing_the_open_criteria_stays_inside_the_range(case, mode, data) -> None:
    city, year = case
    before = cascade.assess(city, as_of=year)
    _check_answers(before)
    criteria = {c.criterion.code: c for c in before.estimate.criteria}
    open_codes = _open(before)
    assert len(open_codes) >= 45  # the national profile's unknown-bound criteria at least
    completion: dict[str, float | str] = {}
    values: dict[str, float] = {}
    for code in open_codes:
        k, ans = criteria[code].criterion, criteria[code].answer
        if mode == "low":
            value: float | str = ans.lo
        elif mode == "high":
            value = ans.hi
        else:
            grades = _grades_within(k.scale, ans.lo, ans.hi)
            value = data.draw(
                st.floats(ans.lo, ans.hi) | st.sampled_from(grades or [ans.lo]), label=code
            )
        completion[code] = value
        values[code] = lke.GRADE_VALUES[k.scale][value] if isinstance(value, str) else value

    after = cascade.assess(city, as_of=year, answers=completion)
    _check_nesting(after)

    assert after.ignored_answers == ()
    for c in after.estimate.criteria:
        code = c.criterion.code
        if code in completion:
            assert c.answer.source == "answer"
            assert c.answer.lo == c.answer.hi == pytest.approx(values[code])
        else:  # data answers are kept as they were
            assert c.answer == criteria[code].answer
    interval_left = any(not c.answer.is_known for c in after.estimate.criteria)
    for name in lke.ESTIMATORS:
        old, new = before.total(name), after.total(name)
        assert _within(new, old), (name, old, new)
        assert new.known is not interval_left
        if mode == "low":
            assert new.lo == pytest.approx(old.lo, abs=EPS)
        if mode == "high":
            assert new.hi == pytest.approx(old.hi, abs=EPS)
        for o, n in zip(before.estimate.components, after.estimate.components, strict=True):
            assert _within(n.score(name), o.score(name)), (name, o.component.code)
        for o, n in zip(before.estimate.subcomponents, after.estimate.subcomponents, strict=True):
            assert _within(n.score(name), o.score(name)), (name, o.subcomponent.code)
        low, high = before.predikat(name)
        span = PREDIKAT_ORDER[PREDIKAT_ORDER.index(low) : PREDIKAT_ORDER.index(high) + 1]
        assert set(after.predikat(name)) <= set(span)


# ----------------------------------------------------------------- 2. suppression


@FEW
@given(cities(), st.data())
def test_suppressing_a_finding_never_lowers_the_totals(case, data) -> None:
    city, year = case
    before = cascade.assess(city, as_of=year)
    frame = before.report.to_frame()
    assert len(frame) > 0  # the evaluation rules find something even in a valid city
    row = frame.iloc[data.draw(st.integers(0, len(frame) - 1), label="finding")]
    rule = {"rule": row["code"], "subject": row["subject_id"], "reason": "t"}
    after = cascade.assess(city, as_of=year, policy={"suppress": [rule]})
    _check_answers(after)
    _check_nesting(before)

    left = after.report.to_frame()
    pairs = set(zip(left["code"], left["subject_id"], strict=True))
    assert (row["code"], row["subject_id"]) not in pairs
    gone = set(lke.finding_ids(frame)) - set(lke.finding_ids(left))
    assert gone
    assert all(i.startswith(f"{row['code']}:") for i in gone)
    for name in lke.ESTIMATORS:
        old, new = before.total(name), after.total(name)
        assert new.lo >= old.lo - EPS, (name, rule, old, new)
        assert new.hi >= old.hi - EPS, (name, rule, old, new)
    for o, n in zip(before.estimate.criteria, after.estimate.criteria, strict=True):
        assert n.answer.lo >= o.answer.lo - EPS, (o.criterion.code, rule)
        assert n.answer.hi >= o.answer.hi - EPS, (o.criterion.code, rule)
        assert not set(n.answer.evidence) & gone, (o.criterion.code, rule)


# ------------------------------------------------- 3. not applicable and data answers


def _check_answers(a: lke.Assessment) -> None:
    """Not applicable is [0, 1] with a reason; a data answer has members and matches its ratio."""
    frame = a.criteria()
    ids = set(lke.finding_ids(a.report.to_frame()))
    na = frame[frame["source"] == "not-applicable"]
    assert (na["answer_lo"] == 0.0).all()
    assert (na["answer_hi"] == 1.0).all()
    assert na["grade"].isna().all()
    for row in na.itertuples(index=False):
        assert row.members == 0 or row.note, row.code
        assert row.note, row.code  # says why the data cannot decide it
    for row in frame.itertuples(index=False):
        k = a.profile.criterion(row.code)
        assert set(row.evidence) <= ids, row.code
        if lke.binding_for(k) is None or k.binding == "unknown":
            assert row.source == "unknown", row.code
            continue
        assert row.source in ("data", "not-applicable"), row.code
        m = a.measures[row.code]
        if row.source == "not-applicable":
            assert m.ratio is None
            continue
        assert row.members == len(m.members) >= 1, row.code
        assert m.members["weight"].sum() > 0, row.code
        assert m.not_applicable is None
        assert 0.0 <= row.ratio <= 1.0
        assert row.ratio == pytest.approx(m.ratio)
        if m.upper_bound:
            assert row.answer_lo == 0.0, row.code
        if row.ratio == 0.0:
            assert row.answer_hi == 0.0, row.code
        if row.ratio == 1.0 and k.scale != "AA-E":
            assert row.answer_hi == 1.0, row.code
            assert row.answer_lo == (0.0 if m.upper_bound else 1.0), row.code
        if row.answer_lo == row.answer_hi and row.answer_lo in (0.0, 1.0):
            assert row.members >= 1, row.code


# -------------------------------------------------------------------- 4. nesting


def _check_nesting(a: lke.Assessment) -> None:
    """Totals, components and sub-components are ordered ranges that add up; predikat too."""
    part = a.data_decided
    assert 0.0 <= part.points <= part.high + EPS
    assert part.high <= part.decided + EPS
    mean = a.total("mean")
    assert part.points <= mean.lo + EPS
    assert part.high <= mean.hi + EPS
    components = a.components()
    unknown = sum(c.answer.source == "unknown" for c in a.estimate.criteria)
    interval_left = any(not c.answer.is_known for c in a.estimate.criteria)
    for name in lke.ESTIMATORS:
        total = a.total(name)
        assert 0.0 <= total.lo <= total.hi <= 100.0
        assert total.known is not interval_left
        if unknown >= 45:  # nobody answered: every all-unknown sub-component spans E to BB
            assert total.hi - total.lo > 40.0
        rows = components[components["code"] != "total"]
        assert (rows[f"{name}_lo"] <= rows[f"{name}_hi"] + EPS).all()
        assert (rows[f"{name}_hi"] <= rows["weight"] + EPS).all()
        assert math.isclose(rows[f"{name}_lo"].sum(), total.lo, abs_tol=1e-6)
        assert math.isclose(rows[f"{name}_hi"].sum(), total.hi, abs_tol=1e-6)
        for comp in a.estimate.components:
            subs = [a.estimate.subcomponent(s.code) for s in comp.component.subcomponents]
            assert math.isclose(
                sum(s.score(name).lo for s in subs), comp.score(name).lo, abs_tol=1e-6
            )
            assert math.isclose(
                sum(s.score(name).hi for s in subs), comp.score(name).hi, abs_tol=1e-6
            )
        low, high = a.predikat(name)
        rule = a.profile.predikat_rule
        assert (low, high) == (
            lke.predikat(total.lo, rule=rule),
            lke.predikat(total.hi, rule=rule),
        )
        assert PREDIKAT_ORDER.index(low) <= PREDIKAT_ORDER.index(high)
    for s in a.estimate.subcomponents:
        assert 0.0 <= s.q.lo <= s.q.hi <= 1.0
        for name in lke.ESTIMATORS:
            assert 0.0 <= s.score(name).lo <= s.score(name).hi <= s.subcomponent.weight + EPS


@FEWER
@given(cities())
def test_not_applicable_is_the_whole_interval_and_ranges_nest(case) -> None:
    city, year = case
    a = cascade.assess(city, as_of=year)
    _check_answers(a)
    _check_nesting(a)


# ------------------------------------------------------ 5. the with-defects example


@pytest.fixture(scope="module")
def example() -> tuple[cascade.Cascade, lke.Assessment]:
    city = cascade.load_example("with-defects")
    return city, cascade.assess(city, as_of=2024)


@pytest.mark.parametrize("end", ["lo", "hi"])
def test_example_extreme_grades_give_the_ends_of_the_range(example, end) -> None:
    city, before = example
    unknown = [
        c for c in before.estimate.criteria if c.answer.source in ("unknown", "not-applicable")
    ]
    assert len(unknown) > 45
    pick = max if end == "hi" else min
    answers = {}
    for c in unknown:
        grades = lke.GRADE_VALUES[c.criterion.scale]
        answers[c.criterion.code] = pick(grades, key=grades.__getitem__)
    after = cascade.assess(city, as_of=2024, answers=answers)
    assert after.ignored_answers == ()
    for name in lke.ESTIMATORS:
        old, new = before.total(name), after.total(name)
        assert getattr(new, end) == pytest.approx(getattr(old, end), abs=EPS), name
        assert _within(new, old), name
    assert after.estimate.criterion(unknown[0].criterion.code).answer.value == (
        1.0 if end == "hi" else 0.0
    )
