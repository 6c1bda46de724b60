"""Per-binding pass/fail tests for the BKUR, CLAP and DVAL criteria (``cascade.lke._bindings``).

Every scenario is a small change to the consistent city of ``tests.checks._base`` (one
pemda, one agency, an administrator, a pengawas and an employee; six indicators ``I-T1`` …
``I-R1`` targeting 120 and realising 110 in 2024; ``I-T1`` and ``I-S1`` are the IKU and
``I-T1`` … ``I-SK1`` the PK indicators; budget lines on ``P1``, ``K1`` and ``SK1``). Each
scenario is assessed once (``cascade.assess(..., as_of=2024)``) and read three ways:

- a passing case: ``source == "data"``, ratio exactly 1, members > 0, no evidence;
- a failing case: the exact failing members and the finding ids behind each, the ratio and
  the evidence of the criteria frame;
- a not-applicable case for the bindings that need optional data: answer [0, 1], a note
  saying why.

The DVAL codes exist only in the local profile ``trenggalek-opd``; the national codes are
assessed with the national profile (Trenggalek renumbers some of them).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pytest
from tests.checks._base import Tables, add_row, add_rows, base, build, set_cell, two_years

import cascade
from cascade import lke
from cascade.lke._bindings import BINDINGS

NATIONAL = "national-88-2021"
LOCAL = "trenggalek-opd"
PK = ("I-T1", "I-S1", "I-P1", "I-K1", "I-SK1")
ALL = (*PK, "I-R1")
QUARTERS = ("2024Q1", "2024Q2", "2024Q3", "2024Q4")
PLAN = {"plan_start": 2020, "plan_end": 2024}
PREFIXES = ("BKUR", "CLAP", "DVAL")

# ------------------------------------------------------------------------ table edits


def _set(t: Tables, table: str, subject: str, column: str, value: object) -> None:
    """Set ``column`` on the rows of ``table`` whose first column is ``subject``."""
    frame = t[table]
    mask = frame.iloc[:, 0].to_numpy() == subject
    assert mask.any(), (table, subject)
    frame.loc[mask, column] = value


def _drop(t: Tables, table: str, indicator: str, *periods: str) -> None:
    frame = t[table]
    keep = ~(
        (frame["indicator_id"].to_numpy() == indicator)
        & frame["period"].astype("str").isin(periods).to_numpy()
    )
    t[table] = frame[keep].reset_index(drop=True)


def _measured() -> Tables:
    """The base with the three measurement columns filled for every indicator."""
    t = base()
    for column in ("definisi_operasional", "formula", "sumber_data"):
        t["indicators"][column] = "diisi"
    return t


def _quarterly() -> Tables:
    """The base with quarter targets (30) and realisations (27.5) for every indicator."""
    t = base()
    add_rows(
        t,
        "targets",
        [{"indicator_id": i, "period": q, "target": 30.0} for i in ALL for q in QUARTERS],
    )
    add_rows(
        t,
        "realisations",
        [{"indicator_id": i, "period": q, "value": 27.5} for i in ALL for q in QUARTERS],
    )
    return t


def _on_target() -> Tables:
    t = base()
    t["realisations"]["value"] = 120.0
    return t


def _mismatch(t: Tables) -> Tables:
    """``I-SK1`` realises 100, not the 110 its parent ``I-K1`` and child ``I-R1`` give."""
    set_cell(t, "realisations", "I-SK1", "2024", "value", 100.0)
    return t


def _comparable() -> Tables:
    """Both IKU comparable in 2024: 2023 realisations and a benchmark (with ``PLAN``)."""
    t = base()
    for indicator in ("I-T1", "I-S1"):
        t["realisations"] = add_row(
            t["realisations"], indicator_id=indicator, period="2023", value=100.0
        )
    t["indicators"]["pembanding"] = 105.0
    return t


def _documented() -> Tables:
    t = base()
    t["targets"]["document"] = "pk"
    return t


def _second_tujuan() -> Tables:
    """A second tujuan ``T2`` (indicator ``I-T2``, no target) that ``I-S1`` cascades from.

    ``S1``'s goal parent is ``T1``: its indicator naming ``I-T2`` is indicator-goal-mismatch.
    """
    t = base()
    t["goals"] = add_row(
        t["goals"],
        goal_id="T2",
        unit_id="PEMKO",
        statement="Meningkatnya mutu layanan",
        kind="tujuan",
        crosscutting=False,
    )
    t["indicators"] = add_row(
        t["indicators"],
        indicator_id="I-T2",
        goal_id="T2",
        name="Mutu layanan",
        measure_unit="kasus",
        polarity="maximize",
        aggregation="sum",
        period_aggregation="sum",
        role="carrier",
        weight=1.0,
        key=False,
    )
    _set(t, "indicators", "I-S1", "parent_indicator_id", "I-T2")
    return t


# --------------------------------------------------------------------------- scenarios


@dataclass(frozen=True)
class Scenario:
    """Tables to assess, with the policy, ``as_of`` and profile of the assessment."""

    tables: Callable[[], Tables]
    policy: dict[str, object] = field(default_factory=dict)
    profile: str = NATIONAL
    as_of: int | str = 2024


def _edit(start: Callable[[], Tables], *edits: Callable[[Tables], None]) -> Callable[[], Tables]:
    def make() -> Tables:
        t = start()
        for e in edits:
            e(t)
        return t

    return make


def _no_budgets(t: Tables) -> None:
    t["budgets"] = t["budgets"].iloc[:0]


def _nothing_spent(t: Tables) -> None:
    t["budgets"]["spent"] = np.nan


def _overspent_k1(t: Tables) -> None:
    """``K1`` absorbs 120 % of its pagu against an achievement of 91.7 %."""
    _set(t, "budgets", "K1", "spent", 1.2e9)


SCENARIOS: dict[str, Scenario] = {
    "base": Scenario(base),
    "base-local": Scenario(base, profile=LOCAL),
    "measured": Scenario(_measured),
    "measured-blank-formula-I-S1": Scenario(
        _edit(_measured, lambda t: _set(t, "indicators", "I-S1", "formula", None))
    ),
    "measured-mismatch": Scenario(_edit(_measured, _mismatch)),
    "mismatch": Scenario(_edit(base, _mismatch)),
    "mismatch-local": Scenario(_edit(base, _mismatch), profile=LOCAL),
    "on-target": Scenario(_on_target),
    "on-target-local": Scenario(_on_target, profile=LOCAL),
    "on-target-but-I-S1": Scenario(
        _edit(_on_target, lambda t: set_cell(t, "realisations", "I-S1", "2024", "value", 110.0))
    ),
    "second-tujuan": Scenario(_second_tujuan),
    "quarterly": Scenario(_quarterly),
    "quarterly-gap-I-SK1-I-R1": Scenario(
        _edit(
            _quarterly,
            lambda t: _drop(t, "realisations", "I-R1", "2024Q4"),
            lambda t: _drop(t, "realisations", "I-SK1", "2024Q4"),
        )
    ),
    "quarterly-no-target-I-S1": Scenario(
        _edit(_quarterly, lambda t: _drop(t, "targets", "I-S1", "2024"))
    ),
    "quarterly-zero-target-I-P1": Scenario(
        _edit(_quarterly, lambda t: set_cell(t, "targets", "I-P1", "2024", "target", 0.0))
    ),
    "documented": Scenario(_documented),
    "documented-drift-I-T1": Scenario(
        _edit(
            _documented,
            lambda t: add_rows(
                t,
                "targets",
                [
                    {
                        "indicator_id": "I-T1",
                        "period": "2024",
                        "target": 125.0,
                        "document": "renstra",
                    }
                ],
            ),
        )
    ),
    "overspent-K1": Scenario(_edit(base, _overspent_k1)),
    "overspent-K1-and-P1": Scenario(
        _edit(base, _overspent_k1, lambda t: _set(t, "budgets", "P1", "spent", 3.3e9))
    ),
    "unfunded-SK1": Scenario(
        _edit(base, lambda t: t.update(budgets=t["budgets"].iloc[:2].reset_index(drop=True)))
    ),
    "nothing-spent": Scenario(_edit(base, _nothing_spent)),
    "no-budgets": Scenario(_edit(base, _no_budgets)),
    "no-key": Scenario(_edit(base, lambda t: t["indicators"].__setitem__("key", False))),
    "comparable": Scenario(_comparable, PLAN),
    "comparable-no-realisation-I-T1": Scenario(
        _edit(
            _comparable,
            lambda t: _set(t, "indicators", "I-T1", "aggregation", "none"),
            lambda t: _drop(t, "realisations", "I-T1", "2024"),
        ),
        PLAN,
    ),
    "comparable-no-target-I-S1": Scenario(
        # the plan ends in 2026 (both IKU have its target): only the year's target is missing
        _edit(
            _comparable,
            lambda t: add_rows(
                t,
                "targets",
                [{"indicator_id": i, "period": "2026", "target": 150.0} for i in ("I-T1", "I-S1")],
            ),
            lambda t: _drop(t, "targets", "I-S1", "2024"),
        ),
        {"plan_start": 2022, "plan_end": 2026},
    ),
    "comparable-no-end-target-I-S1": Scenario(
        _edit(
            _comparable,
            lambda t: add_rows(
                t, "targets", [{"indicator_id": "I-T1", "period": "2026", "target": 150.0}]
            ),
        ),
        {"plan_start": 2022, "plan_end": 2026},
    ),
    "comparable-no-2023-I-S1": Scenario(
        _edit(_comparable, lambda t: _drop(t, "realisations", "I-S1", "2023")), PLAN
    ),
    "comparable-no-benchmark-I-T1": Scenario(
        _edit(_comparable, lambda t: _set(t, "indicators", "I-T1", "pembanding", np.nan)), PLAN
    ),
    "comparable-no-benchmark-I-T1-suppressed": Scenario(
        _edit(_comparable, lambda t: _set(t, "indicators", "I-T1", "pembanding", np.nan)),
        {**PLAN, "suppress": [{"rule": "CAS517", "subject": "I-T1", "reason": "x"}]},
    ),
    "comparable-no-benchmark-column": Scenario(
        _edit(
            _comparable, lambda t: t.update(indicators=t["indicators"].drop(columns="pembanding"))
        ),
        PLAN,
    ),
    "two-years-local": Scenario(two_years, profile=LOCAL),
    "two-years-I-P1-fell-local": Scenario(
        _edit(two_years, lambda t: set_cell(t, "realisations", "I-P1", "2023", "value", 115.0)),
        profile=LOCAL,
    ),
    "two-years-flat-local": Scenario(functools.partial(two_years, 110.0), profile=LOCAL),
}


@functools.cache
def _trimmed(name: str) -> lke.Profile:
    """The shipped profile ``name`` with only the BKUR, CLAP and DVAL criteria bound.

    The others become unknown, so an assessment runs 15 bindings, not 35: the file stays
    fast. :func:`test_trimmed_profile_reads_as_the_shipped_one` checks nothing else changes.
    """
    profile = lke.load_profile(name)

    def criterion(k: lke.Criterion) -> lke.Criterion:
        keep = k.code.startswith(PREFIXES) or k.binding == "unknown"
        return k if keep else k.model_copy(update={"binding": "unknown"})

    def sub(s: lke.SubComponent) -> lke.SubComponent:
        return s.model_copy(update={"criteria": tuple(criterion(k) for k in s.criteria)})

    def component(c: lke.Component) -> lke.Component:
        return c.model_copy(update={"subcomponents": tuple(sub(s) for s in c.subcomponents)})

    return profile.model_copy(
        update={"components": tuple(component(c) for c in profile.components)}
    )


def _assess(name: str, profile: str | lke.Profile) -> lke.Assessment:
    s = SCENARIOS[name]
    return cascade.assess(build(s.tables()), as_of=s.as_of, profile=profile, policy=s.policy)


@functools.cache
def _assessed(name: str) -> lke.Assessment:
    return _assess(name, _trimmed(SCENARIOS[name].profile))


def _row(name: str, code: str) -> pd.Series:
    frame = _assessed(name).criteria().set_index("code")
    return frame.loc[code]


def _failing(name: str, code: str) -> dict[str, tuple[str, ...]]:
    """Subject id → finding ids of every member scoring below 1."""
    members = _assessed(name).measures[code].members
    low = members[members["score"] < 1]
    return dict(zip(low["subject_id"], low["findings"], strict=True))


# ---------------------------------------------------------------------------- passing

#: (code, scenario, members): the scenario passes every member of the criterion.
PASSING = [
    ("BKUR001.2", "measured", 5),
    ("BKUR001.3", "measured", 5),
    ("BKUR002.2", "base", 2),
    ("BKUR002.3", "on-target", 2),
    ("BKUR002.4", "quarterly", 5),
    ("BKUR002.5", "base", 5),
    ("BKUR003.7", "documented", 5),
    ("BKUR003.8", "base", 3),
    ("CLAP001.2", "quarterly", 5),
    ("CLAP002.2", "quarterly", 5),
    ("CLAP002.3", "comparable", 2),
    ("CLAP002.4", "comparable", 2),
    ("CLAP002.5", "comparable", 2),
    ("CLAP002.6", "comparable", 2),
    ("CLAP002.3", "comparable-no-benchmark-I-T1", 2),
    ("CLAP002.6", "comparable-no-benchmark-I-T1-suppressed", 2),
    ("CLAP002.8", "base", 3),
    ("DVAL004.1", "on-target-local", 5),
    ("DVAL004.2", "two-years-local", 5),
    ("DVAL004.3", "base-local", 5),
]


@pytest.mark.parametrize(
    ("code", "scenario", "members"), PASSING, ids=[f"{c}-{s}" for c, s, _ in PASSING]
)
def test_passing(code: str, scenario: str, members: int) -> None:
    row = _row(scenario, code)
    assert row["source"] == "data"
    assert row["ratio"] == 1.0
    assert row["members"] == members
    assert row["evidence"] == ()
    assert _failing(scenario, code) == {}
    if code == "BKUR003.7":  # a proxy: the data bound it from above only
        assert (row["answer_lo"], row["answer_hi"]) == (0.0, 1.0)
        assert row["note"].endswith("proxy: data bound it from above")
    else:
        assert row["answer_lo"] == row["answer_hi"] == 1.0


# ---------------------------------------------------------------------------- failing

#: (code, scenario, members, failing subject → its finding ids).
FAILING = [
    (
        "BKUR001.2",
        "measured-blank-formula-I-S1",
        5,
        {"I-S1": ("CAS516:I-S1",)},
    ),
    (
        "BKUR001.3",
        "measured-blank-formula-I-S1",
        5,
        {"I-S1": ("CAS516:I-S1",)},
    ),
    (
        "BKUR001.3",
        "measured-mismatch",
        5,
        {"I-K1": ("CAS304:I-K1@2024",), "I-SK1": ("CAS304:I-SK1@2024",)},
    ),
    ("BKUR002.2", "second-tujuan", 3, {"I-S1": ("CAS203:I-S1",)}),
    (
        "BKUR002.2",
        "comparable-no-benchmark-I-T1",
        2,
        {"I-T1": ("CAS517:I-T1@2024",)},
    ),
    (
        "BKUR002.3",
        "base",
        2,
        {"I-T1": ("CAS508:I-T1@2024",), "I-S1": ("CAS508:I-S1@2024",)},
    ),
    (
        "BKUR002.3",
        "on-target-but-I-S1",
        2,
        {"I-S1": ("CAS508:I-S1@2024",)},
    ),
    (
        "BKUR002.4",
        "quarterly-gap-I-SK1-I-R1",
        5,
        {"I-SK1": ("CAS506:I-SK1@2024",)},  # I-R1 is not a PK indicator
    ),
    (
        "BKUR002.5",
        "mismatch",
        5,
        {"BID": ("CAS304:I-K1@2024",), "SEKSI": ("CAS304:I-SK1@2024",)},
    ),
    (
        "BKUR002.5",
        "quarterly-gap-I-SK1-I-R1",
        5,
        {"SEKSI": ("CAS506:I-SK1@2024",), "ASN": ("CAS506:I-R1@2024",)},
    ),
    (
        "BKUR003.7",
        "documented-drift-I-T1",
        5,
        {"I-T1": ("CAS518:I-T1@2024",)},
    ),
    ("BKUR003.8", "overspent-K1", 3, {"K1": ("CAS510:K1@2024",)}),
    (
        "CLAP001.2",
        "quarterly-gap-I-SK1-I-R1",
        5,
        {"I-SK1": ("CAS506:I-SK1@2024",)},
    ),
    (
        "CLAP002.2",
        "quarterly-gap-I-SK1-I-R1",
        5,
        {"I-SK1": ("CAS506:I-SK1@2024",)},
    ),
    (
        "CLAP002.2",
        "quarterly-no-target-I-S1",
        5,
        {"I-S1": ("CAS301:I-S1@2024",)},
    ),
    (
        "CLAP002.2",
        "quarterly-zero-target-I-P1",
        5,
        {"I-P1": ("CAS309:I-P1@2024",)},
    ),
    (
        "CLAP002.3",
        "comparable-no-realisation-I-T1",
        2,
        {"I-T1": ("CAS517:I-T1@2024",)},
    ),
    (
        "CLAP002.3",
        "comparable-no-target-I-S1",
        2,
        {"I-S1": ("CAS517:I-S1@2024",)},
    ),
    (
        "CLAP002.4",
        "comparable-no-end-target-I-S1",
        2,
        {"I-S1": ("CAS517:I-S1@2024",)},
    ),
    (
        "CLAP002.5",
        "comparable-no-2023-I-S1",
        2,
        {"I-S1": ("CAS517:I-S1@2024",)},
    ),
    (
        "CLAP002.6",
        "comparable-no-benchmark-I-T1",
        2,
        {"I-T1": ("CAS517:I-T1@2024",)},
    ),
    ("CLAP002.8", "overspent-K1", 3, {"K1": ("CAS510:K1@2024",)}),
    ("CLAP002.8", "unfunded-SK1", 3, {"SK1": ("CAS507:SK1@2024",)}),
    (
        "DVAL004.1",
        "base-local",
        5,
        {i: (f"CAS508:{i}@2024",) for i in PK},
    ),
    (
        "DVAL004.2",
        "two-years-I-P1-fell-local",
        5,
        {"I-P1": ("CAS509:I-P1@2024",)},
    ),
    (
        "DVAL004.2",
        "two-years-flat-local",
        5,
        {i: (f"CAS509:{i}@2024",) for i in PK},
    ),
    (
        "DVAL004.3",
        "mismatch-local",
        5,
        {"I-K1": ("CAS304:I-K1@2024",), "I-SK1": ("CAS304:I-SK1@2024",)},
    ),
]


@pytest.mark.parametrize(
    ("code", "scenario", "members", "failing"),
    FAILING,
    ids=[f"{c}-{s}" for c, s, _, _ in FAILING],
)
def test_failing(
    code: str, scenario: str, members: int, failing: dict[str, tuple[str, ...]]
) -> None:
    row = _row(scenario, code)
    assert row["source"] == "data"
    assert row["members"] == members
    assert _failing(scenario, code) == failing
    evidence = tuple(i for ids in failing.values() for i in ids)
    assert sorted(row["evidence"]) == sorted(evidence)
    if code != "BKUR003.8":  # rupiah-weighted, tested below
        assert row["ratio"] == pytest.approx((members - len(failing)) / members)
    assert row["ratio"] < 1.0
    if code == "BKUR003.7":
        assert row["answer_lo"] == 0.0
    known = set(lke._evidence.finding_ids(_assessed(scenario).report.to_frame()))
    assert set(evidence) <= known


# ---------------------------------------------------------------------- not applicable

#: (code, scenario, words the note must hold).
NOT_APPLICABLE = [
    ("BKUR001.2", "base", "missing-measurement-metadata: needs the columns"),
    ("BKUR001.3", "base", "missing-measurement-metadata: needs the columns"),
    # without the measurement columns a realisation mismatch does not decide BKUR001.3
    ("BKUR001.3", "mismatch", "missing-measurement-metadata: needs the columns"),
    # no quarter target anywhere: periodic measurement cannot be shown either way
    ("BKUR002.4", "base", "realisation-gap: needs quarter or month targets"),
    ("BKUR003.7", "base", "plan-drift: needs a document column on targets"),
    ("BKUR003.8", "nothing-spent", "inefficient-spend: needs spending"),
    ("BKUR003.8", "no-budgets", "inefficient-spend: needs annual budget lines"),
    ("CLAP001.2", "base", "realisation-gap: needs quarter or month targets"),
    ("CLAP002.3", "no-key", "report-comparison-gap: needs key indicators"),
    ("CLAP002.4", "base", "cannot decide the end target"),
    ("CLAP002.4", "base", "needs the plan's last year"),
    ("CLAP002.5", "base", "cannot decide the previous realisation"),
    ("CLAP002.5", "base", "no indicator has a realisation for 2023"),
    ("CLAP002.6", "base", "cannot decide the benchmark"),
    ("CLAP002.6", "comparable-no-benchmark-column", "needs a benchmark column"),
    ("CLAP002.8", "no-budgets", "unfunded-goal: needs a budgets table"),
    ("DVAL004.2", "base-local", "no-improvement: needs targets and realisations"),
]


@pytest.mark.parametrize(
    ("code", "scenario", "why"),
    NOT_APPLICABLE,
    ids=[f"{c}-{s}" for c, s, _ in NOT_APPLICABLE],
)
def test_not_applicable(code: str, scenario: str, why: str) -> None:
    row = _row(scenario, code)
    assert row["source"] == "not-applicable"
    assert (row["answer_lo"], row["answer_hi"]) == (0.0, 1.0)
    assert row["members"] == 0
    assert np.isnan(row["ratio"])
    assert row["evidence"] == ()
    assert why in row["note"]
    assert _assessed(scenario).measures[code].not_applicable is not None


# ------------------------------------------------------------------- special readings


@pytest.mark.parametrize(
    ("scenario", "failing"),
    [
        ("comparable-no-realisation-I-T1", "CLAP002.3"),
        ("comparable-no-target-I-S1", "CLAP002.3"),
        ("comparable-no-end-target-I-S1", "CLAP002.4"),
        ("comparable-no-2023-I-S1", "CLAP002.5"),
        ("comparable-no-benchmark-I-T1", "CLAP002.6"),
    ],
)
def test_one_missing_comparison_fails_only_its_criterion(scenario: str, failing: str) -> None:
    ratios = {
        code: _row(scenario, code)["ratio"]
        for code in ("CLAP002.3", "CLAP002.4", "CLAP002.5", "CLAP002.6")
    }
    assert ratios.pop(failing) == 0.5
    assert ratios == dict.fromkeys(ratios, 1.0)


def test_suppressed_comparison_gap_passes_the_member() -> None:
    before = _row("comparable-no-benchmark-I-T1", "CLAP002.6")
    after = _row("comparable-no-benchmark-I-T1-suppressed", "CLAP002.6")
    assert before["evidence"] == ("CAS517:I-T1@2024",)
    assert (before["ratio"], after["ratio"]) == (0.5, 1.0)
    assert after["evidence"] == ()
    # the suppressed finding no longer counts for BKUR002.2 either
    assert _row("comparable-no-benchmark-I-T1-suppressed", "BKUR002.2")["ratio"] == 1.0


def test_comparison_columns_the_data_cannot_decide_are_left_out() -> None:
    """Without a benchmark column CLAP002.6 is not applicable; .3–.5 still decide."""
    name = "comparable-no-benchmark-column"
    for code in ("CLAP002.3", "CLAP002.4", "CLAP002.5"):
        row = _row(name, code)
        assert (row["source"], row["ratio"], row["members"]) == ("data", 1.0, 2)
    assert _row(name, "CLAP002.6")["source"] == "not-applicable"


def test_spend_is_rupiah_weighted() -> None:
    """BKUR003.8's ratio is the share of rupiah whose absorption does not run ahead."""
    allocated = {"P1": 3e9, "K1": 1e9, "SK1": 5e8}
    total = sum(allocated.values())
    members = _assessed("overspent-K1").measures["BKUR003.8"].members
    assert dict(zip(members["subject_id"], members["weight"], strict=True)) == allocated
    assert _row("overspent-K1", "BKUR003.8")["ratio"] == pytest.approx(
        (total - allocated["K1"]) / total
    )
    assert _row("overspent-K1-and-P1", "BKUR003.8")["ratio"] == pytest.approx(
        allocated["SK1"] / total
    )
    assert _failing("overspent-K1-and-P1", "BKUR003.8") == {
        "P1": ("CAS510:P1@2024",),
        "K1": ("CAS510:K1@2024",),
    }
    # CLAP002.8 counts the same goals one each
    assert _row("overspent-K1-and-P1", "CLAP002.8")["ratio"] == pytest.approx(1 / 3)


def test_plan_drift_is_an_upper_bound() -> None:
    """BKUR003.7 is a proxy: its answer runs from 0 to what the ratio gives."""
    passing = _row("documented", "BKUR003.7")
    failing = _row("documented-drift-I-T1", "BKUR003.7")
    assert _assessed("documented").measures["BKUR003.7"].upper_bound
    assert passing["answer_lo"] == failing["answer_lo"] == 0.0
    assert passing["answer_hi"] == 1.0
    assert failing["answer_hi"] < 1.0
    assert failing["grade"].startswith("at most")


def test_spending_unknown_leaves_clap002_8_to_unfunded_goal() -> None:
    """With no ``spent``, CLAP002.8 is still decided by unfunded-goal, with a note."""
    row = _row("nothing-spent", "CLAP002.8")
    assert (row["source"], row["ratio"], row["members"]) == ("data", 1.0, 3)
    assert "inefficient-spend not applicable" in row["note"]


def test_realisation_gap_undecided_leaves_clap002_2_to_its_other_rules() -> None:
    """Annual targets only: realisation-gap cannot run; missing-target still decides."""
    row = _row("base", "CLAP002.2")
    assert (row["source"], row["ratio"], row["members"]) == ("data", 1.0, 5)
    assert "realisation-gap not applicable: needs quarter or month targets" in row["note"]


def test_dval_codes_are_only_in_the_local_profile() -> None:
    national = set(_assessed("base").criteria()["code"])
    local = set(_assessed("base-local").criteria()["code"])
    dval = {c for c in BINDINGS if c.startswith("DVAL")}
    assert dval <= local
    assert not dval & national


@pytest.mark.parametrize("scenario", ["base", "base-local"])
def test_trimmed_profile_reads_as_the_shipped_one(scenario: str) -> None:
    columns = ["source", "population", "members", "ratio", "answer_lo", "answer_hi", "note"]
    columns += ["evidence"]
    shipped = _assess(scenario, SCENARIOS[scenario].profile).criteria().set_index("code")
    trimmed = _assessed(scenario).criteria().set_index("code")
    codes = [c for c in shipped.index if c.startswith(PREFIXES) and c in BINDINGS]
    assert len(codes) >= 3
    pd.testing.assert_frame_equal(trimmed.loc[codes, columns], shipped.loc[codes, columns])


# ------------------------------------------------------------------------- coverage


def test_every_bkur_clap_dval_binding_is_covered() -> None:
    bound = {c for c in BINDINGS if c.startswith(PREFIXES)}
    assert {c for c, *_ in PASSING} == bound
    assert {c for c, *_ in FAILING} == bound
    optional = {
        "BKUR001.2",
        "BKUR001.3",
        "BKUR002.4",
        "BKUR003.7",
        "BKUR003.8",
        "CLAP001.2",
        "CLAP002.3",
        "CLAP002.4",
        "CLAP002.5",
        "CLAP002.6",
        "CLAP002.8",
        "DVAL004.2",
    }
    assert {c for c, *_ in NOT_APPLICABLE} == optional
    assert len(bound) == 18
