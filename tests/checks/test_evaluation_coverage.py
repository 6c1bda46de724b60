"""Properties of the coverage rules (CAS501–CAS504, CAS507) on generated cascades.

- ``unit-without-goal`` finds nothing in a valid cascade; a new administrator or pengawas
  unit is flagged, and giving it a goal with an indicator and a target clears it.
- ``employee-without-rhk`` finds nothing in a valid cascade with employees and is not
  applicable without them; a new employee is flagged until it has an RHK under its unit's
  goal.
- ``crosscutting-absent`` flags exactly the shared pemda goals whose child goals' owners lie
  in fewer than two agencies (an oracle that walks the units table row by row).
- ``crosscutting-unlinked``: of the goals declared crosscutting in a valid cascade (every
  goal has an indicator with a target), exactly those with no parent goal are flagged.
- ``unfunded-goal`` flags exactly the program, kegiatan and sub kegiatan goals with no line
  allocating money in the year.
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
from cascade.strategies._edit import (
    add_goal,
    add_indicator,
    add_unit,
    append_rows,
    copy_tables,
)

RULES = [
    "unit-without-goal",
    "employee-without-rhk",
    "crosscutting-absent",
    "crosscutting-unlinked",
    "unfunded-goal",
]
FEW = settings(max_examples=5, deadline=None)
SMALL = {"max_agencies": 3, "max_depth": 4, "max_children": 1, "max_indicators": 1}


def _check(tables: Tables, rule: str, **kwargs: object) -> Report:
    return cascade.check(cascade.Cascade(**tables), select=[rule], **kwargs)  # type: ignore[arg-type]


def _ids(report: Report) -> set[str]:
    return {f.subject_id for f in report.findings}


def _units_at(tables: Tables, *levels: str) -> list[str]:
    units = tables["units"]
    return sorted(units.loc[units["level"].isin(levels), "unit_id"])


def _goal_of(tables: Tables, unit: str) -> str:
    goals = tables["goals"]
    return str(goals.loc[goals["unit_id"] == unit, "goal_id"].iloc[0])


@FEW
@given(cascade_tables(**SMALL, min_depth=2), st.data())
def test_a_unit_without_a_plan_is_flagged_until_it_has_one(
    tables: Tables, data: st.DataObject
) -> None:
    assert _check(tables, "unit-without-goal").findings == []
    parents = _units_at(tables, "perangkat_daerah", "administrator")
    parent = data.draw(st.sampled_from(parents), label="parent")
    level = "administrator" if parent in _units_at(tables, "perangkat_daerah") else "pengawas"
    unit = add_unit(tables, parent, level, "NEW-UNIT")
    assert _ids(_check(tables, "unit-without-goal")) == {unit}
    kind = "sasaran_kegiatan" if level == "administrator" else "sasaran_subkegiatan"
    goal = add_goal(tables, unit, _goal_of(tables, parent), kind, indicator=False)
    assert _ids(_check(tables, "unit-without-goal")) == {unit}
    indicator = add_indicator(tables, goal, target=None)
    assert _ids(_check(tables, "unit-without-goal")) == {unit}
    append_rows(
        tables, "targets", [{"indicator_id": indicator, "period": "2024Q1", "target": 1.0}]
    )
    assert _check(tables, "unit-without-goal").findings == []


@FEW
@given(cascade_tables(**SMALL), st.data())
def test_an_employee_without_rhk_is_flagged_until_it_has_one(
    tables: Tables, data: st.DataObject
) -> None:
    staff = _units_at(tables, "pelaksana")
    report = _check(tables, "employee-without-rhk")
    if not staff:
        assert "CAS502" in report.not_applicable
        return
    assert report.findings == []
    above = _units_at(tables, "perangkat_daerah", "administrator", "pengawas")
    parent = data.draw(st.sampled_from(above), label="parent")
    employee = add_unit(tables, parent, "pelaksana", "NEW-ASN")
    assert _ids(_check(tables, "employee-without-rhk")) == {employee}
    add_goal(tables, employee, None, "rencana_hasil_kerja")  # an orphan RHK does not count
    assert _ids(_check(tables, "employee-without-rhk")) == {employee}
    add_goal(tables, employee, _goal_of(tables, parent), "rencana_hasil_kerja")
    assert _check(tables, "employee-without-rhk").findings == []


def _agency_of(units: pd.DataFrame) -> dict[str, str | None]:
    """Each unit's perangkat daerah (itself or an ancestor), by walking up row by row."""
    parent = dict(zip(units["unit_id"], units["parent_id"], strict=True))
    level = dict(zip(units["unit_id"], units["level"], strict=True))
    out: dict[str, str | None] = {}
    for unit in units["unit_id"]:
        current: str | None = unit
        while current is not None and level.get(current) != "perangkat_daerah":
            up = parent.get(current)
            current = up if isinstance(up, str) else None
        out[unit] = current
    return out


@FEW
@given(cascade_tables(max_agencies=3, max_depth=2, max_children=2, max_indicators=1))
def test_crosscutting_absent_is_exactly_pemda_goals_with_one_agency(tables: Tables) -> None:
    units, goals = tables["units"], tables["goals"]
    level = dict(zip(units["unit_id"], units["level"], strict=True))
    owner = dict(zip(goals["goal_id"], goals["unit_id"], strict=True))
    agency = _agency_of(units)
    support: dict[str, set[str]] = {}
    for unit, parent in goals[["unit_id", "parent_goal_id"]].itertuples(index=False):
        if isinstance(parent, str) and level[owner[parent]] == "pemda" and level[unit] != "pemda":
            found = agency[unit]
            support.setdefault(parent, set()).update({found} if found else set())
    expected = {g for g, agencies in support.items() if len(agencies) < 2}
    assert _ids(_check(tables, "crosscutting-absent")) == expected


@FEW
@given(cascade_tables(**SMALL), st.data())
def test_crosscutting_unlinked_flags_declared_goals_without_parent(
    tables: Tables, data: st.DataObject
) -> None:
    goals = tables["goals"]
    declared = data.draw(
        st.lists(st.booleans(), min_size=len(goals), max_size=len(goals)), label="declared"
    )
    goals["crosscutting"] = declared
    roots = set(goals.loc[goals["parent_goal_id"].isna(), "goal_id"])
    expected = set(goals.loc[np.asarray(declared, dtype=bool), "goal_id"]) & roots
    assert _ids(_check(tables, "crosscutting-unlinked")) == expected


@FEW
@given(cascade_tables(**SMALL))
def test_unfunded_goal_is_exactly_funded_kinds_without_money(tables: Tables) -> None:
    goals, budgets = tables["goals"], tables["budgets"]
    report = _check(tables, "unfunded-goal")
    if not len(budgets):
        assert "CAS507" in report.not_applicable
        return
    funded_kinds = {"sasaran_program", "sasaran_kegiatan", "sasaran_subkegiatan"}
    money = set(budgets.loc[budgets["allocated"] != 0, "goal_id"])
    expected = set(goals.loc[goals["kind"].isin(funded_kinds), "goal_id"]) - money
    assert _ids(report) == expected


def _shuffled(tables: Tables, seed: int) -> Tables:
    out = copy_tables(tables)
    rng = np.random.default_rng(seed)
    for name, frame in out.items():
        out[name] = frame.iloc[rng.permutation(len(frame))].reset_index(drop=True)
    return out


def _found(tables: Tables) -> set[tuple[str, str, str, str]]:
    report = cascade.check(cascade.Cascade(**tables), select=RULES)
    return {(f.name, f.subject_id, str(f.period), f.message) for f in report.findings}


@FEW
@given(cascade_tables(**SMALL), st.integers(0, 2**32 - 1), st.data())
def test_findings_do_not_depend_on_row_order(
    tables: Tables, seed: int, data: st.DataObject
) -> None:
    goals = tables["goals"]
    goals["crosscutting"] = data.draw(
        st.lists(st.booleans(), min_size=len(goals), max_size=len(goals)), label="declared"
    )
    assert _found(_shuffled(tables, seed)) == _found(tables)
