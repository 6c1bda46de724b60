"""A rule runs once per check context: a rule another rule reads is not computed twice."""

from __future__ import annotations

import pandas as pd
import pytest

from cascade.checks._context import Context, NotApplicable
from cascade.checks.catalogue import rule_by
from cascade.datasets import load_example
from cascade.period import Period
from cascade.policy import Policy


def _context(policy: Policy | None = None) -> Context:
    return Context(load_example(), [Period.year_of(2024)], policy or Policy())


def test_a_second_call_gives_the_first_calls_findings() -> None:
    ctx = _context()
    rule = rule_by("underachieved")
    first = rule(ctx)
    assert rule.code in ctx.rule_results
    marker = first.head(0)
    ctx.rule_results[rule.code] = (marker, None, ("a note",))
    second = rule(ctx)
    assert second.empty
    assert not first.empty
    assert list(second.columns) == list(first.columns)
    assert ctx.partly_not_applicable[-1] == "a note"  # notes are replayed with the findings
    fresh = rule(_context())
    pd.testing.assert_frame_equal(fresh, first)


def test_not_applicable_is_replayed() -> None:
    ctx = _context()  # no plan period: iku-churn cannot run
    rule = rule_by("iku-churn")
    with pytest.raises(NotApplicable) as first:
        rule(ctx)
    with pytest.raises(NotApplicable) as second:
        rule(ctx)
    assert second.value.reason == first.value.reason
