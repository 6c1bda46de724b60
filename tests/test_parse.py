"""Cell parsing: Indonesian number text, ranges, enum words, yes/no and periods.

The column parsers are exercised through :class:`cascade.Cascade`, which is how every reader
reaches them, so each error is checked with the table, row and column it is reported at.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cascade import Cascade
from cascade._parse import NUMBER_EXPECTED, format_number, parse_number_text
from cascade.enums import Aggregation, GoalKind, Level, PeriodAggregation, Polarity, Role
from cascade.errors import InputError, InputProblem

# ----------------------------------------------------------------------------------- helpers


def build(
    *,
    units: dict[str, list[Any]] | None = None,
    goals: dict[str, list[Any]] | None = None,
    indicators: dict[str, list[Any]] | None = None,
    targets: dict[str, list[Any]] | None = None,
    realisations: dict[str, list[Any]] | None = None,
    budgets: dict[str, list[Any]] | None = None,
) -> Cascade:
    """A one-row cascade, with any table replaced by the columns given."""
    base_units = {"unit_id": ["P"], "name": ["Pemko"], "level": ["pemda"]}
    base_goals = {"goal_id": ["G"], "unit_id": ["P"], "statement": ["Tujuan"]}
    base_indicators = {
        "indicator_id": ["I"],
        "goal_id": ["G"],
        "name": ["IPM"],
        "measure_unit": ["indeks"],
    }

    def frame(columns: dict[str, list[Any]] | None) -> pd.DataFrame | None:
        # object dtype: cells reach the parsers as a reader hands them over
        return None if columns is None else pd.DataFrame(columns, dtype=object)

    return Cascade(
        units=frame(units or base_units),
        goals=frame(goals or base_goals),
        indicators=frame(indicators or base_indicators),
        targets=frame(targets),
        realisations=frame(realisations),
        budgets=frame(budgets),
    )


def problems_of(excinfo: pytest.ExceptionInfo[InputError]) -> list[InputProblem]:
    return list(excinfo.value.problems)


# ------------------------------------------------------------------------------ number text

NUMBER_TEXT = [
    ("12,5", 12.5),
    ("1.200.000", 1_200_000.0),
    ("1.200,5", 1200.5),
    ("1.200", 1200.0),
    ("12.5", 12.5),
    ("0.25", 0.25),
    ("0,5", 0.5),
    ("85%", 85.0),
    ("85 %", 85.0),
    ("85,5%", 85.5),
    ("Rp 1.500.000", 1_500_000.0),
    ("Rp1.500.000,50", 1_500_000.5),
    ("Rp. 2.000", 2000.0),
    ("-3,5", -3.5),
    ("+4", 4.0),
    ("  7 ", 7.0),
    ("7\u00a0%", 7.0),
    ("1e-05", 1e-05),
    ("1,200,000", 1_200_000.0),
    ("0", 0.0),
    ("1.234.567,891", 1_234_567.891),
]


@pytest.mark.parametrize(("text", "expected"), NUMBER_TEXT)
def test_number_text(text: str, expected: float) -> None:
    assert parse_number_text(text) == expected


@pytest.mark.parametrize(("text", "expected"), NUMBER_TEXT)
def test_number_text_in_a_column(text: str, expected: float) -> None:
    c = build(realisations={"indicator_id": ["I"], "period": ["2024"], "value": [text]})
    assert c.realisations["value"].tolist() == [expected]
    assert c.realisations["value"].dtype == np.float64


@pytest.mark.parametrize(
    ("text", "lower", "upper"),
    [
        ("80-90", 80.0, 90.0),
        ("80–90", 80.0, 90.0),
        ("80 - 90", 80.0, 90.0),
        ("80 — 90", 80.0, 90.0),
        ("7 s.d. 8", 7.0, 8.0),
        ("7 s/d 8", 7.0, 8.0),
        ("7 sd 8", 7.0, 8.0),
        ("12,5-17,5", 12.5, 17.5),
        ("1.000-2.000", 1000.0, 2000.0),
        ("5-5", 5.0, 5.0),
    ],
)
def test_range_targets(text: str, lower: float, upper: float) -> None:
    assert parse_number_text(text, allow_range=True) == (lower, upper)
    c = build(targets={"indicator_id": ["I"], "period": ["2024"], "target": [text]})
    assert c.targets[["target", "target_upper"]].to_numpy().tolist() == [[lower, upper]]


def test_a_single_number_is_not_a_range() -> None:
    assert parse_number_text("-3,5", allow_range=True) == -3.5
    c = build(targets={"indicator_id": ["I"], "period": ["2024"], "target": ["-3,5"]})
    assert c.targets["target"].tolist() == [-3.5]
    assert math.isnan(c.targets["target_upper"].iat[0])


@pytest.mark.parametrize("text", ["12,5,1", "abc", "12.345.6", "1,2.3", "12 5", "%", "Rp", "1-"])
def test_not_a_number(text: str) -> None:
    with pytest.raises(ValueError, match="expected a number"):
        parse_number_text(text)


def test_a_range_is_only_read_in_a_target() -> None:
    with pytest.raises(ValueError, match="expected a number"):
        parse_number_text("80-90")
    with pytest.raises(InputError) as excinfo:
        build(realisations={"indicator_id": ["I"], "period": ["2024"], "value": ["80-90"]})
    (problem,) = problems_of(excinfo)
    assert (problem.table, problem.row, problem.column, problem.value) == (
        "realisations",
        0,
        "value",
        "80-90",
    )
    assert problem.message == NUMBER_EXPECTED


def test_bad_numbers_are_reported_each_with_its_cell() -> None:
    with pytest.raises(InputError) as excinfo:
        build(
            targets={
                "indicator_id": ["I", "I", "I", "I"],
                "period": ["2024", "2024Q1", "2024Q2", "2024Q3"],
                "target": ["12,5,1", "abc", "90-80", "12,5"],
            }
        )
    found = [(p.row, p.column, p.value) for p in problems_of(excinfo)]
    assert found == [(0, "target", "12,5,1"), (1, "target", "abc"), (2, "target", "90-80")]
    assert "lower bound is above its upper bound" in excinfo.value.problems[2].message


@pytest.mark.parametrize(
    ("cell", "kind"),
    [
        (dt.datetime(2024, 3, 1), "a date"),
        (dt.date(2024, 3, 1), "a date"),
        (pd.Timestamp("2024-03-01"), "a date"),
        (True, "a true/false value"),
        (np.False_, "a true/false value"),
    ],
)
def test_a_date_or_a_bool_is_not_a_number(cell: object, kind: str) -> None:
    with pytest.raises(InputError) as excinfo:
        build(budgets={"goal_id": ["G"], "period": ["2024"], "allocated": [cell]})
    (problem,) = problems_of(excinfo)
    assert (problem.table, problem.row, problem.column) == ("budgets", 0, "allocated")
    assert problem.message == f"{NUMBER_EXPECTED}, found {kind}"


def test_numbers_stored_as_numbers_are_taken_as_they_are() -> None:
    c = build(
        realisations={
            "indicator_id": ["I"] * 4,
            "period": ["2024Q1", "2024Q2", "2024Q3", "2024Q4"],
            "value": [12, 1200.0, 0.1 + 0.2, 10**20],
        }
    )
    assert c.realisations["value"].tolist() == [12.0, 1200.0, 0.1 + 0.2, 1e20]


def test_blank_numbers() -> None:
    c = build(
        budgets={
            "goal_id": ["G"] * 5,
            "period": ["2020", "2021", "2022", "2023", "2024"],
            "allocated": [1, 2, 3, 4, 5],
            "spent": [None, "", "  ", "-", np.nan],
        }
    )
    assert c.budgets["spent"].isna().all()


def test_a_blank_required_number_is_an_error() -> None:
    with pytest.raises(InputError) as excinfo:
        build(budgets={"goal_id": ["G", "G"], "period": ["2024", "2025"], "allocated": [1, ""]})
    (problem,) = problems_of(excinfo)
    assert (problem.table, problem.row, problem.column) == ("budgets", 1, "allocated")
    assert "blank" in problem.message


def test_an_integer_too_large_for_a_float_is_an_error() -> None:
    with pytest.raises(InputError) as excinfo:
        build(budgets={"goal_id": ["G"], "period": ["2024"], "allocated": [10**400]})
    (problem,) = problems_of(excinfo)
    assert problem.column == "allocated"
    assert "too large" in problem.message


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_format_number_round_trips(x: float) -> None:
    assert parse_number_text(format_number(x)) == x


@pytest.mark.parametrize(
    ("x", "text"),
    [
        (1_200_000.0, "1200000"),
        (12.5, "12.5"),
        (1.234, "1.2340"),  # 1.234 would read as one thousand two hundred and thirty-four
        (-1.5, "-1.5"),
        (float("inf"), "inf"),
        (float("-inf"), "-inf"),
        (float("nan"), ""),
    ],
)
def test_format_number(x: float, text: str) -> None:
    assert format_number(x) == text


def test_infinity_reads_back() -> None:
    assert parse_number_text("inf") == math.inf
    assert parse_number_text("-inf") == -math.inf


# ------------------------------------------------------------------------------------- enums


@pytest.mark.parametrize(
    ("enum_cls", "word", "member"),
    [
        (Polarity, "naik", Polarity.MAXIMIZE),
        (Polarity, "Positif", Polarity.MAXIMIZE),
        (Polarity, "turun", Polarity.MINIMIZE),
        (Polarity, "NEGATIF", Polarity.MINIMIZE),
        (Polarity, "stabil", Polarity.STABILIZE),
        (Polarity, "maximize", Polarity.MAXIMIZE),
        (Role, "angka", Role.CARRIER),
        (Role, "pendukung", Role.SUPPORTING),
        (Role, "tidak langsung", Role.SUPPORTING),
        (Role, "mandiri", Role.OWN),
        (Level, "OPD", Level.PERANGKAT_DAERAH),
        (Level, "eselon iii", Level.ADMINISTRATOR),
        (Level, "Eselon IV", Level.PENGAWAS),
        (Level, "perangkat-daerah", Level.PERANGKAT_DAERAH),
        (Level, "ASN", Level.PELAKSANA),
        (GoalKind, "rhk", GoalKind.RENCANA_HASIL_KERJA),
        (GoalKind, "Sub Kegiatan", GoalKind.SASARAN_SUBKEGIATAN),
        (GoalKind, "sasaran", GoalKind.SASARAN_STRATEGIS),
        (Aggregation, "rata-rata", Aggregation.MEAN),
        (Aggregation, "jumlah", Aggregation.SUM),
        (PeriodAggregation, "terakhir", PeriodAggregation.LAST),
        (PeriodAggregation, "akumulasi", PeriodAggregation.SUM),
    ],
)
def test_enum_aliases(enum_cls: type[Any], word: str, member: object) -> None:
    assert enum_cls.parse(word) is member


def test_enum_words_in_columns() -> None:
    c = build(
        units={
            "unit_id": ["P", "D", "B", "S", "A"],
            "name": ["a", "b", "c", "d", "e"],
            "jenjang": ["Pemda", "OPD", "eselon iii", "eselon iv", "pegawai"],
        },
        goals={
            "goal_id": ["G", "R"],
            "unit_id": ["P", "A"],
            "statement": ["t", "r"],
            "jenis": ["tujuan", "RHK"],
        },
        indicators={
            "indicator_id": ["I", "J", "K", "L"],
            "goal_id": ["G"] * 4,
            "name": ["a", "b", "c", "d"],
            "satuan": ["%", "%", "%", "%"],
            "polaritas": ["naik", "turun", "stabil", None],
            "peran": ["angka", "pendukung", "", "mandiri"],
            "agregasi": ["jumlah", "rata-rata", "tertimbang", " "],
        },
    )
    assert c.units["level"].tolist() == [
        "pemda",
        "perangkat_daerah",
        "administrator",
        "pengawas",
        "pelaksana",
    ]
    assert c.goals["kind"].tolist() == ["tujuan", "rencana_hasil_kerja"]
    assert c.indicators["polarity"].tolist() == ["maximize", "minimize", "stabilize", "maximize"]
    assert c.indicators["role"].tolist() == ["carrier", "supporting", "carrier", "own"]
    assert c.indicators["aggregation"].tolist() == ["sum", "mean", "weighted_mean", "none"]
    assert isinstance(c.indicators["polarity"].dtype, pd.CategoricalDtype)
    assert list(c.indicators["polarity"].cat.categories) == ["maximize", "minimize", "stabilize"]


def test_an_unknown_enum_word_is_an_error() -> None:
    with pytest.raises(ValueError, match="expected one of maximize, minimize, stabilize"):
        Polarity.parse("menyamping")
    with pytest.raises(InputError) as excinfo:
        build(
            indicators={
                "indicator_id": ["I", "J"],
                "goal_id": ["G", "G"],
                "name": ["a", "b"],
                "satuan": ["%", "%"],
                "polaritas": ["naik", "menyamping"],
            }
        )
    (problem,) = problems_of(excinfo)
    assert (problem.table, problem.row, problem.column, problem.value) == (
        "indicators",
        1,
        "polaritas",
        "menyamping",
    )


def test_a_blank_level_is_an_error() -> None:
    with pytest.raises(InputError) as excinfo:
        build(units={"unit_id": ["P", "Q"], "name": ["a", "b"], "level": ["pemda", None]})
    (problem,) = problems_of(excinfo)
    assert (problem.table, problem.row, problem.column) == ("units", 1, "level")


# ---------------------------------------------------------------------------------- yes / no


YES_NO = [
    ("ya", True),
    ("Ya", True),
    ("tidak", False),
    ("TIDAK", False),
    ("1", True),
    ("0", False),
    (1, True),
    (0, False),
    (1.0, True),
    ("true", True),
    ("False", False),
    (True, True),
    (False, False),
    ("y", True),
    ("n", False),
    ("benar", True),
    ("salah", False),
    (None, False),
    ("", False),
]


@pytest.mark.parametrize(("cell", "expected"), YES_NO)
def test_yes_no(cell: object, expected: bool) -> None:
    c = build(
        indicators={
            "indicator_id": ["I"],
            "goal_id": ["G"],
            "name": ["IPM"],
            "satuan": ["indeks"],
            "iku": [cell],
        }
    )
    assert c.indicators["key"].tolist() == [expected]
    assert c.indicators["key"].dtype == bool


def test_a_column_of_python_booleans() -> None:
    # an xlsx reader hands over True/False cells in an object column
    c = build(
        goals={
            "goal_id": ["G", "H"],
            "unit_id": ["P", "P"],
            "statement": ["a", "b"],
            "crosscutting": [True, False],
        }
    )
    assert c.goals["crosscutting"].tolist() == [True, False]


def test_not_yes_or_no() -> None:
    with pytest.raises(InputError) as excinfo:
        build(
            goals={
                "goal_id": ["G", "H"],
                "unit_id": ["P", "P"],
                "statement": ["a", "b"],
                "lintas sektor": ["ya", "mungkin"],
            }
        )
    (problem,) = problems_of(excinfo)
    assert (problem.table, problem.row, problem.column, problem.value) == (
        "goals",
        1,
        "lintas sektor",
        "mungkin",
    )
    assert "expected yes or no" in problem.message


# ------------------------------------------------------------------------------------ periods


@pytest.mark.parametrize(
    ("cell", "period"),
    [
        ("2024", "2024"),
        (" 2024 ", "2024"),
        (2024, "2024"),
        (2024.0, "2024"),
        ("2024Q1", "2024Q1"),
        ("2024q4", "2024Q4"),
        ("2024-03", "2024-03"),
        ("2024-12", "2024-12"),
        (dt.datetime(2024, 3, 1), "2024-03"),  # Excel turned a typed 2024-03 into a date
        (dt.date(2024, 11, 1), "2024-11"),
        (pd.Timestamp("2023-01-01"), "2023-01"),
    ],
)
def test_periods(cell: object, period: str) -> None:
    c = build(targets={"indicator_id": ["I"], "period": [cell], "target": [1]})
    assert c.targets["period"].tolist() == [period]


@pytest.mark.parametrize(
    "cell", ["Q1 2024", "2024-13", "2024Q5", "24", "2024/03", "Triwulan I", dt.date(2024, 3, 5)]
)
def test_not_a_period(cell: object) -> None:
    with pytest.raises(InputError) as excinfo:
        build(targets={"indicator_id": ["I", "I"], "period": ["2024", cell], "target": [1, 2]})
    (problem,) = problems_of(excinfo)
    assert (problem.table, problem.row, problem.column) == ("targets", 1, "period")
    assert "expected a period" in problem.message


def test_periods_are_categorical_in_period_order() -> None:
    c = build(
        realisations={
            "indicator_id": ["I"] * 5,
            "period": ["2024Q2", "2024-02", "2024", "2023", "2024Q1"],
            "value": [1, 2, 3, 4, 5],
        }
    )
    assert c.realisations["period"].tolist() == ["2024Q2", "2024-02", "2024", "2023", "2024Q1"]
    assert list(c.realisations["period"].cat.categories) == [
        "2023",
        "2024",
        "2024Q1",
        "2024-02",
        "2024Q2",
    ]


# ---------------------------------------------------------------------------- ids and text


def test_ids_stored_as_numbers_lose_their_point_zero() -> None:
    c = build(
        units={"unit_id": [1.0, 2, "003"], "name": ["a", "b", "c"], "level": ["pemda"] * 3},
    )
    assert c.units["unit_id"].tolist() == ["1", "2", "003"]


def test_ids_and_descriptions_are_stripped() -> None:
    c = build(
        indicators={
            "indicator_id": ["  I  "],
            "goal_id": ["G\t"],
            "name": [" IPM "],
            "satuan": ["   "],
        }
    )
    row = c.indicators.iloc[0]
    assert (row["indicator_id"], row["goal_id"], row["name"]) == ("I", "G", "IPM")
    assert pd.isna(row["measure_unit"])


@pytest.mark.parametrize("text", ["80%-90%", "80 % - 90 %", "80%–90%"])
def test_range_with_percent_on_both_bounds(text: str) -> None:
    assert parse_number_text(text, allow_range=True) == (80.0, 90.0)
