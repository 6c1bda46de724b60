"""Properties of the quality rules (CAS514–CAS517), and what the run reports beside findings.

Each rule is compared with an oracle written from its definition in plain Python, on
generated cities whose texts, columns or history a test changes:

- ``goal-not-outcome`` flags exactly the goals of kind tujuan to sasaran program whose first
  word is an output word (warning) or neither word (info), whatever the row order;
- ``indicator-not-smart`` finds nothing in a valid city with definitions; blanking some
  measure units flags exactly the IKU and PK indicators among them, for M; filling them
  back removes every finding;
- ``missing-measurement-metadata`` flags exactly the IKU and PK indicators with a blank
  measurement cell, and filling the cells removes every finding;
- ``report-comparison-gap`` flags exactly the IKU without a benchmark or without a
  realisation for the year or the year before; filling the benchmarks leaves only those.
"""

from __future__ import annotations

import string
from random import Random

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.checks._base import add_row, base

import cascade
from cascade import Cascade
from cascade.checks import check
from cascade.checks._context import Context
from cascade.checks._rule import RuleFunction
from cascade.checks.evaluation.quality import (
    comparison_gaps,
    goal_not_outcome,
    indicator_not_smart,
    missing_measurement_metadata,
    report_comparison_gap,
    smart_failures,
)
from cascade.derive import derive_realisations
from cascade.period import Period
from cascade.policy import OUTPUT_LEADS, RESULT_LEADS, Policy
from cascade.strategies import cascade_tables
from cascade.strategies._cascades import Tables
from cascade.strategies._edit import copy_tables

CITIES = cascade_tables(max_agencies=2, max_depth=3, max_indicators=2)
PK_LEVELS = {"pemda", "perangkat_daerah", "administrator", "pengawas"}
OPENINGS = (
    "Terlaksananya",
    "MENINGKATNYA",
    "Peningkatan",
    "1. Penyusunan",
    "(Terwujudnya)",
    "Rata-rata",
    "2024",
    "",
    "   ",
)


def _raw(tables: Tables, func: RuleFunction, *years: int, **policy: object) -> pd.DataFrame:
    """A rule's raw findings (``subject_row`` included), without a full check run."""
    periods = [Period.year_of(y) for y in years or (2024,)]
    return func(Context(Cascade(**tables), periods, Policy.model_validate(policy)))


def _found(frame: pd.DataFrame) -> set[tuple[str, str, str]]:
    return set(
        zip(frame["subject_id"], frame["period"].astype(str), frame["message"], strict=True)
    )


def _shuffled(tables: Tables, rnd: Random, *names: str) -> Tables:
    out = copy_tables(tables)
    for name in names:
        order = list(range(len(out[name])))
        rnd.shuffle(order)
        out[name] = out[name].iloc[order].reset_index(drop=True)
    return out


def _population(tables: Tables, year: str = "2024") -> set[str]:
    """The oracle's IKU and PK indicators for ``year``."""
    level = dict(zip(tables["units"]["unit_id"], tables["units"]["level"], strict=True))
    owner = dict(zip(tables["goals"]["goal_id"], tables["goals"]["unit_id"], strict=True))
    targets = tables["targets"]
    targeted = set(targets.loc[targets["period"] == year, "indicator_id"])
    return {
        ind.indicator_id
        for ind in tables["indicators"].itertuples()
        if bool(ind.key)
        or (ind.indicator_id in targeted and level[owner[ind.goal_id]] in PK_LEVELS)
    }


# ---------------------------------------------------------------- goal-not-outcome


def _first_word(text: str) -> str:
    for token in text.split():
        word = token.strip(string.punctuation).lower()
        if word and not word.isdigit():
            return word
    return ""


@settings(max_examples=6, deadline=None)
@given(CITIES, st.data(), st.randoms(use_true_random=False))
def test_goal_not_outcome_is_its_definition(
    tables: Tables, data: st.DataObject, rnd: Random
) -> None:
    goals = tables["goals"]
    openings = data.draw(
        st.lists(st.sampled_from(OPENINGS), min_size=len(goals), max_size=len(goals))
    )
    goals["statement"] = [o + " pelayanan publik" if o.strip() else o for o in openings]
    found = _raw(tables, goal_not_outcome)
    expected = {}
    for goal in goals.itertuples():
        text = str(goal.statement)
        if goal.kind not in {"tujuan", "sasaran_strategis", "sasaran_program"} or not text.strip():
            continue
        word = _first_word(text)
        if word in OUTPUT_LEADS:
            expected[goal.goal_id] = "warning"
        elif word not in RESULT_LEADS:
            expected[goal.goal_id] = "info"
    severity = found["severity"] if "severity" in found else found["subject_id"]
    assert dict(zip(found["subject_id"], severity, strict=True)) == expected
    ids = goals["goal_id"].to_numpy()
    assert (ids[found["subject_row"].to_numpy()] == found["subject_id"].to_numpy()).all()
    assert _found(_raw(_shuffled(tables, rnd, "goals"), goal_not_outcome)) == _found(found)


def test_goal_not_outcome_severity_per_finding_unless_overridden() -> None:
    t = base()
    t["goals"].loc[0, "statement"] = "Peningkatan derajat kesehatan"
    t["goals"].loc[2, "statement"] = "Terlaksananya imunisasi"
    report = check(Cascade(**t), select=["goal-not-outcome"])
    assert {(f.subject_id, f.severity) for f in report.findings} == {
        ("T1", "info"),
        ("P1", "warning"),
    }
    assert "result_leads" in next(f.hint for f in report.findings if f.subject_id == "T1")
    strict = check(
        Cascade(**t), select=["goal-not-outcome"], policy={"severity": {"CAS514": "error"}}
    )
    assert {f.severity for f in strict.findings} == {"error"}


# ------------------------------------------------------------- indicator-not-smart


@settings(max_examples=6, deadline=None)
@given(CITIES, st.data(), st.randoms(use_true_random=False))
def test_indicator_not_smart_flags_exactly_the_blank_units(
    tables: Tables, data: st.DataObject, rnd: Random
) -> None:
    tables["indicators"]["definisi_operasional"] = "Jumlah yang dihitung"
    assert _raw(tables, indicator_not_smart).empty

    ids = list(tables["indicators"]["indicator_id"])
    blank = data.draw(st.sets(st.sampled_from(ids)), label="blank measure units")
    broken = copy_tables(tables)
    broken["indicators"].loc[broken["indicators"]["indicator_id"].isin(blank), "measure_unit"] = (
        None
    )
    found = _raw(broken, indicator_not_smart)
    assert set(found["subject_id"]) == blank & _population(tables)
    assert found["message"].str.contains(r"fails M for 2024 \(M: no measure unit\)").all()
    assert (
        np.asarray(ids, dtype=object)[found["subject_row"].to_numpy()]
        == found["subject_id"].to_numpy()
    ).all()
    shuffled = _shuffled(broken, rnd, "indicators", "targets")
    assert _found(_raw(shuffled, indicator_not_smart)) == _found(found)


def test_smart_failures_lists_every_letter_of_the_population() -> None:
    t = base()
    t["indicators"].loc[1, "name"] = "Angka kesakitan dan angka kematian"
    t["targets"].loc[4, "target"] = 0.0  # I-SK1
    frame = smart_failures(Context(Cascade(**t), [Period.year_of(2024)], Policy()))
    assert list(frame["indicator_id"]) == ["I-T1", "I-S1", "I-P1", "I-K1", "I-SK1"]
    assert frame.loc[frame["indicator_id"] == "I-S1", "S"].item()
    assert frame.loc[frame["indicator_id"] == "I-SK1", "A"].item()
    assert frame.loc[frame["indicator_id"] == "I-SK1", "why_A"].item() == "a target of 0"
    assert frame[["M", "R", "T"]].to_numpy().sum() == 0


def test_smart_reports_what_it_could_not_decide() -> None:
    report = check(Cascade(**base()), select=["indicator-not-smart"])
    reason = report.partly_not_applicable["CAS515"]
    assert "no column definisi_operasional" in reason
    assert "target-regression is not applicable" in reason
    assert "no plan period" in reason
    assert report.findings == []


def test_smart_without_target_regression_in_the_catalogue(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cascade.checks import catalogue

    real = catalogue.rule_by

    def without(key: str) -> object:
        if key == "target-regression":
            raise KeyError(key)
        return real(key)

    monkeypatch.setattr(catalogue, "rule_by", without)
    t = base()
    t["targets"].loc[4, "target"] = 0.0
    report = check(Cascade(**t), select=["indicator-not-smart"])
    assert (
        "A: target-regression is not in this version" in (report.partly_not_applicable["CAS515"])
    )
    assert [f.subject_id for f in report.findings] == ["I-SK1"]


# ---------------------------------------------------- missing-measurement-metadata

COLUMNS = ("definisi_operasional", "formula", "sumber_data")


def _filled(cell: object) -> bool:
    return isinstance(cell, str) and bool(cell.strip())


@settings(max_examples=6, deadline=None)
@given(CITIES, st.data(), st.randoms(use_true_random=False))
def test_missing_measurement_metadata_is_its_definition(
    tables: Tables, data: st.DataObject, rnd: Random
) -> None:
    n = len(tables["indicators"])
    cells = st.sampled_from(["diisi", None, "  "])
    for column in COLUMNS:
        tables["indicators"][column] = data.draw(st.lists(cells, min_size=n, max_size=n))
    found = _raw(tables, missing_measurement_metadata)
    population = _population(tables)
    expected = {}
    for row in tables["indicators"].itertuples():
        blanks = [c for c in COLUMNS if not _filled(getattr(row, c))]
        if blanks and row.indicator_id in population:
            expected[row.indicator_id] = "has no " + ", ".join(blanks)
    got = {
        i: m.split(") ", 1)[1] for i, m in zip(found["subject_id"], found["message"], strict=True)
    }
    assert got == expected
    assert found["period"].isna().all()
    shuffled = _shuffled(tables, rnd, "indicators", "targets")
    assert _found(_raw(shuffled, missing_measurement_metadata)) == _found(found)

    for column in COLUMNS:
        tables["indicators"][column] = "diisi"
    assert _raw(tables, missing_measurement_metadata).empty


def test_metadata_reports_the_columns_it_could_not_check() -> None:
    t = base()
    t["indicators"]["Sumber Data"] = "BPS"
    report = check(Cascade(**t), select=["missing-measurement-metadata"])
    assert report.partly_not_applicable["CAS516"] == (
        "no column definisi_operasional, formula in indicators"
    )
    custom = check(
        Cascade(**t),
        select=["missing-measurement-metadata"],
        policy={"evaluation": {"measurement_columns": ["sumber_data"]}},
    )
    assert "CAS516" not in custom.partly_not_applicable
    assert "CAS516" in custom.rules


# ---------------------------------------------------------- report-comparison-gap

TWO_YEARS = st.booleans().flatmap(
    lambda quarters: cascade_tables(
        max_agencies=2,
        max_depth=2,
        min_periods=2,
        max_periods=2,
        first_year=2023,
        quarters=quarters,
    )
)


@settings(max_examples=6, deadline=None)
@given(TWO_YEARS, st.data(), st.randoms(use_true_random=False))
def test_report_comparison_gap_is_its_definition(
    tables: Tables, data: st.DataObject, rnd: Random
) -> None:
    indicators = tables["indicators"]
    n = len(indicators)
    keys = data.draw(st.lists(st.booleans(), min_size=n, max_size=n), label="key")
    keys[0] = True
    indicators["key"] = keys
    benchmark = data.draw(st.lists(st.sampled_from([75.5, None]), min_size=n, max_size=n))
    indicators["benchmark"] = benchmark
    plan = {"plan_start": 2020, "plan_end": 2024}
    found = _raw(tables, report_comparison_gap, **plan)

    cascade_ = Cascade(**tables)
    realised = {
        y: derive_realisations(cascade_, y).set_index("indicator_id")["value"]
        for y in ("2023", "2024")
    }
    lacking = {
        ind.indicator_id
        for ind in indicators.itertuples()
        if ind.key
        and (
            np.isnan(realised["2023"][ind.indicator_id])
            or np.isnan(realised["2024"][ind.indicator_id])
        )
    }
    no_benchmark = {
        i.indicator_id for i in indicators.itertuples() if i.key and pd.isna(i.benchmark)
    }
    assert set(found["subject_id"]) == lacking | no_benchmark
    assert set(found["period"]) <= {"2024"}
    shuffled = _shuffled(tables, rnd, "indicators", "targets", "realisations")
    assert _found(_raw(shuffled, report_comparison_gap, **plan)) == _found(found)

    indicators["benchmark"] = 80.0
    assert set(_raw(tables, report_comparison_gap, **plan)["subject_id"]) == lacking


def test_comparison_gaps_leaves_undecided_comparisons_open() -> None:
    t = base()
    t["realisations"] = add_row(t["realisations"], indicator_id="I-T1", period="2023", value=1)
    ctx = Context(Cascade(**t), [Period.year_of(2024)], Policy())
    frame = comparison_gaps(ctx)
    assert list(frame["indicator_id"]) == ["I-T1", "I-S1"]
    assert list(frame["previous_realisation"]) == [False, True]
    assert frame["end_target"].isna().all()
    assert frame["benchmark"].isna().all()
    assert not frame["target"].any()
    assert "needs a benchmark column (benchmark or pembanding)" in "; ".join(
        ctx.partly_not_applicable
    )


# ------------------------------------------------------------------- the examples


@pytest.mark.parametrize("name", [None, "with-defects"])
def test_bundled_examples(name: str | None) -> None:
    example = cascade.load_example(name) if name else cascade.load_example()
    report = check(
        example,
        select=[
            "goal-not-outcome",
            "indicator-not-smart",
            "missing-measurement-metadata",
            "report-comparison-gap",
        ],
    )
    assert report.not_applicable == {}
    found = {(f.name, f.subject_id) for f in report.findings}
    assert ("goal-not-outcome", "DISPERINDAG-T1") in found  # "Terjaganya …": unusual
    assert ("report-comparison-gap", "PEMKO-T3-I1") in found  # no 2024 realisation
    smart = {i for rule, i in found if rule == "indicator-not-smart"}
    assert smart == (set() if name is None else {"DISPERINDAG-SK1.1.1-I2"})  # no satuan
