"""Tests of the e-Kinerja rules, with cascade's pytest fixtures, assertions and strategies.

The fixtures (``cascade_example``, ``cascade_example_with_defects``,
``cascade_example_results``, ``cascade_workbook``) come from cascade's pytest plugin, which
installing ``cascade-sakip`` registers: no conftest.py is needed.
"""

from __future__ import annotations

import pandas as pd
from ekinerja_rules import agency_ranking, missing_iku_targets

import cascade
from cascade.testing import assert_achievement, assert_consistent, assert_finding
from cascade.testing.plugin import WorkbookFactory


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
