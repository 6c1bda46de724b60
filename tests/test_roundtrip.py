"""Writing is lossless: ``read(write(c)) == c`` in every format, for any valid cascade.

The strategy draws canonical tables directly: ids as arbitrary text (unicode, numeric-looking
like ``001``, characters XML cannot hold), numbers as any finite float, blanks where the
format allows them, every enum value, periods of all three granularities, and extra text
columns. References need not resolve: reading does not check them (the checker does).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cascade import Cascade
from cascade.enums import Aggregation, GoalKind, Level, PeriodAggregation, Polarity, Role
from cascade.io import read, write
from cascade.schema import TABLES

# Characters a text cell can hold in every format: anything but lone surrogates (not
# encodable as UTF-8) and NUL (a CSV file with NUL is not a text file).
CHARACTERS = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
NUMERIC_LOOKING = st.sampled_from(["001", "2024", "1.0", "1e5", "12,5", "-0", "TRUE", "nan"])


def _trimmed(text: str) -> bool:
    return text != "" and text.strip() == text


#: Ids and descriptions: non-blank, no surrounding whitespace (readers strip it).
ids = st.one_of(
    NUMERIC_LOOKING,
    st.text(CHARACTERS, min_size=1, max_size=12).filter(_trimmed),
    st.from_regex(r"[A-Z]{1,4}-?[0-9]{1,3}(\.[0-9]{1,2})?", fullmatch=True),
)
descriptions = st.none() | ids
#: Extra text: kept as typed, surrounding spaces and line breaks included; blank is missing.
extra_text = st.none() | NUMERIC_LOOKING | st.text(CHARACTERS, max_size=20).filter(str.strip)
numbers = st.floats(allow_nan=False, allow_infinity=False)
periods = st.one_of(
    st.integers(1000, 9999).map(str),
    st.builds("{}Q{}".format, st.integers(1000, 9999), st.integers(1, 4)),
    st.builds("{}-{:02d}".format, st.integers(1000, 9999), st.integers(1, 12)),
)
EXTRA_NAMES = ["keterangan", "sumber_data", "catatan", "Kolom ke-2", "ÿ-ß", "2024", "_x0041_"]


def values(enum_cls: Any) -> st.SearchStrategy[str]:
    return st.sampled_from([m.value for m in enum_cls])


@st.composite
def bounded_target(draw: st.DrawFn) -> dict[str, Any]:
    target = draw(numbers)
    upper = draw(st.none() | numbers)
    if upper is not None and upper < target:
        target, upper = upper, target
    return {"target": target, "target_upper": upper}


ROWS: dict[str, st.SearchStrategy[dict[str, Any]]] = {
    "units": st.fixed_dictionaries(
        {
            "unit_id": ids,
            "name": descriptions,
            "parent_id": st.none() | ids,
            "level": values(Level),
        }
    ),
    "goals": st.fixed_dictionaries(
        {
            "goal_id": ids,
            "unit_id": ids,
            "parent_goal_id": st.none() | ids,
            "statement": descriptions,
            "kind": st.none() | values(GoalKind),
            "crosscutting": st.booleans(),
        }
    ),
    "indicators": st.fixed_dictionaries(
        {
            "indicator_id": ids,
            "goal_id": ids,
            "parent_indicator_id": st.none() | ids,
            "name": descriptions,
            "measure_unit": descriptions,
            "polarity": values(Polarity),
            "aggregation": values(Aggregation),
            "period_aggregation": values(PeriodAggregation),
            "role": values(Role),
            "weight": numbers,
            "key": st.booleans(),
        }
    ),
    "targets": st.builds(
        lambda i, p, t: {"indicator_id": i, "period": p, **t}, ids, periods, bounded_target()
    ),
    "realisations": st.fixed_dictionaries(
        {"indicator_id": ids, "period": periods, "value": numbers}
    ),
    "budgets": st.fixed_dictionaries(
        {"goal_id": ids, "period": periods, "allocated": numbers, "spent": st.none() | numbers}
    ),
}


@st.composite
def tables(draw: st.DrawFn, table: str, max_rows: int) -> pd.DataFrame:
    rows = draw(st.lists(ROWS[table], max_size=max_rows))
    extras = draw(st.lists(st.sampled_from(EXTRA_NAMES), max_size=2, unique=True))
    frame = pd.DataFrame(rows, columns=TABLES[table].column_names)
    for name in extras:
        cells = draw(st.lists(extra_text, min_size=len(rows), max_size=len(rows)))
        frame[name] = pd.Series(cells, dtype=object)  # text, even with no rows
    return frame


@st.composite
def cascades(draw: st.DrawFn, max_rows: int = 4) -> Cascade:
    return Cascade(**{name: draw(tables(name, max_rows)) for name in TABLES})


def round_trip(c: Cascade, name: str) -> Cascade:
    with tempfile.TemporaryDirectory() as tmp:
        return read(write(c, Path(tmp) / name))


def explain(c: Cascade, back: Cascade) -> str:
    for name in TABLES:
        mine, theirs = c.table(name), back.table(name)
        if not (list(mine.columns) == list(theirs.columns) and mine.dtypes.equals(theirs.dtypes)):
            return f"{name}: columns/dtypes {mine.dtypes.to_dict()} != {theirs.dtypes.to_dict()}"
        if not mine.equals(theirs):
            return f"{name}:\n{mine.to_dict('list')}\n!=\n{theirs.to_dict('list')}"
    return "equal"


# A cascade with every awkward value at once, checked in every run of every format.
AWKWARD = Cascade(
    units=pd.DataFrame(
        {
            "unit_id": ["001", "=A1", "#N/A", "ID\r\nX", "_x000D_", "\x01\x1b", "\ufffe"],
            "name": [None, "Dinas – Café", "12,5", "1.200", "TRUE", "  ", "a\tb"],
            "parent_id": [None, "001", "001", "001", None, None, None],
            "level": ["pemda"] + ["pelaksana"] * 6,
            "keterangan": [" lead", "trail ", "\r", None, "x" * 300, "😀", "-"],
        }
    ),
    goals=[],
    indicators=[
        {"indicator_id": "I", "goal_id": "G", "name": "n", "measure_unit": "%", "weight": w}
        for w in (0.1 + 0.2, 5e-324, 1.7976931348623157e308, -0.0, 1.234, 123456789.0)
    ],
    targets=[
        {"indicator_id": "I", "period": "2024-03", "target": 1.234, "target_upper": 1.2345},
        {"indicator_id": "I", "period": "2024Q1", "target": -1e-300, "target_upper": None},
        {"indicator_id": "I", "period": "2024", "target": 1e16 + 2, "target_upper": 1e22},
    ],
)


def check(c: Cascade, name: str) -> None:
    back = round_trip(c, name)
    assert back == c, explain(c, back)


@settings(max_examples=25, deadline=None)
@given(cascades())
@example(AWKWARD)
def test_csv_round_trip(c: Cascade) -> None:
    check(c, "kota")


@settings(max_examples=20, deadline=None)
@given(cascades(max_rows=3))
@example(AWKWARD)
def test_xlsx_round_trip(c: Cascade) -> None:
    check(c, "kota.xlsx")


@settings(max_examples=30, deadline=None)
@given(cascades())
@example(AWKWARD)
def test_json_round_trip(c: Cascade) -> None:
    check(c, "kota.json")


@settings(max_examples=30, deadline=None)
@given(cascades())
@example(AWKWARD)
def test_dataframes_round_trip(c: Cascade) -> None:
    again = Cascade(**c.tables)
    assert again == c, explain(c, again)


def test_the_awkward_cascade_is_what_it_claims() -> None:
    assert AWKWARD.units["unit_id"].tolist()[:3] == ["001", "=A1", "#N/A"]
    assert AWKWARD.units["keterangan"].tolist()[:2] == [" lead", "trail "]
    assert pd.isna(AWKWARD.units["name"].iat[5])  # a blank description
    assert AWKWARD.indicators["weight"].tolist()[0] == 0.1 + 0.2
    assert AWKWARD.targets["target_upper"].tolist()[2] == 1e22
    assert AWKWARD.extra_columns("units") == ["keterangan"]
