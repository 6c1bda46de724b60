"""Property tests of the checker on generated cascades.

- A valid cascade (built by construction, :func:`tests.checks.strategies.valid_cascades`)
  has no finding at all, not even a warning.
- The report does not depend on the order of the rows of any table.
- Metamorphic: injecting exactly one defect of a rule's kind into a valid cascade makes the
  checker report exactly that defect (and the few side findings the domain makes unavoidable,
  stated where they are injected), under every rule at once. Every stable rule of the
  catalogue has an injector (:data:`INJECTORS`).
- Benign changes the domain accepts (a respelled unit, a declared crosscutting link, an
  agency's Renstra chain, numbers within tolerance, …) keep a valid cascade clean.
- A rule selected alone finds exactly what it finds in a full run; suppressing every finding
  leaves only the one suppression that matched nothing.

An injector takes a valid cascade's tables (a copy it may change) and Hypothesis' ``data``,
chooses its subject with ``data.draw``, and returns the changed tables and the exact set of
``(rule name, subject id)`` pairs the check must report. As in
:mod:`cascade.datasets._defects`, most injectors *add* rows (a goal with an ``own``
indicator and a target, say) rather than cut links, so nothing else in the cascade changes.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.checks._base import base
from tests.checks.strategies import PERIOD, Tables, copy_tables, valid_cascades

from cascade import Cascade
from cascade.checks import CATALOGUE, Report, check

Expected = set[tuple[str, str]]
Injector = Callable[[Tables, st.DataObject], tuple[Tables, Expected]]

#: Examples per property are scaled by ``CASCADE_PROPERTY_SCALE`` (default 1): one check of a
#: small cascade costs 0.15 to 0.3 s, so the defaults keep this file under a minute; a nightly
#: run can set 10.
SCALE = float(os.environ.get("CASCADE_PROPERTY_SCALE", "1"))


def _examples(n: int) -> int:
    return max(1, round(n * SCALE))


#: Every check runs with plan years around the generated year, so that ``target-outside-plan``
#: runs too (it finds nothing without them).
POLICY: dict[str, Any] = {"plan_start": 2021, "plan_end": 2026}

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
#: Kinds that fit each level (domain: an agency's Renstra runs tujuan → sasaran strategis →
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


def _pairs(report: Report) -> Expected:
    return {(f.name, f.subject_id) for f in report.findings}


def _check(tables: Tables) -> Report:
    return check(Cascade(**tables), policy=POLICY)


# ------------------------------------------------------------------- reading the tables


def _text(value: object) -> str | None:
    return None if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)


class _View:
    """The three trees and the numbers of a cascade's tables, as plain dicts."""

    def __init__(self, t: Tables) -> None:
        u, g, i = t["units"], t["goals"], t["indicators"]
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
        self.key = {str(a): bool(b) for a, b in zip(i["indicator_id"], i["key"], strict=True)}
        self.ind_children: dict[str, list[str]] = {x: [] for x in self.indicators}
        for child, parent in self.ind_parent.items():
            if parent in self.ind_children:
                self.ind_children[parent].append(child)
        self.goal_indicators: dict[str, list[str]] = {x: [] for x in self.goals}
        for ind, goal in self.goal_of.items():
            self.goal_indicators.setdefault(goal, []).append(ind)
        tg = t["targets"]
        self.target = {
            str(a): float(b)
            for a, b, p in zip(tg["indicator_id"], tg["target"], tg["period"], strict=True)
            if str(p) == PERIOD
        }
        rs = t["realisations"]
        self.reported = {
            str(a): float(b)
            for a, b, p in zip(rs["indicator_id"], rs["value"], rs["period"], strict=True)
            if str(p) == PERIOD
        }
        self.budgeted = {str(x) for x in t["budgets"]["goal_id"]}
        self.pemda = next(x for x in self.units if self.level[x] == "pemda")
        self.sasaran = next(
            x for x in self.goals if self.owner[x] == self.pemda and self.goal_parent[x]
        )

    def rank(self, unit: str) -> int:
        """Level rank of a unit (0 = pemda), -1 for an id that is not a unit."""
        return LEVEL_RANK.get(self.level.get(unit, ""), -1)

    def owner_rank(self, goal: str) -> int:
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
        return bool(self.unit_children.get(unit))

    def under_pemda(self, unit: str) -> bool:
        parent = self.unit_parent.get(unit)
        return parent is not None and self.level.get(parent) == "pemda"

    def fitting(self, unit: str) -> set[str]:
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


def _append(t: Tables, table: str, rows: list[dict[str, Any]]) -> None:
    frame = t[table]
    added = pd.DataFrame(rows).reindex(columns=frame.columns)
    t[table] = pd.concat([frame.astype(object), added.astype(object)], ignore_index=True)


def _set(t: Tables, table: str, mask: pd.Series | np.ndarray, column: str, value: Any) -> None:
    frame = t[table].astype({column: object})
    mask = np.asarray(mask, dtype=bool)
    assert mask.any(), f"no row of {table} to change"
    frame.loc[mask, column] = value
    t[table] = frame


def _fresh(t: Tables, stem: str) -> str:
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


def _add_unit(t: Tables, parent: str | None, level: str, unit_id: str | None = None) -> str:
    unit_id = unit_id or _fresh(t, "U")
    row = {"unit_id": unit_id, "name": f"Unit {unit_id}", "parent_id": parent, "level": level}
    _append(t, "units", [row])
    return unit_id


def _add_indicator(
    t: Tables,
    goal: str,
    *,
    parent: str | None = None,
    role: str = "own",
    target: float | None = 10.0,
    **columns: Any,
) -> str:
    """An indicator of ``goal`` (by default ``own``, with a 2024 target of 10)."""
    ind = columns.pop("indicator_id", None) or _fresh(t, "I")
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
    _append(t, "indicators", [{**row, **columns}])
    if target is not None:
        _append(t, "targets", [{"indicator_id": ind, "period": PERIOD, "target": target}])
    return ind


def _add_goal(
    t: Tables,
    unit: str,
    parent: str | None,
    kind: str,
    *,
    indicator: bool = True,
    **columns: Any,
) -> str:
    """A goal of ``unit``; by default with one ``own`` indicator and its target."""
    goal = _fresh(t, "G")
    row = {
        "goal_id": goal,
        "unit_id": unit,
        "parent_goal_id": parent,
        "statement": f"Sasaran {goal}",
        "kind": kind,
        "crosscutting": False,
    }
    _append(t, "goals", [{**row, **columns}])
    if indicator:
        _add_indicator(t, goal)
    return goal


def _add_budget(t: Tables, goal: str, allocated: float = 2e9, spent: float = 1e9) -> None:
    _append(
        t, "budgets", [{"goal_id": goal, "period": PERIOD, "allocated": allocated, "spent": spent}]
    )


def _branch(t: Tables, depth: int) -> list[tuple[str, str]]:
    """A new agency and a chain of units below it down to level ``depth`` (1..4).

    Each unit gets one goal of its level's kind, cascading from the goal of the unit above
    (the agency's from the pemda's sasaran), with one ``own`` indicator and a target: a valid
    addition, with no finding. Returns ``(unit, goal)`` per level, top down.
    """
    v = _View(t)
    out: list[tuple[str, str]] = []
    parent_unit, parent_goal = v.pemda, v.sasaran
    for level in LEVEL_NAMES[1 : depth + 1]:
        unit = _add_unit(t, parent_unit, level)
        goal = _add_goal(t, unit, parent_goal, KIND_OF_LEVEL[level])
        out.append((unit, goal))
        parent_unit, parent_goal = unit, goal
    return out


def _leaf_owned_goals(v: _View) -> list[str]:
    """Goals whose parent goal exists and has indicators, and whose owner has nobody below."""
    return [
        g
        for g in v.goals
        if v.goal_indicators.get(v.goal_parent[g] or "")
        and v.goal_parent[g] in v.owner
        and v.owner_rank(g) >= 0
        and not v.has_units_below(v.owner[g])
    ]


def _ensure(t: Tables, pick: Callable[[_View], list[str]], depth: int = 1) -> list[str]:
    """``pick``'s goals, adding a valid new branch first if there are none.

    Only cascades changed by earlier injections (the composition tests) can run out.
    """
    found = pick(_View(t))
    if not found:
        _branch(t, depth)
        found = pick(_View(t))
    return found


def _funded(v: _View) -> list[str]:
    return [g for g in v.goals if v.kind[g] in FUNDED]


def _big(data: st.DataObject, base: float) -> float:
    """A change far beyond the default tolerance (0.1 %) of ``base``."""
    return float(data.draw(st.integers(1, 3), label="factor")) * max(1.0, abs(base))


# ---------------------------------------------------------------------------- injectors


def duplicate_id(t: Tables, data: st.DataObject) -> tuple[Tables, Expected]:
    # An exact copy of a unit, goal or indicator row: which copy comes first does not matter,
    # and every lookup by id goes to the first, so only the repetition itself is wrong.
    v = _View(t)
    table, column, ids = data.draw(
        st.sampled_from(
            [
                ("units", "unit_id", v.units),
                ("goals", "goal_id", v.goals),
                ("indicators", "indicator_id", v.indicators),
            ]
        ),
        label="table",
    )
    subject = data.draw(st.sampled_from(ids), label="subject")
    frame = t[table]
    _append(t, table, frame[frame[column] == subject].iloc[:1].to_dict("records"))
    return t, {("duplicate-id", subject)}


def dangling_reference(t: Tables, data: st.DataObject) -> tuple[Tables, Expected]:
    v = _View(t)
    ghost = _fresh(t, "HANTU")
    where = data.draw(
        st.sampled_from(
            [
                "targets",
                "realisations",
                "budgets",
                "units.parent_id",
                "goals.parent_goal_id",
                "goals.unit_id",
                "indicators.goal_id",
                "indicators.parent_indicator_id",
            ]
        ),
        label="column",
    )
    if where == "targets":
        _append(t, "targets", [{"indicator_id": ghost, "period": PERIOD, "target": 5.0}])
        return t, {("dangling-reference", ghost)}
    if where == "realisations":
        _append(t, "realisations", [{"indicator_id": ghost, "period": PERIOD, "value": 5.0}])
        return t, {("dangling-reference", ghost)}
    if where == "budgets":
        _add_budget(t, ghost)
        return t, {("dangling-reference", ghost)}
    if where == "units.parent_id":
        return t, {("dangling-reference", _add_unit(t, ghost, "pelaksana"))}
    if where == "goals.parent_goal_id":
        unit = data.draw(st.sampled_from(v.units), label="owner")
        goal = _add_goal(t, unit, ghost, KIND_OF_LEVEL[v.level[unit]])
        return t, {("dangling-reference", goal)}
    if where == "goals.unit_id":
        # A goal of nobody under the pemda's sasaran: its links cannot be followed, so the
        # alignment rules leave it alone.
        goal = _add_goal(t, ghost, v.sasaran, "sasaran_program")
        return t, {("dangling-reference", goal)}
    if where == "indicators.goal_id":
        return t, {("dangling-reference", _add_indicator(t, ghost))}
    goal = data.draw(st.sampled_from(_ensure(t, _leaf_owned_goals)), label="goal")
    return t, {("dangling-reference", _add_indicator(t, goal, parent=ghost, role="carrier"))}


def cycle(t: Tables, data: st.DataObject) -> tuple[Tables, Expected]:
    size = data.draw(st.integers(1, 3), label="loop length")
    if data.draw(st.booleans(), label="units"):
        # New units (with no goals) whose parents run in a loop.
        units = [_fresh(t, f"LOOP{k}") for k in range(size)]
        for k, unit in enumerate(units):
            _add_unit(t, units[(k + 1) % size], "pelaksana", unit_id=unit)
        return t, {("cycle", unit) for unit in units}
    # New goals of one owner whose parents run in a loop. Their kind is left blank: in a loop
    # of stated kinds some goal is not below its parent's kind (level-order). Each has one
    # indicator: either an own one, or one cascading from the previous goal's, so that the
    # indicators run in the same loop (each parent indicator is of its goal's parent goal).
    v = _View(t)
    unit = data.draw(st.sampled_from(v.units), label="owner")
    goals = [_fresh(t, f"GLOOP{k}") for k in range(size)]
    inds = [_fresh(t, f"ILOOP{k}") for k in range(size)]
    looped = data.draw(st.booleans(), label="indicators loop too")
    for k, goal in enumerate(goals):
        row = {"goal_id": goal, "unit_id": unit, "parent_goal_id": goals[(k + 1) % size]}
        _append(t, "goals", [{**row, "statement": f"Sasaran {goal}", "crosscutting": False}])
    for k, goal in enumerate(goals):
        if looped:
            parent = inds[(k + 1) % size]
            _add_indicator(t, goal, parent=parent, role="carrier", indicator_id=inds[k])
        else:
            _add_indicator(t, goal, indicator_id=inds[k])
    return t, {("cycle", x) for x in goals + (inds if looped else [])}


def orphan_goal(t: Tables, data: st.DataObject) -> tuple[Tables, Expected]:
    v = _View(t)
    if data.draw(st.booleans(), label="new goal"):
        owners = [u for u in v.units if v.level[u] != "pemda"]
        unit = data.draw(st.sampled_from(owners), label="owner")
        return t, {("orphan-goal", _add_goal(t, unit, None, KIND_OF_LEVEL[v.level[unit]]))}
    # Cut the link of a goal below the pemda. Its indicators keep their parent indicators,
    # which now contradict the goal's missing link: indicator-goal-mismatch reports each.
    # The budget lines of the goal and of every goal below it no longer reach the pemda:
    # budget-orphan reports each such goal, a consequence of the one cut.
    goal = data.draw(st.sampled_from([g for g in v.goals if v.owner_rank(g) >= 1]), label="goal")
    _set(t, "goals", t["goals"]["goal_id"] == goal, "parent_goal_id", None)
    below, todo = set(), [goal]
    while todo:
        g = todo.pop()
        below.add(g)
        todo.extend(x for x in v.goals if v.goal_parent[x] == g)
    ind = t["indicators"]
    linked = ind[(ind["goal_id"] == goal) & ind["parent_indicator_id"].notna()]
    mismatched = {("indicator-goal-mismatch", str(i)) for i in linked["indicator_id"]}
    return t, {("orphan-goal", goal)} | mismatched | {
        ("budget-orphan", g) for g in below & v.budgeted
    }


def orphan_indicator(t: Tables, data: st.DataObject) -> tuple[Tables, Expected]:
    # On a goal whose owner has nobody below (else the indicator is also not cascaded).
    goal = data.draw(st.sampled_from(_ensure(t, _leaf_owned_goals)), label="goal")
    role = data.draw(st.sampled_from(["carrier", "supporting"]), label="role")
    return t, {("orphan-indicator", _add_indicator(t, goal, role=role))}


def missing_indicator(t: Tables, data: st.DataObject) -> tuple[Tables, Expected]:
    # A sibling of an existing goal: same owner, parent and kind, but no indicator.
    v = _View(t)
    like = data.draw(
        st.sampled_from([g for g in v.goals if v.goal_parent[g] in v.owner]), label="sibling"
    )
    goal = _add_goal(t, v.owner[like], v.goal_parent[like], v.kind[like] or "", indicator=False)
    return t, {("missing-indicator", goal)}


def missing_target(t: Tables, data: st.DataObject) -> tuple[Tables, Expected]:
    v = _View(t)
    if data.draw(st.booleans(), label="new indicator"):
        goal = data.draw(st.sampled_from(v.goals), label="goal")
        return t, {("missing-target", _add_indicator(t, goal, target=None))}
    # Remove the target of a top indicator: nothing above it needs it to add up.
    roots = [i for i in v.indicators if v.ind_parent[i] is None]
    ind = data.draw(st.sampled_from(roots), label="indicator")
    t["targets"] = t["targets"][t["targets"]["indicator_id"] != ind].reset_index(drop=True)
    return t, {("missing-target", ind)}


def invalid_value(t: Tables, data: st.DataObject) -> tuple[Tables, Expected]:
    v = _View(t)
    column = data.draw(
        st.sampled_from(["target", "target_upper", "value", "allocated", "spent", "weight"]),
        label="column",
    )
    bad = data.draw(st.sampled_from([np.inf, -np.inf]), label="value")
    if column in ("target", "target_upper"):
        ind = data.draw(st.sampled_from(sorted(v.target)), label="indicator")
        mask = t["targets"]["indicator_id"] == ind
        # A bound below the target is a read error, not a finding: an upper bound is +inf;
        # a target with an upper bound (after earlier injections) is -inf.
        bounded = t["targets"].loc[mask, "target_upper"].notna().any()
        value = np.inf if column == "target_upper" else -np.inf if bounded else bad
        _set(t, "targets", mask, column, value)
        return t, {("invalid-value", ind)}
    if column == "value":
        ind = data.draw(st.sampled_from(sorted(v.reported)), label="indicator")
        _set(t, "realisations", t["realisations"]["indicator_id"] == ind, "value", bad)
        return t, {("invalid-value", ind)}
    if column == "weight":
        ind = data.draw(st.sampled_from(v.indicators), label="indicator")
        _set(t, "indicators", t["indicators"]["indicator_id"] == ind, "weight", bad)
        return t, {("invalid-value", ind)}
    goal = data.draw(st.sampled_from(_ensure(t, _funded)), label="goal")
    if goal not in _View(t).budgeted:
        _add_budget(t, goal)
    _set(t, "budgets", t["budgets"]["goal_id"] == goal, column, bad)
    return t, {("invalid-value", goal)}


def missing_metadata(t: Tables, data: st.DataObject) -> tuple[Tables, Expected]:
    v = _View(t)
    table, column, ids = data.draw(
        st.sampled_from(
            [
                ("units", "name", v.units),
                ("goals", "statement", v.goals),
                ("indicators", "name", v.indicators),
                ("indicators", "measure_unit", v.indicators),
            ]
        ),
        label="column",
    )
    subject = data.draw(st.sampled_from(ids), label="subject")
    id_column = {"units": "unit_id", "goals": "goal_id", "indicators": "indicator_id"}[table]
    blank = data.draw(st.sampled_from([None, "", "  "]), label="blank")
    _set(t, table, t[table][id_column] == subject, column, blank)
    return t, {("missing-metadata", subject)}


def level_order(t: Tables, data: st.DataObject) -> tuple[Tables, Expected]:
    if data.draw(st.booleans(), label="owned above"):
        # An agency's goal under a kegiatan goal of another agency's bidang, declared
        # crosscutting: the declaration excuses a link beside, not one that runs up (and it
        # does excuse owner-misaligned, which would otherwise also hold).
        bidang, kegiatan = _branch(t, 2)[1]
        v = _View(t)
        agencies = [
            u for u in v.units if v.level[u] == "perangkat_daerah" and bidang not in v.under(u)
        ]
        agency = data.draw(st.sampled_from(agencies), label="agency")
        goal = _add_goal(t, agency, kegiatan, "sasaran_program", crosscutting=True)
        return t, {("level-order", goal)}
    # A goal under a goal of its own owner, of the same kind or one above it (a kind that
    # fits the owner, so kind-level-mismatch has nothing to say).
    v = _View(t)
    typed = [g for g in v.goals if v.kind[g] and v.owner_rank(g) >= 0]
    parent = data.draw(st.sampled_from(typed), label="parent")
    owner = v.owner[parent]
    kinds = [k for k in KINDS[: KINDS.index(v.kind[parent] or "") + 1] if k in v.fitting(owner)]
    kind = data.draw(st.sampled_from(kinds), label="kind")
    return t, {("level-order", _add_goal(t, owner, parent, kind))}


def owner_misaligned(t: Tables, data: st.DataObject) -> tuple[Tables, Expected]:
    # A goal owned one level below its parent goal's owner, but outside that owner's units.
    if data.draw(st.booleans(), label="new agency"):
        _branch(t, 4)
    v = _View(t)
    pairs = [
        (g, w)
        for g in v.goals
        if 1 <= v.owner_rank(g) <= 3
        for w in v.units
        if v.rank(w) == v.owner_rank(g) + 1 and w not in v.under(v.owner[g])
    ]
    if not pairs:
        _branch(t, 4)
        return owner_misaligned(t, data)
    parent, unit = data.draw(st.sampled_from(pairs), label="parent, owner")
    return t, {("owner-misaligned", _add_goal(t, unit, parent, KIND_OF_LEVEL[v.level[unit]]))}


def indicator_goal_mismatch(t: Tables, data: st.DataObject) -> tuple[Tables, Expected]:
    # A supporting indicator (so no number changes) whose parent indicator is not of its
    # goal's parent goal; on a goal whose owner has nobody below (else also not-cascaded).
    goal = data.draw(st.sampled_from(_ensure(t, _leaf_owned_goals)), label="goal")
    v = _View(t)
    parents = [i for i in v.indicators if v.goal_of[i] != v.goal_parent[goal]]
    parent = data.draw(st.sampled_from(parents), label="parent indicator")
    ind = _add_indicator(t, goal, parent=parent, role="supporting")
    return t, {("indicator-goal-mismatch", ind)}


def unit_mismatch(t: Tables, data: st.DataObject) -> tuple[Tables, Expected]:
    # A carrier and everything below it measured in another unit: only the top link breaks.
    v = _View(t)
    top = data.draw(st.sampled_from([i for i in v.indicators if v.ind_parent[i]]), label="top")
    unit = data.draw(st.sampled_from(["orang", "persen", "Rp", "kasus baru"]), label="unit")
    mask = t["indicators"]["indicator_id"].isin(v.subtree(top))
    _set(t, "indicators", mask, "measure_unit", unit)
    return t, {("unit-mismatch", top)}


def level_skip(t: Tables, data: st.DataObject) -> tuple[Tables, Expected]:
    # A goal owned two or more levels below its parent goal's owner, within its units.
    if data.draw(st.booleans(), label="new agency"):
        _branch(t, data.draw(st.integers(2, 4), label="depth"))
    v = _View(t)
    pairs = [
        (g, w)
        for g in v.goals
        if v.owner_rank(g) >= 0
        for w in v.under(v.owner[g])
        if v.rank(w) >= v.owner_rank(g) + 2
    ]
    if not pairs:
        _branch(t, 2)
        return level_skip(t, data)
    parent, unit = data.draw(st.sampled_from(pairs), label="parent, owner")
    return t, {("level-skip", _add_goal(t, unit, parent, KIND_OF_LEVEL[v.level[unit]]))}


def polarity_mismatch(t: Tables, data: st.DataObject) -> tuple[Tables, Expected]:
    # A carrier and everything below it with another polarity: only the top link breaks.
    v = _View(t)
    top = data.draw(st.sampled_from([i for i in v.indicators if v.ind_parent[i]]), label="top")
    others = [p for p in ("maximize", "minimize", "stabilize") if p != v.polarity[top]]
    polarity = data.draw(st.sampled_from(others), label="polarity")
    mask = t["indicators"]["indicator_id"].isin(v.subtree(top))
    _set(t, "indicators", mask, "polarity", polarity)
    return t, {("polarity-mismatch", top)}


def not_cascaded(t: Tables, data: st.DataObject) -> tuple[Tables, Expected]:
    # A new indicator of an owner with units below it, that nothing cascades from; it
    # supports an indicator of its goal's parent goal, so its own link is fine.
    v = _View(t)
    goals = [
        g
        for g in v.goals
        if v.has_units_below(v.owner[g])
        and (v.goal_parent[g] is None or v.goal_indicators.get(v.goal_parent[g] or ""))
    ]
    goal = data.draw(st.sampled_from(goals), label="goal")
    above = v.goal_parent[goal]
    if above is None:
        return t, {("not-cascaded", _add_indicator(t, goal, role="carrier"))}
    parent = data.draw(st.sampled_from(v.goal_indicators[above]), label="parent indicator")
    return t, {("not-cascaded", _add_indicator(t, goal, parent=parent, role="supporting"))}


def kind_level_mismatch(t: Tables, data: st.DataObject) -> tuple[Tables, Expected]:
    # Retype a goal below the pemda with a kind its owner's level does not plan; avoid kinds
    # that would also make its IKUs non-strategic or its budget a non-program budget.
    if data.draw(st.booleans(), label="new agency"):
        _branch(t, data.draw(st.integers(1, 4), label="depth"))
    v = _View(t)
    pairs = [
        (g, k)
        for g in v.goals
        if v.owner_rank(g) >= 1
        for k in KINDS
        if k not in v.fitting(v.owner[g])
        and (k in STRATEGIC or not any(v.key[i] for i in v.goal_indicators.get(g, [])))
        and (k in FUNDED or g not in v.budgeted)
    ]
    if not pairs:
        _branch(t, 2)
        return kind_level_mismatch(t, data)
    goal, kind = data.draw(st.sampled_from(pairs), label="goal, kind")
    _set(t, "goals", t["goals"]["goal_id"] == goal, "kind", kind)
    return t, {("kind-level-mismatch", goal)}


def key_indicator_not_strategic(t: Tables, data: st.DataObject) -> tuple[Tables, Expected]:
    if data.draw(st.booleans(), label="new agency"):
        _branch(t, data.draw(st.integers(2, 4), label="depth"))
    v = _View(t)
    low = [i for i in v.indicators if v.kind.get(v.goal_of[i]) not in STRATEGIC]
    if not low:
        _branch(t, 2)
        return key_indicator_not_strategic(t, data)
    ind = data.draw(st.sampled_from(low), label="indicator")
    _set(t, "indicators", t["indicators"]["indicator_id"] == ind, "key", True)
    return t, {("key-indicator-not-strategic", ind)}


def crosscutting_within_agency(t: Tables, data: st.DataObject) -> tuple[Tables, Expected]:
    # Declare crosscutting a goal whose parent goal is of its own agency (the pemda's sasaran
    # under its tujuan; any goal of a bidang, seksi or employee).
    v = _View(t)
    inside = [
        g
        for g in v.goals
        if v.goal_parent[g] in v.owner and (v.owner[g] == v.pemda or v.owner_rank(g) >= 2)
    ]
    goal = data.draw(st.sampled_from(inside), label="goal")
    _set(t, "goals", t["goals"]["goal_id"] == goal, "crosscutting", True)
    return t, {("crosscutting-within-agency", goal)}


def target_split_mismatch(t: Tables, data: st.DataObject) -> tuple[Tables, Expected]:
    v = _View(t)
    # A top indicator's own target changes: its children no longer add up, nothing is above.
    # Or a leaf's target changes: only its parent's split breaks.
    tops = [i for i in v.indicators if v.ind_parent[i] is None and v.ind_children[i]]
    leaves = [i for i in v.indicators if v.ind_parent[i] and not v.ind_children[i]]
    choices = [(i, i) for i in tops if i in v.target] + [
        (leaf, v.ind_parent[leaf])
        for leaf in leaves
        if leaf in v.target and v.ind_parent[leaf] in v.target
    ]
    changed, parent = data.draw(st.sampled_from(choices), label="changed, reported")
    assert parent is not None
    mask = t["targets"]["indicator_id"] == changed
    _set(t, "targets", mask, "target", v.target[changed] + _big(data, v.target[parent]))
    return t, {("target-split-mismatch", parent)}


def realisation_mismatch(t: Tables, data: st.DataObject) -> tuple[Tables, Expected]:
    v = _View(t)

    def nearest_reported_above(ind: str) -> str | None:
        parent = v.ind_parent[ind]
        seen = {ind}
        while parent is not None and parent not in v.reported and parent not in seen:
            seen.add(parent)
            parent = v.ind_parent.get(parent)
        return parent if parent in v.reported else None

    if data.draw(st.booleans(), label="at a leaf"):
        # A leaf's realisation changes: the nearest reported indicator above it now differs
        # from what its children give. Further up, the derived numbers use that reported one
        # (reported wins), so nothing else changes.
        leaves = [
            i
            for i in v.indicators
            if not v.ind_children[i] and i in v.reported and nearest_reported_above(i) is not None
        ]
        if leaves:
            leaf = data.draw(st.sampled_from(leaves), label="leaf")
            above = nearest_reported_above(leaf)
            assert above is not None
            value = v.reported[leaf] + _big(data, v.reported[above])
            _set(t, "realisations", t["realisations"]["indicator_id"] == leaf, "value", value)
            return t, {("realisation-mismatch", above)}
    # A reported realisation off its children's sum, on an indicator with no reported
    # realisation above it (else the change would also reach the ancestors' derived ones).
    candidates = [
        i for i in v.indicators if v.ind_children[i] and nearest_reported_above(i) is None
    ]
    ind = data.draw(st.sampled_from(candidates), label="indicator")
    derived = sum(v.realisation(c) for c in v.ind_children[ind])
    value = derived + _big(data, derived)
    if ind in v.reported:
        _set(t, "realisations", t["realisations"]["indicator_id"] == ind, "value", value)
    else:
        _append(t, "realisations", [{"indicator_id": ind, "period": PERIOD, "value": value}])
    return t, {("realisation-mismatch", ind)}


def zero_target(t: Tables, data: st.DataObject) -> tuple[Tables, Expected]:
    v = _View(t)
    goal = data.draw(st.sampled_from(v.goals), label="goal")
    ind = _add_indicator(t, goal, target=None)
    if data.draw(st.booleans(), label="range"):
        row = {"indicator_id": ind, "period": PERIOD, "target": -5.0, "target_upper": 0.0}
    else:
        row = {"indicator_id": ind, "period": PERIOD, "target": 0.0}
    _append(t, "targets", [row])
    return t, {("zero-target", ind)}


def undefined_achievement(t: Tables, data: st.DataObject) -> tuple[Tables, Expected]:
    v = _View(t)
    goal = data.draw(st.sampled_from(v.goals), label="goal")
    polarity = data.draw(st.sampled_from(["maximize", "minimize", "stabilize"]), label="polarity")
    ind = _add_indicator(t, goal, target=0.0, polarity=polarity)
    value = data.draw(
        st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).filter(lambda x: x != 0),
        label="realisation",
    )
    _append(t, "realisations", [{"indicator_id": ind, "period": PERIOD, "value": value}])
    # A zero target is itself a warning; the realisation that misses it has no achievement.
    return t, {("zero-target", ind), ("undefined-achievement", ind)}


def invalid_weight(t: Tables, data: st.DataObject) -> tuple[Tables, Expected]:
    v = _View(t)
    if data.draw(st.booleans(), label="negative"):
        ind = data.draw(st.sampled_from(v.indicators), label="indicator")
        weight = -float(data.draw(st.integers(1, 5), label="weight")) / 2
        _set(t, "indicators", t["indicators"]["indicator_id"] == ind, "weight", weight)
        return t, {("invalid-weight", ind)}
    # Every child of one indicator weighs 0: the parent is the subject.
    parents = [i for i in v.indicators if v.ind_children[i]]
    parent = data.draw(st.sampled_from(parents), label="parent")
    mask = t["indicators"]["indicator_id"].isin(v.ind_children[parent])
    _set(t, "indicators", mask, "weight", 0.0)
    return t, {("invalid-weight", parent)}


def target_outside_plan(t: Tables, data: st.DataObject) -> tuple[Tables, Expected]:
    # The targets typed once more for a year beyond the plan (POLICY: 2021-2026). A target
    # for one indicator alone would make that year a checked period with every other
    # indicator lacking its target (missing-target), so the whole year is copied: one finding
    # per indicator, and nothing else (the copies add up as the originals do).
    v = _View(t)
    year = data.draw(st.sampled_from(["2019", "2020", "2027", "2031"]), label="year")
    extra = t["targets"][t["targets"]["period"].astype(str) == PERIOD].copy()
    extra["period"] = year
    _append(t, "targets", extra.to_dict("records"))
    return t, {("target-outside-plan", i) for i in v.indicators}


def duplicate_entry(t: Tables, data: st.DataObject) -> tuple[Tables, Expected]:
    # A second row for the same indicator (or goal) and year, with another number; the first
    # row counts, so nothing else changes.
    v = _View(t)
    table = data.draw(st.sampled_from(["targets", "realisations", "budgets"]), label="table")
    other = float(data.draw(st.integers(1, 900), label="number"))
    if table == "targets":
        ind = data.draw(st.sampled_from(sorted(v.target)), label="indicator")
        _append(t, "targets", [{"indicator_id": ind, "period": PERIOD, "target": other}])
        return t, {("duplicate-entry", ind)}
    if table == "realisations":
        ind = data.draw(st.sampled_from(sorted(v.reported)), label="indicator")
        _append(t, "realisations", [{"indicator_id": ind, "period": PERIOD, "value": other}])
        return t, {("duplicate-entry", ind)}
    goal = data.draw(st.sampled_from(_ensure(t, _funded)), label="goal")
    if goal not in _View(t).budgeted:
        _add_budget(t, goal)
    _add_budget(t, goal, allocated=other * 1e6, spent=other * 5e5)
    return t, {("duplicate-entry", goal)}


def budget_orphan(t: Tables, data: st.DataObject) -> tuple[Tables, Expected]:
    # A funded goal whose chain of parent goals cannot reach the pemda: it has no parent goal
    # (then it is also an orphan-goal), or a parent goal that does not exist (then it is
    # also a dangling-reference). The domain leaves no third way: a chain that does not
    # reach a pemda goal breaks at a blank parent, a missing one, or a cycle.
    v = _View(t)
    owners = [u for u in v.units if 1 <= v.rank(u) <= 3]
    unit = data.draw(st.sampled_from(owners), label="owner")
    if data.draw(st.booleans(), label="no parent"):
        goal = _add_goal(t, unit, None, KIND_OF_LEVEL[v.level[unit]])
        side = ("orphan-goal", goal)
    else:
        goal = _add_goal(t, unit, _fresh(t, "HANTU"), KIND_OF_LEVEL[v.level[unit]])
        side = ("dangling-reference", goal)
    _add_budget(t, goal)
    return t, {("budget-orphan", goal), side}


def overspent_budget(t: Tables, data: st.DataObject) -> tuple[Tables, Expected]:
    goal = data.draw(st.sampled_from(_ensure(t, _funded)), label="goal")
    if goal not in _View(t).budgeted:
        _add_budget(t, goal)
    mask = t["budgets"]["goal_id"] == goal
    allocated = float(t["budgets"].loc[mask, "allocated"].iloc[0])
    _set(t, "budgets", mask, "spent", allocated + _big(data, allocated))
    return t, {("overspent-budget", goal)}


def budget_on_non_program_goal(t: Tables, data: st.DataObject) -> tuple[Tables, Expected]:
    v = _View(t)
    unfunded = [g for g in v.goals if v.kind[g] not in FUNDED and g not in v.budgeted]
    if not unfunded:  # only after earlier injections: a new, valid pemda sasaran
        unfunded = [_add_goal(t, v.pemda, v.goal_parent[v.sasaran], "sasaran_strategis")]
    goal = data.draw(st.sampled_from(unfunded), label="goal")
    _add_budget(t, goal)
    return t, {("budget-on-non-program-goal", goal)}


INJECTORS: dict[str, Injector] = {
    "duplicate-id": duplicate_id,
    "dangling-reference": dangling_reference,
    "cycle": cycle,
    "orphan-goal": orphan_goal,
    "orphan-indicator": orphan_indicator,
    "missing-indicator": missing_indicator,
    "missing-metadata": missing_metadata,
    "level-order": level_order,
    "owner-misaligned": owner_misaligned,
    "indicator-goal-mismatch": indicator_goal_mismatch,
    "unit-mismatch": unit_mismatch,
    "level-skip": level_skip,
    "polarity-mismatch": polarity_mismatch,
    "not-cascaded": not_cascaded,
    "kind-level-mismatch": kind_level_mismatch,
    "key-indicator-not-strategic": key_indicator_not_strategic,
    "crosscutting-within-agency": crosscutting_within_agency,
    "missing-target": missing_target,
    "invalid-value": invalid_value,
    "target-split-mismatch": target_split_mismatch,
    "realisation-mismatch": realisation_mismatch,
    "zero-target": zero_target,
    "invalid-weight": invalid_weight,
    "target-outside-plan": target_outside_plan,
    "duplicate-entry": duplicate_entry,
    "undefined-achievement": undefined_achievement,
    "budget-orphan": budget_orphan,
    "overspent-budget": overspent_budget,
    "budget-on-non-program-goal": budget_on_non_program_goal,
}

#: Rules that cannot be injected alone into a valid cascade, with the reason.
NOT_INJECTABLE: dict[str, str] = {}

#: Injectors whose report legitimately depends on row order: of two rows for the same
#: indicator and period, the first counts (values.py), and which one is first is the point.
ORDER_SENSITIVE = {"duplicate-entry"}

CATALOGUE_NAMES = {r.name for r in CATALOGUE}
CHECKED = sorted(r.name for r in CATALOGUE if r.status == "stable" and r.family != "meta")


# --------------------------------------------------------------------- benign changes
# Each changes a valid cascade in a way the domain accepts: the check must still find
# nothing. They catch rules that flag too much.


def respelled_unit(t: Tables, data: st.DataObject) -> Tables:
    # Units are compared ignoring case and surrounding spaces.
    v = _View(t)
    top = data.draw(st.sampled_from([i for i in v.indicators if v.ind_parent[i]]), label="top")
    spelling = data.draw(st.sampled_from(["Kasus", "KASUS", "kasus ", " Kasus"]), label="unit")
    mask = t["indicators"]["indicator_id"].isin(v.subtree(top))
    _set(t, "indicators", mask, "measure_unit", spelling)
    return t


def crosscutting_to_pemda(t: Tables, data: st.DataObject) -> Tables:
    # An agency's goal under the pemda's sasaran, declared crosscutting: legitimate.
    v = _View(t)
    agencies = [
        g
        for g in v.goals
        if v.owner[g] != v.pemda and v.owner.get(v.goal_parent[g] or "") == v.pemda
    ]
    goal = data.draw(st.sampled_from(agencies), label="goal")
    _set(t, "goals", t["goals"]["goal_id"] == goal, "crosscutting", True)
    return t


def crosscutting_to_other_agency(t: Tables, data: st.DataObject) -> Tables:
    # A new goal of one agency under another agency's program goal, declared crosscutting:
    # that is what the declaration is for (not level-order, not owner-misaligned).
    _branch(t, 1)
    v = _View(t)
    programs = [g for g in v.goals if v.owner_rank(g) == 1]
    parent = data.draw(st.sampled_from(programs), label="parent")
    others = [u for u in v.units if v.level[u] == "perangkat_daerah" and u != v.owner[parent]]
    unit = data.draw(st.sampled_from(others), label="owner")
    _add_goal(t, unit, parent, "sasaran_program", crosscutting=True)
    return t


def supporting_child(t: Tables, data: st.DataObject) -> Tables:
    # A supporting indicator counts in nothing: its unit and polarity may differ.
    goal = data.draw(st.sampled_from(_ensure(t, _leaf_owned_goals)), label="goal")
    v = _View(t)
    parent = data.draw(st.sampled_from(v.goal_indicators[v.goal_parent[goal] or ""]), "parent")
    polarity = data.draw(st.sampled_from(["maximize", "minimize", "stabilize"]), "polarity")
    _add_indicator(
        t, goal, parent=parent, role="supporting", measure_unit="orang", polarity=polarity
    )
    return t


def own_indicator(t: Tables, data: st.DataObject) -> Tables:
    v = _View(t)
    goal = data.draw(st.sampled_from(v.goals), label="goal")
    key = v.kind[goal] in STRATEGIC and data.draw(st.booleans(), label="key")
    _add_indicator(t, goal, key=key)
    return t


def renstra_chain(t: Tables, data: st.DataObject) -> Tables:
    # An agency's Renstra: its own tujuan under the pemda's sasaran, and its own sasaran
    # strategis under that (same owner, one kind further down).
    v = _View(t)
    agency = data.draw(
        st.sampled_from([u for u in v.units if v.level[u] == "perangkat_daerah"]), "agency"
    )
    tujuan = _add_goal(t, agency, v.sasaran, "tujuan")
    _add_goal(t, agency, tujuan, "sasaran_strategis")
    return t


def range_target_on_leaf(t: Tables, data: st.DataObject) -> Tables:
    # A child's range target under a point target: the lower bounds still add up.
    v = _View(t)
    leaves = [i for i in v.indicators if v.ind_parent[i] and not v.ind_children[i]]
    leaf = data.draw(st.sampled_from(leaves), label="leaf")
    upper = v.target[leaf] + data.draw(st.integers(0, 50), label="width")
    _set(t, "targets", t["targets"]["indicator_id"] == leaf, "target_upper", upper)
    return t


def zero_based_range(t: Tables, data: st.DataObject) -> Tables:
    # A range from 0 up ("0-5 hari") is not a zero target.
    v = _View(t)
    goal = data.draw(st.sampled_from(v.goals), label="goal")
    ind = _add_indicator(t, goal, target=None)
    upper = float(data.draw(st.integers(1, 9), label="upper"))
    row = {"indicator_id": ind, "period": PERIOD, "target": 0.0, "target_upper": upper}
    _append(t, "targets", [row])
    return t


def unreported_parent(t: Tables, data: st.DataObject) -> Tables:
    v = _View(t)
    parents = [i for i in v.indicators if v.ind_children[i] and i in v.reported]
    if parents:
        ind = data.draw(st.sampled_from(parents), label="indicator")
        keep = t["realisations"]["indicator_id"] != ind
        t["realisations"] = t["realisations"][keep].reset_index(drop=True)
    return t


def within_tolerance(t: Tables, data: st.DataObject) -> Tables:
    # Numbers that differ by less than the default tolerance (0.1 %) agree.
    v = _View(t)
    what = data.draw(st.sampled_from(["target", "realisation", "spent"]), label="what")
    factor = 1 + data.draw(st.sampled_from([-4e-4, 2e-4, 4e-4]), label="off by")
    if what == "target":
        parents = [i for i in v.indicators if v.ind_children[i]]
        ind = data.draw(st.sampled_from(parents), label="indicator")
        # Only the top of a chain, so that its own parent still adds up exactly.
        while v.ind_parent[ind] is not None:
            ind = v.ind_parent[ind] or ind
        mask = t["targets"]["indicator_id"] == ind
        _set(t, "targets", mask, "target", v.target[ind] * factor)
    elif what == "realisation":
        reported = [i for i in v.indicators if v.ind_children[i] and i in v.reported]
        if reported:
            ind = data.draw(st.sampled_from(reported), label="indicator")
            mask = t["realisations"]["indicator_id"] == ind
            _set(t, "realisations", mask, "value", v.reported[ind] * factor)
    else:
        funded = [g for g in v.goals if v.kind[g] in FUNDED]
        goal = data.draw(st.sampled_from(funded), label="goal")
        if goal not in v.budgeted:
            _add_budget(t, goal)
        mask = t["budgets"]["goal_id"] == goal
        allocated = float(t["budgets"].loc[mask, "allocated"].iloc[0])
        _set(t, "budgets", mask, "spent", allocated * (1 + abs(factor - 1)))
    return t


def quarterly_budget_and_blank_spent(t: Tables, data: st.DataObject) -> Tables:
    # A quarter's budget line of a funded goal, with spending not reported yet.
    v = _View(t)
    funded = [g for g in v.goals if v.kind[g] in FUNDED]
    goal = data.draw(st.sampled_from(funded), label="goal")
    quarter = data.draw(st.sampled_from(["2024Q1", "2024Q2", "2024Q3", "2024Q4"]), "quarter")
    row = {"goal_id": goal, "period": quarter, "allocated": 5e8, "spent": None}
    _append(t, "budgets", [row])
    return t


BENIGN: dict[str, Callable[[Tables, st.DataObject], Tables]] = {
    f.__name__: f
    for f in (
        respelled_unit,
        crosscutting_to_pemda,
        crosscutting_to_other_agency,
        supporting_child,
        own_indicator,
        renstra_chain,
        range_target_on_leaf,
        zero_based_range,
        unreported_parent,
        within_tolerance,
        quarterly_budget_and_blank_spent,
    )
}


# -------------------------------------------------------------------------------- tests


@settings(max_examples=_examples(40), deadline=None)
@given(valid_cascades())
def test_valid_cascade_has_no_finding(tables: Tables) -> None:
    report = _check(tables)
    assert report.findings == [], report.to_frame()[["name", "subject_id", "message"]]


def _shuffled(tables: Tables, data: st.DataObject) -> Tables:
    out = {}
    for name, frame in tables.items():
        order = data.draw(st.permutations(range(len(frame))), label=f"{name} order")
        out[name] = frame.iloc[list(order)].reset_index(drop=True)
    return out


def _key(report: Report) -> set[tuple[str, str, str, str | None, str]]:
    return {(f.code, f.subject_kind, f.subject_id, f.period, f.message) for f in report.findings}


@settings(max_examples=_examples(15), deadline=None)
@given(valid_cascades(), st.data())
def test_report_does_not_depend_on_row_order(tables: Tables, data: st.DataObject) -> None:
    t = copy_tables(tables)
    names = sorted(set(INJECTORS) - ORDER_SENSITIVE)
    for name in data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=3), "defects"):
        t, _ = INJECTORS[name](t, data)
    if data.draw(st.booleans(), label="cut a goal link"):
        linked = t["goals"].index[t["goals"]["parent_goal_id"].notna()]
        row = data.draw(st.sampled_from(list(linked)), label="goal row")
        t["goals"] = t["goals"].astype({"parent_goal_id": object})
        t["goals"].loc[row, "parent_goal_id"] = None
    before = _check(t)
    assert len(before) > 0
    after = _check(_shuffled(t, data))
    assert _key(after) == _key(before)
    pd.testing.assert_frame_equal(after.to_frame(), before.to_frame())


def test_every_rule_has_an_injector() -> None:
    assert set(CHECKED) - set(INJECTORS) - set(NOT_INJECTABLE) == set()
    assert set(INJECTORS) | set(NOT_INJECTABLE) <= CATALOGUE_NAMES
    assert not set(INJECTORS) & set(NOT_INJECTABLE)


@pytest.mark.parametrize("name", sorted(INJECTORS))
@settings(max_examples=_examples(3), deadline=None)
@given(tables=valid_cascades(), data=st.data())
def test_injected_defect_is_found_exactly(name: str, tables: Tables, data: st.DataObject) -> None:
    t, expected = INJECTORS[name](copy_tables(tables), data)
    assert any(rule == name for rule, _ in expected)
    assert _pairs(_check(t)) == expected


@settings(max_examples=_examples(15), deadline=None)
@given(valid_cascades(), st.data())
def test_benign_changes_keep_a_cascade_clean(tables: Tables, data: st.DataObject) -> None:
    t = copy_tables(tables)
    for name in data.draw(st.lists(st.sampled_from(sorted(BENIGN)), min_size=1, max_size=3)):
        t = BENIGN[name](t, data)
    report = _check(t)
    assert report.findings == [], report.to_frame()[["name", "subject_id", "message"]]


@settings(max_examples=_examples(5), deadline=None)
@given(valid_cascades(), st.data())
def test_a_selected_rule_finds_what_it_finds_in_a_full_run(
    tables: Tables, data: st.DataObject
) -> None:
    t = copy_tables(tables)
    for name in data.draw(st.lists(st.sampled_from(sorted(INJECTORS)), min_size=1, max_size=3)):
        t, _ = INJECTORS[name](t, data)
    cascade = Cascade(**t)
    full = check(cascade, policy=POLICY).to_frame()
    for name in data.draw(st.lists(st.sampled_from(CHECKED), min_size=1, max_size=4, unique=True)):
        alone = check(cascade, select=[name], policy=POLICY).to_frame()
        expected = full[full["name"] == name].reset_index(drop=True)
        pd.testing.assert_frame_equal(alone, expected)


@settings(max_examples=_examples(5), deadline=None)
@given(valid_cascades(), st.data())
def test_suppressing_every_finding_leaves_only_a_stale_suppression(
    tables: Tables, data: st.DataObject
) -> None:
    t = copy_tables(tables)
    for name in data.draw(st.lists(st.sampled_from(sorted(INJECTORS)), min_size=1, max_size=3)):
        t, _ = INJECTORS[name](t, data)
    cascade = Cascade(**t)
    findings = check(cascade, policy=POLICY).findings
    by_name = data.draw(st.booleans(), label="suppress by name")
    suppress = [
        {"rule": f.name if by_name else f.code, "subject": f.subject_id, "reason": "kept"}
        for f in findings
    ]
    suppress.append({"rule": "cycle", "subject": "NOBODY", "reason": "stale"})
    report = check(cascade, policy={**POLICY, "suppress": suppress})
    assert [(f.name, f.subject_id) for f in report.findings] == [("unused-suppression", "NOBODY")]


# ------------------------------------------------------- rule problems found and fixed
# Found by the properties above; kept as regression tests.


def test_pemda_goal_without_parent_whose_indicator_cascades_is_reported() -> None:
    t = base()
    t["goals"].loc[t["goals"]["goal_id"] == "S1", "parent_goal_id"] = None
    # I-S1 still cascades from I-T1, an indicator of T1, which S1 no longer cascades from.
    assert _pairs(check(Cascade(**t))) == {("indicator-goal-mismatch", "I-S1")}


def test_repeated_goal_row_is_only_a_duplicate_id() -> None:
    t = base()
    t["goals"] = pd.concat([t["goals"], t["goals"].iloc[[5]]], ignore_index=True)
    assert _pairs(check(Cascade(**t))) == {("duplicate-id", "R1")}


def test_repeated_indicator_row_is_only_a_duplicate_id() -> None:
    t = base()
    t["indicators"] = pd.concat([t["indicators"], t["indicators"].iloc[[3]]], ignore_index=True)
    assert _pairs(check(Cascade(**t))) == {("duplicate-id", "I-K1")}
