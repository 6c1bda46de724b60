"""Rules of an e-Kinerja tool built on cascade (a fictional downstream project).

Two things the tool needs from a city's performance cascade:

- before the Perjanjian Kinerja is signed, every agency's IKU (indikator kinerja utama) must
  have a target for the year: :func:`missing_iku_targets` lists those that do not;
- the Wali Kota's dashboard ranks the agencies (perangkat daerah) by achievement (capaian):
  :func:`agency_ranking`.
"""

from __future__ import annotations

import pandas as pd

import cascade

__all__ = ["agency_ranking", "missing_iku_targets"]


def missing_iku_targets(city: cascade.Cascade, year: str) -> list[tuple[str, str]]:
    """The IKU of an agency without a target for ``year``, as (agency id, indicator id).

    An agency's IKU is a key indicator of a goal the agency itself owns (not one of its
    bidang or seksi). Sorted by agency, then indicator.

    >>> missing_iku_targets(cascade.load_example(), "2024")
    []
    """
    units = city.units
    agencies = set(units.loc[units["level"] == "perangkat_daerah", "unit_id"])
    owner_of_goal = dict(zip(city.goals["goal_id"], city.goals["unit_id"], strict=True))
    indicators = city.indicators
    iku = indicators[indicators["key"]]
    targets = city.targets
    with_target = set(targets.loc[targets["period"].astype(str) == year, "indicator_id"])
    missing = [
        (owner_of_goal.get(goal_id), indicator_id)
        for indicator_id, goal_id in zip(iku["indicator_id"], iku["goal_id"], strict=True)
        if owner_of_goal.get(goal_id) in agencies and indicator_id not in with_target
    ]
    return sorted((str(agency), str(indicator)) for agency, indicator in missing)


def agency_ranking(results: cascade.Results) -> pd.DataFrame:
    """The agencies ranked by achievement, best first: the dashboard's league table.

    Columns ``rank`` (1 = best; equal achievements share a rank), ``unit_id``, ``name``,
    ``achievement`` and ``category``. An agency without a figure comes last, without a rank:
    a missing figure is not a zero.

    >>> city = cascade.load_example()
    >>> ranking = agency_ranking(cascade.propagate(city, as_of="2024"))
    >>> ranking[["rank", "unit_id", "category"]].tail(2)
       rank   unit_id category
    7     8  DISNAKER     Baik
    8     9   DINASPU    Cukup
    """
    owners = results.owners
    agencies = owners[owners["level"] == "perangkat_daerah"]
    table = agencies[["unit_id", "name", "achievement", "category"]].sort_values(
        ["achievement", "unit_id"], ascending=[False, True], na_position="last"
    )
    rank = table["achievement"].rank(method="min", ascending=False).astype("Int64")
    table.insert(0, "rank", rank)
    return table.reset_index(drop=True)
