"""Failing and passing cases for the target and value rules (CAS3xx).

The base city (``_base.base``) has, for 2024, a target of 120 and a realisation of 110 for
each of the six indicators ``I-T1`` → ``I-S1`` → ``I-P1`` → ``I-K1`` → ``I-SK1`` → ``I-R1``,
each the only carrier child of the one before, all aggregating by ``sum`` but ``I-R1``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from tests.checks._base import Case, Tables, add_row, base

QUARTERS = ["2024Q1", "2024Q2", "2024Q3", "2024Q4"]


def _row(frame: pd.DataFrame, column: str, value: str) -> int:
    """The index of the first row of ``frame`` whose ``column`` is ``value``."""
    return int(np.flatnonzero(frame[column].to_numpy() == value)[0])


def _set(t: Tables, table: str, key: str, column: str, value: object) -> None:
    frame = t[table]
    id_column = "goal_id" if table in ("goals", "budgets") else "indicator_id"
    frame.loc[_row(frame, id_column, key), column] = value


def _child(t: Tables, indicator_id: str, parent: str, **extra: object) -> None:
    """Add an indicator to the employee's goal R1 under ``parent``."""
    values: dict[str, object] = {
        "indicator_id": indicator_id,
        "goal_id": "R1",
        "parent_indicator_id": parent,
        "name": "Kasus lain",
        "measure_unit": "kasus",
    }
    values.update(extra)
    t["indicators"] = add_row(t["indicators"], **values)


# ------------------------------------------------------------------ missing-target


def _missing_target() -> Case:
    t = base()
    t["targets"] = t["targets"][t["targets"]["indicator_id"] != "I-K1"]
    return Case("missing-target", t, {("missing-target", "I-K1")})


def _quarters_do_not_count_for_the_year() -> Case:
    t = base()
    t["targets"] = t["targets"][t["targets"]["indicator_id"] != "I-K1"]
    for q in QUARTERS:
        t["targets"] = add_row(t["targets"], indicator_id="I-K1", period=q, target=30.0)
    return Case(
        "missing-target", t, {("missing-target", "I-K1")}, note="quarters alone do not count"
    )


def _no_targets_anywhere() -> Case:
    t = base()
    t["targets"] = t["targets"].iloc[0:0]
    t["realisations"] = t["realisations"].iloc[0:0]
    t["budgets"] = t["budgets"].iloc[0:0]
    ids = t["indicators"]["indicator_id"]
    return Case("missing-target", t, {("missing-target", i) for i in ids}, note="no periods")


def _period_without_targets() -> Case:
    return Case(
        "missing-target",
        base(),
        {("missing-target", i) for i in base()["indicators"]["indicator_id"]},
        period="2025",
        note="a period asked that has no targets",
    )


def _quarter_checked_with_quarter_targets() -> Case:
    t = base()
    for i in t["indicators"]["indicator_id"]:
        t["targets"] = add_row(t["targets"], indicator_id=i, period="2024Q1", target=30.0)
    return Case("missing-target", t, period="2024Q1", note="quarter checked, quarter targets")


def _repeated_indicator_id() -> Case:
    t = base()
    _child(t, "I-R1", "I-SK1")  # a second row for I-R1: duplicate-id's finding
    return Case("missing-target", t, note="the targets of a repeated id are its first row's")


# ------------------------------------------------------------------- invalid-value


def _invalid_values() -> Case:
    t = base()
    _set(t, "realisations", "I-K1", "value", np.inf)
    t["targets"]["target_upper"] = np.nan
    _set(t, "targets", "I-SK1", "target_upper", np.inf)
    _set(t, "indicators", "I-R1", "weight", -np.inf)
    _set(t, "budgets", "K1", "spent", np.inf)
    expected = {("invalid-value", s) for s in ("I-K1", "I-SK1", "I-R1", "K1")}
    return Case("invalid-value", t, expected)


def _invalid_value_of_another_period() -> Case:
    t = base()
    t["targets"] = add_row(t["targets"], indicator_id="I-P1", period="2023", target=-np.inf)
    return Case(
        "invalid-value",
        t,
        {("invalid-value", "I-P1")},
        period="2024",
        note="every row is checked, whatever its period",
    )


def _blank_optional_numbers() -> Case:
    t = base()
    t["targets"]["target_upper"] = np.nan
    t["budgets"]["spent"] = np.nan
    return Case("invalid-value", t, note="blank target_upper and spent are fine")


# ----------------------------------------------------------- target-split-mismatch


def _split_does_not_add_up() -> Case:
    t = base()
    _set(t, "targets", "I-R1", "target", 100.0)
    return Case("target-split-mismatch", t, {("target-split-mismatch", "I-SK1")})


def _carrier_without_target() -> Case:
    t = base()
    _set(t, "targets", "I-R1", "target", 70.0)
    _child(t, "I-R2", "I-SK1")
    return Case(
        "target-split-mismatch",
        t,
        {("target-split-mismatch", "I-SK1")},
        note="a carrier child without a target",
    )


def _upper_bounds_do_not_add_up() -> Case:
    t = base()
    t["targets"]["target_upper"] = np.nan
    _set(t, "targets", "I-SK1", "target_upper", 130.0)
    _set(t, "targets", "I-R1", "target_upper", 125.0)
    return Case(
        "target-split-mismatch", t, {("target-split-mismatch", "I-SK1")}, note="upper bounds"
    )


def _split_into_two() -> Case:
    t = base()
    _set(t, "targets", "I-R1", "target", 70.0)
    _child(t, "I-R2", "I-SK1")
    t["targets"] = add_row(t["targets"], indicator_id="I-R2", period="2024", target=50.0)
    _child(t, "I-R3", "I-SK1", role="supporting")  # no target: supporting does not count
    return Case("target-split-mismatch", t, note="70 + 50 = 120; supporting ignored")


def _split_within_tolerance() -> Case:
    t = base()
    _set(t, "targets", "I-R1", "target", 120.1)  # 0.08 % off, tolerance 0.1 %
    return Case("target-split-mismatch", t, note="within tolerance")


def _range_split() -> Case:
    t = base()
    t["targets"]["target_upper"] = np.nan
    _set(t, "targets", "I-SK1", "target_upper", 130.0)
    _set(t, "targets", "I-R1", "target_upper", 130.0)
    return Case("target-split-mismatch", t, note="range targets that add up")


def _parent_without_target_for_the_period() -> Case:
    t = base()
    t["targets"] = add_row(t["targets"], indicator_id="I-R1", period="2024Q1", target=30.0)
    return Case(
        "target-split-mismatch",
        t,
        period="2024Q1",
        note="only periods where the parent has a target",
    )


# ------------------------------------------------------------ realisation-mismatch


def _reported_differs_from_derived() -> Case:
    t = base()
    _set(t, "realisations", "I-R1", "value", 100.0)
    return Case("realisation-mismatch", t, {("realisation-mismatch", "I-SK1")})


def _derived_from_quarters() -> Case:
    t = base()
    t["realisations"] = t["realisations"][t["realisations"]["indicator_id"] != "I-R1"]
    for q, v in zip(QUARTERS, [20.0, 30.0, 25.0, 25.0], strict=True):
        t["realisations"] = add_row(t["realisations"], indicator_id="I-R1", period=q, value=v)
    return Case(
        "realisation-mismatch",
        t,
        {("realisation-mismatch", "I-SK1")},
        note="the child's year from its quarters (sum: 100)",
    )


def _missing_child_counts_as_zero() -> Case:
    t = base()
    t["realisations"] = t["realisations"][t["realisations"]["indicator_id"] != "I-R1"]
    return Case(
        "realisation-mismatch",
        t,
        {("realisation-mismatch", "I-SK1")},
        policy={"missing": "zero"},
        note="missing=zero",
    )


def _missing_child_skips() -> Case:
    t = base()
    t["realisations"] = t["realisations"][t["realisations"]["indicator_id"] != "I-R1"]
    return Case("realisation-mismatch", t, note="missing child: nothing derived")


def _derived_only() -> Case:
    t = base()
    t["realisations"] = t["realisations"][t["realisations"]["indicator_id"] != "I-SK1"]
    return Case("realisation-mismatch", t, note="derived value flows up")


def _quarters_that_agree() -> Case:
    t = base()
    t["realisations"] = t["realisations"][t["realisations"]["indicator_id"] != "I-R1"]
    for q, v in zip(QUARTERS, [20.0, 30.0, 30.0, 30.0], strict=True):
        t["realisations"] = add_row(t["realisations"], indicator_id="I-R1", period=q, value=v)
    return Case("realisation-mismatch", t, note="quarters add up to 110")


# ---------------------------------------------------------------------- zero-target


def _zero_target() -> Case:
    t = base()
    _set(t, "targets", "I-R1", "target", 0.0)
    t["targets"]["target_upper"] = np.nan
    _set(t, "targets", "I-K1", "target", -5.0)
    _set(t, "targets", "I-K1", "target_upper", 0.0)
    return Case("zero-target", t, {("zero-target", "I-R1"), ("zero-target", "I-K1")})


def _range_from_zero() -> Case:
    t = base()
    t["targets"]["target_upper"] = np.nan
    _set(t, "targets", "I-R1", "target", 0.0)
    _set(t, "targets", "I-R1", "target_upper", 5.0)
    return Case("zero-target", t, note="a range 0–5 is fine")


def _zero_quarter_not_checked() -> Case:
    t = base()
    t["targets"] = add_row(t["targets"], indicator_id="I-R1", period="2024Q1", target=0.0)
    return Case("zero-target", t, note="a zero quarter when the years are checked")


# ---------------------------------------------------------- undefined-achievement


def _zero_target_missed() -> Case:
    t = base()
    t["targets"]["target_upper"] = np.nan
    _set(t, "targets", "I-R1", "target", 0.0)  # realisation 110 against 0
    return Case("undefined-achievement", t, {("undefined-achievement", "I-R1")})


def _zero_target_met() -> Case:
    t = base()
    t["targets"]["target_upper"] = np.nan
    _set(t, "targets", "I-R1", "target", 0.0)
    _set(t, "realisations", "I-R1", "value", 0.0)
    t["realisations"] = t["realisations"][t["realisations"]["indicator_id"] != "I-SK1"]
    t["indicators"].loc[t["indicators"]["indicator_id"] != "I-R1", "aggregation"] = "none"
    return Case("undefined-achievement", t, note="a zero target met by 0 is 100")


def _zero_realisation_under_ratio() -> Case:
    t = base()
    t["indicators"].loc[t["indicators"]["indicator_id"] == "I-R1", "polarity"] = "minimize"
    _set(t, "realisations", "I-R1", "value", 0.0)
    t["indicators"].loc[:, "aggregation"] = "none"
    return Case(
        "undefined-achievement",
        t,
        {("undefined-achievement", "I-R1")},
        policy={"minimize": "ratio"},
        note="T / R with R = 0",
    )


def _zero_realisation_under_difference() -> Case:
    t = base()
    t["indicators"].loc[t["indicators"]["indicator_id"] == "I-R1", "polarity"] = "minimize"
    _set(t, "realisations", "I-R1", "value", 0.0)
    t["indicators"].loc[:, "aggregation"] = "none"
    return Case("undefined-achievement", t, note="2 - 0 / T is 200")


def _zero_target_bettered_is_met_by_policy() -> Case:
    case = _zero_target_missed()
    return Case(
        "undefined-achievement",
        case.tables,
        policy={"zero_target": "met_or_better"},
        note="met_or_better",
    )


# ------------------------------------------------------------------- invalid-weight


def _negative_weight() -> Case:
    t = base()
    _child(t, "I-R2", "I-SK1", weight=-0.5)
    return Case("invalid-weight", t, {("invalid-weight", "I-R2")})


def _all_children_weigh_zero() -> Case:
    t = base()
    _set(t, "indicators", "I-R1", "weight", 0.0)
    _child(t, "I-R2", "I-SK1", role="supporting", weight=0.0)
    return Case("invalid-weight", t, {("invalid-weight", "I-SK1")}, note="all zero")


def _weighted_mean_carriers_weigh_zero() -> Case:
    t = base()
    _set(t, "indicators", "I-SK1", "aggregation", "weighted_mean")
    _set(t, "indicators", "I-R1", "weight", 0.0)
    _child(t, "I-R2", "I-SK1", role="supporting", weight=1.0)
    return Case(
        "invalid-weight", t, {("invalid-weight", "I-SK1")}, note="weighted mean over zeros"
    )


def _some_children_weigh_zero() -> Case:
    t = base()
    _child(t, "I-R2", "I-SK1", weight=0.0)
    _child(t, "I-R3", "I-SK1", role="own", weight=0.0)
    return Case("invalid-weight", t, note="one of two carriers weighs 0")


# -------------------------------------------------------------- target-outside-plan


def _target_after_the_plan() -> Case:
    t = base()
    t["targets"] = add_row(t["targets"], indicator_id="I-R1", period="2027", target=130.0)
    t["targets"] = add_row(t["targets"], indicator_id="I-R1", period="2027Q1", target=30.0)
    return Case(
        "target-outside-plan",
        t,
        {("target-outside-plan", "I-R1")},
        policy={"plan_start": 2021, "plan_end": 2026},
    )


def _no_plan_years() -> Case:
    t = _target_after_the_plan().tables
    return Case("target-outside-plan", t, note="not applicable without plan years")


def _year_not_checked() -> Case:
    t = _target_after_the_plan().tables
    return Case(
        "target-outside-plan",
        t,
        policy={"plan_start": 2021, "plan_end": 2026},
        period="2024",
        note="only the years checked",
    )


# ------------------------------------------------------------------ duplicate-entry


def _duplicate_entries() -> Case:
    t = base()
    t["targets"] = add_row(t["targets"], indicator_id="I-K1", period="2024", target=130.0)
    t["realisations"] = add_row(t["realisations"], indicator_id="I-SK1", period="2024", value=9)
    t["budgets"] = add_row(t["budgets"], goal_id="K1", period="2024", allocated=2e8)
    t["realisations"] = add_row(t["realisations"], indicator_id="I-X", period="2024", value=1)
    t["realisations"] = add_row(t["realisations"], indicator_id="I-X", period="2024", value=2)
    expected = {("duplicate-entry", s) for s in ("I-K1", "I-SK1", "K1", "I-X")}
    return Case("duplicate-entry", t, expected)


def _one_entry_per_period() -> Case:
    t = base()
    t["targets"] = add_row(t["targets"], indicator_id="I-K1", period="2024Q1", target=30.0)
    t["targets"] = add_row(t["targets"], indicator_id="I-K1", period="2025", target=130.0)
    return Case("duplicate-entry", t, note="other periods")


FAILING = [
    _missing_target(),
    _quarters_do_not_count_for_the_year(),
    _no_targets_anywhere(),
    _period_without_targets(),
    _invalid_values(),
    _invalid_value_of_another_period(),
    _split_does_not_add_up(),
    _carrier_without_target(),
    _upper_bounds_do_not_add_up(),
    _reported_differs_from_derived(),
    _derived_from_quarters(),
    _missing_child_counts_as_zero(),
    _zero_target(),
    _negative_weight(),
    _all_children_weigh_zero(),
    _weighted_mean_carriers_weigh_zero(),
    _target_after_the_plan(),
    _duplicate_entries(),
    _zero_target_missed(),
    _zero_realisation_under_ratio(),
]

PASSING = [
    Case(name, base())
    for name in (
        "missing-target",
        "invalid-value",
        "target-split-mismatch",
        "realisation-mismatch",
        "zero-target",
        "invalid-weight",
        "duplicate-entry",
    )
] + [
    Case("target-outside-plan", base(), policy={"plan_start": 2021, "plan_end": 2026}),
    _quarter_checked_with_quarter_targets(),
    _repeated_indicator_id(),
    _blank_optional_numbers(),
    _split_into_two(),
    _split_within_tolerance(),
    _range_split(),
    _parent_without_target_for_the_period(),
    _missing_child_skips(),
    _derived_only(),
    _quarters_that_agree(),
    _range_from_zero(),
    _zero_quarter_not_checked(),
    _zero_target_met(),
    _zero_realisation_under_difference(),
    _zero_target_bettered_is_met_by_policy(),
    _some_children_weigh_zero(),
    _no_plan_years(),
    _year_not_checked(),
    _one_entry_per_period(),
]
