"""Properties of the history rules on generated cascades of two or three years from 2024.

Each rule is compared with an oracle written from its definition, one indicator (or goal)
at a time in plain Python:

- ``target-regression`` flags exactly the indicators whose 2025 target is worse than their
  2024 realisation (on the engine's realisations: reported, from quarters, or derived); its
  findings point at the indicator's row; raising each flagged target to last year's
  realisation removes every finding; the findings do not depend on the order of the rows.
- ``target-path-break`` flags exactly the annual targets that move against polarity; an
  end-of-period target equal to the last annual target adds nothing, and moving one
  indicator's end target adds exactly that indicator, in the plan's last year.
- ``iku-churn`` never flags the generated cities (their ids are stable); after dropping
  some annual targets of key indicators it flags exactly the goals the oracle counts.
- ``plan-drift`` finds nothing when the Renstra repeats the PK; after doubling some Renstra
  targets and dropping some PK rows it finds exactly those, whatever the row order.
"""

from __future__ import annotations

import math
from random import Random
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.checks._base import add_row, base

from cascade import Cascade
from cascade.checks import check
from cascade.checks._context import Context, NotApplicable
from cascade.checks._rule import RuleFunction
from cascade.checks.catalogue import rule_by
from cascade.checks.evaluation.history import (
    iku_churn,
    plan_drift,
    target_path_break,
    target_regression,
)
from cascade.derive import derive_realisations
from cascade.period import Period
from cascade.policy import Policy
from cascade.strategies import cascade_tables
from cascade.strategies._cascades import Tables
from cascade.strategies._edit import copy_tables

#: Two-year cities, with or without quarters (a realisation may be its quarters only).
TWO_YEARS = st.booleans().flatmap(
    lambda quarters: cascade_tables(
        max_agencies=2, max_depth=2, min_periods=2, max_periods=2, quarters=quarters
    )
)


def _raw(
    tables: Tables, func: RuleFunction, years: tuple[int, ...], **policy: Any
) -> pd.DataFrame:
    """A rule's raw findings (``subject_row`` included), without a full check run."""
    periods = [Period.year_of(y) for y in years]
    return func(Context(Cascade(**tables), periods, Policy(**policy)))


def _found(frame: pd.DataFrame) -> set[tuple[str, str, str]]:
    return set(
        zip(frame["subject_id"], frame["period"].astype(str), frame["message"], strict=True)
    )


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-3, abs_tol=1e-9)


def _regressions(tables: Tables, cascade: Cascade) -> dict[str, float]:
    """The oracle: indicator id -> its 2024 realisation, where the 2025 target is worse."""
    before = derive_realisations(cascade, "2024").set_index("indicator_id")["value"]
    targets = tables["targets"]
    annual = targets[targets["period"] == "2025"].set_index("indicator_id")["target"]
    out = {}
    for ind in tables["indicators"].itertuples():
        target, realised = annual.get(ind.indicator_id), before.get(ind.indicator_id)
        if target is None or realised is None or np.isnan(realised):
            continue
        worse = (
            target < realised if ind.polarity == "maximize" else target > realised
        ) and not _close(target, realised)
        if ind.polarity != "stabilize" and worse:
            out[ind.indicator_id] = float(realised)
    return out


@settings(max_examples=8, deadline=None)
@given(TWO_YEARS, st.randoms(use_true_random=False))
def test_target_regression_is_its_definition(tables: Tables, rnd: Random) -> None:
    cascade = Cascade(**tables)
    found = target_regression(Context(cascade, [Period.year_of(2025)], Policy()))
    expected = _regressions(tables, cascade)
    assert set(found["subject_id"]) == set(expected)
    assert set(found["period"]) <= {"2025"}
    ids = tables["indicators"]["indicator_id"].to_numpy()
    assert (ids[found["subject_row"].to_numpy()] == found["subject_id"].to_numpy()).all()

    shuffled = copy_tables(tables)
    for name in ("targets", "realisations"):
        order = list(range(len(shuffled[name])))
        rnd.shuffle(order)
        shuffled[name] = shuffled[name].iloc[order].reset_index(drop=True)
    assert _found(_raw(shuffled, target_regression, (2025,))) == _found(found)

    fixed = copy_tables(tables)
    targets = fixed["targets"]
    for indicator, realised in expected.items():
        at = (targets["indicator_id"] == indicator) & (targets["period"] == "2025")
        targets.loc[at, "target"] = realised
    assert _raw(fixed, target_regression, (2025,)).empty


def test_subject_row_is_the_indicator_row() -> None:
    """Another rule (``indicator-not-smart``) reads ``subject_row`` of these findings."""
    t = base()
    t["realisations"] = add_row(t["realisations"], indicator_id="I-T1", period="2023", value=130)
    cascade = Cascade(**t)
    found = rule_by("target-regression")(Context(cascade, [Period.year_of(2024)], Policy()))
    assert found["subject_row"].tolist() == [0]
    assert isinstance(found, pd.DataFrame)


# ------------------------------------------------------------------ target-path-break

#: Cities of two or three years, 2024 onwards, every year inside the plan 2024–2026.
PLAN_YEARS = cascade_tables(max_agencies=2, max_depth=2, min_periods=2, max_periods=3)
PLAN = {"plan_start": 2024, "plan_end": 2026}


def _path_breaks(tables: Tables) -> set[tuple[str, str]]:
    """The oracle: (indicator id, year) where an annual target moves against polarity."""
    targets = tables["targets"]
    annual = targets[targets["period"].str.fullmatch(r"\d{4}")]
    out = set()
    for ind in tables["indicators"].itertuples():
        mine = annual[annual["indicator_id"] == ind.indicator_id].sort_values("period")
        previous = None
        for year, target in zip(mine["period"], mine["target"], strict=True):
            if previous is not None and ind.polarity != "stabilize":
                against = target < previous if ind.polarity == "maximize" else target > previous
                if against and not _close(target, previous):
                    out.add((ind.indicator_id, year))
            previous = target
    return out


@settings(max_examples=8, deadline=None)
@given(PLAN_YEARS, st.data())
def test_target_path_break_is_its_definition(tables: Tables, data: st.DataObject) -> None:
    found = _raw(tables, target_path_break, (2024,), **PLAN)
    assert set(zip(found["subject_id"], found["period"], strict=True)) == _path_breaks(tables)

    # The declared end target: equal to the last annual target, nothing more is found;
    # one indicator's end target moved beyond tolerance, exactly that one is added.
    last = max(int(p) for p in tables["targets"]["period"] if len(p) == 4)
    ended = copy_tables(tables)
    targets = ended["targets"]
    final = targets[targets["period"] == str(last)].set_index("indicator_id")["target"]
    ids = ended["indicators"]["indicator_id"]
    ended["indicators"]["target_akhir"] = ids.map(final).to_numpy()
    plan = {"plan_start": 2024, "plan_end": last}
    met = _raw(ended, target_path_break, (2024,), **plan)
    assert not met["message"].str.contains("end-of-period").any()
    moved = data.draw(st.sampled_from(sorted(ids)), label="end target moved")
    ended["indicators"].loc[ids == moved, "target_akhir"] = float(final[moved]) * 1.5 + 1
    extra = _raw(ended, target_path_break, (2024,), **plan)
    extra = extra[extra["message"].str.contains("end-of-period")]
    assert list(extra["subject_id"]) == [moved]
    assert list(extra["period"]) == [str(last)]


# ------------------------------------------------------------------------ iku-churn


def _churn(tables: Tables, allowed: int) -> set[str]:
    """The oracle: goals whose key-indicator set changes in more than ``allowed`` years."""
    indicators = tables["indicators"]
    key = indicators[indicators["key"].astype(bool)]
    targets = tables["targets"]
    annual = targets[targets["period"].str.fullmatch(r"\d{4}")]
    sets: dict[tuple[str, int], set[str]] = {}
    years = set()
    for row in annual[annual["indicator_id"].isin(key["indicator_id"])].itertuples():
        goal = key.loc[key["indicator_id"] == row.indicator_id, "goal_id"].iloc[0]
        sets.setdefault((goal, int(row.period)), set()).add(row.indicator_id)
        years.add(int(row.period))
    out = set()
    for goal in set(key["goal_id"]):
        changes = sum(
            sets.get((goal, y), set()) != sets.get((goal, y - 1), set())
            for y in years
            if y - 1 in years
        )
        if changes > allowed:
            out.add(goal)
    return out


@settings(max_examples=10, deadline=None)
@given(PLAN_YEARS, st.data())
def test_iku_churn_is_its_definition(tables: Tables, data: st.DataObject) -> None:
    # Stable ids every year: no goal churns, even when no change is allowed.
    if not tables["indicators"]["key"].astype(bool).any():
        with pytest.raises(NotApplicable, match="needs targets of key indicators"):
            _raw(tables, iku_churn, (2024,), **PLAN)
        return
    assert _raw(tables, iku_churn, (2024,), **PLAN, evaluation={"max_iku_changes": 0}).empty
    # Drop some annual targets of key indicators: the oracle says who churns.
    key = set(tables["indicators"].loc[tables["indicators"]["key"].astype(bool), "indicator_id"])
    targets = tables["targets"]
    annual = targets["period"].str.fullmatch(r"\d{4}") & targets["indicator_id"].isin(key)
    drop = data.draw(
        st.lists(st.sampled_from(sorted(np.flatnonzero(annual.to_numpy()).tolist())), unique=True)
        if annual.any()
        else st.just([]),
        label="key targets dropped",
    )
    churned = copy_tables(tables)
    churned["targets"] = targets.drop(index=drop).reset_index(drop=True)
    allowed = data.draw(st.integers(0, 1), label="max_iku_changes")
    kept = churned["targets"]
    held = {
        int(p)
        for p, i in zip(kept["period"], kept["indicator_id"], strict=True)
        if i in key and len(p) == 4
    }
    if len(held) < 2:
        with pytest.raises(NotApplicable, match="needs targets of key indicators"):
            _raw(churned, iku_churn, (2024,), **PLAN)
        return
    found = _raw(churned, iku_churn, (2024,), **PLAN, evaluation={"max_iku_changes": allowed})
    assert set(found["subject_id"]) == _churn(churned, allowed)


# ------------------------------------------------------------------------- plan-drift


@settings(max_examples=6, deadline=None)
@given(PLAN_YEARS, st.data())
def test_plan_drift_finds_what_was_changed(tables: Tables, data: st.DataObject) -> None:
    pk = tables["targets"].assign(document="pk")
    renstra = pk[pk["period"].str.fullmatch(r"\d{4}")].assign(document="Renstra")
    agreed = copy_tables(tables)
    agreed["targets"] = pd.concat([renstra, pk], ignore_index=True)
    assert _raw(agreed, plan_drift, (2024, 2025, 2026)).empty

    positions = list(range(len(renstra)))
    moved = data.draw(st.lists(st.sampled_from(positions), unique=True), label="moved")
    unsigned = data.draw(st.lists(st.sampled_from(positions), unique=True), label="no PK")
    changed = renstra.copy()
    changed.iloc[moved, changed.columns.get_loc("target")] *= 2  # every target is >= 1
    drop = pk.reset_index(drop=True)
    gone = set(
        zip(renstra["indicator_id"].iloc[unsigned], renstra["period"].iloc[unsigned], strict=True)
    )
    keep = [(i, p) not in gone for i, p in zip(drop["indicator_id"], drop["period"], strict=True)]
    drifted = copy_tables(tables)
    drifted["targets"] = pd.concat([changed, drop[keep]], ignore_index=True)
    years_with_pk = set(drop[keep]["period"])
    expected = {
        (renstra["indicator_id"].iloc[k], renstra["period"].iloc[k])
        for k in moved
        if (renstra["indicator_id"].iloc[k], renstra["period"].iloc[k]) not in gone
    } | {(i, p) for i, p in gone if p in years_with_pk}
    found = _raw(drifted, plan_drift, (2024, 2025, 2026))
    assert set(zip(found["subject_id"], found["period"], strict=True)) == expected
    shuffled = copy_tables(drifted)
    shuffled["targets"] = drifted["targets"].iloc[::-1].reset_index(drop=True)
    assert _found(_raw(shuffled, plan_drift, (2024, 2025, 2026))) == _found(found)


# ------------------------------------------------------------- partly not applicable


def _partly_cases() -> list[tuple[str, Tables, dict[str, Any], str]]:
    no_end = base()
    no_end["targets"] = add_row(no_end["targets"], indicator_id="I-S1", period="2023", target=100)
    end_not_targeted = base()
    end_not_targeted["targets"] = add_row(
        end_not_targeted["targets"], indicator_id="I-S1", period="2023", target=100
    )
    end_not_targeted["indicators"]["target_akhir"] = 150.0
    first_year = base()
    first_year["targets"] = add_row(
        first_year["targets"], indicator_id="I-T1", period="2023", target=90
    )
    first_year["realisations"] = add_row(
        first_year["realisations"], indicator_id="I-T1", period="2023", value=100
    )  # 2024 has the year before, 2023 has not
    no_pk = base()
    no_pk["targets"]["document"] = "renja"
    no_pk["targets"] = add_row(
        no_pk["targets"], indicator_id="I-T1", period="2024", target=120, document="renstra"
    )
    plan = {"plan_start": 2023, "plan_end": 2026}
    return [
        ("target-path-break", no_end, plan, "needs an end-of-period target"),
        (
            "target-path-break",
            end_not_targeted,
            plan,
            "needs targets for the plan's last year 2026",
        ),
        ("target-regression", first_year, {}, "needs realisations for the year before 2023"),
        ("plan-drift", no_pk, {}, "needs targets tagged pk for 2024"),
    ]


@pytest.mark.parametrize(("rule", "tables", "policy", "reason"), _partly_cases())
def test_part_of_a_rule_is_not_applicable(
    rule: str, tables: Tables, policy: dict[str, Any], reason: str
) -> None:
    report = check(Cascade(**tables), select=[rule], policy=policy)
    code = rule_by(rule).code
    assert code in report.rules
    assert code not in report.not_applicable
    assert reason in report.partly_not_applicable[code]


def test_the_examples_hold_no_history() -> None:
    """The bundled city has one year, no plan period and no document column."""
    from cascade import load_example

    for name in ("kota-contoh", "with-defects"):
        city = load_example() if name == "kota-contoh" else load_example(name)
        policy = {"plan_start": 2021, "plan_end": 2026}
        report = check(city, select=["CAS511", "CAS512", "CAS513", "CAS518"], policy=policy)
        assert report.findings == []
        assert sorted(report.not_applicable) == ["CAS511", "CAS512", "CAS513", "CAS518"]
