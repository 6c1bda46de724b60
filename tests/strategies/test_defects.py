"""defective_cascades(): exactly the findings it promises, for every injectable rule."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cascade
from cascade.checks import CATALOGUE, rule_by
from cascade.strategies import INJECTABLE, DefectiveCascade, InvalidArgument, defective_cascades


def test_every_stable_data_rule_is_injectable() -> None:
    stable = [
        r.name for r in CATALOGUE if r.status == "stable" and r.default and r.family != "meta"
    ]
    assert list(INJECTABLE) == stable


@pytest.mark.parametrize("name", INJECTABLE)
@settings(max_examples=2, deadline=None)
@given(data=st.data())
def test_the_check_reports_exactly_what_is_expected(name: str, data: st.DataObject) -> None:
    # Half the rules by code; and cities with two years, or without realisations or budgets.
    key = rule_by(name).code if len(name) % 2 else name
    off = data.draw(st.sampled_from(["nothing", "realisations", "budgets"]), label="off")
    d = data.draw(
        defective_cascades(
            key,
            max_periods=2,
            realisations=off != "realisations",
            budgets=off != "budgets",
        )
    )
    assert d.name == name
    assert (name, d.subject_id) in d.expected
    assert d.subject_id == min(s for r, s in d.expected if r == name)
    report = cascade.check(d.cascade, policy=d.policy)
    assert d.pairs(report) == d.expected


@settings(max_examples=6, deadline=None)
@given(defective_cascades(["orphan-goal", "CAS105", "orphan-goal"], max_depth=2))
def test_a_sequence_of_names_draws_among_them(d: DefectiveCascade) -> None:
    assert d.name in {"orphan-goal", "orphan-indicator"}


def test_any_rule_is_drawn_without_a_name() -> None:
    names: set[str] = set()

    @settings(max_examples=30, deadline=None, derandomize=True, database=None)
    @given(defective_cascades(max_depth=2))
    def collect(d: DefectiveCascade) -> None:
        names.add(d.name)

    collect()
    assert len(names) >= 5, names


def test_the_policy_has_plan_years_around_the_drawn_years() -> None:
    @settings(max_examples=3, deadline=None, database=None)
    @given(defective_cascades("target-outside-plan", first_year=2030, max_periods=2))
    def check(d: DefectiveCascade) -> None:
        assert d.policy.plan_start == 2027
        assert d.policy.plan_end in (2032, 2033)
        report = cascade.check(d.cascade, policy=d.policy)
        assert {f.name for f in report.findings} == {"target-outside-plan"}

    check()


def test_a_defective_cascade_is_a_frozen_record() -> None:
    assert dataclasses.is_dataclass(DefectiveCascade)
    fields = [f.name for f in dataclasses.fields(DefectiveCascade)]
    assert fields == ["cascade", "name", "subject_id", "expected", "policy"]
    assert DefectiveCascade.__dataclass_params__.frozen  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["no-such-rule", "CAS999", "unused-suppression"])
def test_an_unknown_rule_lists_the_injectable_ones(name: str) -> None:
    strategy = defective_cascades(name)  # not checked yet: as Hypothesis, on first use
    with pytest.raises(InvalidArgument, match="injectable rules: duplicate-id, ") as info:
        strategy.validate()
    assert repr(name) in str(info.value)
    assert all(rule in str(info.value) for rule in INJECTABLE)
