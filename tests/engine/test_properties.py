"""Property tests for the invariants of ``domain.md`` sections 4 (achievement) and 5 (roll-up).

Section 4: on target is exactly 100 for every polarity and both minimize formulas; the
figure is monotone in R in the polarity's direction (undefined values, NaN, aside); floor and
cap hold; the result is never infinite. Section 5: a ``mean`` parent of identical children
gets their value, a ``sum`` parent the sum; a missing value stays missing (NaN, counted as
missing) under the default policy; the figures do not depend on the row order of any table
nor on the day the computation runs; a goal's achievement is the (weighted) mean of its
indicators', an owner's the mean of its goals'.

Example counts are modest (50-100 for the formulas, 25-40 for ``propagate``) so the file
runs in well under a minute.
"""

from __future__ import annotations

import ast
import datetime as dt
import math
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.checks.strategies import PERIOD, Tables, copy_tables, valid_cascades

import cascade
from cascade import Cascade, Policy, propagate
from cascade.achievement import achievement

FORMULA = settings(max_examples=100)
ENGINE = settings(max_examples=25)

POLARITIES = ("maximize", "minimize", "stabilize")
MINIMIZE = ("difference", "ratio")
ZERO_TARGET = ("equal_is_met", "met_or_better", "missing")

SRC = Path(__file__).resolve().parents[2] / "src" / "cascade"

# ------------------------------------------------------------------- formula strategies

finite = st.floats(min_value=-1e4, max_value=1e4, allow_nan=False, allow_infinity=False)
nice = st.one_of(
    st.integers(-200, 200).map(float),  # small whole numbers hit the edges (0, T itself)
    finite,
)


@st.composite
def targets(draw: st.DrawFn) -> tuple[float, float | None]:
    """A point target (upper None) or a range [lo, hi], any sign, zero included."""
    lo = draw(nice)
    if draw(st.booleans()):
        return lo, None
    width = draw(st.one_of(st.just(0.0), st.floats(min_value=0, max_value=1e4)))
    return lo, lo + width


def policies(**fixed: Any) -> st.SearchStrategy[Policy]:
    return st.builds(
        Policy,
        minimize=st.sampled_from(MINIMIZE),
        zero_target=st.sampled_from(ZERO_TARGET),
        floor=st.sampled_from([0.0, None, -50.0]),
        **fixed,
    )


def _range(target: tuple[float, float | None]) -> tuple[float, float]:
    lo, hi = target
    return lo, lo if hi is None else hi


# ----------------------------------------------------------------- achievement: section 4


@FORMULA
@given(
    target=targets(),
    where=st.floats(min_value=0, max_value=1),
    polarity=st.sampled_from(POLARITIES),
    minimize=st.sampled_from(MINIMIZE),
    zero_target=st.sampled_from(("equal_is_met", "met_or_better")),
)
def test_on_target_is_exactly_100(
    target: tuple[float, float | None],
    where: float,
    polarity: str,
    minimize: str,
    zero_target: str,
) -> None:
    lo, hi = _range(target)
    r = min(max(lo + where * (hi - lo), lo), hi)  # anywhere in the range, ends included
    policy = Policy(minimize=minimize, zero_target=zero_target)
    for value in (r, lo, hi):
        got = achievement(value, lo, target[1], polarity, policy=policy)
        assert got.tolist() == [100.0], (value, lo, hi)


@FORMULA
@given(
    target=targets(),
    rs=st.lists(nice, min_size=2, max_size=30),
    polarity=st.sampled_from(POLARITIES),
    policy=policies(),
)
def test_monotone_in_the_realisation(
    target: tuple[float, float | None], rs: list[float], polarity: str, policy: Policy
) -> None:
    lo, hi = _range(target)
    r = np.array(sorted(rs))
    values = achievement(r, lo, target[1], polarity, policy=policy)
    defined = ~np.isnan(values)

    def steps(mask: np.ndarray) -> np.ndarray:
        return np.diff(values[mask & defined])

    if polarity == "maximize":
        assert (steps(np.ones_like(defined)) >= 0).all(), values
    elif polarity == "minimize":
        assert (steps(np.ones_like(defined)) <= 0).all(), values
    else:
        assert (steps(r <= hi) >= 0).all(), values  # rising up to the range
        assert (steps(r >= lo) <= 0).all(), values  # falling after it
        assert (values[defined] <= 100.0).all()  # on target is the best a stabilizer does


@FORMULA
@given(
    r=st.lists(nice, min_size=1, max_size=20),
    target=targets(),
    polarity=st.sampled_from(POLARITIES),
    minimize=st.sampled_from(MINIMIZE),
    floor=st.one_of(st.none(), st.floats(min_value=-300, max_value=100)),
    cap=st.one_of(st.none(), st.floats(min_value=100, max_value=300)),
)
def test_floor_and_cap_hold(
    r: list[float],
    target: tuple[float, float | None],
    polarity: str,
    minimize: str,
    floor: float | None,
    cap: float | None,
) -> None:
    policy = Policy(minimize=minimize, floor=floor, cap=cap)
    values = achievement(r, target[0], target[1], polarity, policy=policy)
    unbounded = Policy(floor=None, minimize=minimize)
    plain = achievement(r, target[0], target[1], polarity, policy=unbounded)
    defined = ~np.isnan(values)
    # floor and cap never make or unmake a figure
    assert (defined == ~np.isnan(plain)).all()
    if floor is not None:
        assert (values[defined] >= floor).all()
    if cap is not None:
        assert (values[defined] <= cap).all()
    low = -np.inf if floor is None else floor
    high = np.inf if cap is None else cap
    np.testing.assert_array_equal(values[defined], np.clip(plain[defined], low, high))


any_number = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -0.0, 1e-320, -1e-320, 1e308, -1e308, math.inf, math.nan]),
)


@FORMULA
@given(
    r=st.lists(any_number, min_size=1, max_size=10),
    t=any_number,
    upper=st.one_of(st.none(), any_number),
    polarity=st.sampled_from(POLARITIES),
    policy=policies(cap=st.one_of(st.none(), st.just(120.0))),
)
def test_never_infinite_and_missing_stays_missing(
    r: list[float], t: float, upper: float | None, polarity: str, policy: Policy
) -> None:
    values = achievement(r, t, upper, polarity, policy=policy)
    assert not np.isinf(values).any()
    assert np.isnan(values[~np.isfinite(np.array(r))]).all()
    if not math.isfinite(t):  # a missing T is a missing target, whatever the upper bound
        assert np.isnan(values).all()


@FORMULA
@given(
    r=finite,
    target=targets(),
    polarity=st.sampled_from(POLARITIES),
    policy=policies(),
)
def test_vectorised_equals_one_by_one(
    r: float, target: tuple[float, float | None], polarity: str, policy: Policy
) -> None:
    # a column computes each row as the row alone would: no row sees another
    lo, hi = target
    others = achievement(
        [r, 1.0, -7.5, 0.0],
        [lo, 3.0, -2.0, 0.0],
        [math.nan if hi is None else hi, math.nan, math.nan, math.nan],
        [polarity, "minimize", "maximize", "stabilize"],
        policy=policy,
    )
    alone = achievement(r, lo, hi, polarity, policy=policy)
    np.testing.assert_array_equal(others[:1], alone)


# ----------------------------------------------------------------- small cascades by hand


def family(
    values: list[float | None],
    aggregation: str,
    *,
    weights: list[float] | None = None,
    polarity: str = "maximize",
    parent_target: float = 100.0,
) -> Tables:
    """A pemda with one goal: indicator P and its carrier children C1..Ck, one per value.

    A value of ``None`` is a child with a target but no realisation.
    """
    k = len(values)
    ids = [f"C{i + 1}" for i in range(k)]
    return {
        "units": pd.DataFrame(
            {"unit_id": ["PEMKO"], "name": ["Pemko"], "parent_id": [None], "level": ["pemda"]}
        ),
        "goals": pd.DataFrame(
            {"goal_id": ["G"], "unit_id": ["PEMKO"], "statement": ["Sasaran"], "kind": ["tujuan"]}
        ),
        "indicators": pd.DataFrame(
            {
                "indicator_id": ["P", *ids],
                "goal_id": ["G"] * (k + 1),
                "parent_indicator_id": [None, *(["P"] * k)],
                "name": ["Indikator"] * (k + 1),
                "measure_unit": ["unit"] * (k + 1),
                "polarity": [polarity] * (k + 1),
                "aggregation": [aggregation, *(["none"] * k)],
                "role": ["carrier"] * (k + 1),
                "weight": [1.0, *(weights or [1.0] * k)],
            }
        ),
        "targets": pd.DataFrame(
            {"indicator_id": ["P", *ids], "period": PERIOD, "target": [parent_target] + [10.0] * k}
        ),
        "realisations": pd.DataFrame(
            {
                "indicator_id": [i for i, v in zip(ids, values, strict=True) if v is not None],
                "period": PERIOD,
                "value": [v for v in values if v is not None],
            },
            columns=["indicator_id", "period", "value"],
        ),
    }


def run(tables: Tables, **policy: Any) -> cascade.Results:
    return propagate(Cascade(**tables), as_of=PERIOD, policy=policy or None)


def row(frame: pd.DataFrame, key: str) -> pd.Series:
    return frame.set_index(frame.columns[0]).loc[key]


child_value = st.one_of(
    st.integers(0, 10_000).map(float),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False),
)


@ENGINE
@given(
    value=child_value,
    k=st.integers(1, 6),
    aggregation=st.sampled_from(["mean", "weighted_mean", "min", "max"]),
    weights=st.lists(st.floats(min_value=0.25, max_value=8), min_size=6, max_size=6),
)
def test_identical_children_give_their_value_to_a_mean_parent(
    value: float, k: int, aggregation: str, weights: list[float]
) -> None:
    r = run(family([value] * k, aggregation, weights=weights[:k]))
    p = row(r.indicators, "P")
    assert p["realisation_source"] == "derived"
    assert p["derived"] == pytest.approx(value, rel=1e-12, abs=1e-9)
    assert p["realisation"] == p["derived"]


@ENGINE
@given(values=st.lists(child_value, min_size=1, max_size=8))
def test_a_sum_parent_gets_the_sum_of_its_children(values: list[float]) -> None:
    r = run(family(list(values), "sum"))
    p = row(r.indicators, "P")
    assert p["realisation_source"] == "derived"
    assert p["derived"] == pytest.approx(math.fsum(values), rel=1e-9, abs=1e-6)
    assert p["achievement"] == pytest.approx(max(0.0, math.fsum(values)), rel=1e-9, abs=1e-6)


@settings(max_examples=15)
@given(
    present=st.floats(min_value=1, max_value=1000),
    polarity=st.sampled_from(POLARITIES),
)
def test_missing_never_becomes_zero_under_the_default_policy(
    present: float, polarity: str
) -> None:
    # goal G: P (no aggregation, so no derived value) and two own indicators, one reported
    t = family([present, None], "none", polarity=polarity)
    t["indicators"]["parent_indicator_id"] = None  # three plain indicators of one goal
    t["targets"]["target"] = 100.0
    a = float(achievement(present, 100.0, polarity=polarity)[0])

    default = run(t)
    ind = default.indicators.set_index("indicator_id")
    assert math.isnan(ind.loc["C2", "achievement"])
    assert pd.isna(ind.loc["C2", "achievement_source"])
    assert math.isnan(ind.loc["P", "achievement"])  # no realisation, no children: missing
    assert ind.loc["C1", "achievement"] == pytest.approx(a)
    goal = row(default.goals, "G")
    assert math.isnan(goal["achievement"])
    assert (goal["indicators_counted"], goal["indicators_missing"]) == (1, 2)
    owner = row(default.owners, "PEMKO")
    assert math.isnan(owner["achievement"])
    assert (owner["goals_counted"], owner["goals_missing"]) == (0, 1)
    assert pd.isna(owner["category"])

    some = row(run(t, missing="skip_if_all_missing").goals, "G")
    assert some["achievement"] == pytest.approx(a)  # the one present, not a / 3

    zero = run(t, missing="zero")
    assert math.isnan(row(zero.indicators, "C2")["achievement"])  # the indicator stays missing
    assert row(zero.goals, "G")["achievement"] == pytest.approx(a / 3)  # … the goal drops
    if a > 0:
        assert row(zero.goals, "G")["achievement"] < some["achievement"]


# ------------------------------------------------------------------ drawn valid cascades


@st.composite
def cascades_with_quarters(draw: st.DrawFn) -> tuple[Tables, Tables]:
    """A valid cascade, and the same one with some yearly realisations given as quarters.

    A leaf's year value v becomes four quarters of v/4 (``period_aggregation`` ``sum``) or
    the cumulative quarters v/4, v/2, 3v/4, v (``last``); both give v for the year, exactly.
    """
    t = draw(valid_cascades())
    quarterly = copy_tables(t)
    ind = quarterly["indicators"]
    leaves = set(ind.loc[ind["aggregation"] == "none", "indicator_id"])
    rows: list[dict[str, Any]] = []
    for rec in quarterly["realisations"].to_dict("records"):
        mode = "year"
        if rec["indicator_id"] in leaves:
            mode = draw(st.sampled_from(["year", "sum", "last"]))
        if mode == "year":
            rows.append(rec)
            continue
        ind.loc[ind["indicator_id"] == rec["indicator_id"], "period_aggregation"] = mode
        v = rec["value"]
        parts = [v / 4] * 4 if mode == "sum" else [v / 4, v / 2, 3 * v / 4, v]
        rows.extend(
            {"indicator_id": rec["indicator_id"], "period": f"{PERIOD}Q{q}", "value": x}
            for q, x in enumerate(parts, start=1)
        )
    quarterly["realisations"] = pd.DataFrame(rows, columns=["indicator_id", "period", "value"])
    return t, quarterly


def shuffled(draw: st.DrawFn, tables: Tables) -> Tables:
    out = {}
    for name, frame in tables.items():
        order = draw(st.permutations(range(len(frame))))
        out[name] = frame.iloc[list(order)].reset_index(drop=True)
    return out


FRAME_KEYS = {
    "indicators": "indicator_id",
    "goals": "goal_id",
    "owners": "unit_id",
    "budget": "goal_id",
    "owner-budget": "unit_id",
}


def sorted_frame(results: cascade.Results, level: str) -> pd.DataFrame:
    frame = results.table(level)  # type: ignore[arg-type]
    return frame.sort_values(FRAME_KEYS[level], kind="stable").reset_index(drop=True)


def findings(results: cascade.Results) -> list[tuple[str, str, str | None]]:
    return sorted((f.name, f.subject_id, f.period) for f in results.findings.findings)


def assert_same_results(a: cascade.Results, b: cascade.Results, *, exact: bool = False) -> None:
    for level in FRAME_KEYS:
        pd.testing.assert_frame_equal(
            sorted_frame(a, level),
            sorted_frame(b, level),
            check_exact=exact,
            rtol=1e-12,
            atol=1e-9,
            obj=level,
        )
    assert findings(a) == findings(b)


@ENGINE
@given(data=st.data(), pair=cascades_with_quarters())
def test_row_order_does_not_matter(data: st.DataObject, pair: tuple[Tables, Tables]) -> None:
    yearly, quarterly = pair
    policy = data.draw(st.sampled_from(["skip_if_any_missing", "skip_if_all_missing", "zero"]))
    first = run(quarterly, missing=policy)
    again = run(shuffled(data.draw, quarterly), missing=policy)
    assert_same_results(first, again)
    # and quarters that add up to the year give the year's figures
    year = run(yearly, missing=policy)
    for column in ("realisation", "achievement"):
        np.testing.assert_allclose(
            sorted_frame(first, "indicators")[column],
            sorted_frame(year, "indicators")[column],
            rtol=1e-12,
        )


@contextmanager
def clock_at(moment: dt.datetime) -> Iterator[None]:
    """Every clock Python code could read says ``moment``."""

    class FrozenDateTime(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> FrozenDateTime:
            return cls.fromtimestamp(moment.timestamp(), tz)

        @classmethod
        def utcnow(cls) -> FrozenDateTime:
            return cls.fromtimestamp(moment.timestamp())

        @classmethod
        def today(cls) -> FrozenDateTime:
            return cls.fromtimestamp(moment.timestamp())

    class FrozenDate(dt.date):
        @classmethod
        def today(cls) -> FrozenDate:
            day = moment.date()
            return cls(day.year, day.month, day.day)

    stamp = moment.timestamp()
    with (
        mock.patch("time.time", return_value=stamp),
        mock.patch("time.time_ns", return_value=int(stamp * 1e9)),
        mock.patch("time.localtime", return_value=moment.timetuple()),
        mock.patch("datetime.datetime", FrozenDateTime),
        mock.patch("datetime.date", FrozenDate),
    ):
        yield


DAYS = (
    dt.datetime(2019, 1, 1, 8, 0, tzinfo=dt.UTC),
    dt.datetime(2024, 5, 15, 12, 0, tzinfo=dt.UTC),  # mid-2024: only Q1 is "over"
    dt.datetime(2031, 12, 31, 23, 59, tzinfo=dt.UTC),
)


def test_the_frozen_clock_freezes() -> None:
    import time

    with clock_at(DAYS[0]):
        assert time.time() == DAYS[0].timestamp()
        assert dt.date.today() == dt.date(2019, 1, 1)
        assert dt.datetime.now(dt.UTC).year == 2019
    assert dt.date.today().year > 2020


@settings(max_examples=15)
@given(pair=cascades_with_quarters())
def test_results_do_not_depend_on_the_day_they_are_computed(pair: tuple[Tables, Tables]) -> None:
    c = Cascade(**pair[1])  # built outside the frozen clock: only the computation is timed
    runs = []
    for day in DAYS:
        with clock_at(day):
            runs.append(propagate(c, as_of=PERIOD))
    runs.append(propagate(c, as_of=PERIOD))  # and today, whatever day that is
    for other in runs[1:]:
        assert_same_results(runs[0], other, exact=True)


#: The modules that compute figures: none may read the clock.
COMPUTING = sorted(
    [
        *(SRC / "engine").glob("*.py"),
        SRC / "achievement.py",
        SRC / "derive.py",
    ]
)
#: Modules they lean on (policy, scales, periods, the checker's shared context and rules).
LEANED_ON = sorted(
    [
        SRC / "policy.py",
        SRC / "scales.py",
        SRC / "period.py",
        *(SRC / "checks").glob("*.py"),
    ]
)
CLOCK_CALLS = {"today", "now", "utcnow", "time", "time_ns", "localtime", "gmtime", "ctime"}


def _clock_use(source: str) -> tuple[list[str], list[str]]:
    """The clock modules ``source`` imports, and its calls of a clock-reading name."""
    tree = ast.parse(source)
    imports: list[str] = []
    calls: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imports += [a.name for a in node.names if a.name.split(".")[0] in {"time", "datetime"}]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in {
            "time",
            "datetime",
        }:
            imports.append(str(node.module))
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in CLOCK_CALLS:
                calls.append(f"{name}() at line {node.lineno}")
    return imports, calls


def test_the_computing_modules_never_import_a_clock() -> None:
    assert len(COMPUTING) >= 10  # the engine package, achievement and derive were found
    for path in COMPUTING:
        imports, calls = _clock_use(path.read_text(encoding="utf-8"))
        assert imports == [], f"{path.name} imports {imports}"
        assert calls == [], f"{path.name} calls {calls}"


def test_the_modules_they_use_never_read_the_clock() -> None:
    for path in LEANED_ON:
        _, calls = _clock_use(path.read_text(encoding="utf-8"))
        assert calls == [], f"{path.name} calls {calls}"


def test_the_clock_scan_can_see_a_clock() -> None:
    source = "import datetime as dt\nfrom time import time\nx = dt.date.today()\ny = time()\n"
    imports, calls = _clock_use(source)
    assert imports == ["datetime", "time"]
    assert calls == ["today() at line 3", "time() at line 4"]


# ------------------------------------------------------------------- goal and owner means


@st.composite
def weighted_cascades(draw: st.DrawFn) -> Tables:
    """A valid cascade with drawn indicator weights and some leaf realisations dropped."""
    t = draw(valid_cascades())
    n = len(t["indicators"])
    t["indicators"]["weight"] = draw(
        st.lists(st.sampled_from([0.5, 1.0, 2.0, 3.0, 7.5]), min_size=n, max_size=n)
    )
    real = t["realisations"]
    keep = draw(st.lists(st.booleans(), min_size=len(real), max_size=len(real)))
    if not all(keep) and draw(st.booleans()):
        t["realisations"] = real[keep].reset_index(drop=True)
    return t


def _expected_mean(
    frame: pd.DataFrame, key: str, weight: pd.Series | None, missing: str
) -> dict[str, float]:
    out: dict[str, float] = {}
    for group, part in frame.groupby(key, observed=True, sort=False):
        values = part["achievement"].to_numpy(dtype=float)
        w = np.ones(len(part)) if weight is None else weight.loc[part.index].to_numpy(dtype=float)
        present = ~np.isnan(values)
        if missing == "skip_if_any_missing" and not present.all():
            out[str(group)] = math.nan
            continue
        if missing == "skip_if_all_missing":
            values, w = values[present], w[present]
        else:
            values = np.where(present, values, 0.0)
        out[str(group)] = float(np.sum(values * w) / np.sum(w)) if len(values) else math.nan
    return out


def _check_means(actual: pd.DataFrame, key: str, expected: dict[str, float]) -> None:
    got = dict(zip(actual[key].astype(str), actual["achievement"], strict=True))
    for k, want in expected.items():
        if math.isnan(want):
            assert math.isnan(got[k]), (k, got[k])
        else:
            assert got[k] == pytest.approx(want, rel=1e-12, abs=1e-9), k


@ENGINE
@given(
    t=weighted_cascades(),
    missing=st.sampled_from(["skip_if_any_missing", "skip_if_all_missing", "zero"]),
    weighting=st.sampled_from(["equal", "weight"]),
)
def test_goal_is_the_mean_of_its_indicators_and_owner_of_its_goals(
    t: Tables, missing: str, weighting: str
) -> None:
    r = run(t, missing=missing, goal_weighting=weighting)
    ind = r.indicators
    weight = None
    if weighting == "weight":
        weight = pd.Series(t["indicators"]["weight"].to_numpy(dtype=float), index=ind.index)
    goals = _expected_mean(ind, "goal_id", weight, missing)
    assert set(goals) == set(r.goals["goal_id"].astype(str))  # every goal has indicators here
    _check_means(r.goals, "goal_id", goals)
    owners = _expected_mean(r.goals, "unit_id", None, missing)  # owners: always unweighted
    assert set(owners) == set(r.owners["unit_id"].astype(str))
    _check_means(r.owners, "unit_id", owners)
    # the counts say what was used and what was missing
    counted = ind.groupby("goal_id", observed=True)["achievement"].count()
    g = r.goals.set_index("goal_id")
    assert (g.loc[counted.index, "indicators_counted"] == counted).all()
    sizes = ind.groupby("goal_id", observed=True).size()
    assert (g.loc[sizes.index, "indicators_missing"] == sizes - counted).all()


@ENGINE
@given(t=valid_cascades())
def test_a_sum_parent_in_a_drawn_cascade_is_the_sum_of_its_children(t: Tables) -> None:
    r = run(t)
    ind = r.indicators.set_index("indicator_id")
    parents = t["indicators"].set_index("indicator_id")["parent_indicator_id"].dropna()
    sums = ind.loc[parents.index, "realisation"].groupby(parents.to_numpy()).sum()
    for parent, total in sums.items():
        assert ind.loc[parent, "derived"] == pytest.approx(total, rel=1e-12), parent
        # a parent reporting nothing takes the derived value; one reporting it keeps its own
        assert ind.loc[parent, "realisation"] == pytest.approx(total, rel=1e-12), parent
