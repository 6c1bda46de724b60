"""Failing and passing cases for the budget rules (CAS4xx).

The base city (``_base.base``) has 2024 budget lines on the program ``P1``, the kegiatan
``K1`` and the sub kegiatan ``SK1``, whose chain of parent goals reaches the pemda's ``S1``
and ``T1``; every line spent less than it was allocated.
"""

from __future__ import annotations

import numpy as np
from tests.checks._base import Case, Tables, add_row, base


def _goal(t: Tables, goal_id: str, column: str, value: object) -> None:
    frame = t["goals"]
    frame.loc[int(np.flatnonzero(frame["goal_id"].to_numpy() == goal_id)[0]), column] = value


def _line(t: Tables, goal_id: str, column: str, value: object) -> None:
    frame = t["budgets"]
    frame.loc[int(np.flatnonzero(frame["goal_id"].to_numpy() == goal_id)[0]), column] = value


# ---------------------------------------------------------------------- budget-orphan


def _chain_stops_at_an_orphan() -> Case:
    t = base()
    _goal(t, "K1", "parent_goal_id", None)
    return Case("budget-orphan", t, {("budget-orphan", "K1"), ("budget-orphan", "SK1")})


def _chain_breaks_at_a_dangling_parent() -> Case:
    t = base()
    _goal(t, "SK1", "parent_goal_id", "K9")
    return Case("budget-orphan", t, {("budget-orphan", "SK1")}, note="dangling parent")


def _chain_runs_into_a_cycle() -> Case:
    t = base()
    _goal(t, "P1", "parent_goal_id", "K1")  # P1 -> K1 -> P1, SK1 below
    expected = {("budget-orphan", g) for g in ("P1", "K1", "SK1")}
    return Case("budget-orphan", t, expected, note="cycle")


def _orphan_without_budget() -> Case:
    t = base()
    t["goals"] = add_row(
        t["goals"],
        goal_id="K2",
        unit_id="BID",
        statement="Kegiatan lain",
        kind="sasaran_kegiatan",
    )
    return Case("budget-orphan", t, note="an orphan goal with no budget")


def _chain_through_a_pemda_goal() -> Case:
    t = base()
    _goal(t, "T1", "parent_goal_id", "T0")  # the top is dangling, but S1 is the pemda's
    return Case("budget-orphan", t, note="the chain reaches a pemda goal before it breaks")


def _budget_of_a_period_not_checked() -> Case:
    t = base()
    _goal(t, "K1", "parent_goal_id", None)
    return Case("budget-orphan", t, period="2025", note="no budget line in the period")


# ------------------------------------------------------------------- overspent-budget


def _overspent() -> Case:
    t = base()
    _line(t, "SK1", "spent", 6e8)
    return Case("overspent-budget", t, {("overspent-budget", "SK1")})


def _overspent_quarter() -> Case:
    t = base()
    t["budgets"] = add_row(t["budgets"], goal_id="K1", period="2024Q3", allocated=1e8, spent=2e8)
    return Case(
        "overspent-budget", t, {("overspent-budget", "K1")}, note="a quarter within the year"
    )


def _spent_within_tolerance() -> Case:
    t = base()
    _line(t, "SK1", "spent", 5.0004e8)
    _line(t, "K1", "spent", 1e9)
    _line(t, "P1", "spent", np.nan)
    return Case("overspent-budget", t, note="equal, within tolerance, or not reported")


# -------------------------------------------------------- budget-on-non-program-goal


def _budget_on_strategic_goal_and_rhk() -> Case:
    t = base()
    t["budgets"] = add_row(t["budgets"], goal_id="S1", period="2024", allocated=5e9, spent=4e9)
    t["budgets"] = add_row(t["budgets"], goal_id="R1", period="2024", allocated=1e7, spent=1e7)
    expected = {("budget-on-non-program-goal", g) for g in ("S1", "R1")}
    return Case("budget-on-non-program-goal", t, expected)


def _budget_on_goal_of_unstated_kind() -> Case:
    t = base()
    _goal(t, "K1", "kind", None)
    return Case("budget-on-non-program-goal", t, note="kind not stated")


FAILING = [
    _chain_stops_at_an_orphan(),
    _chain_breaks_at_a_dangling_parent(),
    _chain_runs_into_a_cycle(),
    _overspent(),
    _overspent_quarter(),
    _budget_on_strategic_goal_and_rhk(),
]

PASSING = [
    Case(name, base())
    for name in ("budget-orphan", "overspent-budget", "budget-on-non-program-goal")
] + [
    _orphan_without_budget(),
    _chain_through_a_pemda_goal(),
    _budget_of_a_period_not_checked(),
    _spent_within_tolerance(),
    _budget_on_goal_of_unstated_kind(),
]
