"""Property tests of the checker on generated cascades.

- A valid cascade (built by construction, :func:`cascade.strategies.cascade_tables`, here
  with one or two years, with or without quarters, realisations and budgets) has no
  finding at all, not even a warning.
- The report does not depend on the order of the rows of any table.
- Metamorphic: injecting exactly one defect of a rule's kind into a valid cascade makes the
  checker report exactly that defect (and the few side findings the domain makes unavoidable,
  stated where they are injected), under every rule at once. Every stable rule of the
  catalogue has an injector (:data:`cascade.strategies._injectors.INJECTORS`, which
  :func:`cascade.strategies.defective_cascades` uses too).
- Benign changes the domain accepts (a respelled unit, a declared crosscutting link, an
  agency's Renstra chain, numbers within tolerance, …) keep a valid cascade clean.
- A rule selected alone finds exactly what it finds in a full run; suppressing every finding
  leaves only the one suppression that matched nothing.

Every check runs with plan years around the generated years (three before, two after), so
that ``target-outside-plan`` runs too (it finds nothing without them).
"""

from __future__ import annotations

import os
from collections.abc import Callable

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.checks._base import base

from cascade import Cascade
from cascade.checks import CATALOGUE, Report, check
from cascade.policy import Policy
from cascade.strategies import cascade_tables
from cascade.strategies._cascades import Tables, plan_policy
from cascade.strategies._edit import (
    FUNDED,
    STRATEGIC,
    View,
    add_budget,
    add_goal,
    add_indicator,
    append_rows,
    branch,
    copy_tables,
    ensure,
    in_period,
    leaf_owned_goals,
    set_cell,
    set_realisation,
    years,
)
from cascade.strategies._injectors import INJECTORS, ORDER_SENSITIVE, Expected, draw_year

#: Examples per property are scaled by ``CASCADE_PROPERTY_SCALE`` (default 1): one check of a
#: small cascade costs 0.15 to 0.3 s, so the defaults keep this file under a minute; a nightly
#: run can set 10.
SCALE = float(os.environ.get("CASCADE_PROPERTY_SCALE", "1"))


def _examples(n: int) -> int:
    return max(1, round(n * SCALE))


#: Valid cascades of one or two years, with or without quarters, realisations and budgets
#: (each shrinks toward one year, no quarters, realisations and budgets).
CITIES = st.tuples(st.booleans(), st.booleans(), st.booleans()).flatmap(
    lambda off: cascade_tables(
        max_periods=2, quarters=off[0], realisations=not off[1], budgets=not off[2]
    )
)

#: Rules that cannot be injected alone into a valid cascade, with the reason.
NOT_INJECTABLE: dict[str, str] = {}

CATALOGUE_NAMES = {r.name for r in CATALOGUE}
#: The rules a default check runs (the evaluation rules have their own cases and properties).
CHECKED = sorted(
    r.name for r in CATALOGUE if r.status == "stable" and r.default and r.family != "meta"
)


def _pairs(report: Report) -> Expected:
    return {(f.name, f.subject_id) for f in report.findings}


def _policy(tables: Tables) -> Policy:
    """The plan years around a valid cascade's years (before any injection adds one)."""
    return plan_policy([int(y) for y in years(tables)])


# --------------------------------------------------------------------- benign changes
# Each changes a valid cascade in a way the domain accepts: the check must still find
# nothing. They catch rules that flag too much.


def respelled_unit(t: Tables, draw: st.DrawFn) -> Tables:
    # Units are compared ignoring case and surrounding spaces.
    v = View(t)
    top = draw(st.sampled_from([i for i in v.indicators if v.ind_parent[i]]), label="top")
    unit = v.measure_unit[top]
    spelling = draw(
        st.sampled_from([unit.title(), unit.upper(), f"{unit} ", f" {unit.title()}"]), "unit"
    )
    mask = t["indicators"]["indicator_id"].isin(v.subtree(top))
    set_cell(t, "indicators", mask, "measure_unit", spelling)
    return t


def crosscutting_to_pemda(t: Tables, draw: st.DrawFn) -> Tables:
    # An agency's goal under the pemda's sasaran, declared crosscutting: legitimate.
    v = View(t)
    agencies = [
        g
        for g in v.goals
        if v.owner[g] != v.pemda and v.owner.get(v.goal_parent[g] or "") == v.pemda
    ]
    goal = draw(st.sampled_from(agencies), label="goal")
    set_cell(t, "goals", t["goals"]["goal_id"] == goal, "crosscutting", True)
    return t


def crosscutting_to_other_agency(t: Tables, draw: st.DrawFn) -> Tables:
    # A new goal of one agency under another agency's program goal, declared crosscutting:
    # that is what the declaration is for (not level-order, not owner-misaligned).
    branch(t, 1)
    v = View(t)
    programs = [g for g in v.goals if v.owner_rank(g) == 1]
    parent = draw(st.sampled_from(programs), label="parent")
    others = [u for u in v.units if v.level[u] == "perangkat_daerah" and u != v.owner[parent]]
    unit = draw(st.sampled_from(others), label="owner")
    add_goal(t, unit, parent, "sasaran_program", crosscutting=True)
    return t


def supporting_child(t: Tables, draw: st.DrawFn) -> Tables:
    # A supporting indicator counts in nothing: its unit and polarity may differ.
    goal = draw(st.sampled_from(ensure(t, leaf_owned_goals)), label="goal")
    v = View(t)
    parent = draw(st.sampled_from(v.goal_indicators[v.goal_parent[goal] or ""]), "parent")
    polarity = draw(st.sampled_from(["maximize", "minimize", "stabilize"]), "polarity")
    add_indicator(
        t, goal, parent=parent, role="supporting", measure_unit="orang", polarity=polarity
    )
    return t


def own_indicator(t: Tables, draw: st.DrawFn) -> Tables:
    v = View(t)
    goal = draw(st.sampled_from(v.goals), label="goal")
    key = v.kind[goal] in STRATEGIC and draw(st.booleans(), label="key")
    add_indicator(t, goal, key=key)
    return t


def renstra_chain(t: Tables, draw: st.DrawFn) -> Tables:
    # An agency's Renstra: its own tujuan under the pemda's sasaran, and its own sasaran
    # strategis under that (same owner, one kind further down).
    v = View(t)
    agency = draw(
        st.sampled_from([u for u in v.units if v.level[u] == "perangkat_daerah"]), "agency"
    )
    tujuan = add_goal(t, agency, v.sasaran, "tujuan")
    add_goal(t, agency, tujuan, "sasaran_strategis")
    return t


def range_target_on_leaf(t: Tables, draw: st.DrawFn) -> Tables:
    # A child's range target under a point target: the lower bounds still add up.
    v = View(t, draw_year(t, draw))
    leaves = [i for i in v.indicators if v.ind_parent[i] and not v.ind_children[i]]
    leaf = draw(st.sampled_from(leaves), label="leaf")
    upper = v.target[leaf] + draw(st.integers(0, 50), label="width")
    set_cell(
        t,
        "targets",
        in_period(t, "targets", "indicator_id", leaf, v.period),
        "target_upper",
        upper,
    )
    return t


def zero_based_range(t: Tables, draw: st.DrawFn) -> Tables:
    # A range from 0 up ("0-5 hari") is not a zero target.
    v = View(t)
    goal = draw(st.sampled_from(v.goals), label="goal")
    ind = add_indicator(t, goal, target=None)
    upper = float(draw(st.integers(1, 9), label="upper"))
    rows = [
        {"indicator_id": ind, "period": y, "target": 0.0, "target_upper": upper} for y in v.years
    ]
    append_rows(t, "targets", rows)
    return t


def unreported_parent(t: Tables, draw: st.DrawFn) -> Tables:
    v = View(t, draw_year(t, draw))
    parents = [i for i in v.indicators if v.ind_children[i] and i in v.rows]
    if parents:
        ind = draw(st.sampled_from(parents), label="indicator")
        keep = ~in_period(t, "realisations", "indicator_id", ind, v.period)
        t["realisations"] = t["realisations"][keep].reset_index(drop=True)
    return t


def within_tolerance(t: Tables, draw: st.DrawFn) -> Tables:
    # Numbers that differ by less than the default tolerance (0.1 %) agree.
    v = View(t, draw_year(t, draw))
    what = draw(st.sampled_from(["target", "realisation", "spent"]), label="what")
    factor = 1 + draw(st.sampled_from([-4e-4, 2e-4, 4e-4]), label="off by")
    if what == "target":
        parents = [i for i in v.indicators if v.ind_children[i]]
        ind = draw(st.sampled_from(parents), label="indicator")
        # Only the top of a chain, so that its own parent still adds up exactly.
        while v.ind_parent[ind] is not None:
            ind = v.ind_parent[ind] or ind
        mask = in_period(t, "targets", "indicator_id", ind, v.period)
        set_cell(t, "targets", mask, "target", v.target[ind] * factor)
    elif what == "realisation":
        reported = [i for i in v.indicators if v.ind_children[i] and i in v.reported]
        if reported:
            ind = draw(st.sampled_from(reported), label="indicator")
            set_realisation(t, ind, v.period, v.reported[ind] * factor)
    else:
        funded = [g for g in v.goals if v.kind[g] in FUNDED]
        goal = draw(st.sampled_from(funded), label="goal")
        if not in_period(t, "budgets", "goal_id", goal, v.period).any():
            add_budget(t, goal, v.period)
        mask = in_period(t, "budgets", "goal_id", goal, v.period)
        allocated = float(t["budgets"].loc[mask, "allocated"].iloc[0])
        set_cell(t, "budgets", mask, "spent", allocated * (1 + abs(factor - 1)))
    return t


def quarterly_budget_and_blank_spent(t: Tables, draw: st.DrawFn) -> Tables:
    # A quarter's budget line of a funded goal, with spending not reported yet.
    v = View(t)
    funded = [g for g in v.goals if v.kind[g] in FUNDED]
    goal = draw(st.sampled_from(funded), label="goal")
    quarter = draw_year(t, draw) + draw(st.sampled_from(["Q1", "Q2", "Q3", "Q4"]), "quarter")
    row = {"goal_id": goal, "period": quarter, "allocated": 5e8, "spent": None}
    append_rows(t, "budgets", [row])
    return t


BENIGN: dict[str, Callable[[Tables, st.DrawFn], Tables]] = {
    f.__name__: f
    for f in (
        respelled_unit,
        crosscutting_to_pemda,
        crosscutting_to_other_agency,
        supporting_child,
        own_indicator,
        renstra_chain,
        range_target_on_leaf,
        zero_based_range,
        unreported_parent,
        within_tolerance,
        quarterly_budget_and_blank_spent,
    )
}


# -------------------------------------------------------------------------------- tests


@settings(max_examples=_examples(40), deadline=None)
@given(CITIES)
def test_valid_cascade_has_no_finding(tables: Tables) -> None:
    report = check(Cascade(**tables), policy=_policy(tables))
    assert report.findings == [], report.to_frame()[["name", "subject_id", "message"]]


def _shuffled(tables: Tables, data: st.DataObject) -> Tables:
    out = {}
    for name, frame in tables.items():
        order = data.draw(st.permutations(range(len(frame))), label=f"{name} order")
        out[name] = frame.iloc[list(order)].reset_index(drop=True)
    return out


def _key(report: Report) -> set[tuple[str, str, str, str | None, str]]:
    return {(f.code, f.subject_kind, f.subject_id, f.period, f.message) for f in report.findings}


def _inject(t: Tables, data: st.DataObject, names: list[str]) -> Tables:
    """One to three defects of ``names``, one after another."""
    for name in data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=3), "defects"):
        t, _ = INJECTORS[name](t, data.draw)
    return t


@settings(max_examples=_examples(15), deadline=None)
@given(CITIES, st.data())
def test_report_does_not_depend_on_row_order(tables: Tables, data: st.DataObject) -> None:
    policy = _policy(tables)
    t = _inject(copy_tables(tables), data, sorted(set(INJECTORS) - ORDER_SENSITIVE))
    if data.draw(st.booleans(), label="cut a goal link"):
        linked = t["goals"].index[t["goals"]["parent_goal_id"].notna()]
        row = data.draw(st.sampled_from(list(linked)), label="goal row")
        t["goals"] = t["goals"].astype({"parent_goal_id": object})
        t["goals"].loc[row, "parent_goal_id"] = None
    before = check(Cascade(**t), policy=policy)
    assert len(before) > 0
    after = check(Cascade(**_shuffled(t, data)), policy=policy)
    assert _key(after) == _key(before)
    pd.testing.assert_frame_equal(after.to_frame(), before.to_frame())


def test_every_rule_has_an_injector() -> None:
    assert set(CHECKED) - set(INJECTORS) - set(NOT_INJECTABLE) == set()
    assert set(INJECTORS) | set(NOT_INJECTABLE) <= CATALOGUE_NAMES
    assert not set(INJECTORS) & set(NOT_INJECTABLE)


@pytest.mark.parametrize("name", sorted(INJECTORS))
@settings(max_examples=_examples(3), deadline=None)
@given(tables=CITIES, data=st.data())
def test_injected_defect_is_found_exactly(name: str, tables: Tables, data: st.DataObject) -> None:
    policy = _policy(tables)
    t, expected = INJECTORS[name](copy_tables(tables), data.draw)
    assert any(rule == name for rule, _ in expected)
    assert _pairs(check(Cascade(**t), policy=policy)) == expected


@settings(max_examples=_examples(15), deadline=None)
@given(CITIES, st.data())
def test_benign_changes_keep_a_cascade_clean(tables: Tables, data: st.DataObject) -> None:
    policy = _policy(tables)
    t = copy_tables(tables)
    for name in data.draw(st.lists(st.sampled_from(sorted(BENIGN)), min_size=1, max_size=3)):
        t = BENIGN[name](t, data.draw)
    report = check(Cascade(**t), policy=policy)
    assert report.findings == [], report.to_frame()[["name", "subject_id", "message"]]


@settings(max_examples=_examples(5), deadline=None)
@given(CITIES, st.data())
def test_a_selected_rule_finds_what_it_finds_in_a_full_run(
    tables: Tables, data: st.DataObject
) -> None:
    policy = _policy(tables)
    cascade = Cascade(**_inject(copy_tables(tables), data, sorted(INJECTORS)))
    full = check(cascade, policy=policy).to_frame()
    for name in data.draw(st.lists(st.sampled_from(CHECKED), min_size=1, max_size=4, unique=True)):
        alone = check(cascade, select=[name], policy=policy).to_frame()
        expected = full[full["name"] == name].reset_index(drop=True)
        pd.testing.assert_frame_equal(alone, expected)


@settings(max_examples=_examples(5), deadline=None)
@given(CITIES, st.data())
def test_suppressing_every_finding_leaves_only_a_stale_suppression(
    tables: Tables, data: st.DataObject
) -> None:
    policy = _policy(tables)
    cascade = Cascade(**_inject(copy_tables(tables), data, sorted(INJECTORS)))
    findings = check(cascade, policy=policy).findings
    by_name = data.draw(st.booleans(), label="suppress by name")
    suppress = [
        {"rule": f.name if by_name else f.code, "subject": f.subject_id, "reason": "kept"}
        for f in findings
    ]
    suppress.append({"rule": "cycle", "subject": "NOBODY", "reason": "stale"})
    plan = {"plan_start": policy.plan_start, "plan_end": policy.plan_end}
    report = check(cascade, policy={**plan, "suppress": suppress})
    assert [(f.name, f.subject_id) for f in report.findings] == [("unused-suppression", "NOBODY")]


# ------------------------------------------------------- rule problems found and fixed
# Found by the properties above; kept as regression tests.


def test_pemda_goal_without_parent_whose_indicator_cascades_is_reported() -> None:
    t = base()
    t["goals"].loc[t["goals"]["goal_id"] == "S1", "parent_goal_id"] = None
    # I-S1 still cascades from I-T1, an indicator of T1, which S1 no longer cascades from.
    assert _pairs(check(Cascade(**t))) == {("indicator-goal-mismatch", "I-S1")}


def test_repeated_goal_row_is_only_a_duplicate_id() -> None:
    t = base()
    t["goals"] = pd.concat([t["goals"], t["goals"].iloc[[5]]], ignore_index=True)
    assert _pairs(check(Cascade(**t))) == {("duplicate-id", "R1")}


def test_repeated_indicator_row_is_only_a_duplicate_id() -> None:
    t = base()
    t["indicators"] = pd.concat([t["indicators"], t["indicators"].iloc[[3]]], ignore_index=True)
    assert _pairs(check(Cascade(**t))) == {("duplicate-id", "I-K1")}
