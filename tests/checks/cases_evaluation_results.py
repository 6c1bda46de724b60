"""Failing, passing and not-applicable cases for the results rules (CAS505–CAS510).

The base city (``_base.base``) has one year, 2024, with a target of 120 and a realisation of
110 for each of its six indicators (achievement 91.7 %), annual targets only, and budget
lines on ``P1`` (90 % absorbed), ``K1`` and ``SK1``. Its PK indicators are ``I-T1`` to
``I-SK1``; ``I-R1`` belongs to an employee (pelaksana), so it is never one.
"""

from __future__ import annotations

import numpy as np
from tests.checks._base import Case, Tables, add_rows, base, set_cell, two_years

PK = ("I-T1", "I-S1", "I-P1", "I-K1", "I-SK1")
ALL = (*PK, "I-R1")
QUARTERS = ("2024Q1", "2024Q2", "2024Q3", "2024Q4")


def _set(t: Tables, table: str, key: str, value: object, column: str, new: object) -> None:
    """Set ``column`` to ``new`` on the rows of ``table`` whose ``key`` column is ``value``."""
    frame = t[table]
    frame.loc[frame[key].to_numpy() == value, column] = new


def _drop(t: Tables, table: str, indicator: str, periods: tuple[str, ...]) -> None:
    frame = t[table]
    keep = ~(
        (frame["indicator_id"].to_numpy() == indicator)
        & frame["period"].astype("str").isin(periods).to_numpy()
    )
    t[table] = frame[keep].reset_index(drop=True)


def _quarterly(
    t: Tables,
    ids: tuple[str, ...] = ALL,
    targets: tuple[float, ...] = (30.0, 30.0, 30.0, 30.0),
    values: tuple[float, ...] | None = (27.5, 27.5, 27.5, 27.5),
) -> Tables:
    """Quarter targets (and realisations, unless ``values`` is None) for ``ids``."""
    add_rows(
        t,
        "targets",
        [
            {"indicator_id": i, "period": q, "target": v}
            for i in ids
            for q, v in zip(QUARTERS, targets, strict=True)
        ],
    )
    if values is not None:
        add_rows(
            t,
            "realisations",
            [
                {"indicator_id": i, "period": q, "value": v}
                for i in ids
                for q, v in zip(QUARTERS, values, strict=True)
            ],
        )
    return t


def _on_target(t: Tables) -> Tables:
    t["realisations"]["value"] = 120.0
    return t


def _expect(rule: str, *ids: str) -> set[tuple[str, str]]:
    return {(rule, i) for i in ids}


# ------------------------------------------------------------------- renaksi-missing


def _annual_targets_only() -> Case:
    return Case(
        "renaksi-missing",
        base(),
        _expect("renaksi-missing", *PK),
        note="every PK indicator; the employee's is not a PK indicator",
    )


def _one_indicator_without_quarters() -> Case:
    t = _quarterly(base(), ids=tuple(i for i in ALL if i != "I-P1"), values=None)
    return Case("renaksi-missing", t, _expect("renaksi-missing", "I-P1"))


def _quarters_of_another_year() -> Case:
    t = base()
    add_rows(t, "targets", [{"indicator_id": i, "period": "2023Q4", "target": 30.0} for i in ALL])
    return Case(
        "renaksi-missing", t, _expect("renaksi-missing", *PK), note="2023Q4 is not inside 2024"
    )


def _quarterly_targets() -> Case:
    return Case("renaksi-missing", _quarterly(base(), values=None), note="quarters")


def _monthly_targets() -> Case:
    t = base()
    add_rows(t, "targets", [{"indicator_id": i, "period": "2024-03", "target": 30.0} for i in PK])
    return Case("renaksi-missing", t, note="one month is an action plan too")


def _year_without_targets() -> Case:
    return Case("renaksi-missing", base(), period="2025", note="no PK indicator in 2025")


# ------------------------------------------------------------------- realisation-gap


def _no_quarter_targets() -> Case:
    return Case("realisation-gap", base(), note="needs quarter or month targets (rencana aksi)")


def _quarters_missing() -> Case:
    t = _quarterly(base())
    _drop(t, "realisations", "I-R1", ("2024Q3", "2024Q4"))
    return Case("realisation-gap", t, _expect("realisation-gap", "I-R1"))


def _quarter_missing_at_two_levels() -> Case:
    t = _quarterly(base())
    _drop(t, "realisations", "I-R1", ("2024Q4",))
    _drop(t, "realisations", "I-SK1", ("2024Q4",))
    return Case(
        "realisation-gap",
        t,
        _expect("realisation-gap", "I-R1", "I-SK1"),
        note="the parent cannot be derived from a child that lacks it",
    )


def _annual_realisation_only() -> Case:
    t = _quarterly(base())
    _drop(t, "realisations", "I-K1", QUARTERS)
    _set(t, "indicators", "indicator_id", "I-K1", "aggregation", "none")
    return Case(
        "realisation-gap",
        t,
        _expect("realisation-gap", "I-K1"),
        note="a year's realisation does not measure its quarters",
    )


def _quarter_ended_by_as_of() -> Case:
    t = _quarterly(base())
    _drop(t, "realisations", "I-R1", ("2024Q3", "2024Q4"))
    return Case("realisation-gap", t, _expect("realisation-gap", "I-R1"), as_of="2024Q3")


def _monthly_target_missed() -> Case:
    t = _quarterly(base())
    add_rows(t, "targets", [{"indicator_id": "I-T1", "period": "2024-01", "target": 10.0}])
    return Case(
        "realisation-gap", t, _expect("realisation-gap", "I-T1"), as_of="2024-02", note="month"
    )


def _every_quarter_measured() -> Case:
    return Case("realisation-gap", _quarterly(base()), note="every quarter measured")


def _quarters_not_ended() -> Case:
    t = _quarterly(base())
    _drop(t, "realisations", "I-R1", ("2024Q3", "2024Q4"))
    return Case("realisation-gap", t, as_of="2024Q2", note="Q3 and Q4 have not ended")


def _quarter_not_ended_mid_quarter() -> Case:
    t = _quarterly(base())
    _drop(t, "realisations", "I-R1", ("2024Q3", "2024Q4"))
    return Case("realisation-gap", t, as_of="2024-08", note="August: Q3 has not ended")


def _derived_from_children() -> Case:
    t = _quarterly(base())
    for i in ("I-T1", "I-S1", "I-P1", "I-K1", "I-SK1"):
        _drop(t, "realisations", i, QUARTERS)
    return Case("realisation-gap", t, note="derived from the carrier children")


def _combined_from_months() -> Case:
    t = _quarterly(base())
    _drop(t, "realisations", "I-R1", ("2024Q1",))
    add_rows(
        t,
        "realisations",
        [{"indicator_id": "I-R1", "period": m, "value": 9.0} for m in ("2024-01", "2024-02")]
        + [{"indicator_id": "I-R1", "period": "2024-03", "value": 9.5}],
    )
    return Case("realisation-gap", t, note="a quarter combined from its months")


def _year_not_begun() -> Case:
    t = _quarterly(base())
    _drop(t, "realisations", "I-R1", QUARTERS)
    return Case("realisation-gap", t, as_of="2023Q4", note="2024 has not begun")


# --------------------------------------------------------------------- underachieved


def _below_target() -> Case:
    return Case(
        "underachieved", base(), _expect("underachieved", *PK), note="91.7 %, PK indicators only"
    )


def _minimize_above_target() -> Case:
    t = _on_target(base())
    _set(t, "indicators", "indicator_id", "I-P1", "polarity", "minimize")
    set_cell(t, "realisations", "I-P1", "2024", "value", 130.0)
    return Case("underachieved", t, _expect("underachieved", "I-P1"), note="minimize")


def _below_a_range() -> Case:
    t = _on_target(base())
    _set(t, "targets", "indicator_id", "I-K1", "target_upper", 130.0)
    set_cell(t, "realisations", "I-K1", "2024", "value", 119.0)
    return Case("underachieved", t, _expect("underachieved", "I-K1"), note="range 120–130")


def _cap_does_not_hide() -> Case:
    return Case(
        "underachieved",
        base(),
        _expect("underachieved", *PK),
        policy={"cap": 50},
        note="a cap below 100 changes nothing below 100",
    )


def _on_target_everywhere() -> Case:
    return Case("underachieved", _on_target(base()), note="on target")


def _capped_on_target() -> Case:
    return Case(
        "underachieved", _on_target(base()), policy={"cap": 90}, note="cap 90, before the cap"
    )


def _inside_a_range() -> Case:
    t = _on_target(base())
    t["targets"]["target"] = 100.0
    t["targets"]["target_upper"] = 130.0
    t["realisations"]["value"] = 110.0
    return Case("underachieved", t, note="inside the range")


def _no_realisation_is_not_judged() -> Case:
    t = _on_target(base())
    _drop(t, "realisations", "I-SK1", ("2024",))
    _drop(t, "realisations", "I-R1", ("2024",))
    return Case("underachieved", t, note="no realisation: realisation-gap's, not this")


def _zero_target_missed() -> Case:
    t = _on_target(base())
    set_cell(t, "targets", "I-P1", "2024", "target", 0.0)
    return Case("underachieved", t, note="undefined achievement is not judged")


# in the year: the base's sum indicators with quarters of 30 due each


def _behind_pro_rata() -> Case:
    t = _quarterly(base(), values=(30.0, 30.0, 30.0, 30.0))
    set_cell(t, "realisations", "I-P1", "2024Q2", "value", 20.0)  # 50 against 60 due
    return Case("underachieved", t, _expect("underachieved", "I-P1"), as_of="2024Q2")


def _behind_pro_rata_mid_quarter() -> Case:
    t = _quarterly(base(), values=(30.0, 30.0, 30.0, 30.0))
    set_cell(t, "realisations", "I-S1", "2024Q1", "value", 29.0)
    return Case(
        "underachieved",
        t,
        _expect("underachieved", "I-S1"),
        as_of="2024-05",
        note="May: one quarter elapsed",
    )


def _behind_latest_quarter() -> Case:
    t = _quarterly(base(), targets=(30.0, 60.0, 90.0, 120.0), values=(30.0, 60.0, 90.0, 120.0))
    for i in ALL:
        _set(t, "indicators", "indicator_id", i, "period_aggregation", "last")
    set_cell(t, "realisations", "I-K1", "2024Q2", "value", 50.0)
    return Case("underachieved", t, _expect("underachieved", "I-K1"), as_of="2024Q2", note="last")


def _missing_quarter_counts_as_zero() -> Case:
    t = _quarterly(base(), values=(30.0, 30.0, 30.0, 30.0))
    _drop(t, "realisations", "I-SK1", ("2024Q2",))
    _drop(t, "realisations", "I-R1", ("2024Q2",))  # nothing to derive I-SK1's from
    return Case(
        "underachieved",
        t,
        _expect("underachieved", "I-SK1"),
        as_of="2024Q2",
        policy={"missing": "zero"},
        note="missing = zero",
    )


def _on_track() -> Case:
    t = _quarterly(base(), values=(30.0, 30.0, 30.0, 30.0))
    return Case("underachieved", t, as_of="2024Q2", note="on track; the year has not ended")


def _ahead_despite_a_low_quarter() -> Case:
    t = _quarterly(base(), values=(40.0, 25.0, 0.0, 0.0))
    return Case("underachieved", t, as_of="2024Q2", note="cumulative: 65 against 60 due")


def _nothing_due_yet() -> Case:
    t = _quarterly(base(), values=(1.0, 1.0, 1.0, 1.0))
    return Case("underachieved", t, as_of="2024-02", note="no quarter has ended")


def _missing_quarter_skipped() -> Case:
    t = _quarterly(base(), values=(30.0, 30.0, 30.0, 30.0))
    _drop(t, "realisations", "I-SK1", ("2024Q2",))
    _drop(t, "realisations", "I-R1", ("2024Q2",))
    return Case("underachieved", t, as_of="2024Q2", note="a quarter missing: not judged")


def _position_on_track() -> Case:
    t = _quarterly(base(), targets=(30.0, 60.0, 90.0, 120.0), values=(30.0, 50.0, 90.0, 120.0))
    for i in ALL:
        _set(t, "indicators", "indicator_id", i, "period_aggregation", "last")
    return Case("underachieved", t, as_of="2024Q1", note="last: Q1 on its target")


def _not_begun() -> Case:
    return Case("underachieved", base(), as_of="2023Q4", note="2024 has not begun")


# -------------------------------------------------------------------- no-improvement


def _fell() -> Case:
    t = two_years()
    set_cell(t, "realisations", "I-P1", "2023", "value", 115.0)
    return Case("no-improvement", t, _expect("no-improvement", "I-P1"))


def _direction_only() -> Case:
    t = two_years()
    set_cell(t, "targets", "I-K1", "2023", "target", 140.0)
    set_cell(t, "realisations", "I-K1", "2023", "value", 112.0)  # 80 % then, 91.7 % now
    return Case(
        "no-improvement",
        t,
        _expect("no-improvement", "I-K1"),
        period="2024",
        note="achievement rose, realisation fell",
    )


def _achievement_only() -> Case:
    t = two_years()
    set_cell(t, "targets", "I-S1", "2023", "target", 100.0)  # 100 % then, 91.7 % now
    return Case(
        "no-improvement",
        t,
        _expect("no-improvement", "I-S1"),
        note="realisation rose, achievement fell",
    )


def _flat_below_target() -> Case:
    return Case(
        "no-improvement",
        two_years(before=110.0),
        _expect("no-improvement", *PK),
        note="91.7 % both years",
    )


def _minimize_rose() -> Case:
    t = two_years()
    _set(t, "indicators", "indicator_id", "I-T1", "polarity", "minimize")
    return Case(
        "no-improvement",
        t,
        _expect("no-improvement", "I-T1"),
        note="lower is better, 100 then 110",
    )


def _improved() -> Case:
    return Case("no-improvement", two_years(), note="100 then 110 against 120")


def _held_on_target() -> Case:
    t = _on_target(two_years(before=120.0))
    return Case("no-improvement", t, note="on target both years")


def _stabilize_has_no_direction() -> Case:
    t = two_years()
    _set(t, "indicators", "indicator_id", "I-P1", "polarity", "stabilize")
    set_cell(t, "realisations", "I-P1", "2023", "value", 125.0)  # 95.8 %
    set_cell(t, "realisations", "I-P1", "2024", "value", 119.0)  # 99.2 %
    return Case("no-improvement", t, note="stabilize: fell toward the target")


def _employee_not_judged() -> Case:
    t = two_years()
    set_cell(t, "realisations", "I-R1", "2023", "value", 119.0)
    return Case("no-improvement", t, note="not a PK indicator")


def _no_year_before() -> Case:
    return Case(
        "no-improvement", base(), note="needs targets and realisations for the year before"
    )


def _year_before_without_realisations() -> Case:
    t = base()
    add_rows(t, "targets", [{"indicator_id": i, "period": "2023", "target": 120.0} for i in ALL])
    return Case("no-improvement", t, note="needs targets and realisations for the year before")


# ----------------------------------------------------------------- inefficient-spend


def _spent_ahead() -> Case:
    t = base()
    set_cell(t, "realisations", "I-P1", "2024", "value", 80.0)  # 66.7 % against 90 % absorbed
    return Case("inefficient-spend", t, _expect("inefficient-spend", "P1"))


def _capped_at_100() -> Case:
    t = base()
    set_cell(t, "realisations", "I-K1", "2024", "value", 240.0)  # 200 %, counted as 100
    _set(t, "budgets", "goal_id", "K1", "spent", 1.15e9)  # 115 % absorbed
    return Case(
        "inefficient-spend", t, _expect("inefficient-spend", "K1"), note="achievement capped"
    )


def _mean_of_indicators() -> Case:
    t = base()
    add_rows(
        t,
        "indicators",
        [
            {
                "indicator_id": "I-P1B",
                "goal_id": "P1",
                "name": "Cakupan",
                "measure_unit": "persen",
                "role": "own",
            }
        ],
    )
    add_rows(t, "targets", [{"indicator_id": "I-P1B", "period": "2024", "target": 120.0}])
    add_rows(t, "realisations", [{"indicator_id": "I-P1B", "period": "2024", "value": 60.0}])
    return Case(
        "inefficient-spend",
        t,
        _expect("inefficient-spend", "P1"),
        note="the goal's mean: 70.8 % against 90 %",
    )


def _within_tolerance() -> Case:
    t = base()
    set_cell(t, "realisations", "I-P1", "2024", "value", 80.0)
    return Case(
        "inefficient-spend",
        t,
        policy={"evaluation": {"spend_tolerance": 30}},
        note="23.3 points within a tolerance of 30",
    )


def _no_spending_reported() -> Case:
    t = base()
    set_cell(t, "realisations", "I-P1", "2024", "value", 80.0)
    _set(t, "budgets", "goal_id", "P1", "spent", np.nan)
    return Case("inefficient-spend", t, note="P1 without spent")


def _no_achievement() -> Case:
    t = base()
    set_cell(t, "targets", "I-P1", "2024", "target", 0.0)  # undefined achievement
    _set(t, "budgets", "goal_id", "P1", "spent", 3e9)
    return Case("inefficient-spend", t, note="goal without achievement")


def _no_own_line() -> Case:
    t = base()
    set_cell(t, "realisations", "I-P1", "2024", "value", 80.0)
    t["budgets"] = t["budgets"][t["budgets"]["goal_id"] != "P1"].reset_index(drop=True)
    return Case("inefficient-spend", t, note="P1's figure only sums its kegiatan")


def _no_budgets() -> Case:
    t = base()
    t["budgets"] = t["budgets"].iloc[0:0]
    return Case("inefficient-spend", t, note="needs annual budget lines (pagu)")


def _no_spending_at_all() -> Case:
    t = base()
    t["budgets"]["spent"] = np.nan
    return Case(
        "inefficient-spend", t, note="needs spending (realisasi anggaran) on the budget lines"
    )


FAILING = [
    _annual_targets_only(),
    _one_indicator_without_quarters(),
    _quarters_of_another_year(),
    _quarters_missing(),
    _quarter_missing_at_two_levels(),
    _annual_realisation_only(),
    _quarter_ended_by_as_of(),
    _monthly_target_missed(),
    _below_target(),
    _minimize_above_target(),
    _below_a_range(),
    _cap_does_not_hide(),
    _behind_pro_rata(),
    _behind_pro_rata_mid_quarter(),
    _behind_latest_quarter(),
    _missing_quarter_counts_as_zero(),
    _fell(),
    _direction_only(),
    _achievement_only(),
    _flat_below_target(),
    _minimize_rose(),
    _spent_ahead(),
    _capped_at_100(),
    _mean_of_indicators(),
]

PASSING = [
    _quarterly_targets(),
    _monthly_targets(),
    _year_without_targets(),
    _every_quarter_measured(),
    _quarters_not_ended(),
    _quarter_not_ended_mid_quarter(),
    _derived_from_children(),
    _combined_from_months(),
    _year_not_begun(),
    _on_target_everywhere(),
    _capped_on_target(),
    _inside_a_range(),
    _no_realisation_is_not_judged(),
    _zero_target_missed(),
    _on_track(),
    _ahead_despite_a_low_quarter(),
    _nothing_due_yet(),
    _missing_quarter_skipped(),
    _position_on_track(),
    _not_begun(),
    _improved(),
    _held_on_target(),
    _stabilize_has_no_direction(),
    _employee_not_judged(),
    Case("inefficient-spend", base(), note="90 % absorbed, 91.7 % achieved"),
    _within_tolerance(),
    _no_spending_reported(),
    _no_achievement(),
    _no_own_line(),
]

NOT_APPLICABLE = [
    _no_quarter_targets(),
    _no_year_before(),
    _year_before_without_realisations(),
    _no_budgets(),
    _no_spending_at_all(),
]
