"""Every rule: its failing cases find exactly what they should, its passing cases nothing."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from tests.checks._base import Case, base, build

from cascade.checks import CATALOGUE, check

#: Every ``cases_*.py`` module beside this file: one per family, or per part of one.
MODULES = sorted(p.stem for p in Path(__file__).parent.glob("cases_*.py"))


def _cases(kind: str) -> list[Case]:
    out: list[Case] = []
    for name in MODULES:
        module = importlib.import_module(f"tests.checks.{name}")
        out.extend(getattr(module, kind))
    return out


FAILING = _cases("FAILING")
PASSING = _cases("PASSING")
#: Cases whose data lack what a rule needs: ``note`` is a phrase of the reason given.
NOT_APPLICABLE = [
    c
    for name in MODULES
    for c in getattr(importlib.import_module(f"tests.checks.{name}"), "NOT_APPLICABLE", [])
]


def _found(case: Case) -> set[tuple[str, str]]:
    report = check(
        build(case.tables),
        select=[case.rule],
        policy=case.policy,
        period=case.period,
        as_of=case.as_of,
    )
    code = next(r.code for r in CATALOGUE if r.name == case.rule)
    assert code not in report.not_applicable, report.not_applicable.get(code)
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


@pytest.mark.parametrize("case", NOT_APPLICABLE, ids=lambda c: f"{c.rule}:{c.note}")
def test_not_applicable_case(case: Case) -> None:
    report = check(build(case.tables), select=[case.rule], policy=case.policy, period=case.period)
    code = next(r.code for r in CATALOGUE if r.name == case.rule)
    assert report.findings == []
    assert code not in report.rules
    assert case.note in report.not_applicable[code]


def test_every_rule_has_a_failing_and_a_passing_case() -> None:
    runnable = {r.name for r in CATALOGUE if r.status != "removed" and r.family != "meta"}
    assert runnable - {c.rule for c in FAILING} == set()
    assert runnable - {c.rule for c in PASSING} == set()
