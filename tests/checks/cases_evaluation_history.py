"""Failing, passing and not-applicable cases for the history rules (CAS511–CAS513, CAS518).

The base city (``_base.base``) has one year, 2024: every indicator targets 120 and realises
110, all ``maximize`` and ``sum`` up the chain ``I-T1`` → ``I-S1`` → ``I-P1`` → ``I-K1`` →
``I-SK1`` → ``I-R1``; ``I-T1`` and ``I-S1`` are key indicators (IKU). The cases add rows of
other years (2022, 2023, 2025, 2026), a plan period in the policy, an end-target column on
``indicators`` or a ``document`` column on ``targets``.
"""

from __future__ import annotations

import numpy as np
from tests.checks._base import (
    Case,
    Tables,
    add_iku,
    add_realisation,
    add_target,
    base,
    plan,
)


def _set(t: Tables, table: str, subject: str, column: str, value: object) -> None:
    frame = t[table]
    frame.loc[int(np.flatnonzero(frame.iloc[:, 0].to_numpy() == subject)[0]), column] = value


# ------------------------------------------------------------------ target-regression

REGRESSION = "target-regression"


def _regression_maximize() -> Case:
    t = base()
    add_realisation(t, "I-T1", "2023", 130.0)  # the top: nothing above derives from it
    return Case(REGRESSION, t, {(REGRESSION, "I-T1")})


def _regression_minimize() -> Case:
    t = base()
    _set(t, "indicators", "I-R1", "polarity", "minimize")
    add_realisation(t, "I-R1", "2023", 100.0)
    add_realisation(t, "I-SK1", "2023", 100.0)  # maximize, 100 below its 120: fine
    return Case(REGRESSION, t, {(REGRESSION, "I-R1")}, note="minimize")


def _regression_just_beyond_tolerance() -> Case:
    t = base()
    add_realisation(t, "I-T1", "2023", 120.2)  # tolerance 0.1 % of 120.2 is 0.12
    return Case(REGRESSION, t, {(REGRESSION, "I-T1")}, note="beyond tolerance")


def _regression_range_below() -> Case:
    t = base()
    _set(t, "targets", "I-P1", "target", 100.0)
    _set(t, "targets", "I-P1", "target_upper", 115.0)
    add_realisation(t, "I-P1", "2023", 118.0)
    return Case(REGRESSION, t, {(REGRESSION, "I-P1")}, note="a range wholly below")


def _regression_from_quarters() -> Case:
    t = base()
    for quarter, value in (("Q1", 40.0), ("Q2", 40.0), ("Q3", 30.0), ("Q4", 20.0)):
        add_realisation(t, "I-R1", "2023" + quarter, value)  # summed: 130
    add_realisation(t, "I-SK1", "2023", 100.0)  # reported wins over the derived 130
    return Case(REGRESSION, t, {(REGRESSION, "I-R1")}, note="realisation of quarters only")


def _regression_derived_up_the_chain() -> Case:
    t = base()
    add_realisation(t, "I-R1", "2023", 130.0)  # every indicator above derives 130 by sum
    expected = {(REGRESSION, i) for i in ("I-T1", "I-S1", "I-P1", "I-K1", "I-SK1", "I-R1")}
    return Case(REGRESSION, t, expected, note="derived from carrier children")


def _regression_in_two_years() -> Case:
    t = base()
    add_realisation(t, "I-T1", "2023", 130.0)
    for i in ("I-T1", "I-S1", "I-P1", "I-K1", "I-SK1", "I-R1"):
        add_target(t, i, "2025", 125.0)
    _set(t, "realisations", "I-K1", "value", 126.0)  # 2024 realisation above its 2025 target
    expected = {(REGRESSION, "I-T1"), (REGRESSION, "I-K1")}
    return Case(REGRESSION, t, expected, note="two years checked")


def _no_regression_within_tolerance() -> Case:
    t = base()
    add_realisation(t, "I-S1", "2023", 120.1)
    add_realisation(t, "I-T1", "2023", 100.0)  # reported: wins over the 120.1 derived
    return Case(REGRESSION, t, note="within tolerance or below the target")


def _no_regression_stabilize_or_range() -> Case:
    t = base()
    _set(t, "indicators", "I-R1", "polarity", "stabilize")
    add_realisation(t, "I-R1", "2023", 200.0)
    add_realisation(t, "I-SK1", "2023", 100.0)  # reported: the 200 does not roll up
    add_realisation(t, "I-S1", "2023", 100.0)  # nor the 125 below
    _set(t, "targets", "I-P1", "target", 110.0)
    _set(t, "targets", "I-P1", "target_upper", 130.0)
    add_realisation(t, "I-P1", "2023", 125.0)
    _set(t, "indicators", "I-K1", "polarity", "minimize")
    add_realisation(t, "I-K1", "2023", 125.0)
    return Case(REGRESSION, t, note="stabilize, a range holding it, minimize above the target")


def _no_regression_without_target() -> Case:
    t = base()
    t["targets"] = t["targets"][t["targets"]["indicator_id"] != "I-S1"]
    add_realisation(t, "I-S1", "2023", 130.0)
    add_realisation(t, "I-T1", "2023", 100.0)
    add_target(t, "I-S1", "2024Q4", 100.0)  # a quarter's target is not the year's
    return Case(REGRESSION, t, note="no annual target for the year")


def _regression_needs_the_year_before() -> Case:
    t = base()
    add_realisation(t, "I-S1", "2022", 130.0)
    return Case(REGRESSION, t, note="needs realisations for the year before 2024")


# ------------------------------------------------------------------ target-path-break

PATH = "target-path-break"


def _path_falls() -> Case:
    t = base()
    add_target(t, "I-S1", "2023", 130.0)
    return Case(PATH, t, {(PATH, "I-S1")}, policy=plan(2023, 2026))


def _path_rises_for_minimize() -> Case:
    t = base()
    _set(t, "indicators", "I-R1", "polarity", "minimize")
    add_target(t, "I-R1", "2023", 100.0)
    add_target(t, "I-SK1", "2023", 100.0)  # maximize rising: fine
    return Case(PATH, t, {(PATH, "I-R1")}, policy=plan(2023, 2026), note="minimize")


def _path_falls_across_a_gap() -> Case:
    t = base()
    add_target(t, "I-S1", "2022", 100.0)
    add_target(t, "I-S1", "2026", 110.0)  # no 2025: compared with 2024
    return Case(PATH, t, {(PATH, "I-S1")}, policy=plan(2022, 2026), note="a year missing")


def _path_misses_the_end_target() -> Case:
    t = base()
    add_target(t, "I-T1", "2023", 110.0)
    t["indicators"]["target_akhir"] = ["150", None, None, None, None, None]
    return Case(PATH, t, {(PATH, "I-T1")}, policy=plan(2023, 2024), note="end target")


def _path_misses_the_end_target_text() -> Case:
    t = base()
    add_target(t, "I-T1", "2023", 110.0)
    t["indicators"]["End Target"] = ["120,5", "120", None, None, None, "-"]
    return Case(PATH, t, {(PATH, "I-T1")}, policy=plan(2023, 2024), note="Indonesian number text")


def _path_range_moves_down() -> Case:
    t = base()
    _set(t, "targets", "I-P1", "target", 100.0)
    _set(t, "targets", "I-P1", "target_upper", 130.0)
    add_target(t, "I-P1", "2023", 105.0, target_upper=125.0)
    _set(t, "indicators", "I-K1", "polarity", "minimize")
    _set(t, "targets", "I-K1", "target_upper", 130.0)
    add_target(t, "I-K1", "2023", 120.0, target_upper=125.0)
    expected = {(PATH, "I-P1"), (PATH, "I-K1")}
    return Case(PATH, t, expected, policy=plan(2023, 2024), note="range bounds")


def _path_steady() -> Case:
    t = base()
    add_target(t, "I-S1", "2023", 120.1)  # within tolerance
    add_target(t, "I-T1", "2023", 100.0)
    _set(t, "indicators", "I-R1", "polarity", "stabilize")
    add_target(t, "I-R1", "2023", 150.0)
    return Case(PATH, t, policy=plan(2023, 2026), note="rising, flat or stabilize")


def _path_break_outside_the_plan() -> Case:
    t = base()
    add_target(t, "I-S1", "2023", 130.0)  # before the plan
    add_target(t, "I-S1", "2025", 125.0)
    add_target(t, "I-S1", "2027", 100.0)  # after it
    return Case(PATH, t, policy=plan(2024, 2026), note="outside the plan period")


def _path_meets_the_end_target() -> Case:
    t = base()
    add_target(t, "I-T1", "2023", 110.0)
    _set(t, "targets", "I-P1", "target", 100.0)
    _set(t, "targets", "I-P1", "target_upper", 130.0)
    t["indicators"]["target_akhir"] = ["120.05", None, "125", None, None, "abc"]
    return Case(PATH, t, policy=plan(2023, 2024), note="end target met, inside a range")


def _path_needs_a_plan() -> Case:
    t = base()
    add_target(t, "I-S1", "2023", 130.0)
    return Case(PATH, t, note="needs the plan period")


def _path_needs_two_years() -> Case:
    t = base()
    add_target(t, "I-S1", "2021", 130.0)
    return Case(PATH, t, policy=plan(2022, 2026), note="needs targets for at least two years")


# ------------------------------------------------------------------------ iku-churn

CHURN = "iku-churn"


def _churn_twice() -> Case:
    t = base()
    add_iku(t, "S1", "I-S1b")
    add_target(t, "I-S1", "2022", 100.0)
    add_target(t, "I-S1b", "2023", 10.0)  # 2022 {I-S1}, 2023 {I-S1b}, 2024 {I-S1}
    return Case(CHURN, t, {(CHURN, "S1")}, policy=plan(2022, 2024))


def _churn_once_but_none_allowed() -> Case:
    t = base()
    add_target(t, "I-T1", "2023", 100.0)  # T1 keeps {I-T1}; S1 gains I-S1 in 2024
    return Case(CHURN, t, {(CHURN, "S1")}, policy=plan(2023, 2024, max_iku_changes=0))


def _churn_by_renumbering() -> Case:
    t = base()
    add_iku(t, "T1", "I-T1-2023")
    add_iku(t, "T1", "I-T1-2025")
    add_target(t, "I-T1-2023", "2023", 100.0)
    add_target(t, "I-T1-2025", "2025", 130.0)
    add_target(t, "I-S1", "2023", 100.0)
    add_target(t, "I-S1", "2025", 130.0)
    return Case(CHURN, t, {(CHURN, "T1")}, policy=plan(2021, 2026), note="a new id each year")


def _stable_iku() -> Case:
    t = base()
    for i in ("I-T1", "I-S1"):
        add_target(t, i, "2023", 100.0)
        add_target(t, i, "2025", 130.0)
    add_iku(t, "S1", "I-S1b")
    add_target(t, "I-S1b", "2025", 5.0)  # one change: allowed
    return Case(CHURN, t, policy=plan(2023, 2025), note="one change")


def _churn_outside_the_plan() -> Case:
    t = base()
    add_iku(t, "S1", "I-S1b")
    add_target(t, "I-S1b", "2021", 10.0)  # before the plan
    add_target(t, "I-S1b", "2026", 10.0)  # after it
    for i in ("I-T1", "I-S1"):
        add_target(t, i, "2023", 100.0)
    return Case(CHURN, t, policy=plan(2022, 2025), note="changes outside the plan period")


def _churn_across_a_year_without_data() -> Case:
    t = base()
    add_iku(t, "S1", "I-S1b")
    add_target(t, "I-S1b", "2022", 10.0)  # 2022 {I-S1b}, no key target in 2023, 2024 {I-S1}
    add_target(t, "I-T1", "2022", 100.0)
    return Case(CHURN, t, policy=plan(2022, 2024), note="a year with no IKU target at all")


def _churn_of_indicators_not_key() -> Case:
    t = base()
    add_target(t, "I-P1", "2023", 100.0)  # not key: P1 changes, but has no IKU
    add_target(t, "I-T1", "2023", 100.0)
    add_target(t, "I-S1", "2023", 100.0)
    return Case(CHURN, t, policy=plan(2023, 2024, max_iku_changes=0), note="not key")


def _churn_needs_a_plan() -> Case:
    return Case(CHURN, base(), note="needs the plan period")


def _churn_needs_two_years() -> Case:
    t = base()
    add_target(t, "I-P1", "2023", 100.0)  # not a key indicator
    return Case(CHURN, t, policy=plan(2023, 2024), note="needs targets of key indicators")


# ------------------------------------------------------------------------- plan-drift

DRIFT = "plan-drift"


def _documented(document: str = "pk") -> Tables:
    t = base()
    t["targets"]["document"] = document
    return t


def _drift_between_documents() -> Case:
    t = _documented()
    add_target(t, "I-T1", "2024", 125.0, document="renstra")
    return Case(DRIFT, t, {(DRIFT, "I-T1")})


def _drift_in_any_case_and_alias() -> Case:
    t = _documented("PK ")
    add_target(t, "I-S1", "2024", 120.0, document=" RPJMD")  # same: fine
    add_target(t, "I-S1", "2024", 90.0, document="Perjanjian  Kinerja")  # a second pk row
    add_target(t, "I-K1", "2024", 130.0, document="DPA")
    return Case(DRIFT, t, {(DRIFT, "I-K1")}, note="case, spaces and aliases")


def _drift_of_a_range_bound() -> Case:
    t = _documented()
    _set(t, "targets", "I-P1", "target_upper", 130.0)
    add_target(t, "I-P1", "2024", 120.0, target_upper=140.0, document="renja")
    return Case(DRIFT, t, {(DRIFT, "I-P1")}, note="upper bounds differ")


def _drift_in_a_quarter() -> Case:
    t = _documented()
    add_target(t, "I-R1", "2024Q2", 60.0, document="renaksi")
    add_target(t, "I-R1", "2024Q2", 55.0, document="pk")
    return Case(DRIFT, t, {(DRIFT, "I-R1")}, note="quarter targets of two documents")


def _renstra_without_pk() -> Case:
    t = _documented()
    _set(t, "targets", "I-S1", "document", "renja")
    add_target(t, "I-S1", "2024", 120.0, document="renstra")
    return Case(DRIFT, t, {(DRIFT, "I-S1")}, note="Renstra target, no PK target")


def _documents_agree() -> Case:
    t = _documented()
    add_target(t, "I-T1", "2024", 120.1, document="renstra")  # within tolerance
    add_target(t, "I-S1", "2024", 130.0)  # untagged: left out
    add_target(t, "I-P1", "2023", 90.0, document="renstra")  # a year not checked
    return Case(DRIFT, t, note="within tolerance, untagged, another year", period="2024")


def _renstra_without_any_pk() -> Case:
    t = _documented("renja")
    add_target(t, "I-S1", "2024", 120.0, document="renstra")
    return Case(DRIFT, t, note="no target tagged pk for the year")


def _drift_needs_the_column() -> Case:
    return Case(DRIFT, base(), note="needs a document column on targets")


FAILING = [
    _regression_maximize(),
    _regression_minimize(),
    _regression_just_beyond_tolerance(),
    _regression_range_below(),
    _regression_from_quarters(),
    _regression_derived_up_the_chain(),
    _regression_in_two_years(),
    _path_falls(),
    _path_rises_for_minimize(),
    _path_falls_across_a_gap(),
    _path_misses_the_end_target(),
    _path_misses_the_end_target_text(),
    _path_range_moves_down(),
    _churn_twice(),
    _churn_once_but_none_allowed(),
    _churn_by_renumbering(),
    _drift_between_documents(),
    _drift_in_any_case_and_alias(),
    _drift_of_a_range_bound(),
    _drift_in_a_quarter(),
    _renstra_without_pk(),
]

PASSING = [
    _no_regression_within_tolerance(),
    _no_regression_stabilize_or_range(),
    _no_regression_without_target(),
    _path_steady(),
    _path_break_outside_the_plan(),
    _path_meets_the_end_target(),
    _stable_iku(),
    _churn_outside_the_plan(),
    _churn_across_a_year_without_data(),
    _churn_of_indicators_not_key(),
    _documents_agree(),
    _renstra_without_any_pk(),
]

NOT_APPLICABLE = [
    Case(REGRESSION, base(), note="needs realisations for the year before"),
    _regression_needs_the_year_before(),
    _path_needs_a_plan(),
    _path_needs_two_years(),
    _churn_needs_a_plan(),
    _churn_needs_two_years(),
    _drift_needs_the_column(),
]
