"""Structure rules (``CAS1xx``): ids, references, cycles, orphans and missing parts.

Vocabulary
----------
dangling reference
    An id in a reference column (``parent_id``, ``unit_id``, ``parent_goal_id``, ``goal_id``,
    ``parent_indicator_id``, ``indicator_id``) that is not in the table it points to.
orphan (yatim)
    A goal or indicator that should cascade from something above it and does not: a goal of
    an agency, unit or employee with no parent goal; an indicator with no parent indicator
    whose goal does have a parent goal (unless its role is ``own``).
root owner
    An owner of level ``pemda``: the only owner whose goals may stand at the top of a tree.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cascade.checks._context import KINDS, Context, SubjectKind, concat, quote
from cascade.checks._rule import Category, Severity, rule
from cascade.enums import Level, Role

__all__ = [
    "cycle",
    "dangling_reference",
    "duplicate_id",
    "missing_indicator",
    "missing_metadata",
    "orphan_goal",
    "orphan_indicator",
]

_ID = {"unit": "unit_id", "goal": "goal_id", "indicator": "indicator_id"}
_NOUNS = {"unit": "unit", "goal": "goal", "indicator": "indicator"}
_TABLES = {"unit": "units", "goal": "goals", "indicator": "indicators"}


@rule("CAS101", "duplicate-id", severity=Severity.ERROR, category=Category.INTEGRITY)
def duplicate_id(ctx: Context) -> pd.DataFrame:
    """An id used twice in one table.

    What it flags
    -------------
    A unit, goal or indicator id that appears on more than one row of its table; each row
    after the first is a finding.

    Why it matters
    --------------
    Every link in the cascade is by id. With two rows for one id, a child cannot say which
    parent it cascades from and realisation cannot be traced: the evaluator sees two sasaran
    under one code in the pohon kinerja.

    Example
    -------
    Two rows of ``goals`` with ``goal_id`` ``S-DINKES-1``.

    How to fix
    ----------
    Give each row its own id, or merge the two rows if they are the same thing.
    """
    parts = []
    for kind in KINDS:
        k = kind
        rows = np.flatnonzero(ctx.cascade._copies[kind])  # from the id index, no rehash
        if rows.size:
            msg = ctx.label(k, rows) + f" repeats an id that an earlier {kind} row already uses"
            parts.append(ctx.findings(k, rows, msg))
    return concat(parts)


def _reference_findings(
    ctx: Context,
    kind: SubjectKind,
    column: str,
    target: SubjectKind,
) -> pd.DataFrame | None:
    table = ctx.table(kind)
    refs = table[column]
    present = refs.notna().to_numpy()
    rows = np.flatnonzero(present & (ctx.refs(_TABLES[kind], column) < 0))
    if not rows.size:
        return None
    msg = (
        ctx.label(kind, rows)
        + f" names {column} "
        + quote(refs.take(rows))
        + f", but there is no {_NOUNS[target]} with that id"
    )
    return ctx.findings(kind, rows, msg)


@rule("CAS102", "dangling-reference", severity=Severity.ERROR, category=Category.INTEGRITY)
def dangling_reference(ctx: Context) -> pd.DataFrame:
    """A parent, owner, goal or indicator id that does not exist.

    What it flags
    -------------
    A ``parent_id``, ``unit_id``, ``parent_goal_id``, ``goal_id`` or ``parent_indicator_id``
    that names no row of the table it points to; and targets, realisations or budgets of an
    indicator or goal that does not exist (the subject is then the missing id).

    Why it matters
    --------------
    A broken link cuts the cascade: everything below it is cut off from the pemda's goals,
    and its numbers cannot roll up. Typos in ids and rows deleted from one sheet but not
    another are the usual cause.

    Example
    -------
    An indicator with ``goal_id`` ``S-DINKES-9`` when the goals table has no such goal.

    How to fix
    ----------
    Correct the id to one that exists, or add the missing row.
    """
    parts = [
        _reference_findings(ctx, "unit", "parent_id", "unit"),
        _reference_findings(ctx, "goal", "unit_id", "unit"),
        _reference_findings(ctx, "goal", "parent_goal_id", "goal"),
        _reference_findings(ctx, "indicator", "goal_id", "goal"),
        _reference_findings(ctx, "indicator", "parent_indicator_id", "indicator"),
    ]
    for table, column, target in (
        ("targets", "indicator_id", "indicator"),
        ("realisations", "indicator_id", "indicator"),
        ("budgets", "goal_id", "goal"),
    ):
        frame = {"targets": ctx.targets, "realisations": ctx.realisations}.get(table, ctx.budgets)
        t: SubjectKind = target  # type: ignore[assignment]
        missing = (ctx.refs(table, column) < 0) & frame[column].notna().to_numpy()
        if not missing.any():
            continue
        bad = frame[missing]
        noun = {"targets": "a target", "realisations": "a realisation", "budgets": "a budget"}
        msg = (
            f"{noun[table].capitalize()} for "
            + bad["period"].astype("str").reset_index(drop=True)
            + f" names {column} "
            + quote(bad[column])
            + f", but there is no {target} with that id"
        )
        parts.append(
            ctx.findings(
                t,
                np.full(len(bad), -1),
                msg,
                ids=bad[column].reset_index(drop=True),
                period=bad["period"].astype("str").reset_index(drop=True),
            )
        )
    return concat(parts)


@rule("CAS103", "cycle", severity=Severity.ERROR, category=Category.INTEGRITY)
def cycle(ctx: Context) -> pd.DataFrame:
    """A cycle among units, goals or indicator links.

    What it flags
    -------------
    Every unit, goal or indicator that is its own ancestor: following parents from it comes
    back to it. Each member of the cycle is a finding, and the message shows the loop.

    Why it matters
    --------------
    A cascade is a tree from the pemda down. In a loop nothing is on top, so nothing in it
    (or below it) reaches the city's goals, and a roll-up would never end.

    Example
    -------
    Goal ``S-1`` has parent ``S-2`` and ``S-2`` has parent ``S-1``.

    How to fix
    ----------
    Break the loop: one of its members must cascade from something outside it.
    """
    parts = []
    for kind in KINDS:
        k = kind
        tree = ctx.tree(k)
        suspects = np.flatnonzero(tree.depth < 0)
        if not suspects.size:
            continue
        on_cycle: list[int] = []
        loops: list[str] = []
        for row in suspects.tolist():
            chain = [row, *tree.ancestor_rows(row)]
            last = chain[-1]
            if tree.parent[last] == row:  # the walk came back to where it started
                on_cycle.append(row)
                ids = tree.id_of([*chain, row])
                loops.append(" → ".join(f'"{i}"' for i in ids))
        if on_cycle:
            rows = np.asarray(on_cycle)
            msg = ctx.label(k, rows) + " is in a cycle: " + pd.Series(loops, dtype="str")
            parts.append(ctx.findings(k, rows, msg))
    return concat(parts)


@rule("CAS104", "orphan-goal", severity=Severity.ERROR, category=Category.LINKAGE)
def orphan_goal(ctx: Context) -> pd.DataFrame:
    """A goal with no parent goal whose owner is not the pemda.

    What it flags
    -------------
    A goal with a blank ``parent_goal_id`` owned by an agency, a unit or an employee. Only the
    pemda's tujuan and sasaran may stand at the top of the goal tree.

    Why it matters
    --------------
    Penjenjangan kinerja (PermenPANRB 89/2021) breaks the pemda's goals down; a goal that
    cascades from nothing supports no city goal, which is what evaluators call a cascade that
    does not hold together.

    Example
    -------
    Dinas Kesehatan's sasaran program ``SP-DINKES-1`` with no ``parent_goal_id``.

    How to fix
    ----------
    Name the goal it supports in ``parent_goal_id``; if it supports a goal of another agency
    or of the pemda directly, also declare it ``crosscutting``.
    """
    no_parent = ctx.goals["parent_goal_id"].isna().to_numpy()
    level = ctx.goal_owner_level
    rows = np.flatnonzero(no_parent & (level > Level.PEMDA.rank))
    owners = ctx.goals["unit_id"].take(rows)
    msg = ctx.label("goal", rows) + " has no parent goal, but its owner " + quote(owners)
    msg = msg + " is not the pemda"
    return ctx.findings("goal", rows, msg)


@rule("CAS105", "orphan-indicator", severity=Severity.ERROR, category=Category.LINKAGE)
def orphan_indicator(ctx: Context) -> pd.DataFrame:
    """An indicator with no parent indicator whose goal cascades from a parent goal.

    What it flags
    -------------
    An indicator with a blank ``parent_indicator_id`` and a role other than ``own``, whose goal
    has a ``parent_goal_id``.

    Why it matters
    --------------
    The goal says it supports a goal above, but its indicator measures nothing that goal's
    indicators need: its realisation drops out of every roll-up (the orphan problem that
    results frameworks find only after much digging).

    Example
    -------
    ``Indikator "I-DINKES-3" (Persentase balita gizi buruk) has no parent indicator, but its
    goal "S-DINKES-1" cascades from "S-PEMKO-2"``.

    How to fix
    ----------
    Name the parent goal's indicator it contributes to in ``parent_indicator_id``, or set its
    role to ``own`` if it is the unit's own or a mandated indicator.
    """
    ind = ctx.indicators
    goal_rows = ctx.indicator_goal
    has_goal = goal_rows >= 0
    parent_goal = np.full(len(ind), -1, dtype=np.int64)
    parent_goal[has_goal] = np.where(
        ctx.goals["parent_goal_id"].notna().to_numpy()[goal_rows[has_goal]], 1, -1
    )
    mask = (
        ind["parent_indicator_id"].isna().to_numpy()
        & (ind["role"] != Role.OWN.value).to_numpy(dtype=bool)
        & (parent_goal > 0)
    )
    rows = np.flatnonzero(mask)
    g = goal_rows[rows]
    msg = (
        ctx.label("indicator", rows)
        + " has no parent indicator, but its goal "
        + quote(ctx.goals["goal_id"].take(g))
        + " cascades from "
        + quote(ctx.goals["parent_goal_id"].take(g))
    )
    return ctx.findings("indicator", rows, msg)


@rule("CAS106", "missing-indicator", severity=Severity.ERROR, category=Category.COMPLETENESS)
def missing_indicator(ctx: Context) -> pd.DataFrame:
    """A goal with no indicator.

    What it flags
    -------------
    A goal that no row of ``indicators`` measures.

    Why it matters
    --------------
    A goal without an indicator cannot be measured, targeted or reported in the LKjIP; the
    LKE asks that every sasaran be measurable.

    Example
    -------
    Sasaran kegiatan ``SK-DINSOS-4`` with no indicator naming it.

    How to fix
    ----------
    Add at least one indicator with ``goal_id`` set to this goal.
    """
    rows = np.flatnonzero(ctx.goal_indicator_count == 0)
    return ctx.findings("goal", rows, ctx.label("goal", rows) + " has no indicator")


@rule("CAS107", "missing-metadata", severity=Severity.WARNING, category=Category.COMPLETENESS)
def missing_metadata(ctx: Context) -> pd.DataFrame:
    """A blank indicator name or measure unit, goal statement or unit name.

    What it flags
    -------------
    A blank ``name`` or ``measure_unit`` (satuan) of an indicator, a blank ``statement`` of a
    goal, a blank ``name`` of a unit.

    Why it matters
    --------------
    SMART indicators are measurable: without a satuan a target of 90 means nothing, and a
    nameless row cannot be printed in a PK or an LKjIP.

    Example
    -------
    Indicator ``I-BPBD-2`` with an empty ``satuan`` cell.

    How to fix
    ----------
    Fill in the blank cell.
    """
    parts = []
    for kind, column, what in (
        ("unit", "name", "name"),
        ("goal", "statement", "statement"),
        ("indicator", "name", "name"),
        ("indicator", "measure_unit", "measure unit (satuan)"),
    ):
        k: SubjectKind = kind  # type: ignore[assignment]
        rows = np.flatnonzero(ctx.table(k)[column].isna().to_numpy())
        if rows.size:
            ids = ctx.table(k)[_ID[kind]].take(rows)
            noun = {"unit": "Unit", "goal": "Sasaran", "indicator": "Indikator"}[kind]
            msg = noun + " " + quote(ids) + f" has a blank {what}"
            parts.append(ctx.findings(k, rows, msg, hint=f"Fill in the {column} column."))
    return concat(parts)
