"""Every rule: its failing cases find exactly what they should, its passing cases nothing."""

from __future__ import annotations

import importlib

import pytest
from tests.checks._base import Case, base, build

from cascade.checks import CATALOGUE, check

FAMILIES = ["structure", "alignment", "values", "budget"]


def _cases(kind: str) -> list[Case]:
    out: list[Case] = []
    for family in FAMILIES:
        try:
            module = importlib.import_module(f"tests.checks.cases_{family}")
        except ModuleNotFoundError:
            continue
        out.extend(getattr(module, kind))
    return out


FAILING = _cases("FAILING")
PASSING = _cases("PASSING")


def _found(case: Case) -> set[tuple[str, str]]:
    report = check(build(case.tables), select=[case.rule], policy=case.policy, period=case.period)
    return {(f.name, f.subject_id) for f in report.findings}


@pytest.mark.parametrize("case", FAILING, ids=lambda c: f"{c.rule}:{sorted(c.expected)}")
def test_failing_case(case: Case) -> None:
    assert case.expected, "a failing case must expect findings"
    assert _found(case) == case.expected


@pytest.mark.parametrize("case", PASSING, ids=lambda c: f"{c.rule}:{c.note or 'base'}")
def test_passing_case(case: Case) -> None:
    assert _found(case) == set()


def test_base_city_is_clean_under_every_rule() -> None:
    report = check(build(base()))
    assert report.findings == []


def test_every_rule_has_a_failing_and_a_passing_case() -> None:
    runnable = {r.name for r in CATALOGUE if r.status != "removed" and r.family != "meta"}
    assert runnable - {c.rule for c in FAILING} == set()
    assert runnable - {c.rule for c in PASSING} == set()
