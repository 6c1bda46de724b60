"""cascades() and cascade_tables(): valid, varied, and shrinking toward the smallest city."""

from __future__ import annotations

from collections import Counter

from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

import cascade
from cascade.strategies import cascade_tables, cascades
from cascade.strategies._cascades import Tables, plan_policy

#: find() without the explain phase, which replays the example many times to no purpose here.
FIND = (Phase.generate, Phase.shrink)


def _years(tables: Tables) -> list[int]:
    return sorted({int(str(p)[:4]) for p in tables["targets"]["period"]})


@settings(max_examples=12, deadline=None)
@given(
    cascades(max_agencies=2, max_periods=3, max_indicators=3)
    | cascades(realisations=False, budgets=False, max_periods=2)
    | cascades(quarters=True, max_periods=2)
)
def test_a_drawn_cascade_has_no_finding_and_propagates(city: cascade.Cascade) -> None:
    years = [p.year for p in city.periods]
    assert cascade.check(city).findings == []
    assert cascade.check(city, policy=plan_policy(years)).findings == []
    for year in years:
        results = cascade.propagate(city, as_of=str(year))
        assert len(results.indicators) == len(city.indicators)


def test_draws_reach_every_depth_polarity_and_number_of_years() -> None:
    seen: Counter[str] = Counter()

    @settings(max_examples=80, deadline=None, derandomize=True, database=None)
    @given(cascade_tables(max_periods=3))
    def collect(t: Tables) -> None:
        seen.update(f"level {level}" for level in set(t["units"]["level"]))
        seen.update(f"polarity {p}" for p in set(t["indicators"]["polarity"]))
        seen[f"{len(_years(t))} years"] += 1
        seen["budgets" if len(t["budgets"]) else "no budgets"] += 1
        seen["parent reports" if len(t["realisations"]) > _leaves(t) else "leaves only"] += 1
        seen.update("non-ASCII id" for x in t["units"]["unit_id"] if not str(x).isascii())

    collect()
    for feature in (
        "level pelaksana",
        "level pengawas",
        "polarity maximize",
        "polarity minimize",
        "polarity stabilize",
        "1 years",
        "2 years",
        "3 years",
        "budgets",
        "no budgets",
        "parent reports",
        "leaves only",
        "non-ASCII id",
    ):
        assert seen[feature] > 0, (feature, seen)


def _leaves(t: Tables) -> int:
    parents = set(t["indicators"]["parent_indicator_id"].dropna())
    leaves = ~t["indicators"]["indicator_id"].isin(parents)
    return int(leaves.sum()) * len(_years(t))


@settings(max_examples=15, deadline=None)
@given(
    st.data(),
    st.integers(1, 4),
    st.integers(1, 3),
    st.integers(1, 3),
    st.sampled_from([("maximize",), ("minimize", "stabilize"), ("stabilize",)]),
)
def test_arguments_bound_what_is_drawn(
    data: st.DataObject, depth: int, indicators: int, periods: int, polarities: tuple[str, ...]
) -> None:
    t = data.draw(
        cascade_tables(
            min_agencies=2,
            max_agencies=2,
            min_depth=depth,
            max_depth=depth,
            min_indicators=indicators,
            max_indicators=indicators,
            min_periods=periods,
            max_periods=periods,
            first_year=2030,
            polarities=polarities,
        )
    )
    units = t["units"]
    assert (units["level"] == "perangkat_daerah").sum() == 2
    levels = ["pemda", "perangkat_daerah", "administrator", "pengawas", "pelaksana"]
    assert set(units["level"]) == set(levels[: depth + 1])
    per_goal = t["indicators"].groupby("goal_id").size()
    assert (per_goal == indicators).all()
    assert set(per_goal.index) == set(t["goals"]["goal_id"])
    assert _years(t) == list(range(2030, 2030 + periods))
    assert set(t["indicators"]["polarity"]) <= set(polarities)
    counts = t["targets"].groupby("indicator_id").size()
    assert (counts == periods).all()


@settings(max_examples=10, deadline=None)
@given(cascade_tables(quarters=True, max_periods=2))
def test_quarters_add_up_to_their_year(t: Tables) -> None:
    for name, column in (("targets", "target"), ("realisations", "value")):
        frame = t[name].assign(year=t[name]["period"].str[:4])
        quarters = frame[frame["period"].str.contains("Q")]
        years = frame[~frame["period"].str.contains("Q")].set_index(["indicator_id", "year"])
        sums = quarters.groupby(["indicator_id", "year"])[column].agg(["sum", "size"])
        assert (sums["size"] == 4).all()
        both = years.join(sums, how="inner")
        assert (both[column] == both["sum"]).all()
    per_indicator = t["targets"].groupby("indicator_id").size()
    assert (per_indicator == 5 * len(_years(t))).all()
    city = cascade.Cascade(**t)
    assert cascade.check(city).ok
    results = cascade.propagate(city, as_of=f"{_years(t)[0]}Q2")
    assert results.indicators["achievement"].notna().any()


@settings(max_examples=10, deadline=None)
@given(cascade_tables(realisations=False, budgets=False, max_periods=2))
def test_realisations_and_budgets_can_be_left_out(t: Tables) -> None:
    assert t["realisations"].empty
    assert t["budgets"].empty
    assert len(t["targets"]) == len(t["indicators"]) * len(_years(t))


@settings(max_examples=20, deadline=None)
@given(cascade_tables(max_agencies=8))
def test_ids_have_no_spaces_and_no_id_is_in_two_tables(t: Tables) -> None:
    ids = {
        name: set(t[name][column])
        for name, column in (
            ("units", "unit_id"),
            ("goals", "goal_id"),
            ("indicators", "indicator_id"),
        )
    }
    for values in ids.values():
        assert not any(" " in str(x) for x in values)
    assert not ids["units"] & ids["goals"]
    assert not ids["goals"] & ids["indicators"]
    assert not ids["units"] & ids["indicators"]


def test_a_draw_shrinks_to_the_smallest_city() -> None:
    t = find(
        cascade_tables(max_periods=3),
        lambda t: True,
        settings=settings(database=None, phases=FIND),
    )
    assert t["units"]["level"].tolist() == ["pemda", "perangkat_daerah"]
    assert t["goals"]["kind"].tolist() == ["tujuan", "sasaran_strategis", "sasaran_program"]
    assert len(t["indicators"]) == 3
    assert _years(t) == [2024]
    assert t["budgets"].empty


def test_a_deep_draw_shrinks_to_one_chain_down_to_an_employee() -> None:
    t = find(
        cascade_tables(),
        lambda t: "pelaksana" in set(t["units"]["level"]),
        settings=settings(database=None, max_examples=500, phases=FIND),
    )
    assert t["units"]["level"].tolist() == [
        "pemda",
        "perangkat_daerah",
        "administrator",
        "pengawas",
        "pelaksana",
    ]
    assert len(t["indicators"]) == len(t["goals"]) == 6
