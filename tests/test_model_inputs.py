"""What Cascade(...) and Cascade.from_records do with input that is not a table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from cascade import Cascade, InputError, UsageError
from cascade.records import Unit

GOALS = [{"goal_id": "G", "unit_id": "P", "statement": "Tujuan", "kind": "tujuan"}]
INDICATORS = [{"indicator_id": "I", "goal_id": "G", "name": "IPM", "measure_unit": "indeks"}]
UNITS = [{"unit_id": "P", "name": "Pemko", "level": "pemda"}]


@pytest.mark.parametrize(
    ("units", "words"),
    [
        (5, "got int"),
        ("units.csv", "use cascade.read"),
        (Path("units.csv"), "use cascade.read"),
        (b"unit_id", "got bytes"),
        ([{"unit_id": "P"}, None], "row 1: expected a mapping"),
        ([["P", "Pemko", "pemda"]], "row 0: expected a mapping"),
    ],
)
def test_a_table_that_is_not_rows_is_a_usage_error(units: object, words: str) -> None:
    with pytest.raises(UsageError, match="table units") as caught:
        Cascade(units=units, goals=GOALS, indicators=INDICATORS)  # type: ignore[arg-type]
    assert words in str(caught.value)


def test_rows_and_frames_still_build() -> None:
    city = Cascade(units=UNITS, goals=pd.DataFrame(GOALS), indicators=iter(INDICATORS))
    assert len(city.units) == 1


def test_from_records_reports_every_bad_field_as_input_error() -> None:
    with pytest.raises(InputError) as caught:
        Cascade.from_records(
            units=[Unit(unit_id="P", name="Pemko", level="pemda"), {"unit_id": "Q"}],
            goals=GOALS,
            indicators=[{**INDICATORS[0], "weight": "heavy"}],
        )
    where = {(p.table, p.row, p.column) for p in caught.value.problems}
    assert ("units", 1, "name") in where
    assert ("units", 1, "level") in where
    assert ("indicators", 0, "weight") in where
    assert "heavy" in str(caught.value)


def test_from_records_refuses_a_path() -> None:
    with pytest.raises(UsageError, match="table units"):
        Cascade.from_records(units="units.csv", goals=GOALS, indicators=INDICATORS)
