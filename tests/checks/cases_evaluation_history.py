"""Failing, passing and not-applicable cases for the history rules (CAS511–CAS513, CAS518).

The base city (``_base.base``) has one year, 2024: every indicator targets 120 and realises
110, all ``maximize`` and ``sum`` up the chain ``I-T1`` → ``I-S1`` → ``I-P1`` → ``I-K1`` →
``I-SK1`` → ``I-R1``; ``I-T1`` and ``I-S1`` are key indicators (IKU). The cases add rows of
other years (2022, 2023, 2025, 2026), a plan period in the policy, an end-target column on
``indicators`` or a ``document`` column on ``targets``.
"""

from __future__ import annotations

import numpy as np
from tests.checks._base import Case, Tables, add_row, base


def _set(t: Tables, table: str, subject: str, column: str, value: object) -> None:
    frame = t[table]
    frame.loc[int(np.flatnonzero(frame.iloc[:, 0].to_numpy() == subject)[0]), column] = value


def _target(t: Tables, indicator: str, period: str, target: float, **extra: object) -> None:
    t["targets"] = add_row(
        t["targets"], indicator_id=indicator, period=period, target=target, **extra
    )


def _realised(t: Tables, indicator: str, period: str, value: float) -> None:
    t["realisations"] = add_row(
        t["realisations"], indicator_id=indicator, period=period, value=value
    )


def _plan(start: int, end: int, **evaluation: object) -> dict[str, object]:
    policy: dict[str, object] = {"plan_start": start, "plan_end": end}
    if evaluation:
        policy["evaluation"] = evaluation
    return policy


# ------------------------------------------------------------------ target-regression

REGRESSION = "target-regression"


def _regression_maximize() -> Case:
    t = base()
    _realised(t, "I-T1", "2023", 130.0)  # the top: nothing above derives from it
    return Case(REGRESSION, t, {(REGRESSION, "I-T1")})


def _regression_minimize() -> Case:
    t = base()
    _set(t, "indicators", "I-R1", "polarity", "minimize")
    _realised(t, "I-R1", "2023", 100.0)
    _realised(t, "I-SK1", "2023", 100.0)  # maximize, 100 below its 120: fine
    return Case(REGRESSION, t, {(REGRESSION, "I-R1")}, note="minimize")


def _regression_just_beyond_tolerance() -> Case:
    t = base()
    _realised(t, "I-T1", "2023", 120.2)  # tolerance 0.1 % of 120.2 is 0.12
    return Case(REGRESSION, t, {(REGRESSION, "I-T1")}, note="beyond tolerance")


def _regression_range_below() -> Case:
    t = base()
    _set(t, "targets", "I-P1", "target", 100.0)
    _set(t, "targets", "I-P1", "target_upper", 115.0)
    _realised(t, "I-P1", "2023", 118.0)
    return Case(REGRESSION, t, {(REGRESSION, "I-P1")}, note="a range wholly below")


def _regression_from_quarters() -> Case:
    t = base()
    for quarter, value in (("Q1", 40.0), ("Q2", 40.0), ("Q3", 30.0), ("Q4", 20.0)):
        _realised(t, "I-R1", "2023" + quarter, value)  # summed: 130
    _realised(t, "I-SK1", "2023", 100.0)  # reported wins over the derived 130
    return Case(REGRESSION, t, {(REGRESSION, "I-R1")}, note="realisation of quarters only")


def _regression_derived_up_the_chain() -> Case:
    t = base()
    _realised(t, "I-R1", "2023", 130.0)  # every indicator above derives 130 by sum
    expected = {(REGRESSION, i) for i in ("I-T1", "I-S1", "I-P1", "I-K1", "I-SK1", "I-R1")}
    return Case(REGRESSION, t, expected, note="derived from carrier children")


def _regression_in_two_years() -> Case:
    t = base()
    _realised(t, "I-T1", "2023", 130.0)
    for i in ("I-T1", "I-S1", "I-P1", "I-K1", "I-SK1", "I-R1"):
        _target(t, i, "2025", 125.0)
    _set(t, "realisations", "I-K1", "value", 126.0)  # 2024 realisation above its 2025 target
    expected = {(REGRESSION, "I-T1"), (REGRESSION, "I-K1")}
    return Case(REGRESSION, t, expected, note="two years checked")


def _no_regression_within_tolerance() -> Case:
    t = base()
    _realised(t, "I-S1", "2023", 120.1)
    _realised(t, "I-T1", "2023", 100.0)  # reported: wins over the 120.1 derived
    return Case(REGRESSION, t, note="within tolerance or below the target")


def _no_regression_stabilize_or_range() -> Case:
    t = base()
    _set(t, "indicators", "I-R1", "polarity", "stabilize")
    _realised(t, "I-R1", "2023", 200.0)
    _realised(t, "I-SK1", "2023", 100.0)  # reported: the 200 does not roll up
    _realised(t, "I-S1", "2023", 100.0)  # nor the 125 below
    _set(t, "targets", "I-P1", "target", 110.0)
    _set(t, "targets", "I-P1", "target_upper", 130.0)
    _realised(t, "I-P1", "2023", 125.0)
    _set(t, "indicators", "I-K1", "polarity", "minimize")
    _realised(t, "I-K1", "2023", 125.0)
    return Case(REGRESSION, t, note="stabilize, a range holding it, minimize above the target")


def _no_regression_without_target() -> Case:
    t = base()
    t["targets"] = t["targets"][t["targets"]["indicator_id"] != "I-S1"]
    _realised(t, "I-S1", "2023", 130.0)
    _realised(t, "I-T1", "2023", 100.0)
    _target(t, "I-S1", "2024Q4", 100.0)  # a quarter's target is not the year's
    return Case(REGRESSION, t, note="no annual target for the year")


def _regression_needs_the_year_before() -> Case:
    t = base()
    _realised(t, "I-S1", "2022", 130.0)
    return Case(REGRESSION, t, note="needs realisations for the year before 2024")


FAILING = [
    _regression_maximize(),
    _regression_minimize(),
    _regression_just_beyond_tolerance(),
    _regression_range_below(),
    _regression_from_quarters(),
    _regression_derived_up_the_chain(),
    _regression_in_two_years(),
]

PASSING = [
    _no_regression_within_tolerance(),
    _no_regression_stabilize_or_range(),
    _no_regression_without_target(),
]

NOT_APPLICABLE = [
    Case(REGRESSION, base(), note="needs realisations for the year before"),
    _regression_needs_the_year_before(),
]
