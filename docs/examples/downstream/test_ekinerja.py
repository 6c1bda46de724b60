"""Tests of the e-Kinerja rules, with cascade's pytest fixtures, assertions and strategies.

The fixtures (``cascade_example``, ``cascade_example_with_defects``,
``cascade_example_results``, ``cascade_workbook``) come from cascade's pytest plugin, which
installing ``cascade-sakip`` registers: no conftest.py is needed. The last tests draw whole
cities with cascade's Hypothesis strategies; run them with ``--hypothesis-seed=0`` in CI to
keep a green run green.
"""

from __future__ import annotations

import pandas as pd
from ekinerja_rules import agency_ranking, missing_iku_targets
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import cascade
from cascade.strategies import DefectiveCascade, cascades, defective_cascades
from cascade.testing import assert_achievement, assert_consistent, assert_finding
from cascade.testing.plugin import WorkbookFactory

#: Ten cities per property keep the suite quick; a check of one takes a few hundredths of a
#: second, its propagation less.
QUICK = settings(max_examples=10, deadline=None)
#: Defects in the numbers, which the dashboard must live with until the agencies fix them.
NUMBER_DEFECTS = ["missing-target", "invalid-value", "zero-target", "realisation-mismatch"]


def without_target(city: cascade.Cascade, indicator_id: str, year: str) -> cascade.Cascade:
    """The city with the target of one indicator for one year removed."""
    targets = city.targets
    drop = (targets["indicator_id"] == indicator_id) & (targets["period"].astype(str) == year)
    return cascade.Cascade(
        city.units, city.goals, city.indicators, targets[~drop], city.realisations, city.budgets
    )


def without_realisations(city: cascade.Cascade, agency: str) -> cascade.Cascade:
    """The city with no realisation reported anywhere in one agency."""
    inside = set(city.subcascade(agency).indicators["indicator_id"])
    realisations = city.realisations
    kept = realisations[~realisations["indicator_id"].isin(inside)]
    return cascade.Cascade(
        city.units, city.goals, city.indicators, city.targets, kept, city.budgets
    )


# The rules on the example city --------------------------------------------------------------


def test_the_example_city_is_clean(cascade_example: cascade.Cascade) -> None:
    assert_consistent(cascade_example)


def test_every_iku_of_the_example_has_a_2024_target(cascade_example: cascade.Cascade) -> None:
    assert missing_iku_targets(cascade_example, "2024") == []


def test_an_iku_without_a_target_is_reported_by_us_and_by_cascade(
    cascade_example: cascade.Cascade,
) -> None:
    city = without_target(cascade_example, "DINKES-SS1-I1", "2024")
    assert missing_iku_targets(city, "2024") == [("DINKES", "DINKES-SS1-I1")]
    assert_finding(city, "missing-target", "DINKES-SS1-I1")


def test_a_missing_target_below_the_agency_is_not_ours(
    cascade_example_with_defects: cascade.Cascade,
) -> None:
    # The defective city lacks the target of an employee's indicator, not of an IKU.
    assert_finding(cascade_example_with_defects, "missing-target", "DINKES-RHK1.1.2.1-I1")
    assert missing_iku_targets(cascade_example_with_defects, "2024") == []


def test_the_ranking_follows_the_achievements(cascade_example_results: cascade.Results) -> None:
    ranking = agency_ranking(cascade_example_results)
    assert ranking["rank"].tolist() == list(range(1, 10))
    for unit_id, achievement in zip(ranking["unit_id"], ranking["achievement"], strict=True):
        assert_achievement(cascade_example_results, unit_id, achievement)
    assert ranking["unit_id"].iloc[-1] == "DINASPU"
    assert_achievement(cascade_example_results, "DINASPU", 72.9, tolerance=0.05)


def test_an_agency_without_a_figure_ranks_last(cascade_example: cascade.Cascade) -> None:
    results = cascade.propagate(without_realisations(cascade_example, "DINSOS"), as_of="2024")
    assert_achievement(results, "DINSOS", None)
    ranking = agency_ranking(results)
    assert ranking["unit_id"].iloc[-1] == "DINSOS"
    assert pd.isna(ranking["rank"].iloc[-1])
    assert ranking["rank"].iloc[:-1].tolist() == list(range(1, 9))


def test_the_ranking_of_an_exported_workbook(
    cascade_workbook: WorkbookFactory, cascade_example_results: cascade.Results
) -> None:
    city = cascade.read(cascade_workbook("csv"))  # as the e-Kinerja export would give it
    ranking = agency_ranking(cascade.propagate(city, as_of="2024"))
    pd.testing.assert_frame_equal(ranking, agency_ranking(cascade_example_results))


# Any city, drawn by Hypothesis ---------------------------------------------------------------


def agency_ikus(city: cascade.Cascade) -> list[tuple[str, str]]:
    """(agency id, indicator id) of every IKU of an agency."""
    units = city.units
    agencies = set(units.loc[units["level"] == "perangkat_daerah", "unit_id"])
    ikus = city.indicators.loc[city.indicators["key"], "indicator_id"]
    pairs = [(city.owner_of(i, kind="indicator"), i) for i in ikus]
    return sorted((agency, i) for agency, i in pairs if agency in agencies)


@QUICK
@given(cascades(max_agencies=3, max_periods=2))
def test_a_clean_city_misses_no_iku_target(city: cascade.Cascade) -> None:
    report = assert_consistent(city)
    for year in report.periods:
        assert missing_iku_targets(city, year) == []


@QUICK
@given(cascades(max_agencies=3, max_periods=2), st.data())
def test_an_iku_without_a_target_is_reported_by_us_and_by_cascade_in_any_city(
    city: cascade.Cascade, data: st.DataObject
) -> None:
    ikus = agency_ikus(city)
    assume(ikus)
    agency, iku = data.draw(st.sampled_from(ikus), label="IKU")
    year = data.draw(st.sampled_from([str(p) for p in city.periods]), label="year")
    broken = without_target(city, iku, year)
    assert missing_iku_targets(broken, year) == [(agency, iku)]
    assert_finding(broken, "missing-target", iku, period=year)


@QUICK
@given(defective_cascades(NUMBER_DEFECTS, max_agencies=3))
def test_the_ranking_shows_the_figures_of_cascade_despite_a_defect(
    case: DefectiveCascade,
) -> None:
    # The check reports the defect, which the dashboard shows beside the table ...
    assert_finding(case.cascade, case.name, case.subject_id, policy=case.policy)
    # ... and the table still ranks exactly the figures cascade computes, missing ones last.
    results = cascade.propagate(case.cascade, as_of=case.cascade.periods[0], policy=case.policy)
    ranking = agency_ranking(results)
    for unit_id, achievement in zip(ranking["unit_id"], ranking["achievement"], strict=True):
        assert_achievement(results, unit_id, achievement)
    ranked = ranking["rank"].notna()
    assert ranking.loc[ranked, "achievement"].is_monotonic_decreasing
    assert ranking.loc[~ranked, "achievement"].isna().all()
    assert list(ranked) == sorted(ranked, reverse=True)  # the unranked come last
