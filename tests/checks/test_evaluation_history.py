"""Properties of the history rules on generated cascades of two years (2024 and 2025).

- ``target-regression`` flags exactly the indicators whose 2025 target is worse than their
  2024 realisation (an oracle written from the definition, one indicator at a time, on the
  engine's realisations); its findings point at the indicator's row; raising each flagged
  target to last year's realisation removes every finding; and the findings do not depend
  on the order of the rows.
"""

from __future__ import annotations

import math
from random import Random
from typing import Any

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.checks._base import add_row, base

from cascade import Cascade
from cascade.checks._context import Context
from cascade.checks._rule import RuleFunction
from cascade.checks.catalogue import rule_by
from cascade.checks.evaluation.history import target_regression
from cascade.derive import derive_realisations
from cascade.period import Period
from cascade.policy import Policy
from cascade.strategies import cascade_tables
from cascade.strategies._cascades import Tables
from cascade.strategies._edit import copy_tables

#: Two-year cities, with or without quarters (a realisation may be its quarters only).
TWO_YEARS = st.booleans().flatmap(
    lambda quarters: cascade_tables(
        max_agencies=2, max_depth=3, min_periods=2, max_periods=2, quarters=quarters
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


@settings(max_examples=12, deadline=None)
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
