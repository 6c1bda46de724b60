from __future__ import annotations

import datetime as dt
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from cascade.errors import CascadeError, InvalidPeriodError
from cascade.period import Period, period_sort_key


@pytest.mark.parametrize(
    ("text", "granularity", "first", "last"),
    [
        ("2024", "year", 1, 12),
        ("2024Q1", "quarter", 1, 3),
        ("2024q4", "quarter", 10, 12),
        (" 2024Q2 ", "quarter", 4, 6),
        ("2024-03", "month", 3, 3),
        ("2024-12", "month", 12, 12),
    ],
)
def test_parse_forms(text: str, granularity: str, first: int, last: int) -> None:
    p = Period.parse(text)
    assert (p.granularity, p.first_month, p.last_month) == (granularity, first, last)
    assert p.year == 2024


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "24",
        "2024Q5",
        "2024Q0",
        "2024-13",
        "2024-00",
        "2024-3",
        "Q1 2024",
        "TW1 2024",
        "2024/03",
        "2024-03-01",
        "2024 Q1",
        "abcd",
        2024.5,
        None,
        True,
        99,
    ],
)
def test_rejects_everything_else(bad: object) -> None:
    with pytest.raises(InvalidPeriodError, match="expected a year"):
        Period.parse(bad)


def test_error_is_cascade_error_and_value_error() -> None:
    with pytest.raises(CascadeError):
        Period.parse("x")
    with pytest.raises(ValueError, match="not a period"):
        Period.parse("x")


def test_int_year_and_constructors() -> None:
    assert Period.parse(2024) == Period.year_of(2024)
    assert Period.quarter_of(2024, 3) == Period.parse("2024Q3")
    assert Period.month_of(2024, 11) == Period.parse("2024-11")
    assert Period.from_date(dt.date(2024, 3, 1)) == Period.parse("2024-03")
    with pytest.raises(InvalidPeriodError):
        Period.quarter_of(2024, 5)
    with pytest.raises(InvalidPeriodError):
        Period.month_of(2024, 13)


def test_order_year_then_quarter_then_months() -> None:
    texts = ["2024-04", "2024Q2", "2024-01", "2025", "2024", "2024Q1", "2023-12"]
    assert [str(p) for p in sorted(Period.parse(t) for t in texts)] == [
        "2023-12",
        "2024",
        "2024Q1",
        "2024-01",
        "2024Q2",
        "2024-04",
        "2025",
    ]
    assert sorted(texts, key=period_sort_key) == [
        "2023-12",
        "2024",
        "2024Q1",
        "2024-01",
        "2024Q2",
        "2024-04",
        "2025",
    ]


def test_containment_and_parts() -> None:
    year = Period.parse("2024")
    q2 = Period.parse("2024Q2")
    assert year.contains(q2)
    assert q2.contains(Period.parse("2024-05"))
    assert not q2.contains(Period.parse("2024-07"))
    assert not q2.contains(year)
    assert not year.contains(Period.parse("2023-05"))
    assert [str(q) for q in year.quarters()] == ["2024Q1", "2024Q2", "2024Q3", "2024Q4"]
    assert len(year.months()) == 12
    assert q2.quarter == 2
    assert year.quarter is None
    assert Period.parse("2024-05").month == 5
    assert Period.parse("2024-05").quarter == 2
    assert Period.parse("2024-05").year_period() == year


def test_immutable_hashable_picklable() -> None:
    p = Period.parse("2024Q1")
    with pytest.raises(AttributeError):
        p._year = 2000  # type: ignore[misc]
    assert {p, Period.parse("2024q1")} == {p}
    assert pickle.loads(pickle.dumps(p)) == p
    assert repr(p) == "Period('2024Q1')"


def test_pydantic_field() -> None:
    class M(BaseModel):
        period: Period

    assert M(period="2024-02").period == Period.parse("2024-02")
    assert M(period=2024).model_dump(mode="json") == {"period": "2024"}
    with pytest.raises(ValueError, match="not a period"):
        M(period="2024-14")


periods = st.one_of(
    st.integers(1000, 9999).map(Period.year_of),
    st.builds(Period.quarter_of, st.integers(1000, 9999), st.integers(1, 4)),
    st.builds(Period.month_of, st.integers(1000, 9999), st.integers(1, 12)),
)


@given(periods)
def test_text_round_trip(p: Period) -> None:
    assert Period.parse(str(p)) == p


@given(periods, periods, periods)
def test_total_order(a: Period, b: Period, c: Period) -> None:
    assert (a < b) + (b < a) + (a == b) == 1
    if a < b < c:
        assert a < c


@given(periods, periods)
def test_container_sorts_first_among_its_parts(a: Period, b: Period) -> None:
    if a.contains(b) and a != b:
        assert a < b
