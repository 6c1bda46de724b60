"""``cascade.propagate`` on a city small enough to compute by hand.

Kota Uji: PEMKO → DINAS → BID → two employees, ASN1 and ASN2 (and ASN3, with no goals).

====  =====  ======================================================================
goal  owner  indicators (2024)
====  =====  ======================================================================
T     PEMKO  IT: no realisation, no aggregation; its carrier child IP rolls up: 85
P     DINAS  IP: sum of IK, derived 85 / target 100 = 85; IP2 (own, minimize): 12 vs
             10 → (2 − 1.2) × 100 = 80; goal P = (85 + 80) / 2 = 82.5
K     BID    IK: sum of IR1 and IR2, derived 40 + 45 = 85 / 100 = 85
R1    ASN1   IR1: 40 / 50 = 80
R2    ASN2   IR2: quarters 10 + 10 + 15 + 10 = 45 (period aggregation sum) / 50 = 90
====  =====  ======================================================================

Budget lines for 2024: P allocated 1000, spent 900; K allocated 600, spent 500. P's line
is its figure (K's money is inside it); T has none and sums P's.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

import cascade
from cascade import Cascade, Policy, propagate
from cascade.engine import (
    BUDGET_COLUMNS,
    GOAL_COLUMNS,
    INDICATOR_COLUMNS,
    OWNER_BUDGET_COLUMNS,
    OWNER_COLUMNS,
)
from cascade.errors import UnknownIdError, UsageError

Tables = dict[str, pd.DataFrame]


def tables() -> Tables:
    units = pd.DataFrame(
        {
            "unit_id": ["PEMKO", "DINAS", "BID", "ASN1", "ASN2", "ASN3"],
            "name": ["Pemko Uji", "Dinas Uji", "Bidang Uji", "Ani", "Budi", "Citra"],
            "parent_id": [None, "PEMKO", "DINAS", "BID", "BID", "BID"],
            "level": ["pemda", "perangkat_daerah", "administrator"] + ["pelaksana"] * 3,
        }
    )
    goals = pd.DataFrame(
        {
            "goal_id": ["T", "P", "K", "R1", "R2"],
            "unit_id": ["PEMKO", "DINAS", "BID", "ASN1", "ASN2"],
            "parent_goal_id": [None, "T", "P", "K", "K"],
            "statement": ["Tujuan", "Program", "Kegiatan", "RHK Ani", "RHK Budi"],
            "kind": [
                "tujuan",
                "sasaran_program",
                "sasaran_kegiatan",
                "rencana_hasil_kerja",
                "rencana_hasil_kerja",
            ],
        }
    )
    indicators = pd.DataFrame(
        {
            "indicator_id": ["IT", "IP", "IP2", "IK", "IR1", "IR2"],
            "goal_id": ["T", "P", "P", "K", "R1", "R2"],
            "parent_indicator_id": [None, "IT", None, "IP", "IK", "IK"],
            "name": ["Kasus", "Kasus", "Waktu", "Kasus", "Kasus", "Kasus"],
            "measure_unit": ["kasus", "kasus", "hari", "kasus", "kasus", "kasus"],
            "polarity": ["maximize", "maximize", "minimize", "maximize", "maximize", "maximize"],
            "aggregation": ["none", "sum", "none", "sum", "none", "none"],
            "period_aggregation": ["sum"] * 6,
            "role": ["carrier", "carrier", "own", "carrier", "carrier", "carrier"],
        }
    )
    targets = pd.DataFrame(
        {
            "indicator_id": ["IT", "IP", "IP2", "IK", "IR1", "IR2"],
            "period": "2024",
            "target": [100.0, 100.0, 10.0, 100.0, 50.0, 50.0],
        }
    )
    realisations = pd.DataFrame(
        {
            "indicator_id": ["IP2", "IR1", "IR2", "IR2", "IR2", "IR2"],
            "period": ["2024", "2024", "2024Q1", "2024Q2", "2024Q3", "2024Q4"],
            "value": [12.0, 40.0, 10.0, 10.0, 15.0, 10.0],
        }
    )
    budgets = pd.DataFrame(
        {
            "goal_id": ["P", "K"],
            "period": "2024",
            "allocated": [1000.0, 600.0],
            "spent": [900.0, 500.0],
        }
    )
    return {
        "units": units,
        "goals": goals,
        "indicators": indicators,
        "targets": targets,
        "realisations": realisations,
        "budgets": budgets,
    }


def run(t: Tables | None = None, **policy: object) -> cascade.Results:
    return propagate(Cascade(**(t or tables())), as_of="2024", policy=policy or None)


def by_id(frame: pd.DataFrame, column: str = "achievement") -> dict[str, float]:
    key = frame.columns[0]
    return {str(k): float(v) for k, v in zip(frame[key], frame[column], strict=True)}


def assert_figures(actual: dict[str, float], expected: dict[str, float]) -> None:
    for key, value in expected.items():
        if math.isnan(value):
            assert math.isnan(actual[key]), key
        else:
            assert actual[key] == pytest.approx(value), key


NAN = float("nan")


# ------------------------------------------------------------------ the worked city


def test_indicators_by_hand() -> None:
    r = run()
    ind = r.indicators.set_index("indicator_id")
    assert_figures(
        by_id(r.indicators),
        {"IT": 85, "IP": 85, "IP2": 80, "IK": 85, "IR1": 80, "IR2": 90},
    )
    assert_figures(by_id(r.indicators, "realisation"), {"IT": NAN, "IP": 85, "IK": 85, "IR2": 45})
    sources = ind["realisation_source"].astype(object)
    assert sources[["IP", "IP2", "IR2"]].tolist() == ["derived", "reported", "reported"]
    assert ind.loc["IT", "achievement_source"] == "rolled_up"
    assert ind.loc["IP", "achievement_source"] == "computed"
    assert ind.loc["IR2", "reported"] == 45  # the year from its quarters
    assert math.isnan(ind.loc["IR2", "derived"])
    assert ind.loc["IR2", "category"] == "Baik"  # 90: "Sangat Baik" starts at 91
    assert pd.isna(ind.loc["IT", "realisation_source"])


def test_goals_and_owners_by_hand() -> None:
    r = run()
    assert_figures(by_id(r.goals), {"T": 85, "P": 82.5, "K": 85, "R1": 80, "R2": 90})
    assert_figures(
        by_id(r.owners),
        {"PEMKO": 85, "DINAS": 82.5, "BID": 85, "ASN1": 80, "ASN2": 90, "ASN3": NAN},
    )
    goals = r.goals.set_index("goal_id")
    assert goals.loc["P", ["indicators_counted", "indicators_missing"]].tolist() == [2, 0]
    owners = r.owners.set_index("unit_id")
    assert owners.loc["ASN3", ["goals_counted", "goals_missing"]].tolist() == [0, 0]
    assert owners.loc["DINAS", "category"] == "Baik"
    assert r.city["unit_id"].tolist() == ["PEMKO"]
    assert r.goals_of("DINAS")["goal_id"].tolist() == ["P"]


def test_goal_weighting_by_weight() -> None:
    t = tables()
    t["indicators"]["weight"] = [1.0, 3.0, 1.0, 1.0, 1.0, 1.0]
    r = run(t, goal_weighting="weight")
    assert by_id(r.goals)["P"] == pytest.approx((3 * 85 + 80) / 4)
    assert by_id(run(t).goals)["P"] == pytest.approx(82.5)  # unweighted by default


def test_budget_by_hand() -> None:
    r = run()
    budget = r.budget.set_index("goal_id")
    assert list(budget.index) == ["T", "P", "K"]
    assert budget.loc["P", ["allocated", "spent", "absorption"]].tolist() == [1000, 900, 90]
    # P's own line wins over the kegiatan line inside it; T sums P.
    assert budget.loc["T", ["allocated", "spent", "lines"]].tolist() == [1000, 900, 1]
    assert budget.loc["T", "source"] == "rolled_up"
    assert budget.loc["P", "source"] == "reported"
    # Efficiency (PMK 214/2017): (1000 × 0.825 − 900) / (1000 × 0.825)
    assert budget.loc["P", "efficiency"] == pytest.approx((825 - 900) / 825 * 100)
    assert budget.loc["K", "efficiency"] == pytest.approx((510 - 500) / 510 * 100)
    owners = r.owner_budget.set_index("unit_id")
    assert list(owners.index) == ["PEMKO", "DINAS", "BID"]
    assert owners.loc["PEMKO", "allocated"] == 1000
    assert owners.loc["BID", "allocated"] == 600


def test_efficiency_caps_achievement_at_100() -> None:
    t = tables()
    t["realisations"].loc[t["realisations"]["indicator_id"] == "IP2", "value"] = 5.0  # 150
    t["realisations"].loc[t["realisations"]["indicator_id"] == "IR1", "value"] = 75.0
    r = run(t)
    a_p = by_id(r.goals)["P"]
    assert a_p > 100
    assert by_id(r.budget, "efficiency")["P"] == pytest.approx((1000 - 900) / 1000 * 100)


def test_frames_have_their_fixed_columns() -> None:
    r = run()
    assert list(r.indicators.columns) == INDICATOR_COLUMNS
    assert list(r.goals.columns) == GOAL_COLUMNS
    assert list(r.owners.columns) == OWNER_COLUMNS
    assert list(r.budget.columns) == BUDGET_COLUMNS
    assert list(r.owner_budget.columns) == OWNER_BUDGET_COLUMNS
    assert r.indicators["period"].astype(str).unique().tolist() == ["2024"]
    assert r.table("owner-budget") is r.owner_budget
    with pytest.raises(UsageError, match="unknown level"):
        r.table("units")  # type: ignore[arg-type]


# ----------------------------------------------------------------- missing values


def _drop_q4(t: Tables) -> Tables:
    r = t["realisations"]
    t["realisations"] = r[~((r["indicator_id"] == "IR2") & (r["period"] == "2024Q4"))]
    return t


def test_a_gap_stays_missing_under_the_default_policy() -> None:
    r = run(_drop_q4(tables()))
    assert_figures(
        by_id(r.indicators), {"IR2": NAN, "IK": NAN, "IP": NAN, "IT": NAN, "IR1": 80, "IP2": 80}
    )
    assert_figures(by_id(r.goals), {"R2": NAN, "K": NAN, "P": NAN, "T": NAN, "R1": 80})
    goals = r.goals.set_index("goal_id")
    assert goals.loc["P", ["indicators_counted", "indicators_missing"]].tolist() == [1, 1]
    assert_figures(by_id(r.owners), {"DINAS": NAN, "ASN1": 80})
    assert pd.isna(r.indicators.set_index("indicator_id").loc["IT", "achievement_source"])


def test_skip_if_all_missing_uses_what_is_there() -> None:
    r = run(_drop_q4(tables()), missing="skip_if_all_missing")
    # IR2: 35 / 50 = 70; IK: 40 + 35 = 75
    assert_figures(by_id(r.indicators), {"IR2": 70, "IK": 75, "IP": 75, "IT": 75})
    assert by_id(r.goals)["P"] == pytest.approx((75 + 80) / 2)


def test_zero_counts_a_missing_value_as_zero() -> None:
    t = tables()
    t["realisations"] = t["realisations"][t["realisations"]["indicator_id"] != "IR1"]
    r = run(t, missing="zero")
    ind = by_id(r.indicators)
    assert math.isnan(ind["IR1"])  # no realisation: its own achievement stays missing
    assert ind["IK"] == pytest.approx(45)  # 0 + 45
    owners = by_id(r.owners)
    assert owners["ASN1"] == 0  # its one goal counts as 0 …
    default = by_id(run(t).owners)
    assert math.isnan(default["ASN1"])  # … but never by default


def test_a_goal_without_indicators_has_no_figure() -> None:
    t = tables()
    t["goals"] = pd.concat(
        [
            t["goals"],
            pd.DataFrame(
                {
                    "goal_id": ["R3"],
                    "unit_id": ["ASN3"],
                    "parent_goal_id": ["K"],
                    "statement": ["RHK Citra"],
                    "kind": ["rencana_hasil_kerja"],
                }
            ),
        ],
        ignore_index=True,
    )
    r = run(t)
    goals = r.goals.set_index("goal_id")
    assert math.isnan(goals.loc["R3", "achievement"])
    assert goals.loc["R3", ["indicators_counted", "indicators_missing"]].tolist() == [0, 0]
    assert math.isnan(by_id(r.owners)["ASN3"])


# ------------------------------------------------------------------ policy settings


def test_cap_floor_and_scale_reach_the_frames() -> None:
    t = tables()
    t["realisations"].loc[t["realisations"]["indicator_id"] == "IR1", "value"] = 80.0  # 160
    assert by_id(run(t).indicators)["IR1"] == 160
    capped = run(t, cap=120)
    assert by_id(capped.indicators)["IR1"] == 120
    graded = run(t, scale="sakip")
    assert graded.indicators.set_index("indicator_id").loc["IR1", "category"] == "AA"
    assert list(graded.indicators["category"].cat.categories) == [
        "D",
        "C",
        "CC",
        "B",
        "BB",
        "A",
        "AA",
    ]


def test_ratio_minimize() -> None:
    r = run(minimize="ratio")
    assert by_id(r.indicators)["IP2"] == pytest.approx(10 / 12 * 100)


# -------------------------------------------------------------------- time and period


def test_as_of_a_quarter_uses_that_quarters_numbers() -> None:
    t = tables()
    t["targets"] = pd.concat(
        [
            t["targets"],
            pd.DataFrame({"indicator_id": ["IR2"], "period": ["2024Q3"], "target": [12.0]}),
        ],
        ignore_index=True,
    )
    r = propagate(Cascade(**t), as_of="2024Q3")
    ind = r.indicators.set_index("indicator_id")
    assert ind.loc["IR2", "realisation"] == 15
    assert ind.loc["IR2", "achievement"] == pytest.approx(125)
    assert math.isnan(ind.loc["IR1", "achievement"])  # no 2024Q3 figures
    assert r.budget.empty  # budget lines are for the year


def test_last_takes_the_latest_quarter_not_the_sum() -> None:
    t = tables()
    t["indicators"].loc[t["indicators"]["indicator_id"] == "IR2", "period_aggregation"] = "last"
    r = run(t)
    assert by_id(r.indicators, "realisation")["IR2"] == 10  # Q4, not 45


def test_as_of_must_be_a_period() -> None:
    with pytest.raises(UsageError, match="as_of"):
        propagate(Cascade(**tables()), as_of="2024Q5")
    with pytest.raises(UsageError, match="policy"):
        propagate(Cascade(**tables()), as_of="2024", policy={"cap": -1})


# -------------------------------------------------------------------------- findings


def test_findings_are_the_checkers() -> None:
    t = tables()
    t["realisations"] = pd.concat(
        [
            t["realisations"],
            pd.DataFrame({"indicator_id": ["IK"], "period": ["2024"], "value": [90.0]}),
        ],
        ignore_index=True,
    )
    c = Cascade(**t)
    r = propagate(c, as_of="2024")
    assert [(f.name, f.subject_id) for f in r.findings.findings] == [
        ("realisation-mismatch", "IK")
    ]
    checked = cascade.check(c, period="2024", select=["realisation-mismatch"])
    assert r.findings.findings == checked.findings
    # the reported realisation wins over the derived one
    assert by_id(r.indicators, "realisation")["IK"] == 90
    ignored = propagate(c, as_of="2024", policy={"ignore": ["realisation-mismatch"]})
    assert ignored.findings.findings == []


def test_an_undefined_achievement_is_missing_with_a_finding() -> None:
    t = tables()
    t["targets"].loc[t["targets"]["indicator_id"] == "IR1", "target"] = 0.0
    r = run(t)
    assert math.isnan(by_id(r.indicators)["IR1"])
    assert ("undefined-achievement", "IR1") in {
        (f.name, f.subject_id) for f in r.findings.findings
    }
    met = run(t, zero_target="met_or_better")
    assert by_id(met.indicators)["IR1"] == 100


# -------------------------------------------------------------------- odd structures


def test_a_repeated_indicator_row_feeds_nothing() -> None:
    t = tables()
    copy = t["indicators"][t["indicators"]["indicator_id"] == "IP2"]
    t["indicators"] = pd.concat([t["indicators"], copy], ignore_index=True)
    r = run(t)
    assert by_id(r.goals)["P"] == pytest.approx(82.5)  # not (85 + 80 + 80) / 3
    assert len(r.indicators) == 7  # every row is still there


def test_own_children_are_never_rolled_up() -> None:
    t = tables()
    t["indicators"].loc[t["indicators"]["indicator_id"] == "IP", "role"] = "own"
    r = run(t)
    ind = r.indicators.set_index("indicator_id")
    assert math.isnan(ind.loc["IT", "achievement"])
    assert pd.isna(ind.loc["IT", "achievement_source"])


def test_a_cycle_does_not_hang_or_crash() -> None:
    t = tables()
    t["indicators"].loc[t["indicators"]["indicator_id"] == "IT", "parent_indicator_id"] = "IR1"
    r = run(t)
    assert len(r.indicators) == 6


def test_empty_tables() -> None:
    t = tables()
    for name in ("targets", "realisations", "budgets"):
        t[name] = t[name].iloc[:0]
    r = run(t)
    assert r.indicators["achievement"].isna().all()
    assert r.budget.empty
    assert r.owner_budget.empty


def test_to_dict_is_json_ready() -> None:
    import json

    data = run().to_dict()
    text = json.dumps(data)
    assert '"as_of": "2024"' in text
    assert set(data) >= {"indicators", "goals", "owners", "budget", "owner-budget", "findings"}
    assert data["owners"][-1]["achievement"] is None  # ASN3: null, not NaN


def test_repr_names_the_city() -> None:
    assert "PEMKO 85.0 Baik" in repr(run())


def test_bundled_example_every_row_has_a_figure_with_its_source() -> None:
    r = propagate(cascade.load_example(), as_of="2024")
    ind = r.indicators
    assert ind["achievement"].notna().all()
    assert ind["achievement_source"].notna().all()
    # IKLH and IKD are not yet published for 2024: rolled up from their children
    rolled = ind[ind["achievement_source"] == "rolled_up"]
    assert sorted(rolled["indicator_id"]) == ["BPBD-T1-I1", "PEMKO-T3-I1"]
    assert rolled["realisation_source"].isna().all()
    assert r.goals["achievement"].notna().all()
    assert r.owners["achievement"].notna().all()
    assert r.findings.findings == []


def test_unknown_id_in_explain() -> None:
    with pytest.raises(UnknownIdError):
        run().explain("NOPE")


def test_policy_object_is_kept() -> None:
    p = Policy(cap=110)
    assert propagate(Cascade(**tables()), as_of="2024", policy=p).policy is p


def test_the_city_is_the_pemda_root() -> None:
    t = tables()
    extra = pd.DataFrame(
        {
            "unit_id": ["PEMKO", "LOST"],
            "name": ["Copy", "Lost"],
            "parent_id": [None, "NOPE"],
            "level": ["pemda", "administrator"],
        }
    )
    t["units"] = pd.concat([t["units"], extra], ignore_index=True)
    assert run(t).city["unit_id"].tolist() == ["PEMKO"]  # not the copy, not the dangling one
    sub = Cascade(**tables()).subcascade("DINAS")
    assert propagate(sub, as_of="2024").city["unit_id"].tolist() == ["DINAS"]


def test_crosscutting_money_counts_for_its_own_agency_and_the_city_once() -> None:
    t = tables()
    t["units"] = pd.concat(
        [
            t["units"],
            pd.DataFrame(
                {
                    "unit_id": ["DINAS2"],
                    "name": ["Dinas Lain"],
                    "parent_id": ["PEMKO"],
                    "level": ["perangkat_daerah"],
                }
            ),
        ],
        ignore_index=True,
    )
    t["goals"] = pd.concat(
        [
            t["goals"],
            pd.DataFrame(
                {
                    "goal_id": ["X"],
                    "unit_id": ["DINAS2"],
                    "parent_goal_id": ["P"],
                    "statement": ["Dukungan"],
                    "kind": ["sasaran_program"],
                    "crosscutting": [True],
                }
            ),
        ],
        ignore_index=True,
    )
    t["budgets"] = pd.concat(
        [
            t["budgets"],
            pd.DataFrame(
                {"goal_id": ["X"], "period": ["2024"], "allocated": [200.0], "spent": [100.0]}
            ),
        ],
        ignore_index=True,
    )
    r = run(t)
    owners = by_id(r.owner_budget, "allocated")
    assert owners == {"PEMKO": 1200, "DINAS": 1000, "BID": 600, "DINAS2": 200}
    agencies = r.owner_budget[r.owner_budget["level"] == "perangkat_daerah"]
    assert agencies["allocated"].sum() == owners["PEMKO"]  # nothing counted twice
    assert by_id(r.budget, "allocated")["P"] == 1000  # P's own line is P's figure


def test_an_orphan_line_still_counts_for_the_city() -> None:
    t = tables()
    t["goals"].loc[t["goals"]["goal_id"] == "K", "parent_goal_id"] = None
    r = run(t)
    owners = by_id(r.owner_budget, "allocated")
    assert owners["PEMKO"] == 1600  # P's 1000 and the orphaned K's 600
    assert owners["DINAS"] == 1600
    assert owners["BID"] == 600
