"""Regression tests for the achievement and roll-up bugs of other systems.

Each test reproduces one complaint of ``research/anchors.md`` section G ("User requests and
pain points seen in the anchors") on a small city and asserts the figure ``cascade`` gives
instead; its docstring names the anchor item and the bug. Expected numbers are worked by hand.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from tests.engine.test_properties import clock_at

import cascade
from cascade import Cascade, Policy, propagate
from cascade.achievement import achievement

YEAR = "2024"


def city(
    indicators: list[dict[str, Any]],
    targets: list[tuple[Any, ...]],
    realisations: list[tuple[str, str, float]],
    *,
    goals: list[dict[str, Any]] | None = None,
) -> Cascade:
    """A Pemko and one Dinas; by default one goal ``G`` of the Dinas under the Pemko's ``T``.

    ``indicators`` are rows (``indicator_id`` and ``goal_id`` at least; name, unit and the
    rest default); ``targets`` are ``(indicator_id, period, target[, target_upper])``;
    ``realisations`` are ``(indicator_id, period, value)``.
    """
    units = pd.DataFrame(
        {
            "unit_id": ["PEMKO", "DINAS"],
            "name": ["Pemerintah Kota Uji", "Dinas Uji"],
            "parent_id": [None, "PEMKO"],
            "level": ["pemda", "perangkat_daerah"],
        }
    )
    goal_rows = goals or [
        {"goal_id": "T", "unit_id": "PEMKO", "statement": "Tujuan", "kind": "tujuan"},
        {
            "goal_id": "G",
            "unit_id": "DINAS",
            "parent_goal_id": "T",
            "statement": "Sasaran program",
            "kind": "sasaran_program",
        },
    ]
    defaults = {"name": "Indikator", "measure_unit": "unit", "goal_id": "G"}
    ind = pd.DataFrame([{**defaults, **row} for row in indicators])
    tgt = pd.DataFrame(
        [
            {
                "indicator_id": t[0],
                "period": t[1],
                "target": t[2],
                "target_upper": t[3] if len(t) > 3 else math.nan,
            }
            for t in targets
        ],
        columns=["indicator_id", "period", "target", "target_upper"],
    )
    real = pd.DataFrame(realisations, columns=["indicator_id", "period", "value"])
    return Cascade(
        units=units, goals=pd.DataFrame(goal_rows), indicators=ind, targets=tgt, realisations=real
    )


def figures(
    results: cascade.Results, level: str = "indicators", column: str = "achievement"
) -> dict[str, float]:
    """``column`` of one of the results' tables, by id."""
    frame = results.table(level)  # type: ignore[arg-type]
    ids = frame[frame.columns[0]].astype(str)
    return {k: float(v) for k, v in zip(ids, frame[column], strict=True)}


# ------------------------------------------------------------------- 1. weights


def _three_products() -> list[dict[str, Any]]:
    return [
        {"indicator_id": "TOTAL", "aggregation": "none"},
        *(
            {"indicator_id": p, "parent_indicator_id": "TOTAL", "weight": w}
            for p, w in (("A", 100.0), ("B", 20.0), ("C", 1.0))
        ),
    ]


def test_1_weights_are_honoured_not_a_straight_average() -> None:
    """Anchor G.1 (Viva Goals, MicrosoftDocs/Viva#518): contributor weights were replaced by
    a plain average, so three products with targets of 100k, 20k and 1k each counted 33 %.

    Product A reaches 50 % of 100k, B and C reach 100 %. Weighted by their size (weights 100,
    20, 1) the whole is (100·50 + 20·100 + 1·100) / 121 = 58.68 %, not (50+100+100)/3 = 83.3 %.
    """
    weighted = 7100 / 121
    c = city(
        _three_products(),
        [("A", YEAR, 100_000.0), ("B", YEAR, 20_000.0), ("C", YEAR, 1_000.0)],
        [("A", YEAR, 50_000.0), ("B", YEAR, 20_000.0), ("C", YEAR, 1_000.0)],
    )
    r = propagate(c, as_of=YEAR)
    ind = r.indicators.set_index("indicator_id")
    # the parent indicator's rolled-up achievement is weighted by the children's weight
    assert ind.loc["TOTAL", "achievement"] == pytest.approx(weighted)
    assert ind.loc["TOTAL", "achievement_source"] == "rolled_up"
    # a goal weights its indicators when the policy says so …
    goal = figures(propagate(c, as_of=YEAR, policy={"goal_weighting": "weight"}), "goals")
    # G holds TOTAL (weight 1, 58.68) and A, B, C (weights 100, 20, 1)
    assert goal["G"] == pytest.approx((weighted + 100 * 50 + 20 * 100 + 100) / 122)
    # … and averages them plainly, as LKjIPs do, by default
    assert figures(r, "goals")["G"] == pytest.approx((weighted + 50 + 100 + 100) / 4)


def test_1_weighted_mean_and_sum_aggregations_weight_by_size() -> None:
    """Anchor G.1, the same products as realisation: a ``sum`` parent with the total target
    (121k) gets 71k / 121k = 58.68 %, and a ``weighted_mean`` of the children's percentages
    with weights 100, 20, 1 gives the same, never the straight 83.3 %.
    """
    rows = _three_products()
    rows[0] = {"indicator_id": "TOTAL", "aggregation": "sum"}
    c = city(
        rows,
        [
            ("TOTAL", YEAR, 121_000.0),
            ("A", YEAR, 100_000.0),
            ("B", YEAR, 20_000.0),
            ("C", YEAR, 1_000.0),
        ],
        [("A", YEAR, 50_000.0), ("B", YEAR, 20_000.0), ("C", YEAR, 1_000.0)],
    )
    ind = propagate(c, as_of=YEAR).indicators.set_index("indicator_id")
    assert ind.loc["TOTAL", "derived"] == 71_000.0
    assert ind.loc["TOTAL", "achievement"] == pytest.approx(7100 / 121)

    rows[0] = {"indicator_id": "TOTAL", "aggregation": "weighted_mean", "measure_unit": "%"}
    c = city(
        rows,
        [("TOTAL", YEAR, 100.0), ("A", YEAR, 100.0), ("B", YEAR, 100.0), ("C", YEAR, 100.0)],
        [("A", YEAR, 50.0), ("B", YEAR, 100.0), ("C", YEAR, 100.0)],
    )
    ind = propagate(c, as_of=YEAR).indicators.set_index("indicator_id")
    assert ind.loc["TOTAL", "derived"] == pytest.approx(7100 / 121)
    assert ind.loc["TOTAL", "achievement"] == pytest.approx(7100 / 121)


# ------------------------------------------------------------- 3. mixed polarity


def test_3_mixed_polarity_children_roll_up_each_in_its_own_direction() -> None:
    """Anchor G.3 (steedos/okr-management-app#18): objective completion broke when one key
    result should rise and another fall.

    Goal G: "cakupan imunisasi" should rise (90 of 100 → 90 %), "angka kesakitan" should
    fall (12 against 10 → (2 − 1.2) × 100 = 80 %), "inflasi" should stay in 2–4 (5 →
    (2 − 5/4) × 100 = 75 %). G = (90 + 80 + 75) / 3 = 81.67 %. Treating all three as "rise"
    would give (90 + 120 + 125) / 3 = 111.7 %.
    """
    c = city(
        [
            {"indicator_id": "IMUN", "polarity": "naik"},
            {"indicator_id": "SAKIT", "polarity": "turun"},
            {"indicator_id": "INFLASI", "polarity": "stabil"},
        ],
        [("IMUN", YEAR, 100.0), ("SAKIT", YEAR, 10.0), ("INFLASI", YEAR, 2.0, 4.0)],
        [("IMUN", YEAR, 90.0), ("SAKIT", YEAR, 12.0), ("INFLASI", YEAR, 5.0)],
    )
    r = propagate(c, as_of=YEAR)
    assert figures(r) == pytest.approx({"IMUN": 90.0, "SAKIT": 80.0, "INFLASI": 75.0})
    assert figures(r, "goals")["G"] == pytest.approx(245 / 3)
    assert figures(r, "owners")["DINAS"] == pytest.approx(245 / 3)


def test_3_a_parent_of_mixed_polarity_children_rolls_up_their_achievements() -> None:
    """Anchor G.3: a parent indicator measured by a rising and a falling child. It has no
    realisation of its own (the two are in different units, so nothing to add up), so its
    achievement is the mean of the children's achievements, each by its own polarity:
    (90 + 80) / 2 = 85 %, not a sum of realisations 90 + 12 against anything.
    """
    c = city(
        [
            {"indicator_id": "IKU", "goal_id": "T", "aggregation": "none"},
            {"indicator_id": "NAIK", "parent_indicator_id": "IKU", "polarity": "maximize"},
            {"indicator_id": "TURUN", "parent_indicator_id": "IKU", "polarity": "minimize"},
        ],
        [("IKU", YEAR, 100.0), ("NAIK", YEAR, 100.0), ("TURUN", YEAR, 10.0)],
        [("NAIK", YEAR, 90.0), ("TURUN", YEAR, 12.0)],
    )
    ind = propagate(c, as_of=YEAR).indicators.set_index("indicator_id")
    assert ind.loc["IKU", "achievement"] == pytest.approx(85.0)
    assert ind.loc["IKU", "achievement_source"] == "rolled_up"
    assert math.isnan(ind.loc["IKU", "realisation"])


# --------------------------------------------------------- 4. cumulative indicators

CUMULATIVE = [  # desa ODF, a running total reported each quarter
    ("ODF", "2023Q1", 5.0),
    ("ODF", "2023Q2", 10.0),
    ("ODF", "2023Q3", 15.0),
    ("ODF", "2023Q4", 20.0),
    ("ODF", "2024Q1", 25.0),
    ("ODF", "2024Q2", 35.0),
    ("ODF", "2024Q3", 45.0),
    ("ODF", "2024Q4", 60.0),
]


@pytest.mark.parametrize("word", ["last", "kumulatif", "posisi", "terakhir"])
def test_4_cumulative_indicators_take_the_last_quarter_not_the_sum(word: str) -> None:
    """Anchor G.4 (akvo/akvo-rsr#5211, #5212): cumulative indicators were summed over
    periods, so a programme total went *down* between years.

    A running total reported each quarter (2024: 25, 35, 45, 60) with period aggregation
    ``last`` (or the Indonesian ``kumulatif``/``posisi``/``terakhir``) is 60 for the year, not
    165; 2023 is 20, not 50; and 2024 is above 2023.
    """
    c = city(
        [{"indicator_id": "ODF", "period_aggregation": word}],
        [("ODF", "2023", 20.0), ("ODF", YEAR, 60.0)],
        CUMULATIVE,
    )
    r2024 = propagate(c, as_of=YEAR)
    r2023 = propagate(c, as_of="2023")
    assert figures(r2024, column="realisation")["ODF"] == 60.0
    assert figures(r2023, column="realisation")["ODF"] == 20.0
    assert figures(r2024)["ODF"] == 100.0
    assert figures(r2023)["ODF"] == 100.0
    # the running total never falls from one year to the next
    assert (
        figures(r2024, column="realisation")["ODF"] > figures(r2023, column="realisation")["ODF"]
    )


def test_4_a_flow_is_summed_and_a_position_is_not_a_zero_when_a_quarter_is_late() -> None:
    """Anchor G.4 and the steedos #11 complaint that completion "ignores the latest value".

    Cases treated (a flow, ``sum``) add up over the quarters: 10 + 20 + 30 + 40 = 100. For the
    running total with Q4 not yet reported, ``skip_if_all_missing`` takes the latest value
    present (Q3: 45), ``zero`` does too (a position is not 0 because it was not reported),
    and the default leaves the year missing rather than guessing.
    """
    flows = [
        ("KASUS", f"{YEAR}Q{q}", v)
        for q, v in zip(range(1, 5), (10.0, 20.0, 30.0, 40.0), strict=True)
    ]
    c = city(
        [
            {"indicator_id": "KASUS", "period_aggregation": "sum"},
            {"indicator_id": "ODF", "period_aggregation": "last"},
        ],
        [("KASUS", YEAR, 100.0), ("ODF", YEAR, 60.0)],
        flows + [row for row in CUMULATIVE if row[1] != "2024Q4"],
    )
    default = figures(propagate(c, as_of=YEAR), column="realisation")
    assert default["KASUS"] == 100.0
    assert math.isnan(default["ODF"])
    for missing in ("skip_if_all_missing", "zero"):
        got = figures(propagate(c, as_of=YEAR, policy={"missing": missing}), column="realisation")
        assert got["ODF"] == 45.0, missing
        assert got["KASUS"] == 100.0, missing


def test_4_a_sum_parent_of_cumulative_children_adds_their_year_end_positions() -> None:
    """Anchor G.4: a programme total over two districts' running totals is the sum of each
    district's year-end figure (60 + 30 = 90), not the sum of all eight quarters (165 + 75).
    """
    c = city(
        [
            {"indicator_id": "TOTAL", "aggregation": "sum", "period_aggregation": "last"},
            {"indicator_id": "ODF", "parent_indicator_id": "TOTAL", "period_aggregation": "last"},
            {"indicator_id": "ODF2", "parent_indicator_id": "TOTAL", "period_aggregation": "last"},
        ],
        [("TOTAL", YEAR, 90.0), ("ODF", YEAR, 60.0), ("ODF2", YEAR, 30.0)],
        [row for row in CUMULATIVE if row[1].startswith(YEAR)]
        + [("ODF2", f"{YEAR}Q{q}", 7.5 * q) for q in range(1, 5)],
    )
    r = propagate(c, as_of=YEAR)
    assert figures(r, column="realisation")["TOTAL"] == 90.0
    assert figures(r)["TOTAL"] == 100.0


# --------------------------------------------------------- 11. above target allowed


def test_11_a_realisation_above_target_is_allowed_and_not_capped_by_default() -> None:
    """Anchor G.11 (e-KAK, bappeda-dev-team/ekak_kota_madiun commit bf60d534, "fix cap
    realisasi kinerja bisa lebih"): data entry capped the realisation at the target.

    A realisation of 150 against 100 is read as it is, raises no finding and gives 150 %;
    a cap belongs to the achievement policy (``cap = 120`` gives 120 %), and even then the
    realisation itself stays 150.
    """
    c = city([{"indicator_id": "I"}], [("I", YEAR, 100.0)], [("I", YEAR, 150.0)])
    assert c.realisations["value"].tolist() == [150.0]
    r = propagate(c, as_of=YEAR)
    ind = r.indicators.set_index("indicator_id")
    assert ind.loc["I", "realisation"] == 150.0
    assert ind.loc["I", "achievement"] == 150.0
    assert ind.loc["I", "category"] == "Sangat Baik"
    assert r.findings.findings == []
    assert cascade.check(c, select=["CAS3"]).findings == []  # no value rule objects
    capped = propagate(c, as_of=YEAR, policy=Policy(cap=120)).indicators.set_index("indicator_id")
    assert capped.loc["I", "achievement"] == 120.0
    assert capped.loc["I", "realisation"] == 150.0


# ------------------------------------------------------- 12. minimize on target


@pytest.mark.parametrize("minimize", ["difference", "ratio"])
@pytest.mark.parametrize("word", ["turun", "negatif", "minimize"])
def test_12_minimize_on_target_is_100_not_1_percent(minimize: str, word: str) -> None:
    """Anchor G.12 (bappeda-dev-team/realisasi-pemda-service, ``Capaian.java``): the TURUN
    formula returned 1 % when exactly on target; wp-eval-sakip has two incompatible "Tren
    Negatif" formulas, Σtarget/Σrealisation and (target − realisation)/target, the second of
    which gives 0 % on target.

    Lower is better, R = T = 10: 100 % under both minimize variants. R = 8 (better) is above
    100 (120 % or 125 %), R = 12 (worse) below it (80 % or 83.3 %); never 20 % or −20 %.
    """
    c = city(
        [{"indicator_id": x, "polarity": word} for x in ("ON", "BETTER", "WORSE")],
        [(x, YEAR, 10.0) for x in ("ON", "BETTER", "WORSE")],
        [("ON", YEAR, 10.0), ("BETTER", YEAR, 8.0), ("WORSE", YEAR, 12.0)],
    )
    got = figures(propagate(c, as_of=YEAR, policy={"minimize": minimize}))
    better, worse = (120.0, 80.0) if minimize == "difference" else (125.0, 250 / 3)
    assert got == pytest.approx({"ON": 100.0, "BETTER": better, "WORSE": worse})


# ------------------------------------------------------- 13. number text and zeros


def _write_csv_city(folder: Path, target: str, value: str) -> None:
    """A CSV folder as Excel with Indonesian regional settings writes it (``;``-delimited)."""
    files = {
        "units.csv": "unit_id;name;parent_id;level\nPEMKO;Pemko Uji;;pemda\n",
        "goals.csv": "goal_id;unit_id;parent_goal_id;statement;kind\nT;PEMKO;;Tujuan;tujuan\n",
        "indicators.csv": (
            "indicator_id;goal_id;parent_indicator_id;name;satuan;polaritas\n"
            "PREV;T;;Prevalensi stunting;%;turun\n"
            "LAMA;T;;Lama proses izin;bulan;turun\n"
        ),
        "targets.csv": f"indicator_id;period;target\nPREV;2024;{target}\nLAMA;2024;7-8\n",
        "realisations.csv": f"indicator_id;period;realisasi\nPREV;2024;{value}\nLAMA;2024;9\n",
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def test_13_a_decimal_comma_is_a_decimal_not_a_range(tmp_path: Path) -> None:
    """Anchor G.13 (realisasi-pemda-service, ``Capaian.java``): targets were split on ``,``
    and ``-``, so the Indonesian decimal comma "12,5" became the range 12–5.

    Read from a CSV folder, the target "12,5" is the point 12.5 (no upper bound); the
    realisation "11,25" of this minimize indicator gives (2 − 11.25 / 12.5) × 100 = 110 %.
    "7-8" is a range and its R = 9 gives (2 − 9/8) × 100 = 87.5 %.
    """
    _write_csv_city(tmp_path, "12,5", "11,25")
    c = cascade.read(tmp_path)
    targets = c.targets.set_index("indicator_id")
    assert targets.loc["PREV", "target"] == 12.5
    assert math.isnan(targets.loc["PREV", "target_upper"])
    assert targets.loc["LAMA", ["target", "target_upper"]].tolist() == [7.0, 8.0]
    assert c.realisations.set_index("indicator_id").loc["PREV", "value"] == 11.25
    got = figures(propagate(c, as_of=YEAR))
    assert got == pytest.approx({"PREV": 110.0, "LAMA": 87.5})


@pytest.mark.parametrize(
    ("text", "number"), [("12,5%", 12.5), ("1.200.000", 1_200_000.0), ("0,5", 0.5)]
)
def test_13_indonesian_number_text_in_targets(tmp_path: Path, text: str, number: float) -> None:
    """Anchor G.13: percent signs and thousands dots are read as numbers, not split."""
    _write_csv_city(tmp_path, text, "0")
    c = cascade.read(tmp_path)
    targets = c.targets.set_index("indicator_id")
    assert targets.loc["PREV", "target"] == number
    assert math.isnan(targets.loc["PREV", "target_upper"])


def test_13_realisation_zero_under_minimize_is_not_0_percent() -> None:
    """Anchor G.13 (``Capaian.java``): a realisation of 0 always scored 0 %, even when lower
    is better (its tests covered only NAIK cases).

    Zero stunting cases against a target of 12 under minimize is (2 − 0/12) × 100 = 200 %
    (Sangat Baik); with a cap of 120 it is 120 %. The ``ratio`` variant (T / R) has no
    figure for R = 0: it is missing with an ``undefined-achievement`` finding, never 0 %.
    Under maximize a realisation of 0 is a true 0 %.
    """
    c = city(
        [
            {"indicator_id": "KASUS", "polarity": "turun"},
            {"indicator_id": "LAYANAN", "polarity": "naik"},
        ],
        [("KASUS", YEAR, 12.0), ("LAYANAN", YEAR, 12.0)],
        [("KASUS", YEAR, 0.0), ("LAYANAN", YEAR, 0.0)],
    )
    r = propagate(c, as_of=YEAR)
    ind = r.indicators.set_index("indicator_id")
    assert ind.loc["KASUS", "achievement"] == 200.0
    assert ind.loc["KASUS", "category"] == "Sangat Baik"
    assert ind.loc["LAYANAN", "achievement"] == 0.0
    assert figures(propagate(c, as_of=YEAR, policy={"cap": 120}))["KASUS"] == 120.0
    ratio = propagate(c, as_of=YEAR, policy={"minimize": "ratio"})
    assert math.isnan(figures(ratio)["KASUS"])
    assert [(f.name, f.subject_id) for f in ratio.findings.findings] == [
        ("undefined-achievement", "KASUS")
    ]
    assert achievement(0.0, 12.0, polarity="turun").tolist() == [200.0]


# ------------------------------------------------------- 14. today's date


def test_14_results_do_not_depend_on_todays_date() -> None:
    """Anchor G.14 (wp-eval-sakip): quarters were limited with ``date('Y')``/``date('n')``,
    so the same data gave a different achievement on different days.

    Cases treated per quarter 10, 10, 15, 10 (sum) against 50: for the year it is 45 / 50 =
    90 % on any day, whether the clock says May 2024 (when such a system counts only Q1),
    the last day of 2024, or 2031; and Q2 alone (10 against 12) is 83.3 % on any day.
    """
    c = city(
        [{"indicator_id": "KASUS", "period_aggregation": "sum"}],
        [("KASUS", YEAR, 50.0), ("KASUS", f"{YEAR}Q2", 12.0)],
        [
            ("KASUS", f"{YEAR}Q{q}", v)
            for q, v in zip(range(1, 5), (10.0, 10.0, 15.0, 10.0), strict=True)
        ],
    )
    days = [
        dt.datetime(2024, 5, 15, tzinfo=dt.UTC),
        dt.datetime(2024, 12, 31, 23, 0, tzinfo=dt.UTC),
        dt.datetime(2031, 7, 1, tzinfo=dt.UTC),
    ]
    year, quarter = [], []
    for day in days:
        with clock_at(day):
            year.append(figures(propagate(c, as_of=YEAR)))
            quarter.append(figures(propagate(c, as_of=f"{YEAR}Q2")))
    assert year == [{"KASUS": 90.0}] * 3
    assert [q["KASUS"] for q in quarter] == pytest.approx([250 / 3] * 3)


def test_14_the_period_is_always_explicit() -> None:
    """Anchor G.14: there is no "current period" default to fall back on the clock."""
    c = city([{"indicator_id": "I"}], [("I", YEAR, 1.0)], [("I", YEAR, 1.0)])
    with pytest.raises(TypeError, match="as_of"):
        propagate(c)  # type: ignore[call-arg]


# --------------------------------------------------------- 29. empty objective


def _with_an_empty_goal() -> Cascade:
    return city(
        [{"indicator_id": "I", "goal_id": "G"}],
        [("I", YEAR, 100.0)],
        [("I", YEAR, 80.0)],
        goals=[
            {"goal_id": "T", "unit_id": "PEMKO", "statement": "Tujuan", "kind": "tujuan"},
            {
                "goal_id": "G",
                "unit_id": "DINAS",
                "parent_goal_id": "T",
                "statement": "Sasaran program",
                "kind": "sasaran_program",
            },
            {
                "goal_id": "EMPTY",
                "unit_id": "DINAS",
                "parent_goal_id": "T",
                "statement": "Sasaran tanpa indikator",
                "kind": "sasaran_program",
            },
        ],
    )


def test_29_an_objective_with_no_indicators_is_missing_not_0_percent() -> None:
    """Anchor G.29 (puzzle/okr#130): objectives with no key results showed 0 %; they now
    show "-".

    Goal EMPTY has no indicators: its achievement is missing (NaN, no category, ``null`` in
    the JSON), with 0 counted and 0 missing, never 0 %. The Pemko's tujuan T has no
    indicators either. The Dinas, with G at 80 % and EMPTY, is missing by default (a goal
    without a figure is not 0) and 80 % when skipping what is missing, never (80 + 0) / 2.
    """
    r = propagate(_with_an_empty_goal(), as_of=YEAR)
    goals = r.goals.set_index("goal_id")
    for goal in ("EMPTY", "T"):
        assert math.isnan(goals.loc[goal, "achievement"]), goal
        assert pd.isna(goals.loc[goal, "category"]), goal
        assert goals.loc[goal, ["indicators_counted", "indicators_missing"]].tolist() == [0, 0]
    assert goals.loc["G", "achievement"] == 80.0
    owners = r.owners.set_index("unit_id")
    assert math.isnan(owners.loc["DINAS", "achievement"])
    assert owners.loc["DINAS", ["goals_counted", "goals_missing"]].tolist() == [1, 1]
    assert math.isnan(owners.loc["PEMKO", "achievement"])
    data = json.loads(json.dumps(r.to_dict()))
    empty = next(g for g in data["goals"] if g["goal_id"] == "EMPTY")
    assert empty["achievement"] is None
    skip = propagate(_with_an_empty_goal(), as_of=YEAR, policy={"missing": "skip_if_all_missing"})
    assert figures(skip, "owners")["DINAS"] == 80.0
    assert math.isnan(figures(skip, "goals")["EMPTY"])  # skipping never invents a figure
    assert math.isnan(figures(skip, "owners")["PEMKO"])


def test_29_a_parent_indicator_with_nothing_below_or_reported_is_missing() -> None:
    """Anchor G.29 at indicator level (and G.8, "No updates"): a parent indicator whose
    children have reported nothing has no rolled-up figure, not 0 %.
    """
    c = city(
        [
            {"indicator_id": "IKU", "aggregation": "none"},
            {"indicator_id": "A", "parent_indicator_id": "IKU"},
            {"indicator_id": "B", "parent_indicator_id": "IKU"},
        ],
        [("IKU", YEAR, 10.0), ("A", YEAR, 5.0), ("B", YEAR, 5.0)],
        [],
    )
    for missing in ("skip_if_any_missing", "skip_if_all_missing"):
        ind = propagate(c, as_of=YEAR, policy={"missing": missing}).indicators
        assert ind["achievement"].isna().all(), missing


# ----------------------------------------------------------------- further anchors


def test_2_every_figure_says_whether_it_was_reported_or_calculated() -> None:
    """Anchor G.2 (gitlab-org/gitlab#382433): users want to know whether a score was
    entered by hand or calculated from roll-ups.

    P reports 90 itself (``reported``), Q is the sum of its children (``derived``), R has
    neither and takes its children's mean achievement (``rolled_up``).
    """
    c = city(
        [
            {"indicator_id": "P", "aggregation": "sum"},
            {"indicator_id": "Q", "aggregation": "sum"},
            {"indicator_id": "R", "aggregation": "none"},
            {"indicator_id": "P1", "parent_indicator_id": "P"},
            {"indicator_id": "Q1", "parent_indicator_id": "Q"},
            {"indicator_id": "R1", "parent_indicator_id": "R"},
        ],
        [(x, YEAR, 100.0) for x in ("P", "Q", "R", "P1", "Q1", "R1")],
        [("P", YEAR, 90.0), ("P1", YEAR, 90.0), ("Q1", YEAR, 70.0), ("R1", YEAR, 60.0)],
    )
    ind = propagate(c, as_of=YEAR).indicators.set_index("indicator_id")
    sources = ind[["realisation_source", "achievement_source"]].astype(object)
    assert sources.loc["P"].tolist() == ["reported", "computed"]
    assert sources.loc["Q"].tolist() == ["derived", "computed"]
    assert pd.isna(sources.loc["R", "realisation_source"])
    assert sources.loc["R", "achievement_source"] == "rolled_up"
    assert ind.loc[["P", "Q", "R"], "achievement"].tolist() == [90.0, 70.0, 60.0]


def test_6_a_parent_reporting_its_own_value_wins_and_a_mismatch_is_a_finding() -> None:
    """Anchor G.6 (akvo/akvo-rsr#3730, #3729): parents that also report their own values
    alongside children. Reported wins over derived (95, not 40 + 45 = 85), and the
    disagreement is a ``realisation-mismatch`` finding, not silently added up (180).
    """
    c = city(
        [
            {"indicator_id": "P", "aggregation": "sum"},
            {"indicator_id": "A", "parent_indicator_id": "P"},
            {"indicator_id": "B", "parent_indicator_id": "P"},
        ],
        [("P", YEAR, 100.0), ("A", YEAR, 50.0), ("B", YEAR, 50.0)],
        [("P", YEAR, 95.0), ("A", YEAR, 40.0), ("B", YEAR, 45.0)],
    )
    r = propagate(c, as_of=YEAR)
    p = r.indicators.set_index("indicator_id").loc["P"]
    assert (p["reported"], p["derived"], p["realisation"], p["achievement"]) == (95, 85, 95, 95)
    assert [(f.name, f.subject_id) for f in r.findings.findings] == [("realisation-mismatch", "P")]


def test_9_a_sum_parent_is_a_ratio_of_sums_not_a_mean_of_ratios() -> None:
    """Anchor G.9 (DHIS2 community): aggregate the inputs, then apply the formula.

    Two puskesmas: 90 of 100 and 10 of 50 immunised. The city's ``sum`` indicator is
    100 / 150 = 66.7 %, not the mean of 90 % and 20 % (55 %).
    """
    c = city(
        [
            {"indicator_id": "KOTA", "aggregation": "sum"},
            {"indicator_id": "PKM1", "parent_indicator_id": "KOTA"},
            {"indicator_id": "PKM2", "parent_indicator_id": "KOTA"},
        ],
        [("KOTA", YEAR, 150.0), ("PKM1", YEAR, 100.0), ("PKM2", YEAR, 50.0)],
        [("PKM1", YEAR, 90.0), ("PKM2", YEAR, 10.0)],
    )
    got = figures(propagate(c, as_of=YEAR))
    assert got == pytest.approx({"KOTA": 200 / 3, "PKM1": 90.0, "PKM2": 20.0})
