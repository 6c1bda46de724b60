"""Failing and passing cases for the structure rules (CAS1xx)."""

from __future__ import annotations

import numpy as np
from tests.checks._base import Case, add_row, base


def _duplicate_goal() -> Case:
    t = base()
    t["goals"] = add_row(
        t["goals"],
        goal_id="K1",
        unit_id="BID",
        parent_goal_id="P1",
        statement="x",
        kind="sasaran_kegiatan",
    )
    return Case("duplicate-id", t, {("duplicate-id", "K1")})


def _dangling_parent_goal() -> Case:
    t = base()
    t["goals"].loc[3, "parent_goal_id"] = "P9"
    return Case("dangling-reference", t, {("dangling-reference", "K1")})


def _dangling_realisation() -> Case:
    t = base()
    t["realisations"] = add_row(t["realisations"], indicator_id="I-GONE", period="2024", value=1)
    return Case("dangling-reference", t, {("dangling-reference", "I-GONE")})


def _goal_cycle() -> Case:
    t = base()
    t["goals"].loc[1, "parent_goal_id"] = "P1"  # S1 under P1, P1 under S1
    return Case("cycle", t, {("cycle", "S1"), ("cycle", "P1")})


def _orphan_goal() -> Case:
    t = base()
    t["goals"].loc[2, "parent_goal_id"] = None
    return Case("orphan-goal", t, {("orphan-goal", "P1")})


def _orphan_indicator() -> Case:
    t = base()
    t["indicators"].loc[2, "parent_indicator_id"] = None
    return Case("orphan-indicator", t, {("orphan-indicator", "I-P1")})


def _own_indicator_is_not_orphan() -> Case:
    t = base()
    t["indicators"] = add_row(
        t["indicators"],
        indicator_id="I-P2",
        goal_id="P1",
        name="Mandat",
        measure_unit="dokumen",
        role="own",
    )
    t["targets"] = add_row(t["targets"], indicator_id="I-P2", period="2024", target=1.0)
    return Case("orphan-indicator", t)


def _missing_indicator() -> Case:
    t = base()
    t["goals"] = add_row(
        t["goals"],
        goal_id="K2",
        unit_id="BID",
        parent_goal_id="P1",
        statement="Kegiatan 2",
        kind="sasaran_kegiatan",
    )
    return Case("missing-indicator", t, {("missing-indicator", "K2")})


def _missing_metadata() -> Case:
    t = base()
    t["indicators"].loc[4, "measure_unit"] = np.nan
    t["goals"].loc[5, "statement"] = ""
    return Case("missing-metadata", t, {("missing-metadata", "I-SK1"), ("missing-metadata", "R1")})


FAILING = [
    _duplicate_goal(),
    _dangling_parent_goal(),
    _dangling_realisation(),
    _goal_cycle(),
    _orphan_goal(),
    _orphan_indicator(),
    _missing_indicator(),
    _missing_metadata(),
]

PASSING = [
    Case(name, base())
    for name in (
        "duplicate-id",
        "dangling-reference",
        "cycle",
        "orphan-goal",
        "orphan-indicator",
        "missing-indicator",
        "missing-metadata",
    )
] + [_own_indicator_is_not_orphan()]
