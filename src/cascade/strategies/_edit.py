"""Reading and changing a cascade's tables in place: the tools the defect injectors share.

:class:`View` reads the three trees and the numbers of one year out of the six tables as
plain dicts; the ``add_*`` and ``set_cell`` helpers add rows or change cells so that only
what is meant changes. An added indicator gets a target for every year that has targets, so
a new, well-formed row never causes a ``missing-target`` by itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from cascade.strategies._cascades import Tables

__all__ = [
    "FITTING",
    "FUNDED",
    "KINDS",
    "KIND_OF_LEVEL",
    "LEVEL_NAMES",
    "LEVEL_RANK",
    "STRATEGIC",
    "View",
    "add_budget",
    "add_goal",
    "add_indicator",
    "add_unit",
    "append_rows",
    "big_change",
    "branch",
    "copy_tables",
    "ensure",
    "fresh_id",
    "funded_goals",
    "in_period",
    "leaf_owned_goals",
    "set_cell",
    "set_realisation",
    "years",
]

LEVEL_RANK = {
    "pemda": 0,
    "perangkat_daerah": 1,
    "administrator": 2,
    "pengawas": 3,
    "pelaksana": 4,
}
LEVEL_NAMES = list(LEVEL_RANK)
KINDS = [
    "tujuan",
    "sasaran_strategis",
    "sasaran_program",
    "sasaran_kegiatan",
    "sasaran_subkegiatan",
    "rencana_hasil_kerja",
]
#: The kind of an owner's own goal, by level (the pemda's: its sasaran).
KIND_OF_LEVEL = dict(zip(LEVEL_NAMES, KINDS[1:], strict=True))
#: Kinds that fit each level (an agency's Renstra runs tujuan → sasaran strategis →
#: program; an owner directly under the pemda is an agency whatever its level).
FITTING = {
    "pemda": {"tujuan", "sasaran_strategis"},
    "perangkat_daerah": {"tujuan", "sasaran_strategis", "sasaran_program"},
    "administrator": {"sasaran_kegiatan"},
    "pengawas": {"sasaran_subkegiatan"},
    "pelaksana": {"rencana_hasil_kerja"},
}
FUNDED = {"sasaran_program", "sasaran_kegiatan", "sasaran_subkegiatan"}
STRATEGIC = {"tujuan", "sasaran_strategis", "sasaran_program"}


def copy_tables(tables: Tables) -> Tables:
    """Deep copies of the six tables, so a test can change them freely."""
    return {name: frame.copy(deep=True) for name, frame in tables.items()}


def _text(value: object) -> str | None:
    return None if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)


def years(t: Tables) -> list[str]:
    """The years that have targets, in order: the periods a check looks at."""
    return sorted({str(p) for p in t["targets"]["period"] if len(str(p)) == 4})


class View:
    """The three trees of a cascade's tables, and the numbers of one year, as plain dicts."""

    def __init__(self, t: Tables, period: str | None = None) -> None:
        u, g, i = t["units"], t["goals"], t["indicators"]
        self.years = years(t)
        self.period = period if period is not None else (self.years or ["2024"])[0]
        self.units: list[str] = [str(x) for x in u["unit_id"]]
        self.unit_parent = {
            str(a): _text(b) for a, b in zip(u["unit_id"], u["parent_id"], strict=True)
        }
        self.level = {str(a): str(b) for a, b in zip(u["unit_id"], u["level"], strict=True)}
        self.unit_children: dict[str, list[str]] = {x: [] for x in self.units}
        for child, parent in self.unit_parent.items():
            if parent in self.unit_children:
                self.unit_children[parent].append(child)
        self.goals: list[str] = [str(x) for x in g["goal_id"]]
        self.owner = {str(a): str(b) for a, b in zip(g["goal_id"], g["unit_id"], strict=True)}
        self.goal_parent = {
            str(a): _text(b) for a, b in zip(g["goal_id"], g["parent_goal_id"], strict=True)
        }
        self.kind = {str(a): _text(b) for a, b in zip(g["goal_id"], g["kind"], strict=True)}
        self.indicators: list[str] = [str(x) for x in i["indicator_id"]]
        self.goal_of = {
            str(a): str(b) for a, b in zip(i["indicator_id"], i["goal_id"], strict=True)
        }
        self.ind_parent = {
            str(a): _text(b)
            for a, b in zip(i["indicator_id"], i["parent_indicator_id"], strict=True)
        }
        self.polarity = {
            str(a): str(b) for a, b in zip(i["indicator_id"], i["polarity"], strict=True)
        }
        self.measure_unit = {
            str(a): str(b) for a, b in zip(i["indicator_id"], i["measure_unit"], strict=True)
        }
        self.key = {str(a): bool(b) for a, b in zip(i["indicator_id"], i["key"], strict=True)}
        self.ind_children: dict[str, list[str]] = {x: [] for x in self.indicators}
        for child, parent in self.ind_parent.items():
            if parent in self.ind_children:
                self.ind_children[parent].append(child)
        self.goal_indicators: dict[str, list[str]] = {}
        for ind, goal in self.goal_of.items():
            self.goal_indicators.setdefault(goal, []).append(ind)
        ts, rs = t["targets"], t["realisations"]
        #: Targets of :attr:`period`, by indicator.
        self.target = {
            str(a): float(b)
            for a, b, p in zip(ts["indicator_id"], ts["target"], ts["period"], strict=True)
            if str(p) == self.period
        }
        #: Realisations reported in a row of :attr:`period` itself, by indicator.
        self.rows: dict[str, float] = {}
        quarters: dict[str, list[float]] = {}
        for a, b, p in zip(rs["indicator_id"], rs["value"], rs["period"], strict=True):
            if str(p) == self.period:
                self.rows.setdefault(str(a), float(b))
            elif str(p).startswith(f"{self.period}Q"):
                quarters.setdefault(str(a), []).append(float(b))
        #: Reported realisations of :attr:`period`: its own row, or else its four quarters
        #: added up (every generated indicator sums its quarters).
        self.reported = {a: sum(q) for a, q in quarters.items() if len(q) == 4}
        self.reported.update(self.rows)
        self.budgeted = {str(x) for x in t["budgets"]["goal_id"]}
        self.pemda = next(x for x in self.units if self.level[x] == "pemda")
        self.sasaran = next(
            x for x in self.goals if self.owner[x] == self.pemda and self.goal_parent[x]
        )

    def rank(self, unit: str) -> int:
        """Level rank of a unit (0 = pemda), -1 for an id that is not a unit."""
        return LEVEL_RANK.get(self.level.get(unit, ""), -1)

    def owner_rank(self, goal: str) -> int:
        """Level rank of a goal's owner."""
        return self.rank(self.owner[goal])

    def under(self, unit: str) -> set[str]:
        """Every unit below ``unit`` (not itself)."""
        out: set[str] = set()
        todo = list(self.unit_children.get(unit, []))
        while todo:
            x = todo.pop()
            if x not in out:
                out.add(x)
                todo.extend(self.unit_children.get(x, []))
        return out

    def has_units_below(self, unit: str) -> bool:
        """Whether any unit names ``unit`` as its parent."""
        return bool(self.unit_children.get(unit))

    def under_pemda(self, unit: str) -> bool:
        """Whether ``unit``'s parent is the pemda (it is then an agency, whatever its level)."""
        parent = self.unit_parent.get(unit)
        return parent is not None and self.level.get(parent) == "pemda"

    def fitting(self, unit: str) -> set[str]:
        """The goal kinds that fit ``unit``'s level."""
        kinds = set(FITTING[self.level[unit]])
        if self.under_pemda(unit):
            kinds |= FITTING["perangkat_daerah"]
        return kinds

    def subtree(self, indicator: str) -> list[str]:
        """The indicator and every indicator below it (cycle-safe)."""
        out, todo = [indicator], [indicator]
        while todo:
            for child in self.ind_children.get(todo.pop(), []):
                if child not in out:
                    out.append(child)
                    todo.append(child)
        return out

    def realisation(self, indicator: str, seen: frozenset[str] = frozenset()) -> float:
        """Reported if there is one, else the sum of the children's (all carriers)."""
        if indicator in self.reported or indicator in seen:
            return self.reported.get(indicator, 0.0)
        return sum(self.realisation(c, seen | {indicator}) for c in self.ind_children[indicator])


# ------------------------------------------------------------------- changing the tables


def append_rows(t: Tables, table: str, rows: list[dict[str, Any]]) -> None:
    """Append ``rows`` (dicts by column) to ``table``; absent columns are blank."""
    frame = t[table]
    added = pd.DataFrame(rows).reindex(columns=frame.columns)
    t[table] = pd.concat([frame.astype(object), added.astype(object)], ignore_index=True)


def set_cell(t: Tables, table: str, mask: pd.Series | np.ndarray, column: str, value: Any) -> None:
    """Set ``column`` to ``value`` in the rows of ``table`` where ``mask`` holds (some must)."""
    frame = t[table].astype({column: object})
    mask = np.asarray(mask, dtype=bool)
    if not mask.any():  # pragma: no cover - an injector bug
        msg = f"no row of {table} to change"
        raise AssertionError(msg)
    frame.loc[mask, column] = value
    t[table] = frame


def in_period(t: Tables, table: str, column: str, subject: str, period: str) -> np.ndarray:
    """Mask of the rows of ``table`` for ``subject`` (in ``column``) and ``period``."""
    frame = t[table]
    return np.asarray(
        (frame[column].astype(str) == subject) & (frame["period"].astype(str) == period),
        dtype=bool,
    )


def set_realisation(t: Tables, indicator: str, period: str, value: float) -> None:
    """Set ``indicator``'s own realisation row for ``period``, adding it if there is none."""
    mask = in_period(t, "realisations", "indicator_id", indicator, period)
    if mask.any():
        set_cell(t, "realisations", mask, "value", value)
    else:
        row = {"indicator_id": indicator, "period": period, "value": value}
        append_rows(t, "realisations", [row])


def fresh_id(t: Tables, stem: str) -> str:
    """An id used nowhere in the tables, from ``stem``."""
    used: set[str] = set()
    for table, columns in (
        ("units", ("unit_id", "parent_id")),
        ("goals", ("goal_id", "unit_id", "parent_goal_id")),
        ("indicators", ("indicator_id", "goal_id", "parent_indicator_id")),
        ("targets", ("indicator_id",)),
        ("realisations", ("indicator_id",)),
        ("budgets", ("goal_id",)),
    ):
        for column in columns:
            used.update(str(x) for x in t[table][column].dropna())
    n = 1
    while f"{stem}·BARU{n}" in used:
        n += 1
    return f"{stem}·BARU{n}"


def add_unit(t: Tables, parent: str | None, level: str, unit_id: str | None = None) -> str:
    """A new unit (owner) of ``level`` under ``parent``; returns its id."""
    unit_id = unit_id or fresh_id(t, "U")
    row = {"unit_id": unit_id, "name": f"Unit {unit_id}", "parent_id": parent, "level": level}
    append_rows(t, "units", [row])
    return unit_id


def add_indicator(
    t: Tables,
    goal: str,
    *,
    parent: str | None = None,
    role: str = "own",
    target: float | None = 10.0,
    **columns: Any,
) -> str:
    """An indicator of ``goal`` (by default ``own``), with ``target`` for every year."""
    ind = columns.pop("indicator_id", None) or fresh_id(t, "I")
    row = {
        "indicator_id": ind,
        "goal_id": goal,
        "parent_indicator_id": parent,
        "name": f"Indikator {ind}",
        "measure_unit": "kasus",
        "polarity": "maximize",
        "aggregation": "none",
        "period_aggregation": "sum",
        "role": role,
        "weight": 1.0,
        "key": False,
    }
    append_rows(t, "indicators", [{**row, **columns}])
    if target is not None:
        rows = [{"indicator_id": ind, "period": y, "target": target} for y in years(t)]
        append_rows(t, "targets", rows)
    return ind


def add_goal(
    t: Tables,
    unit: str,
    parent: str | None,
    kind: str,
    *,
    indicator: bool = True,
    **columns: Any,
) -> str:
    """A goal of ``unit``; by default with one ``own`` indicator and its targets."""
    goal = fresh_id(t, "G")
    row = {
        "goal_id": goal,
        "unit_id": unit,
        "parent_goal_id": parent,
        "statement": f"Sasaran {goal}",
        "kind": kind,
        "crosscutting": False,
    }
    append_rows(t, "goals", [{**row, **columns}])
    if indicator:
        add_indicator(t, goal)
    return goal


def add_budget(
    t: Tables, goal: str, period: str, allocated: float = 2e9, spent: float = 1e9
) -> None:
    """A budget line of ``goal`` for ``period``."""
    row = {"goal_id": goal, "period": period, "allocated": allocated, "spent": spent}
    append_rows(t, "budgets", [row])


def branch(t: Tables, depth: int) -> list[tuple[str, str]]:
    """A new agency and a chain of units below it down to level ``depth`` (1..4).

    Each unit gets one goal of its level's kind, cascading from the goal of the unit above
    (the agency's from the pemda's sasaran), with one ``own`` indicator and its targets: a
    valid addition, with no finding. Returns ``(unit, goal)`` per level, top down.
    """
    v = View(t)
    out: list[tuple[str, str]] = []
    parent_unit, parent_goal = v.pemda, v.sasaran
    for level in LEVEL_NAMES[1 : depth + 1]:
        unit = add_unit(t, parent_unit, level)
        goal = add_goal(t, unit, parent_goal, KIND_OF_LEVEL[level])
        out.append((unit, goal))
        parent_unit, parent_goal = unit, goal
    return out


def leaf_owned_goals(v: View) -> list[str]:
    """Goals whose parent goal exists and has indicators, and whose owner has nobody below."""
    return [
        g
        for g in v.goals
        if v.goal_indicators.get(v.goal_parent[g] or "")
        and v.goal_parent[g] in v.owner
        and v.owner_rank(g) >= 0
        and not v.has_units_below(v.owner[g])
    ]


def funded_goals(v: View) -> list[str]:
    """Goals of a kind that may carry a budget (program, kegiatan, sub kegiatan)."""
    return [g for g in v.goals if v.kind[g] in FUNDED]


def ensure(t: Tables, pick: Callable[[View], list[str]], depth: int = 1) -> list[str]:
    """``pick``'s goals, adding a valid new branch first if there are none."""
    found = pick(View(t))
    if not found:
        branch(t, depth)
        found = pick(View(t))
    return found


def big_change(draw: st.DrawFn, base: float) -> float:
    """A change far beyond the default tolerance (0.1 %) of ``base``."""
    return float(draw(st.integers(1, 3), label="factor")) * max(1.0, abs(base))
