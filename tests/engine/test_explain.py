"""``Results.explain``: the inputs of a figure, their shares and drags, in numbers and words."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest
from tests.engine.test_propagate import _drop_q4, run, tables

import cascade
from cascade.engine import INPUT_COLUMNS


def test_owner_lists_its_goals_and_the_indicators_that_drag_it_down() -> None:
    why = run().explain("DINAS")
    assert why.subject_kind == "unit"
    assert why.value == pytest.approx(82.5)
    assert why.category == "Baik"
    assert list(why.inputs.columns) == INPUT_COLUMNS
    assert why.inputs["id"].tolist() == ["P"]
    # P = (IP 85 + IP2 80) / 2: each indicator carries half of the owner's figure.
    drag = why.contributions.set_index("id")
    assert drag.loc["IP2", "share"] == pytest.approx(0.5)
    assert drag.loc["IP2", "drag"] == pytest.approx(10)
    assert drag.loc["IP", "drag"] == pytest.approx(7.5)
    assert why.draggers(1)["id"].tolist() == ["IP2"]  # the largest drag first
    assert why.contributions["drag"].sum() == pytest.approx(100 - why.value)


def test_drags_add_up_to_the_gap_for_the_bundled_example() -> None:
    results = cascade.propagate(cascade.load_example(), as_of="2024")
    weakest = (
        results.owners[results.owners["level"] == "perangkat_daerah"]
        .sort_values("achievement")
        .iloc[0]
    )
    why = results.explain(str(weakest["unit_id"]))
    assert why.value == pytest.approx(float(weakest["achievement"]))
    assert why.contributions["drag"].sum() == pytest.approx(100 - why.value)
    assert why.inputs["drag"].sum() == pytest.approx(100 - why.value)
    text = str(why)
    assert "pulling it down most" in text
    assert str(why.draggers(1)["id"].iloc[0]) in text


def test_goal_explains_its_indicators() -> None:
    why = run().explain("P")
    assert why.subject_kind == "goal"
    assert why.source == "mean"
    assert why.inputs["id"].tolist() == ["IP2", "IP"]
    assert why.inputs["share"].tolist() == [0.5, 0.5]
    assert "2 counted, 0 missing" in why.how


def test_rolled_up_indicator_lists_its_children() -> None:
    why = run().explain("IT")
    assert why.source == "rolled_up"
    assert why.inputs["id"].tolist() == ["IP"]
    assert why.inputs["value"].tolist() == [85]
    assert "children's achievements" in why.how


def test_computed_indicator_shows_its_formula_and_derivation() -> None:
    why = run().explain("IP2")
    assert why.source == "computed"
    assert "(2 − 12 / 10) × 100 = 80" in why.how
    derived = run().explain("IK")
    assert "sum of its carrier children" in derived.how
    assert sorted(derived.inputs["id"]) == ["IR1", "IR2"]
    assert sorted(derived.inputs["value"]) == [40, 45]  # realisations, not achievements
    assert derived.inputs["drag"].isna().all()


def test_missing_figures_say_why() -> None:
    r = run(_drop_q4(tables()))
    why = r.explain("DINAS")
    assert why.value is None
    assert why.category is None
    assert "1 counted" not in why.how  # the goal P is missing, so 0 goals counted
    assert "0 counted, 1 missing" in why.how
    goal = r.explain("P")
    missing = goal.inputs[goal.inputs["value"].isna()]
    assert missing["id"].tolist() == ["IP"]
    assert not missing["counted"].iloc[0]
    nothing = r.explain("IR2")
    assert nothing.value is None
    assert "no realisation" in nothing.how
    empty_owner = r.explain("ASN3")
    assert "no goals" in empty_owner.how


def test_explanation_is_json_ready_and_prints() -> None:
    why = run().explain("DINAS")
    data = why.to_dict()
    json.dumps(data)
    assert data["subject_id"] == "DINAS"
    assert data["contributions"][0]["id"] == "IP2"
    assert repr(why) == "<Explanation of unit 'DINAS': 82.5>"
    assert str(why).startswith("Unit DINAS (Dinas Uji), 2024: 82.5 Baik")


def test_kind_resolves_an_id_used_twice() -> None:
    t = tables()
    t["goals"].loc[t["goals"]["goal_id"] == "R1", "goal_id"] = "ASN1"
    t["indicators"].loc[t["indicators"]["goal_id"] == "R1", "goal_id"] = "ASN1"
    t["goals"].loc[t["goals"]["parent_goal_id"] == "R1", "parent_goal_id"] = "ASN1"
    r = run(t)
    with pytest.raises(cascade.UsageError, match="kind="):
        r.explain("ASN1")
    assert r.explain("ASN1", kind="goal").subject_kind == "goal"
    assert math.isclose(r.explain("ASN1", kind="unit").value or 0, 80)


def test_skip_if_all_missing_shares_cover_the_values_present() -> None:
    t = _drop_q4(tables())
    r = run(t, missing="skip_if_all_missing")
    why = r.explain("P")
    assert why.inputs["share"].sum() == pytest.approx(1)
    frame: pd.DataFrame = why.inputs
    assert frame["counted"].all()
