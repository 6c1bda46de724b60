"""DataFrames handed to ``Cascade(...)`` hold whatever Python can: lists, dicts, bytes, sets,
complex numbers, None and NaN in object columns, labels that are not text. The constructor
builds a cascade or raises an InputError naming table, row (the index label) and column.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.io._hostile import FUZZ, TINY

from cascade import Cascade
from cascade.errors import InputError
from cascade.io import read, write


def frames() -> dict[str, pd.DataFrame]:
    """TINY as DataFrames of object cells, as a reader hands them over."""
    return {
        name: pd.DataFrame(rows[1:], columns=rows[0], dtype=object) for name, rows in TINY.items()
    }


# ------------------------------------------------------------------ what a cell can't be

NOT_CELLS = [
    ([1, 2], "found a list"),
    ({"a": 1}, "found a dict"),
    ({1, 2}, "found a set"),
    ((1, 2), "found a tuple"),
    (b"PEMKO", "found bytes"),
    (bytearray(b"x"), "found bytes"),
    (1 + 2j, "found a complex number"),
    (np.array([1, 2]), "found a ndarray object"),
    (pd.Interval(0, 1), "found a Interval object"),
    (object(), "found a object object"),
    ("PEMKO\ud800", "not valid Unicode"),
]


@pytest.mark.parametrize(("value", "words"), NOT_CELLS, ids=[w for _, w in NOT_CELLS])
@pytest.mark.parametrize(
    ("table", "column"),
    [
        ("units", "unit_id"),
        ("units", "name"),
        ("units", "level"),
        ("goals", "kind"),
        ("indicators", "weight"),
        ("targets", "period"),
        ("targets", "target"),
        ("units", "catatan"),  # a user's column
    ],
)
def test_a_cell_that_no_workbook_holds(table: str, column: str, value: object, words: str) -> None:
    given = frames()
    frame = given[table]
    if column not in frame:
        frame[column] = "ok"
    frame[column] = frame[column].astype(object)
    frame.index = pd.Index([10 * (i + 1) for i in range(len(frame))])  # labels, not positions
    frame.iat[len(frame) - 1, list(frame.columns).index(column)] = value
    with pytest.raises(InputError) as excinfo:
        Cascade(**given)
    (problem,) = excinfo.value.problems
    assert (problem.table, problem.row, problem.column) == (table, 10 * len(frame), column)
    assert words in problem.message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (decimal.Decimal("12.5"), 12.5),
        (np.float32(2.5), 2.5),
        (np.int64(7), 7.0),
        (10**30, 1e30),
        (1e308, 1e308),
        (-0.0, -0.0),
        (math.inf, math.inf),
    ],
)
def test_numbers_of_every_kind(value: object, expected: float) -> None:
    given = frames()
    given["targets"]["target"] = pd.Series([value, 80], dtype=object)
    city = Cascade(**given)
    assert city.targets["target"].tolist()[0] == expected


@pytest.mark.parametrize("value", [None, math.nan, pd.NA, pd.NaT, np.nan, "", "   "])
def test_every_kind_of_blank(value: object) -> None:
    given = frames()
    given["targets"]["target_upper"] = pd.Series([value, "-"], dtype=object)  # "-": no number
    given["units"]["parent_id"] = pd.Series([value, "PEMKO"], dtype=object)
    given["indicators"]["key"] = pd.Series([value, value], dtype=object)
    city = Cascade(**given)
    assert city.targets["target_upper"].isna().all()
    assert city.units["parent_id"].isna().tolist() == [True, False]
    assert city.indicators["key"].tolist() == [False, False]


@pytest.mark.parametrize(
    ("label", "text"), [(0, "0"), (2024.0, "2024"), (("a", "b"), "('a', 'b')"), (True, "True")]
)
def test_labels_that_are_not_text_become_headers(label: object, text: str) -> None:
    given = frames()
    given["units"][label] = ["x", "y"]
    city = Cascade(**given)
    assert city.extra_columns("units") == [text]


@pytest.mark.parametrize("label", [None, math.nan])
def test_a_column_without_a_label(label: object) -> None:
    given = frames()
    given["units"][label] = ["x", None]
    with pytest.raises(InputError, match="a column has values but no header"):
        Cascade(**given)


def test_a_byte_order_mark_in_a_header() -> None:
    given = frames()
    given["units"] = given["units"].rename(columns={"unit_id": "\ufeffunit_id"})
    assert Cascade(**given).units["unit_id"].tolist() == ["PEMKO", "DINKES"]


@pytest.mark.parametrize(
    "dtype", ["Int64", "Float64", "string", "category", "boolean", "object", "str"]
)
def test_extension_dtypes(dtype: str) -> None:
    given = frames()
    if dtype in ("Int64", "Float64"):
        given["budgets"]["allocated"] = given["budgets"]["allocated"].astype(dtype)
        given["budgets"]["spent"] = pd.array([pd.NA], dtype=dtype)
    elif dtype == "boolean":
        given["indicators"]["key"] = pd.array([True, pd.NA], dtype=dtype)
    else:
        for name in ("unit_id", "name", "level"):
            given["units"][name] = given["units"][name].astype(dtype)
    city = Cascade(**given)
    assert len(city.units) == 2


# ------------------------------------------------------------------------ Hypothesis

ODD = st.one_of(
    st.none(),
    st.just(math.nan),
    st.just(pd.NA),
    st.sampled_from([math.inf, -math.inf, 1e308, -0.0, 5e-324, 10**400, 2**63]),
    st.floats(),
    st.integers(),
    st.booleans(),
    st.text(max_size=12),
    st.sampled_from(
        ["  PEMKO ", "\u200bPEMKO", "ПЕМКО", "12,5", "1.200.000", "80-90", "ya", "1e400"]
    ),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
    st.binary(max_size=4),
    st.dates(),
    st.datetimes(),
    st.just(decimal.Decimal("NaN")),
    st.just(1 + 1j),
)


@st.composite
def edited_frames(draw: st.DrawFn) -> dict[str, pd.DataFrame]:
    given = frames()
    for _ in range(draw(st.integers(1, 4))):
        table = draw(st.sampled_from(sorted(given)))
        frame = given[table]
        if not len(frame):
            continue
        column = draw(st.sampled_from([*frame.columns, "catatan"]))
        if column not in frame:
            frame[column] = pd.Series([None] * len(frame), dtype=object)
        row = draw(st.integers(0, len(frame) - 1))
        frame[column] = frame[column].astype(object)
        frame.iat[row, list(frame.columns).index(column)] = draw(ODD)
    return given


def build(given: dict[str, pd.DataFrame]) -> Cascade | InputError:
    """The cascade, or the InputError raised (any other exception escapes)."""
    try:
        return Cascade(**given)
    except InputError as exc:
        return exc


@settings(FUZZ, max_examples=60)
@given(edited_frames())
def test_any_cells_build_a_cascade_or_say_where(given: dict[str, pd.DataFrame]) -> None:
    city = build(given)
    if isinstance(city, InputError):
        for problem in city.problems:
            assert problem.table in TINY
            assert problem.message.strip()
        return
    # What was accepted is a cascade the JSON writer and reader keep as it is.
    if any(city.extra_columns(t) for t in TINY):
        return  # a user's column keeps Python objects (Decimal, dates) JSON has no type for
    with tempfile.TemporaryDirectory() as folder:
        path = write(city, Path(folder) / "kota.json")
        assert read(path) == city


def test_a_date_in_an_id_column_is_its_text() -> None:
    given = frames()
    given["units"]["unit_id"] = pd.Series([dt.date(2024, 3, 1), "DINKES"], dtype=object)
    given["units"]["parent_id"] = pd.Series([None, "2024-03-01"], dtype=object)
    given["goals"]["unit_id"] = pd.Series(["2024-03-01", "DINKES"], dtype=object)
    city = Cascade(**given)
    assert city.units["unit_id"].tolist() == ["2024-03-01", "DINKES"]


def test_a_date_outside_the_years_of_a_period() -> None:
    # found by Hypothesis: Period.from_date raised InvalidPeriodError, unlocated
    given = frames()
    given["targets"]["period"] = pd.Series([dt.date(999, 1, 1), "2024"], dtype=object)
    with pytest.raises(InputError) as excinfo:
        Cascade(**given)
    (problem,) = excinfo.value.problems
    assert (problem.table, problem.row, problem.column) == ("targets", 0, "period")
    assert "out of range" in problem.message
