"""tables(): every cell of every drawn table reads, in canonical and in typed spellings."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cascade import Cascade
from cascade.enums import Polarity
from cascade.schema import TABLE_NAMES, TABLES
from cascade.strategies import tables


def _read(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    given = {"units": [], "goals": [], "indicators": [], name: frame}
    return Cascade(**given).table(name)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", TABLE_NAMES)
@settings(max_examples=25, deadline=None)
@given(data=st.data(), canonical=st.booleans())
def test_every_drawn_table_reads(name: str, data: st.DataObject, canonical: bool) -> None:
    frame = data.draw(tables(name, min_rows=1, max_rows=6, canonical=canonical))
    assert 1 <= len(frame) <= 6
    assert list(frame.columns) == TABLES[name].column_names
    read = _read(name, frame)
    assert len(read) == len(frame)
    key = TABLES[name].key
    if key is not None:
        assert frame[key].is_unique
        assert read[key].tolist() == frame[key].tolist()


@pytest.mark.parametrize("name", ["indicators", "targets", "budgets"])
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_canonical_numbers_read_as_drawn(name: str, data: st.DataObject) -> None:
    frame = data.draw(tables(name, max_rows=5, canonical=True))
    read = _read(name, frame)
    for column in TABLES[name].columns:
        if column.kind == "number" and column.default is None:
            drawn = frame[column.name].to_numpy(dtype=np.float64, na_value=np.nan)
            np.testing.assert_array_equal(read[column.name].to_numpy(), drawn)


def test_typed_spellings_and_extreme_numbers_are_drawn() -> None:
    seen: Counter[str] = Counter()
    canonical = {p.value for p in Polarity}

    @settings(max_examples=60, deadline=None, derandomize=True, database=None)
    @given(tables("indicators", min_rows=3, max_rows=8), tables("budgets", min_rows=3))
    def collect(indicators: pd.DataFrame, budgets: pd.DataFrame) -> None:
        for value in indicators["polarity"]:
            if value is None:
                seen["blank polarity"] += 1
            elif value not in canonical:
                seen["typed polarity"] += 1
        for value in budgets["allocated"]:
            if isinstance(value, str):
                seen["number text"] += 1
            elif abs(value) > 1e100:
                seen["huge number"] += 1
            elif 0 < abs(value) < 1e-100:
                seen["tiny number"] += 1
        seen.update("blank spent" for x in budgets["spent"] if x is None)
        seen.update("typed flag" for x in indicators["key"] if isinstance(x, str))

    collect()
    for feature in (
        "blank polarity",
        "typed polarity",
        "number text",
        "huge number",
        "tiny number",
        "blank spent",
        "typed flag",
    ):
        assert seen[feature] > 0, (feature, seen)
