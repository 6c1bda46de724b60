"""Synthetic cascades (:func:`cascade.datasets.synthetic`): shape, consistency, defects.

A clean synthetic cascade must give no finding at all and an achievement for every
indicator, goal and owner; one with defects must give exactly the findings its ``.defects``
lists. Sizes stay small (at most a few thousand employees) so the file runs in seconds.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import cascade
from cascade import Cascade, UsageError
from cascade.datasets import Synthetic, example_defects, synthetic
from cascade.datasets._synthetic import (
    DEFECT_CHECKS,
    EMPLOYEES_PER_AGENCY,
    MAX_AGENCIES,
    MAX_DEFECT_RATE,
)

LEVELS = ["pemda", "perangkat_daerah", "administrator", "pengawas", "pelaksana"]


def _pairs(report: cascade.Report) -> set[tuple[str, str]]:
    frame = report.to_frame()
    return set(zip(frame["name"], frame["subject_id"], strict=True))


def _expected(s: Synthetic) -> set[tuple[str, str]]:
    return set(zip(s.defects["check"], s.defects["subject_id"], strict=True))


def _level_counts(c: Cascade) -> dict[str, int]:
    counts: dict[str, int] = c.counts()["units_by_level"]
    return counts


# ------------------------------------------------------------------ determinism


def test_the_same_seed_gives_identical_tables() -> None:
    a = synthetic(employees=400, seed=7, quarters=True, defect_rate=0.02)
    b = synthetic(employees=400, seed=7, quarters=True, defect_rate=0.02)
    assert a.cascade == b.cascade
    pd.testing.assert_frame_equal(a.defects, b.defects)


def test_another_seed_gives_another_cascade() -> None:
    a = synthetic(employees=400, seed=1)
    b = synthetic(employees=400, seed=2)
    assert a.cascade != b.cascade
    assert not a.cascade.targets["target"].equals(b.cascade.targets["target"])


def test_the_result_describes_itself() -> None:
    s = synthetic(employees=60, defect_rate=0.05)
    assert repr(s) == f"<Synthetic: {s.cascade!r}, {len(s.defects)} expected findings>"
    assert list(s.defects.columns) == list(example_defects().columns)
    assert list(synthetic(employees=60).defects.columns) == list(example_defects().columns)
    assert synthetic(employees=60).defects.empty


# ------------------------------------------------------------------------- shape


@pytest.mark.parametrize("employees", [1, 7, 100, 262, 700, 1234, 3000, 9000])
def test_the_owners_scale_with_the_employees(employees: int) -> None:
    c = synthetic(employees=employees, seed=employees).cascade
    counts = _level_counts(c)
    agencies = counts["perangkat_daerah"]
    assert agencies == min(
        MAX_AGENCIES, max(1, math.floor(employees / EMPLOYEES_PER_AGENCY + 0.5))
    )
    if 4 <= agencies < MAX_AGENCIES:  # the nearest whole number of agencies keeps 150-200 each
        assert 150 <= employees / agencies <= 200
    assert counts["pemda"] == 1
    assert counts["pelaksana"] == employees
    assert 2 * agencies <= counts["administrator"] <= 4 * agencies
    assert 2 * counts["administrator"] <= counts["pengawas"] <= 3 * counts["administrator"]
    units = c.units.set_index("unit_id")
    parent_level = units["level"].reindex(units["parent_id"]).to_numpy()
    wanted = {LEVELS[k]: LEVELS[k - 1] for k in range(1, 5)}
    assert [wanted.get(str(x)) for x in units["level"]] == [
        None if pd.isna(p) else str(p) for p in parent_level
    ]


def test_at_most_45_agencies() -> None:
    assert _level_counts(synthetic(employees=9000).cascade)["perangkat_daerah"] == MAX_AGENCIES


def test_goals_and_indicators_per_owner() -> None:
    c = synthetic(employees=2000, seed=3).cascade
    goals, ind = c.goals, c.indicators
    level = c.units.set_index("unit_id")["level"].astype(str)
    goal_level = level.reindex(goals["unit_id"]).to_numpy()
    per_employee = goals[goal_level == "pelaksana"].groupby("unit_id").size()
    assert per_employee.between(1, 3).all()
    assert len(per_employee) == 2000
    assert (goals[goal_level == "perangkat_daerah"]["kind"].value_counts() > 0).sum() == 3
    per_goal = ind.groupby("goal_id").size()
    assert per_goal.between(1, 2).all()
    assert len(per_goal) == len(goals)
    assert 2.0 <= len(ind) / 2000 <= 4.5
    roots = ind["parent_indicator_id"].isna()
    assert set(goals.set_index("goal_id").loc[ind.loc[roots, "goal_id"], "kind"]) == {"tujuan"}
    assert (ind["role"] == "carrier").mean() > 0.7
    assert (ind["role"] == "supporting").any()
    assert (ind["polarity"] == "maximize").mean() > 0.6
    assert (ind["polarity"] == "minimize").any()
    assert set(ind["aggregation"].astype(str)) == {"none", "sum", "mean"}


def test_ids_are_readable_and_unique() -> None:
    c = synthetic(employees=300).cascade
    assert c.units["unit_id"].is_unique
    assert c.goals["goal_id"].is_unique
    assert c.indicators["indicator_id"].is_unique
    assert "OPD-1-ADM-1-PGW-1" in set(c.units["unit_id"])
    assert c.path("OPD-1-ADM-1-PGW-1-ASN-1-RHK1", kind="goal")[2:] == [
        "OPD-1-T1",
        "OPD-1-SS1",
        "OPD-1-P1",
        "OPD-1-ADM-1-K1",
        "OPD-1-ADM-1-PGW-1-SK1",
        "OPD-1-ADM-1-PGW-1-ASN-1-RHK1",
    ]


def test_budgets_add_up_the_goal_tree() -> None:
    c = synthetic(employees=1500, seed=4, periods=("2024", "2025")).cascade
    budgets = c.budgets.merge(c.goals[["goal_id", "parent_goal_id", "kind"]], on="goal_id")
    assert set(budgets["kind"].astype(str)) == {
        "sasaran_program",
        "sasaran_kegiatan",
        "sasaran_subkegiatan",
    }
    assert (budgets["spent"] <= budgets["allocated"]).all()
    for child, parent in (
        ("sasaran_subkegiatan", "sasaran_kegiatan"),
        ("sasaran_kegiatan", "sasaran_program"),
    ):
        below = budgets[budgets["kind"] == child].groupby(
            ["parent_goal_id", "period"], observed=True
        )
        sums = below[["allocated", "spent"]].sum()
        above = budgets[budgets["kind"] == parent].set_index(["goal_id", "period"])
        above = above.loc[sums.index, ["allocated", "spent"]]
        np.testing.assert_allclose(sums.to_numpy(), above.to_numpy())


def _grid(c: Cascade, table: str, column: str) -> pd.DataFrame:
    frame = c.table(table)
    return frame.pivot_table(index="indicator_id", columns="period", values=column, observed=True)


def test_quarters_follow_the_period_aggregation() -> None:
    c = synthetic(employees=800, seed=5, quarters=True).cascade
    how = c.indicators.set_index("indicator_id")["period_aggregation"].astype(str)
    quarters = [f"2024Q{q}" for q in range(1, 5)]
    for table, column in (("targets", "target"), ("realisations", "value")):
        grid = _grid(c, table, column)
        assert not grid.isna().any().any()
        year, q = grid["2024"], grid[quarters]
        h = how.reindex(grid.index)
        np.testing.assert_allclose(year[h == "sum"], q[h == "sum"].sum(axis=1), rtol=1e-9)
        np.testing.assert_allclose(year[h == "last"], q.loc[h == "last", "2024Q4"], rtol=1e-9)
        np.testing.assert_allclose(year[h == "mean"], q[h == "mean"].mean(axis=1), rtol=1e-3)


def test_targets_are_positive_and_realisations_near_them() -> None:
    c = synthetic(employees=1000, seed=6, periods=("2024", "2025", "2026")).cascade
    assert (c.targets["target"] > 0).all()
    assert c.targets["target_upper"].isna().all()
    assert sorted(set(c.targets["period"].astype(str))) == ["2024", "2025", "2026"]
    ratio = c.realisations["value"].to_numpy() / c.targets["target"].to_numpy()
    assert ratio.min() > 0.5
    assert ratio.max() < 1.6


# ------------------------------------------------------------------- consistency


@pytest.mark.parametrize(
    ("employees", "seed", "periods", "quarters"),
    [
        (1, 0, ("2024",), False),
        (50, 1, ("2024",), True),
        (500, 2, ("2023", "2024"), False),
        (3000, 3, ("2024",), False),
        (1200, 4, ("2024", "2025"), True),
    ],
)
def test_a_clean_cascade_has_no_finding(
    employees: int, seed: int, periods: tuple[str, ...], quarters: bool
) -> None:
    s = synthetic(employees=employees, seed=seed, periods=periods, quarters=quarters)
    report = cascade.check(s.cascade)
    assert len(report) == 0, report.to_frame()[["name", "subject_id", "message"]].head()


def test_the_public_constructor_and_files_give_the_same_cascade(tmp_path: Path) -> None:
    c = synthetic(employees=300, seed=8, quarters=True, defect_rate=0.05).cascade
    assert Cascade(**c.tables) == c
    assert cascade.read(cascade.write(c, tmp_path / "kota")) == c


@pytest.mark.parametrize(
    ("as_of", "quarters"), [("2024", False), ("2024", True), ("2024Q3", True), ("2025", True)]
)
def test_every_indicator_goal_and_owner_gets_an_achievement(as_of: str, quarters: bool) -> None:
    c = synthetic(employees=600, seed=9, periods=("2024", "2025"), quarters=quarters).cascade
    results = cascade.propagate(c, as_of=as_of)
    for frame, size in (
        (results.indicators, len(c.indicators)),
        (results.goals, len(c.goals)),
        (results.owners, len(c.units)),
    ):
        assert len(frame) == size
        assert frame["achievement"].notna().all()
    assert (results.indicators["achievement_source"] == "computed").all()
    assert len(results.findings) == 0
    assert 60 < float(results.city["achievement"].iloc[0]) < 120


# ----------------------------------------------------------------------- defects


@pytest.mark.parametrize(
    ("employees", "seed", "rate", "quarters", "periods"),
    [
        (40, 0, 0.05, False, ("2024",)),
        (300, 1, 0.01, True, ("2024",)),
        (1000, 2, 0.05, False, ("2024", "2025")),
        (2500, 3, 0.02, True, ("2024",)),
        (2500, 4, 0.001, False, ("2024",)),
    ],
)
def test_injected_defects_are_found_exactly(
    employees: int, seed: int, rate: float, quarters: bool, periods: tuple[str, ...]
) -> None:
    s = synthetic(
        employees=employees, seed=seed, defect_rate=rate, quarters=quarters, periods=periods
    )
    assert not s.defects.empty
    assert not s.defects.duplicated(["check", "subject_id"]).any()
    assert _pairs(cascade.check(s.cascade)) == _expected(s)


def test_defects_spread_over_the_checks() -> None:
    s = synthetic(employees=2000, seed=5, defect_rate=0.02)
    clean = synthetic(employees=2000, seed=5)
    per_check = s.defects["check"].value_counts()
    assert set(per_check.index) == {*DEFECT_CHECKS, "budget-orphan"}
    wanted = 0.02 * len(clean.cascade)
    injected = len(s.defects) - per_check["budget-orphan"]  # the only side finding
    assert abs(injected - wanted) <= 0.1 * wanted
    assert per_check.drop("budget-orphan").max() - per_check.drop("budget-orphan").min() <= 2
    kinds = s.defects.groupby("check")["subject_kind"].agg(set)
    assert kinds["missing-metadata"] == {"unit", "goal", "indicator"}
    assert kinds["duplicate-id"] == {"unit", "goal", "indicator"}


def test_a_few_defects_go_to_the_first_checks() -> None:
    s = synthetic(employees=40, seed=0, defect_rate=0.05)
    assert s.defects["check"].tolist()[:5] == list(DEFECT_CHECKS[:5])


def test_the_defects_leave_the_rest_clean() -> None:
    # Outside the subjects of the defects, the defective cascade checks as the clean one.
    s = synthetic(employees=800, seed=6, defect_rate=0.05)
    found = cascade.check(s.cascade).to_frame()
    assert set(found["subject_id"]) == set(s.defects["subject_id"])


# -------------------------------------------------------------------- arguments


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"employees": 0}, "employees must be at least 1"),
        ({"employees": -5}, "employees must be at least 1"),
        ({"employees": 2.5}, "employees must be a whole number"),
        ({"employees": True}, "employees must be a whole number"),
        ({"employees": "100"}, "employees must be a whole number"),
        ({"employees": 10, "seed": -1}, "seed must be at least 0"),
        ({"employees": 10, "seed": 1.5}, "seed must be a whole number"),
        ({"employees": 10, "periods": ()}, "at least one year"),
        ({"employees": 10, "periods": ("2024Q1",)}, "periods must be years"),
        ({"employees": 10, "periods": ("2024-03",)}, "periods must be years"),
        ({"employees": 10, "periods": ("tahun 2024",)}, "is not a period"),
        ({"employees": 10, "periods": ("2024", "2024")}, "twice"),
        ({"employees": 10, "periods": 2024}, "sequence of years"),
        ({"employees": 10, "quarters": "yes"}, "quarters must be True or False"),
        ({"employees": 10, "defect_rate": -0.01}, "defect_rate must be between 0 and"),
        ({"employees": 10, "defect_rate": 0.5}, "defect_rate must be between 0 and"),
        ({"employees": 10, "defect_rate": float("nan")}, "defect_rate must be between 0 and"),
        ({"employees": 10, "defect_rate": "1%"}, "defect_rate must be a number"),
    ],
)
def test_bad_arguments_are_refused(arguments: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        synthetic(**arguments)  # type: ignore[arg-type]


def test_arguments_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        synthetic(100)  # type: ignore[call-arg]


def test_usage_errors_are_value_errors() -> None:
    with pytest.raises(ValueError, match="employees"):
        synthetic(employees=0)


def test_a_single_year_may_be_a_string_and_years_are_sorted() -> None:
    one = synthetic(employees=20, periods="2025").cascade
    assert [str(p) for p in one.periods] == ["2025"]
    two = synthetic(employees=20, periods=["2026", "2024"], quarters=True).cascade
    assert str(two.periods[0]) == "2024"
    assert str(two.periods[-1]) == "2026Q4"


def test_the_highest_rate_is_accepted() -> None:
    s = synthetic(employees=100, defect_rate=MAX_DEFECT_RATE)
    assert _pairs(cascade.check(s.cascade)) == _expected(s)
