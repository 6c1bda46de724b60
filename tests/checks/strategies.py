"""Hypothesis strategies for the checker: valid cascades, built by construction.

:func:`valid_cascades` draws the shape of a small city (a pemda, its agencies, their bidang,
seksi and employees) and then builds the six tables so that every rule of ``domain.md``
section 6 holds: nothing is drawn and then filtered. It shrinks toward one agency with no
units below it and one indicator per goal.

The construction, and why it is valid:

- Owners: a ``pemda`` with 1..``max_agencies`` ``perangkat_daerah`` under it; under each
  agency 0..``max_children`` ``administrator`` units, under each of those 0..``max_children``
  ``pengawas`` units, under each of those 0..``max_children`` ``pelaksana`` employees.
- Goals: the pemda has a ``tujuan`` and one ``sasaran_strategis`` below it (same owner, one kind
  further down); every other owner has exactly one goal, of the kind of its level, whose parent
  is its parent owner's goal (an agency's: the pemda's sasaran). So a child goal is always
  owned exactly one level below its parent goal's owner, or is the pemda's sasaran.
- Indicators: a goal has at least as many indicators as its parent goal, and its indicator
  ``j`` cascades (``carrier``) from the parent goal's indicator ``j mod m``. Every indicator
  of a goal with child goals therefore has a child indicator in each child goal. Measure unit
  (``kasus``) and polarity are inherited along the links; ``aggregation`` is ``sum`` exactly
  where an indicator has children.
- Numbers, one year (2024): leaf targets are drawn integers >= 1 and every other target is
  exactly the sum of its children's; leaf realisations are drawn and every other indicator
  either reports exactly the sum of its children's or reports nothing. Budgets sit on
  program, kegiatan and sub kegiatan goals with ``0 <= spent <= allocated``. IKUs (``key``)
  only on the pemda's and the agencies' goals; every weight is 1.

Ids are built from the structure (an agency tag, then ``.1``, ``.2`` … down the tree), with a
few non-ASCII tags so ids are not all plain ASCII; they never contain spaces and no id is used
in two tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from hypothesis import strategies as st

__all__ = [
    "AGENCY_TAGS",
    "LEVELS",
    "PERIOD",
    "Tables",
    "copy_tables",
    "valid_cascades",
]

Tables = dict[str, pd.DataFrame]

#: The year every valid cascade has its targets, realisations and budgets for.
PERIOD = "2024"

#: Owner levels top to bottom, with the goal kind of each level's own goal.
LEVELS: tuple[tuple[str, str], ...] = (
    ("pemda", "sasaran_strategis"),
    ("perangkat_daerah", "sasaran_program"),
    ("administrator", "sasaran_kegiatan"),
    ("pengawas", "sasaran_subkegiatan"),
    ("pelaksana", "rencana_hasil_kerja"),
)

PEMDA_IDS = ("PEMKO", "PEMKAB-Ñ", "PEMPROV_Σ")
#: Agency tags; the first is plain ASCII so a shrunk example reads easily.
AGENCY_TAGS = (
    "DINKES",
    "DİSDİK",
    "BAPPÉDA",
    "ДИНСОС",
    "BPBD",
    "衛生局",
    "DISPERİNDAG",
    "ŞATPOL-PP",
)
_BUDGETED = {"sasaran_program", "sasaran_kegiatan", "sasaran_subkegiatan"}
_RUPIAH = 1_000_000.0


@dataclass
class _Goal:
    goal_id: str
    unit_id: str
    parent: _Goal | None
    kind: str
    level: int
    children: list[_Goal] = field(default_factory=list)
    indicators: list[_Indicator] = field(default_factory=list)


@dataclass
class _Indicator:
    indicator_id: str
    goal: _Goal
    parent: _Indicator | None
    polarity: str
    children: list[_Indicator] = field(default_factory=list)
    target: float = 0.0
    value: float = 0.0


def copy_tables(tables: Tables) -> Tables:
    """Deep copies of the six tables, so a test can change them freely."""
    return {name: frame.copy(deep=True) for name, frame in tables.items()}


@st.composite
def valid_cascades(
    draw: st.DrawFn,
    *,
    max_agencies: int = 3,
    max_children: int = 2,
    max_indicators: int = 2,
) -> Tables:
    """The six tables of a valid cascade (see the module docstring).

    Parameters
    ----------
    max_agencies
        Most agencies (``perangkat_daerah``) under the pemda; at least one is drawn.
    max_children
        Most units directly below an agency, a bidang or a seksi.
    max_indicators
        Most indicators of a goal; at least one.
    """
    pemda = draw(st.sampled_from(PEMDA_IDS))
    tags = draw(
        st.lists(st.sampled_from(AGENCY_TAGS), min_size=1, max_size=max_agencies, unique=True)
    )

    # ---- owners
    units: list[dict[str, Any]] = [
        {"unit_id": pemda, "name": f"Pemerintah {pemda}", "parent_id": None, "level": "pemda"}
    ]
    tujuan = _Goal(f"T-{pemda}", pemda, None, "tujuan", 0)
    sasaran = _Goal(f"S-{pemda}", pemda, tujuan, "sasaran_strategis", 0)
    tujuan.children.append(sasaran)
    goals = [tujuan, sasaran]

    def grow(unit_id: str, parent_goal: _Goal, level: int) -> None:
        kind = LEVELS[level][1]
        goal = _Goal(f"G-{unit_id}", unit_id, parent_goal, kind, level)
        parent_goal.children.append(goal)
        goals.append(goal)
        if level + 1 >= len(LEVELS):
            return
        for number in range(1, draw(st.integers(0, max_children)) + 1):
            child = f"{unit_id}.{number}"
            units.append(
                {
                    "unit_id": child,
                    "name": f"{LEVELS[level + 1][0].title()} {child}",
                    "parent_id": unit_id,
                    "level": LEVELS[level + 1][0],
                }
            )
            grow(child, goal, level + 1)

    for tag in tags:
        units.append(
            {"unit_id": tag, "name": f"Dinas {tag}", "parent_id": pemda, "level": LEVELS[1][0]}
        )
        grow(tag, sasaran, 1)

    # ---- indicators: goals are in pre-order, so a parent goal's indicators exist first
    polarities = st.sampled_from(["maximize", "minimize", "stabilize"])
    indicators: list[_Indicator] = []
    for goal in goals:
        low = 1 if goal.parent is None else len(goal.parent.indicators)
        count = draw(st.integers(low, max(low, max_indicators)))
        for j in range(count):
            parent = None if goal.parent is None else goal.parent.indicators[j % low]
            polarity = draw(polarities) if parent is None else parent.polarity
            ind = _Indicator(f"{goal.goal_id}~I{j + 1}", goal, parent, polarity)
            if parent is not None:
                parent.children.append(ind)
            goal.indicators.append(ind)
            indicators.append(ind)

    # ---- numbers, bottom-up (reverse pre-order visits children before parents)
    for ind in reversed(indicators):
        if ind.children:
            ind.target = sum(c.target for c in ind.children)
            ind.value = sum(c.value for c in ind.children)
        else:
            ind.target = float(draw(st.integers(1, 500)))
            ind.value = float(draw(st.integers(0, 600)))
    reported = [ind for ind in indicators if not ind.children or draw(st.booleans())]

    budgets: list[dict[str, Any]] = []
    for goal in goals:
        if goal.kind in _BUDGETED and draw(st.booleans()):
            allocated = draw(st.integers(1, 5_000))
            spent = draw(st.integers(0, allocated))
            budgets.append(
                {
                    "goal_id": goal.goal_id,
                    "period": PERIOD,
                    "allocated": allocated * _RUPIAH,
                    "spent": spent * _RUPIAH,
                }
            )

    return {
        "units": pd.DataFrame(units, columns=["unit_id", "name", "parent_id", "level"]),
        "goals": pd.DataFrame(
            [
                {
                    "goal_id": g.goal_id,
                    "unit_id": g.unit_id,
                    "parent_goal_id": None if g.parent is None else g.parent.goal_id,
                    "statement": f"Sasaran {g.goal_id}",
                    "kind": g.kind,
                    "crosscutting": False,
                }
                for g in goals
            ]
        ),
        "indicators": pd.DataFrame(
            [
                {
                    "indicator_id": i.indicator_id,
                    "goal_id": i.goal.goal_id,
                    "parent_indicator_id": None if i.parent is None else i.parent.indicator_id,
                    "name": f"Jumlah kasus {i.indicator_id}",
                    "measure_unit": "kasus",
                    "polarity": i.polarity,
                    "aggregation": "sum" if i.children else "none",
                    "period_aggregation": "sum",
                    "role": "carrier",
                    "weight": 1.0,
                    "key": i.goal.level <= 1 and draw(st.booleans()),
                }
                for i in indicators
            ]
        ),
        "targets": pd.DataFrame(
            {
                "indicator_id": [i.indicator_id for i in indicators],
                "period": PERIOD,
                "target": [i.target for i in indicators],
                "target_upper": float("nan"),
            }
        ),
        "realisations": pd.DataFrame(
            {
                "indicator_id": [i.indicator_id for i in reported],
                "period": PERIOD,
                "value": [i.value for i in reported],
            },
            columns=["indicator_id", "period", "value"],
        ),
        "budgets": pd.DataFrame(budgets, columns=["goal_id", "period", "allocated", "spent"]),
    }
