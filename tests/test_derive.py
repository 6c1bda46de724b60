"""derive_realisations: roll-up over carrier children, time combination, missing values."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cascade import Cascade
from cascade.derive import COLUMNS, MISSING_POLICIES, derive_realisations

QUARTERS = ["2024Q1", "2024Q2", "2024Q3", "2024Q4"]
NaN = float("nan")


def _cascade(
    indicators: Sequence[dict[str, object]],
    realisations: Sequence[tuple[str, str, float]] = (),
) -> Cascade:
    """One pemda, one goal, the given indicators (under that goal) and realisations."""
    ind = pd.DataFrame(
        [
            {"goal_id": "S1", "name": str(i["indicator_id"]), "measure_unit": "kasus", **i}
            for i in indicators
        ]
    )
    real = pd.DataFrame(
        list(realisations), columns=["indicator_id", "period", "value"], dtype=object
    )
    return Cascade(
        units=pd.DataFrame(
            {"unit_id": ["PEMKO"], "name": ["Pemko"], "parent_id": [None], "level": ["pemda"]}
        ),
        goals=pd.DataFrame({"goal_id": ["S1"], "unit_id": ["PEMKO"], "statement": ["Sehat"]}),
        indicators=ind,
        realisations=real.astype({"value": float}),
    )


def _family(
    aggregation: str,
    values: Sequence[float | None],
    *,
    weights: Sequence[float] | None = None,
    parent_value: float | None = None,
) -> Cascade:
    """A parent ``P`` aggregating children ``C0``, ``C1``, … with 2024 values (None: none)."""
    indicators: list[dict[str, object]] = [{"indicator_id": "P", "aggregation": aggregation}]
    real: list[tuple[str, str, float]] = []
    if parent_value is not None:
        real.append(("P", "2024", parent_value))
    for i, v in enumerate(values):
        child: dict[str, object] = {"indicator_id": f"C{i}", "parent_indicator_id": "P"}
        if weights is not None:
            child["weight"] = weights[i]
        indicators.append(child)
        if v is not None:
            real.append((f"C{i}", "2024", v))
    return _cascade(indicators, real)


def _value(c: Cascade, indicator_id: str, period: str = "2024", **options: object) -> float:
    frame = derive_realisations(c, period, **options)  # type: ignore[arg-type]
    return float(frame.loc[frame["indicator_id"] == indicator_id, "value"].iloc[0])


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


# ----------------------------------------------------------------------- the frame


def test_frame_shape_and_order() -> None:
    c = _family("sum", [1.0, 2.0])
    frame = derive_realisations(c, ["2024Q1", "2024", "2024"])
    assert frame.columns.tolist() == COLUMNS
    assert frame["indicator_id"].tolist() == ["P", "P", "C0", "C0", "C1", "C1"]
    assert frame["period"].astype(str).tolist() == ["2024", "2024Q1"] * 3
    assert frame["source"].astype(object).where(frame["source"].notna(), None).tolist() == [
        "derived",
        None,
        "reported",
        None,
        "reported",
        None,
    ]


def test_reported_wins_over_derived() -> None:
    c = _family("sum", [1.0, 2.0], parent_value=5.0)
    frame = derive_realisations(c, "2024").set_index("indicator_id")
    assert frame.loc["P", "reported"] == 5.0
    assert frame.loc["P", "derived"] == 3.0
    assert frame.loc["P", "value"] == 5.0
    assert frame.loc["P", "source"] == "reported"


def test_unknown_missing_policy() -> None:
    with pytest.raises(ValueError, match="missing must be one of"):
        derive_realisations(_family("sum", [1.0]), "2024", missing="drop")  # type: ignore[arg-type]


def test_no_periods_no_rows() -> None:
    assert derive_realisations(_family("sum", [1.0]), []).empty


# --------------------------------------------------------------------- aggregations


@pytest.mark.parametrize(
    ("aggregation", "expected"),
    [("sum", 12.0), ("mean", 4.0), ("min", 2.0), ("max", 6.0), ("none", NaN)],
)
def test_aggregations(aggregation: str, expected: float) -> None:
    assert _same(_value(_family(aggregation, [4.0, 2.0, 6.0]), "P"), expected)


def test_weighted_mean() -> None:
    c = _family("weighted_mean", [10.0, 20.0], weights=[0.25, 0.75])
    assert _value(c, "P") == pytest.approx(17.5)


def test_weighted_mean_with_zero_weights_is_missing() -> None:
    c = _family("weighted_mean", [10.0, 20.0], weights=[0.0, 0.0])
    assert math.isnan(_value(c, "P"))


def test_only_carrier_children_count() -> None:
    c = _cascade(
        [
            {"indicator_id": "P", "aggregation": "sum"},
            {"indicator_id": "A", "parent_indicator_id": "P"},
            {"indicator_id": "B", "parent_indicator_id": "P", "role": "supporting"},
            {"indicator_id": "O", "parent_indicator_id": "P", "role": "own"},
        ],
        [("A", "2024", 1.0), ("B", "2024", 10.0), ("O", "2024", 100.0)],
    )
    assert _value(c, "P") == 1.0


def test_roll_up_over_several_levels() -> None:
    c = _cascade(
        [
            {"indicator_id": "G", "aggregation": "max"},
            {"indicator_id": "P", "parent_indicator_id": "G", "aggregation": "sum"},
            {"indicator_id": "Q", "parent_indicator_id": "G"},
            {"indicator_id": "A", "parent_indicator_id": "P"},
            {"indicator_id": "B", "parent_indicator_id": "P"},
        ],
        [("A", "2024", 3.0), ("B", "2024", 4.0), ("Q", "2024", 5.0)],
    )
    frame = derive_realisations(c, "2024").set_index("indicator_id")
    assert frame.loc["P", "value"] == 7.0
    assert frame.loc["G", "derived"] == 7.0


def test_no_derived_value_on_a_cycle() -> None:
    c = _cascade(
        [
            {"indicator_id": "A", "parent_indicator_id": "B", "aggregation": "sum"},
            {"indicator_id": "B", "parent_indicator_id": "A", "aggregation": "sum"},
            {"indicator_id": "C", "parent_indicator_id": "A"},
        ],
        [("C", "2024", 1.0)],
    )
    frame = derive_realisations(c, "2024").set_index("indicator_id")
    assert frame["derived"].isna().all()


def test_non_finite_and_repeated_values() -> None:
    c = _cascade(
        [
            {"indicator_id": "P", "aggregation": "sum"},
            {"indicator_id": "A", "parent_indicator_id": "P"},
            {"indicator_id": "B", "parent_indicator_id": "P"},
        ],
        [("A", "2024", math.inf), ("A", "2024", 2.0), ("B", "2024", 3.0), ("B", "2024", 9.0)],
    )
    frame = derive_realisations(c, "2024").set_index("indicator_id")
    assert frame.loc["A", "reported"] == 2.0  # the first finite one
    assert frame.loc["B", "reported"] == 3.0  # the first one
    assert frame.loc["P", "derived"] == 5.0


# ------------------------------------------------------------------ missing values


@pytest.mark.parametrize(
    ("missing", "aggregation", "expected"),
    [
        ("skip_if_any_missing", "sum", NaN),
        ("skip_if_all_missing", "sum", 6.0),
        ("zero", "sum", 6.0),
        ("skip_if_any_missing", "mean", NaN),
        ("skip_if_all_missing", "mean", 3.0),
        ("zero", "mean", 2.0),
        ("skip_if_all_missing", "min", 2.0),
        ("zero", "min", 0.0),
        ("skip_if_all_missing", "max", 4.0),
        ("zero", "max", 4.0),
    ],
)
def test_missing_child(missing: str, aggregation: str, expected: float) -> None:
    c = _family(aggregation, [2.0, None, 4.0])
    assert _same(_value(c, "P", missing=missing), expected)


def test_weighted_mean_over_the_children_present() -> None:
    c = _family("weighted_mean", [10.0, None, 20.0], weights=[1.0, 2.0, 3.0])
    assert _value(c, "P", missing="skip_if_all_missing") == pytest.approx(70 / 4)
    assert _value(c, "P", missing="zero") == pytest.approx(70 / 6)


@pytest.mark.parametrize(
    ("missing", "expected"),
    [("skip_if_any_missing", NaN), ("skip_if_all_missing", NaN), ("zero", 0.0)],
)
def test_every_child_missing(missing: str, expected: float) -> None:
    assert _same(_value(_family("sum", [None, None]), "P", missing=missing), expected)


# -------------------------------------------------------------------------- time


def _quarterly(how: str, values: Sequence[float | None], **extra: object) -> Cascade:
    real = [("Q", q, v) for q, v in zip(QUARTERS, values, strict=True) if v is not None]
    return _cascade([{"indicator_id": "Q", "period_aggregation": how, **extra}], real)


@pytest.mark.parametrize(("how", "expected"), [("sum", 100.0), ("mean", 25.0), ("last", 40.0)])
def test_year_from_quarters(how: str, expected: float) -> None:
    c = _quarterly(how, [10.0, 20.0, 30.0, 40.0])
    frame = derive_realisations(c, "2024")
    assert frame["reported"].tolist() == [expected]
    assert frame["source"].tolist() == ["reported"]


@pytest.mark.parametrize(
    ("missing", "how", "expected"),
    [
        ("skip_if_any_missing", "sum", NaN),
        ("skip_if_any_missing", "mean", NaN),
        ("skip_if_any_missing", "last", NaN),
        ("skip_if_all_missing", "sum", 60.0),
        ("skip_if_all_missing", "mean", 20.0),
        ("skip_if_all_missing", "last", 30.0),
        ("zero", "sum", 60.0),
        ("zero", "mean", 15.0),
        ("zero", "last", 30.0),
    ],
)
def test_year_with_a_missing_quarter(missing: str, how: str, expected: float) -> None:
    c = _quarterly(how, [10.0, 20.0, 30.0, None])
    assert _same(_value(c, "Q", missing=missing), expected)


def test_last_takes_the_latest_quarter_present() -> None:
    c = _quarterly("last", [10.0, None, 30.0, 25.0])
    assert _value(c, "Q", missing="skip_if_all_missing") == 25.0
    assert math.isnan(_value(c, "Q"))


def test_the_year_reported_wins_over_its_quarters() -> None:
    c = _cascade(
        [{"indicator_id": "Q", "period_aggregation": "sum"}],
        [*(("Q", q, 1.0) for q in QUARTERS), ("Q", "2024", 7.0)],
    )
    assert _value(c, "Q") == 7.0


def test_months_when_there_are_no_quarters() -> None:
    months = [f"2024-{m:02d}" for m in range(1, 13)]
    c = _cascade(
        [{"indicator_id": "M", "period_aggregation": "sum"}],
        [("M", m, 2.0) for m in months],
    )
    assert _value(c, "M") == 24.0
    assert _value(c, "M", "2024Q2") == 6.0
    gap = _cascade(
        [{"indicator_id": "M", "period_aggregation": "mean"}],
        [("M", m, 2.0) for m in months[:-1]],
    )
    assert math.isnan(_value(gap, "M"))
    assert _value(gap, "M", missing="zero") == pytest.approx(22 / 12)


def test_quarters_are_preferred_to_months() -> None:
    c = _cascade(
        [{"indicator_id": "Q", "period_aggregation": "sum"}],
        [("Q", "2024Q1", 5.0), ("Q", "2024-01", 100.0)],
    )
    assert math.isnan(_value(c, "Q"))  # quarters with a gap; months are not consulted
    assert _value(c, "Q", missing="skip_if_all_missing") == 5.0


def test_time_then_roll_up() -> None:
    c = _cascade(
        [
            {"indicator_id": "P", "aggregation": "sum"},
            {"indicator_id": "A", "parent_indicator_id": "P", "period_aggregation": "sum"},
            {"indicator_id": "B", "parent_indicator_id": "P"},
        ],
        [*(("A", q, 5.0) for q in QUARTERS), ("B", "2024", 1.0)],
    )
    assert _value(c, "P") == 21.0


# ---------------------------------------------------------------------- property


def _reference(
    parents: list[int],
    carrier: list[bool],
    summing: list[bool],
    reported: list[float | None],
    missing: str,
) -> list[float | None]:
    """Derived value of each node by plain recursion (sum over carrier children)."""
    children: dict[int, list[int]] = {}
    for i, p in enumerate(parents):
        if p >= 0 and carrier[i]:
            children.setdefault(p, []).append(i)

    def value(i: int) -> float | None:
        mine = reported[i]
        return mine if mine is not None else derived(i)

    def derived(i: int) -> float | None:
        kids = children.get(i, [])
        if not summing[i] or not kids:
            return None
        got = [value(k) for k in kids]
        if missing == "zero":
            return math.fsum(0.0 if v is None else v for v in got)
        present = [v for v in got if v is not None]
        if not present or (missing == "skip_if_any_missing" and len(present) < len(got)):
            return None
        return math.fsum(present)

    return [derived(i) for i in range(len(parents))]


@st.composite
def _trees(draw: st.DrawFn) -> tuple[list[int], list[bool], list[bool], list[float | None]]:
    n = draw(st.integers(1, 25))
    parents = [-1] + [draw(st.integers(-1, i - 1)) for i in range(1, n)]
    carrier = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    summing = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    value = st.none() | st.integers(-1000, 1000).map(float) | st.floats(-1e6, 1e6)
    reported = draw(st.lists(value, min_size=n, max_size=n))
    return parents, carrier, summing, reported


@settings(max_examples=60)
@given(tree=_trees(), missing=st.sampled_from(MISSING_POLICIES))
def test_sum_matches_a_recursive_reference(
    tree: tuple[list[int], list[bool], list[bool], list[float | None]], missing: str
) -> None:
    parents, carrier, summing, reported = tree
    n = len(parents)
    ids = [f"I{i}" for i in range(n)]
    c = _cascade(
        [
            {
                "indicator_id": ids[i],
                "parent_indicator_id": ids[parents[i]] if parents[i] >= 0 else None,
                "aggregation": "sum" if summing[i] else "none",
                "role": "carrier" if carrier[i] else "supporting",
            }
            for i in range(n)
        ],
        [(ids[i], "2024", v) for i, v in enumerate(reported) if v is not None],
    )
    got = derive_realisations(c, "2024", missing=missing)  # type: ignore[arg-type]
    expected = _reference(parents, carrier, summing, reported, missing)
    derived = got["derived"].to_numpy()
    for i in range(n):
        want = expected[i]
        if want is None:
            assert np.isnan(derived[i]), (i, derived[i])
        else:
            assert derived[i] == pytest.approx(want, rel=1e-9, abs=1e-6), i
