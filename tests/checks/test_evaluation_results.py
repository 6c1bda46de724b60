"""Properties of the results rules (CAS505–CAS510) on generated cascades.

- ``renaksi-missing`` flags exactly the PK indicators of a cascade without quarter targets,
  and nothing when every indicator has them.
- ``realisation-gap`` finds nothing in a cascade that measures every quarter; removing a
  leaf's quarter flags that leaf once the quarter has ended (and, besides it, at most the
  indicators above it, whose quarter can then not be derived).
- ``underachieved`` flags exactly the PK indicators whose achievement, as
  :func:`cascade.propagate` computes it, is below 100; ``inefficient-spend`` exactly the goals
  whose own budget line was absorbed more than 10 points ahead of the goal's achievement
  (all spent: those below 90 %; nothing spent: none).
- ``no-improvement``: a year that repeats the year before flags exactly the PK indicators
  below target; a year whose every realisation grew does not flag anything.
- No rule's findings depend on the order of the rows of any table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

import cascade
from cascade.checks import Report
from cascade.strategies import cascade_tables
from cascade.strategies._cascades import Tables
from cascade.strategies._edit import copy_tables

RULES = [
    "renaksi-missing",
    "realisation-gap",
    "underachieved",
    "no-improvement",
    "inefficient-spend",
]
FEW = settings(max_examples=5, deadline=None)
SMALL = {"max_agencies": 2, "max_depth": 3, "max_children": 1, "max_indicators": 2}


def _check(tables: Tables | cascade.Cascade, rule: str, **kwargs: object) -> Report:
    city = tables if isinstance(tables, cascade.Cascade) else cascade.Cascade(**tables)
    return cascade.check(city, select=[rule], **kwargs)  # type: ignore[arg-type]


def _ids(report: Report) -> set[str]:
    return {f.subject_id for f in report.findings}


def _pk(tables: Tables) -> set[str]:
    """Indicators owned above the pelaksana level (every generated one has targets)."""
    owner = tables["goals"].set_index("goal_id")["unit_id"]
    level = tables["units"].set_index("unit_id")["level"]
    ind = tables["indicators"]
    levels = ind["goal_id"].map(owner).map(level)
    return set(ind.loc[levels.to_numpy() != "pelaksana", "indicator_id"])


@FEW
@given(st.booleans().flatmap(lambda q: st.tuples(st.just(q), cascade_tables(quarters=q, **SMALL))))
def test_renaksi_missing_is_exactly_the_pk_indicators_without_quarters(
    drawn: tuple[bool, Tables],
) -> None:
    quarters, tables = drawn
    found = _ids(_check(tables, "renaksi-missing"))
    assert found == (set() if quarters else _pk(tables))


@FEW
@given(cascade_tables(quarters=True, **SMALL), st.data())
def test_a_leaf_quarter_removed_is_a_gap_once_it_has_ended(
    tables: Tables, data: st.DataObject
) -> None:
    assert _check(tables, "realisation-gap").findings == []
    ind = tables["indicators"]
    parents = set(ind["parent_indicator_id"].dropna())
    leaves = sorted(set(ind["indicator_id"]) - parents)
    leaf = data.draw(st.sampled_from(leaves), label="leaf")
    quarter = data.draw(st.integers(1, 4), label="quarter")
    as_of = data.draw(st.integers(1, 4), label="as_of quarter")
    period = f"2024Q{quarter}"
    r = tables["realisations"]
    keep = ~((r["indicator_id"] == leaf) & (r["period"] == period))
    tables["realisations"] = r[keep].reset_index(drop=True)
    found = _ids(_check(tables, "realisation-gap", as_of=f"2024Q{as_of}"))
    above = ind.set_index("indicator_id")["parent_indicator_id"]
    chain, current = {leaf}, above[leaf]
    while isinstance(current, str):
        chain.add(current)
        current = above[current]
    assert found <= chain
    assert (leaf in found) == (quarter <= as_of)


def _achievements(city: cascade.Cascade, year: str) -> pd.Series:
    results = cascade.propagate(city, as_of=year)
    frame = results.indicators
    computed = frame[frame["achievement_source"] == "computed"]
    return computed.set_index("indicator_id")["achievement"]


@FEW
@given(cascade_tables(**SMALL))
def test_underachieved_is_exactly_the_pk_indicators_below_100(tables: Tables) -> None:
    city = cascade.Cascade(**tables)
    achievement = _achievements(city, "2024")
    below = set(achievement[achievement < 100].index) & _pk(tables)
    assert _ids(_check(city, "underachieved")) == below


@FEW
@given(cascade_tables(**SMALL))
def test_inefficient_spend_is_exactly_absorption_ahead_of_achievement(tables: Tables) -> None:
    if not len(tables["budgets"]):
        assert "CAS510" in _check(tables, "inefficient-spend").not_applicable
        return
    city = cascade.Cascade(**tables)
    results = cascade.propagate(city, as_of="2024")
    budget = results.budget
    own = budget[budget["source"] == "reported"].set_index("goal_id")
    achieved = results.goals.set_index("goal_id")["achievement"].clip(upper=100)
    gap = own["absorption"] - achieved.reindex(own.index)
    assert _ids(_check(city, "inefficient-spend")) == set(gap[gap > 10].index)
    # Everything spent: flagged exactly where achievement is below 90 (achievement unchanged).
    tables["budgets"]["spent"] = tables["budgets"]["allocated"]
    below = achieved.reindex(own.index)
    assert _ids(_check(tables, "inefficient-spend")) == set(below[below < 90].index)
    # Nothing spent: nothing runs ahead.
    tables["budgets"]["spent"] = 0.0
    assert _check(tables, "inefficient-spend").findings == []


def _repeat_year(tables: Tables, grow: bool) -> Tables:
    """The second year made a copy of the first: same targets, realisations the same or grown."""
    t = copy_tables(tables)
    for table, column in (("targets", "target"), ("realisations", "value")):
        frame = t[table]
        first = frame[frame["period"] == "2024"].copy()
        first["period"] = "2025"
        if grow and column == "value":
            first[column] = first[column] * 2 + 1
        t[table] = pd.concat([frame[frame["period"] == "2024"], first], ignore_index=True)
    return t


@FEW
@given(cascade_tables(min_periods=2, max_periods=2, polarities=["maximize"], **SMALL))
def test_a_repeated_year_flags_what_is_below_target_and_growth_flags_nothing(
    tables: Tables,
) -> None:
    same = _repeat_year(tables, grow=False)
    city = cascade.Cascade(**same)
    achievement = _achievements(city, "2024")
    below = set(achievement[achievement < 100].index) & _pk(same)
    assert _ids(_check(city, "no-improvement", period="2025")) == below
    grown = _repeat_year(tables, grow=True)
    assert _check(grown, "no-improvement", period="2025").findings == []


def _shuffled(tables: Tables, data: st.DataObject) -> Tables:
    out = {}
    for name, frame in tables.items():
        order = data.draw(st.permutations(list(range(len(frame)))), label=name)
        out[name] = frame.iloc[np.asarray(order, dtype=np.int64)].reset_index(drop=True)
    return out


@settings(max_examples=3, deadline=None)
@given(
    cascade_tables(quarters=True, max_periods=2, **SMALL),
    st.sampled_from([None, "2024Q2", "2025-05"]),
    st.data(),
)
def test_findings_do_not_depend_on_row_order(
    tables: Tables, as_of: str | None, data: st.DataObject
) -> None:
    def seen(t: Tables) -> tuple[set[tuple[str, str, str | None, str]], dict[str, str]]:
        report = cascade.check(cascade.Cascade(**t), select=RULES, as_of=as_of)
        return {(f.name, f.subject_id, f.period, f.message) for f in report.findings}, dict(
            report.not_applicable
        )

    assert seen(tables) == seen(_shuffled(tables, data))
