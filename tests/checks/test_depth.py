"""The cascade-depth metric: shares by level, the walk down, the ladder, the text forms."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import given, settings
from tests.checks._base import Tables, add_row, base, build

import cascade
from cascade.checks.evaluation.depth import COLUMNS, Depth, cascade_depth
from cascade.policy import EvaluationSettings, Policy
from cascade.strategies import cascade_tables
from cascade.strategies._edit import copy_tables

LEVELS = ["pemda", "perangkat_daerah", "administrator", "pengawas", "pelaksana"]


def _row(d: Depth, level: str) -> pd.Series:
    return d.table.set_index("level").loc[level]


def _employees(t: Tables, n: int) -> Tables:
    """``n`` more employees under the seksi, with nothing of their own."""
    for i in range(n):
        t["units"] = add_row(
            t["units"],
            unit_id=f"ASN{i}",
            name=f"Pegawai {i}",
            parent_id="SEKSI",
            level="pelaksana",
        )
    return t


def test_the_base_city_reaches_the_employees() -> None:
    d = cascade_depth(build(base()), year=2024)
    assert list(d.table.columns) == list(COLUMNS)
    assert d.table["level"].tolist() == LEVELS
    assert d.table["owners"].tolist() == [1, 1, 1, 1, 1]
    assert d.table["share"].tolist() == [1.0] * 5
    assert d.table["reached"].all()
    assert (d.depth, d.ladder, d.year, d.threshold) == ("pelaksana", "AA", 2024, 0.9)


def test_known_shares_stop_the_walk() -> None:
    t = _employees(base(), 9)  # 1 of 10 employees has an RHK
    t["units"] = add_row(
        t["units"], unit_id="SEKSI2", name="Seksi 2", parent_id="BID", level="pengawas"
    )
    t["goals"] = add_row(
        t["goals"],
        goal_id="SK2",
        unit_id="SEKSI2",
        parent_goal_id="K1",
        statement="Tersedianya data",
        kind="sasaran_subkegiatan",
    )
    d = cascade_depth(build(t), year=2024)
    pengawas, pelaksana = _row(d, "pengawas"), _row(d, "pelaksana")
    assert pengawas[["owners", "with_goal", "with_indicator"]].tolist() == [2, 2, 1]
    assert pengawas["share"] == 0.5
    assert pelaksana[["owners", "with_goal", "with_target", "with_realisation"]].tolist() == [
        10,
        1,
        1,
        1,
    ]
    assert pelaksana["share"] == 0.1
    assert d.table["reached"].tolist() == [True, True, True, False, False]
    assert (d.depth, d.ladder) == ("administrator", "BB")


def test_the_share_needed_is_a_policy() -> None:
    t = _employees(base(), 1)  # 1 of 2 employees
    assert cascade_depth(build(t), year=2024).depth == "pengawas"
    lenient = Policy(evaluation=EvaluationSettings(depth_share=0.5))
    assert cascade_depth(build(t), year=2024, policy=lenient).depth == "pelaksana"
    mapping = {"evaluation": {"depth_share": 0.5}}
    assert cascade_depth(build(t), year=2024, policy=mapping).ladder == "AA"


def test_a_level_with_no_owners_is_passed_over() -> None:
    t = base()
    t["units"] = t["units"][t["units"]["unit_id"] != "SEKSI"].reset_index(drop=True)
    t["units"].loc[t["units"]["unit_id"] == "ASN", "parent_id"] = "BID"
    goals = t["goals"]
    t["goals"] = goals[goals["goal_id"] != "SK1"].reset_index(drop=True)
    t["goals"].loc[t["goals"]["goal_id"] == "R1", "parent_goal_id"] = "K1"
    for table in ("indicators", "targets", "realisations"):
        frame = t[table]
        t[table] = frame[frame["indicator_id"] != "I-SK1"].reset_index(drop=True)
    t["indicators"].loc[t["indicators"]["indicator_id"] == "I-R1", "parent_indicator_id"] = "I-K1"
    t["budgets"] = t["budgets"][t["budgets"]["goal_id"] != "SK1"].reset_index(drop=True)
    d = cascade_depth(build(t), year=2024)
    pengawas = _row(d, "pengawas")
    assert pengawas["owners"] == 0
    assert math.isnan(pengawas["share"])
    assert not pengawas["reached"]
    assert (d.depth, d.ladder) == ("pelaksana", "AA")
    assert "pengawas no owners" in str(d)


def test_quarter_targets_and_realisations_count() -> None:
    t = base()
    targets, realised = t["targets"], t["realisations"]
    targets.loc[targets["indicator_id"] == "I-SK1", "period"] = "2024Q4"
    realised.loc[realised["indicator_id"] == "I-R1", "period"] = "2024Q2"  # no annual figure
    d = cascade_depth(build(t), year=2024)
    assert d.table["share"].tolist() == [1.0] * 5
    assert d.depth == "pelaksana"


def test_derived_realisations_count() -> None:
    t = base()
    realised = t["realisations"]
    t["realisations"] = realised[realised["indicator_id"] != "I-SK1"].reset_index(drop=True)
    assert cascade_depth(build(t), year=2024).depth == "pelaksana"  # summed from I-R1
    t["indicators"].loc[t["indicators"]["indicator_id"] == "I-SK1", "aggregation"] = "none"
    d = cascade_depth(build(t), year=2024)
    assert _row(d, "pengawas")["with_realisation"] == 0
    assert d.depth == "administrator"


def test_a_year_without_data_reaches_nothing() -> None:
    d = cascade_depth(build(base()), year=2023)
    assert d.table["with_target"].tolist() == [0] * 5
    assert not d.table["reached"].any()
    assert (d.depth, d.ladder) == (None, None)
    assert "not reached; the first level with owners, pemda," in str(d)


def test_a_depth_at_the_pemda_points_to_no_predikat() -> None:
    t = base()
    t["realisations"] = t["realisations"][t["realisations"]["indicator_id"] == "I-T1"]
    for i in ("I-T1", "I-S1"):  # measured by itself, not derived from the agency below
        t["indicators"].loc[t["indicators"]["indicator_id"] == i, "aggregation"] = "none"
    d = cascade_depth(build(t), year=2024)
    assert (d.depth, d.ladder) == ("pemda", None)
    assert "needs at least the perangkat daerah" in str(d)


def test_kota_contoh() -> None:
    d = cascade_depth(cascade.load_example(), year=2024)
    assert (d.depth, d.ladder) == ("pelaksana", "AA")
    assert d.table["owners"].tolist() == [1, 9, 27, 54, 73]
    defects = cascade_depth(cascade.load_example("with-defects"), year=2024)
    assert defects.depth == "pelaksana"
    assert _row(defects, "pelaksana")["share"] < 1


def test_text_and_html() -> None:
    d = cascade_depth(build(_employees(base(), 1)), year=2024)
    text = str(d)
    assert text.startswith("Cascade depth 2024: down to pengawas")
    assert "points to A" in text
    assert "pelaksana 1/2 (50.0 %) (not reached)" in text
    page = d._repr_html_()
    assert page.startswith("<p>Cascade depth 2024")
    assert "<table" in page
    assert "50.0 %" in page


@settings(max_examples=5, deadline=None)
@given(cascade_tables(max_agencies=2, max_children=1, max_indicators=1))
def test_a_valid_cascade_reaches_its_deepest_level_whatever_the_row_order(
    tables: Tables,
) -> None:
    d = cascade_depth(cascade.Cascade(**tables), year=2024)
    present = [lv for lv in LEVELS if lv in set(tables["units"]["level"])]
    assert d.depth == present[-1]
    shuffled = copy_tables(tables)
    rng = np.random.default_rng(0)
    for name, frame in shuffled.items():
        shuffled[name] = frame.iloc[rng.permutation(len(frame))].reset_index(drop=True)
    again = cascade_depth(cascade.Cascade(**shuffled), year=2024)
    pd.testing.assert_frame_equal(again.table, d.table)
