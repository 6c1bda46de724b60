"""Alignment rules (``CAS2xx``): links between goals, owners and indicators that break the cascade.

Vocabulary
----------
parent owner
    The owner of a goal's parent goal. Every rule here about goals compares a goal's owner
    with its parent owner: by level (``level-order``, ``level-skip``), by place in the units
    tree (``owner-misaligned``) and by agency (``crosscutting-within-agency``).
level rank, kind rank
    Positions from the top: ``pemda`` 0 … ``pelaksana`` 4, ``tujuan`` 0 …
    ``rencana_hasil_kerja`` 5. "Above" means a smaller rank.
under
    Owner A is under owner B when B is an ancestor of A in the units tree (any number of
    levels up); an owner is not under itself.
agency
    The highest owner in an owner's chain that is not the pemda: the perangkat daerah itself
    for the agency and every unit and employee below it; a kecamatan modelled as an
    administrator directly under the pemda is its own agency. The pemda's agency is itself.
carrier link
    An indicator with role ``carrier`` and its parent indicator: the child's number counts in
    the parent's (the direct cascade), so units and polarity must agree along it.

A goal may be reported by both ``level-order`` and ``owner-misaligned`` when both facts hold:
an agency's goal under a seksi's goal is owned above its parent owner *and* outside the units
under it; a goal of another agency at the same level is beside its parent owner *and* outside
it. The two rules keep their contract definitions (``domain.md`` section 6) so that selecting
or ignoring one never hides the other fact; their messages say which fact each one found.
Links that cannot be followed (a parent or owner id that does not exist) are left to
``dangling-reference``; a blank ``kind`` or ``measure_unit`` is left to the rules that report
blanks, and never makes a finding here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cascade._tree import Tree
from cascade.checks._context import Context, SubjectKind, concat, no_findings, quote
from cascade.checks._rule import Category, Rule, Severity, rule
from cascade.enums import Aggregation, GoalKind, Level, Polarity, Role

__all__ = [
    "EXPECTED_KINDS",
    "RULES",
    "crosscutting_within_agency",
    "indicator_goal_mismatch",
    "key_indicator_not_strategic",
    "kind_level_mismatch",
    "level_order",
    "level_skip",
    "not_cascaded",
    "owner_misaligned",
    "polarity_mismatch",
    "unit_mismatch",
]

#: The goal kinds that fit an owner of each level (``kind-level-mismatch``). An owner directly
#: under the pemda is an agency whatever its level, so the perangkat daerah's kinds also fit it.
EXPECTED_KINDS: dict[Level, tuple[GoalKind, ...]] = {
    Level.PEMDA: (GoalKind.TUJUAN, GoalKind.SASARAN_STRATEGIS),
    Level.PERANGKAT_DAERAH: (
        GoalKind.TUJUAN,
        GoalKind.SASARAN_STRATEGIS,
        GoalKind.SASARAN_PROGRAM,
    ),
    Level.ADMINISTRATOR: (GoalKind.SASARAN_KEGIATAN,),
    Level.PENGAWAS: (GoalKind.SASARAN_SUBKEGIATAN,),
    Level.PELAKSANA: (GoalKind.RENCANA_HASIL_KERJA,),
}

_ID = {"unit": "unit_id", "goal": "goal_id", "indicator": "indicator_id"}
_LEVELS = pd.Series([m.value for m in Level], dtype="str")
_KINDS = pd.Series([m.value for m in GoalKind], dtype="str")
_POLARITIES = pd.Series([m.value for m in Polarity], dtype="str")
_AGGREGATIONS = pd.Series([m.value for m in Aggregation], dtype="str")
# Enum columns are categoricals of every member in declared order: a code is the member's
# position, -1 for a blank cell.
_CARRIER = list(Role).index(Role.CARRIER)
_OWN = list(Role).index(Role.OWN)
_NO_AGGREGATION = list(Aggregation).index(Aggregation.NONE)


# ------------------------------------------------------------------------------ helpers


def _at(values: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """``values[rows]`` with -1 where ``rows`` is -1."""
    out = np.full(len(rows), -1, dtype=np.int64)
    ok = rows >= 0
    out[ok] = values[rows[ok]]
    return out


def _codes(frame: pd.DataFrame, column: str) -> np.ndarray:
    """The category codes of an enum column (member position, -1 for blank)."""
    return np.asarray(frame[column].cat.codes, dtype=np.int64)


def _words(names: pd.Series, codes: np.ndarray) -> pd.Series:
    """The enum words for ``codes`` as text."""
    return names.take(codes).reset_index(drop=True)


def _ids(ctx: Context, kind: SubjectKind, rows: np.ndarray) -> pd.Series:
    """``"id"`` of each row of the units, goals or indicators."""
    return quote(ctx.table(kind)[_ID[kind]].take(rows))


def _owner(ctx: Context, units: np.ndarray) -> pd.Series:
    """``"DINSOS-BID" (administrator)`` for each unit row."""
    return _ids(ctx, "unit", units) + " (" + _words(_LEVELS, ctx.unit_level[units]) + ")"


def _is_under(tree: Tree, rows: np.ndarray, above: np.ndarray) -> np.ndarray:
    """Whether ``above[i]`` is a proper ancestor of ``rows[i]``, for many pairs at once.

    The common case, ``above`` being the direct parent, is one comparison. The others are
    walked up exactly ``depth[row] - depth[above]`` levels, one level per pass for all of
    them together, and compared with ``above``. Rows on or below a cycle (depth -1) have only
    such rows as ancestors; they are walked with a bound instead.
    """
    depth, parent = tree.depth, tree.parent
    out: np.ndarray = parent[rows] == above
    gap = depth[rows] - depth[above]
    far = np.flatnonzero(~out & (depth[rows] >= 0) & (depth[above] >= 0) & (gap > 1))
    current, left = parent[rows[far]], gap[far] - 1
    walking = np.arange(far.size)
    while walking.size:
        current[walking] = parent[current[walking]]
        left[walking] -= 1
        walking = walking[left[walking] > 0]
    out[far] = current == above[far]
    looped = np.flatnonzero(~out & (depth[rows] < 0) & (depth[above] < 0))
    if looped.size:
        current, target = rows[looped], above[looped]
        hit = np.zeros(looped.size, dtype=bool)
        for _ in range(int((depth < 0).sum())):
            current = _at(parent, current)
            hit |= current == target
        out[looped] = hit
    return out


def _agency(ctx: Context, units: np.ndarray) -> np.ndarray:
    """The agency (see the module docstring) of each unit row, walked up one level per pass."""
    parent, level, depth = ctx.unit_tree.parent, ctx.unit_level, ctx.unit_tree.depth
    agency, current = units.copy(), units.copy()
    for _ in range(int(depth.max(initial=0)) + int((depth < 0).sum())):
        up = _at(parent, current)
        climbs = (up >= 0) & (_at(level, up) != Level.PEMDA.rank)
        if not climbs.any():
            break
        agency[climbs] = up[climbs]
        current = np.where(climbs, up, -1)
    return agency


def _goal_links(ctx: Context) -> np.ndarray:
    """Goals whose parent goal, owner and parent owner all exist."""
    return (ctx.goal_parent >= 0) & (ctx.goal_owner >= 0) & (ctx.goal_parent_owner >= 0)


def _crosscutting(ctx: Context) -> np.ndarray:
    """Goals declared crosscutting."""
    return ctx.goals["crosscutting"].fillna(False).to_numpy(dtype=bool)


# -------------------------------------------------------------------------------- rules

_HINT_ABOVE = (
    "Cascade it from a goal of an owner above its own, or move it to an owner below its "
    "parent goal's owner."
)
_HINT_BESIDE = (
    "Declare it crosscutting if it supports that owner's goal on purpose; otherwise cascade "
    "it from a goal of its own owner or of an owner above it."
)
_HINT_KIND = (
    "Give it the kind below its parent's (tujuan → sasaran_strategis → sasaran_program …), "
    "or cascade it from the right goal."
)


@rule("CAS201", "level-order", severity=Severity.ERROR, category=Category.LINKAGE)
def level_order(ctx: Context) -> pd.DataFrame:
    """A child goal owned above its parent goal's owner, or beside it, or not below it in kind.

    What it flags
    -------------
    A goal with a parent goal where one of these holds:

    - its owner's level is above the parent owner's level (a bidang's goal under a seksi's);
    - its owner is at the same level as the parent owner but is another owner, and the goal
      is not declared ``crosscutting`` (one agency's goal under another's);
    - it has the same owner as its parent and its ``kind`` is not below the parent's (a
      sasaran strategis under a sasaran strategis of the same agency). An agency's Renstra
      running tujuan → sasaran strategis → sasaran program inside the agency is fine.

    A crosscutting declaration excuses only the second case. Goals with a blank ``kind`` are
    not compared by kind.

    Why it matters
    --------------
    Penjenjangan kinerja breaks goals *down*: from the pemda to its agencies, their units and
    their employees. A link that runs up or sideways puts the higher owner's performance at
    the mercy of a lower one and makes roll-ups count the wrong way round; the pohon kinerja
    the evaluator reads no longer matches the organisation.

    Example
    -------
    ``Sasaran "SK-DINSOS-4" (…) is owned by "DINSOS-BID" (administrator), above its parent
    goal "R-1"'s owner "ASN-7" (pelaksana)``; and, within one agency, ``Sasaran "DINSOS-P1"
    (…) is a sasaran_strategis, not below its parent goal "DINSOS-SS1" (sasaran_strategis)
    of the same owner "DINSOS"``.

    How to fix
    ----------
    Cascade the goal from a goal of an owner above its own (or of its own owner, one kind
    further up), or move it to the right owner; declare it crosscutting if it supports
    another agency's goal on purpose.
    """
    owner, parent_owner = ctx.goal_owner, ctx.goal_parent_owner
    level, parent_level = ctx.goal_owner_level, ctx.goal_parent_owner_level
    kind = ctx.goal_kind
    parent_kind = _at(kind, ctx.goal_parent)
    linked = _goal_links(ctx) & (level >= 0) & (parent_level >= 0)
    above = np.flatnonzero(linked & (level < parent_level))
    beside = np.flatnonzero(
        linked & (level == parent_level) & (owner != parent_owner) & ~_crosscutting(ctx)
    )
    same = np.flatnonzero(
        linked & (owner == parent_owner) & (kind >= 0) & (parent_kind >= 0) & (kind <= parent_kind)
    )
    parts = []
    for rows, where, tail, hint in (
        (
            above,
            ", above its parent goal ",
            "",
            _HINT_ABOVE,
        ),
        (
            beside,
            ", another owner at the same level as its parent goal ",
            ", and is not declared crosscutting",
            _HINT_BESIDE,
        ),
    ):
        if not rows.size:
            continue
        msg = (
            ctx.label("goal", rows)
            + " is owned by "
            + _owner(ctx, owner[rows])
            + where
            + _ids(ctx, "goal", ctx.goal_parent[rows])
            + "'s owner "
            + _owner(ctx, parent_owner[rows])
            + tail
        )
        parts.append(ctx.findings("goal", rows, msg, hint=hint))
    if not same.size:
        return concat(parts)
    msg = (
        ctx.label("goal", same)
        + " is a "
        + _words(_KINDS, kind[same])
        + ", not below its parent goal "
        + _ids(ctx, "goal", ctx.goal_parent[same])
        + " ("
        + _words(_KINDS, parent_kind[same])
        + ") of the same owner "
        + _ids(ctx, "unit", owner[same])
    )
    parts.append(ctx.findings("goal", same, msg, hint=_HINT_KIND))
    return concat(parts)


@rule("CAS202", "owner-misaligned", severity=Severity.ERROR, category=Category.LINKAGE)
def owner_misaligned(ctx: Context) -> pd.DataFrame:
    """A child goal whose owner is neither its parent goal's owner nor under it.

    What it flags
    -------------
    A goal, not declared ``crosscutting``, whose owner is not the owner of its parent goal
    and not a unit or employee under that owner in the units tree (at any depth): a seksi's
    RHK given to an employee of another seksi, a bidang's kegiatan hung under another
    agency's program.

    A goal owned above its parent owner, or by another owner at the same level, is also
    reported by ``level-order``: the two rules state different facts (where the owner sits
    in the tree, and at which level).

    Why it matters
    --------------
    A goal's owner answers for it to the owner of the goal it supports: the kepala seksi
    signs the SKP of the staff under them, the kepala dinas the PK of the bidang. A link to
    an owner outside that chain has nobody to answer to and breaks the traceability the LKE
    asks for.

    Example
    -------
    ``Sasaran "DISDIK-RHK2.1.2.1" (…) is owned by "DISDIK-SD-SARPRAS-1", which is not
    "DISDIK-SMP-PTK" (the owner of its parent goal "DISDIK-SK2.1.2") nor under it, and is
    not declared crosscutting``: an RHK of an SMP seksi given to an employee of the SD
    bidang.

    How to fix
    ----------
    Move the goal to an owner under its parent goal's owner, or cascade it from a goal of its
    own chain; if it supports another agency's goal on purpose, declare it crosscutting.
    """
    owner, parent_owner = ctx.goal_owner, ctx.goal_parent_owner
    candidates = np.flatnonzero(_goal_links(ctx) & (owner != parent_owner) & ~_crosscutting(ctx))
    rows = candidates[~_is_under(ctx.unit_tree, owner[candidates], parent_owner[candidates])]
    if not rows.size:
        return no_findings()
    msg = (
        ctx.label("goal", rows)
        + " is owned by "
        + _ids(ctx, "unit", owner[rows])
        + ", which is not "
        + _ids(ctx, "unit", parent_owner[rows])
        + " (the owner of its parent goal "
        + _ids(ctx, "goal", ctx.goal_parent[rows])
        + ") nor under it, and is not declared crosscutting"
    )
    return ctx.findings("goal", rows, msg)


@rule("CAS203", "indicator-goal-mismatch", severity=Severity.ERROR, category=Category.LINKAGE)
def indicator_goal_mismatch(ctx: Context) -> pd.DataFrame:
    """An indicator whose parent indicator belongs to a goal other than its goal's parent goal.

    What it flags
    -------------
    An indicator with a ``parent_indicator_id`` whose parent indicator measures a different
    goal than the one its own goal cascades from: the indicator links and the goal links
    tell two different stories. That includes an indicator that names a parent indicator
    while its goal cascades from no goal at all (a top goal, or an orphan goal, which
    ``orphan-goal`` reports separately). A goal whose ``parent_goal_id`` names no goal is left
    to ``dangling-reference``.

    Why it matters
    --------------
    In a pohon kinerja the indicators cascade *with* their goals: a sub kegiatan's indicator
    serves its kegiatan's indicator. An indicator that reaches past or beside its goal's
    parent rolls its realisation into a goal its own goal does not support, so achievement
    is counted under the wrong sasaran.

    Example
    -------
    ``Indikator "DINSOS-RHK2.1.1.1-I2" (…) cascades from "DINSOS-K2.1-I2", an indicator of
    "DINSOS-K2.1", but its goal "DINSOS-RHK2.1.1.1" cascades from "DINSOS-SK2.1.1"``.

    How to fix
    ----------
    Name an indicator of the goal's parent goal in ``parent_indicator_id``, or correct the
    goal's ``parent_goal_id`` if it is the goal link that is wrong.
    """
    goal = ctx.indicator_goal
    parent_goal = ctx.indicator_parent_goal
    expected = _at(ctx.goal_parent, goal)
    no_parent_written = np.zeros(len(goal), dtype=bool)
    known = goal >= 0
    no_parent_written[known] = ctx.goals["parent_goal_id"].isna().to_numpy()[goal[known]]
    wrong_goal = (expected >= 0) & (parent_goal != expected)
    top_goal = known & no_parent_written
    rows = np.flatnonzero((parent_goal >= 0) & (wrong_goal | top_goal))
    if not rows.size:
        return no_findings()
    upward = pd.Series(np.where(top_goal[rows], "no goal", ""), dtype="str").where(
        top_goal[rows], _ids(ctx, "goal", np.maximum(expected[rows], 0))
    )
    msg = (
        ctx.label("indicator", rows)
        + " cascades from "
        + _ids(ctx, "indicator", ctx.indicator_parent[rows])
        + ", an indicator of "
        + _ids(ctx, "goal", parent_goal[rows])
        + ", but its goal "
        + _ids(ctx, "goal", goal[rows])
        + " cascades from "
        + upward
    )
    return ctx.findings("indicator", rows, msg)


def _folded(texts: pd.Series, *row_sets: np.ndarray) -> list[np.ndarray]:
    """Codes of ``texts`` at each set of rows, equal where the texts match folded.

    Texts match when they are equal ignoring case and surrounding spaces; a blank is -1.
    Only the distinct spellings among those rows are folded, so the cost does not grow with
    the number of rows.
    """
    rows = np.concatenate(row_sets)
    codes, spellings = pd.factorize(texts.take(rows))
    folded, _ = pd.factorize(pd.Index(spellings, dtype="str").str.strip().str.casefold())
    lookup = np.append(np.asarray(folded, dtype=np.int64), -1)  # code -1 (blank) reads -1
    out = lookup[codes]
    bounds = np.cumsum([len(r) for r in row_sets])[:-1]
    return np.split(out, bounds)


def _carrier_links(ctx: Context) -> np.ndarray:
    """Indicators with role ``carrier`` whose parent indicator exists."""
    links: np.ndarray = (ctx.indicator_parent >= 0) & (_codes(ctx.indicators, "role") == _CARRIER)
    return links


@rule("CAS204", "unit-mismatch", severity=Severity.ERROR, category=Category.CONSISTENCY)
def unit_mismatch(ctx: Context) -> pd.DataFrame:
    """A carrier child whose measure unit differs from its parent's, where the parent aggregates.

    What it flags
    -------------
    An indicator with role ``carrier`` whose ``measure_unit`` (satuan) is not its parent
    indicator's, when the parent derives its realisation from its carriers (``aggregation``
    other than ``none``). Units are compared ignoring case and surrounding spaces, so
    ``Persen`` and ``persen `` agree; different words for one unit (``%`` and ``persen``,
    ``jiwa`` and ``orang``) do not. A blank unit is not compared.

    Why it matters
    --------------
    The parent's number is computed from its carriers' numbers: 1,200 orang cannot be summed
    with 300 keluarga, nor a percentage averaged with a count. A unit that drifts along a
    carrier link makes the derived realisation, and every achievement above it, meaningless.

    Example
    -------
    ``Indikator "DINSOS-RHK1.1.2.1-I1" (…) is measured in "jiwa", its parent
    "DINSOS-SK1.1.2-I1" (sum of its carriers) in "orang"``.

    How to fix
    ----------
    Measure the child in its parent's unit; if it only contributes to the parent's success
    without counting in its number, make its role ``supporting``.
    """
    parent = ctx.indicator_parent
    parent_aggregation = _at(_codes(ctx.indicators, "aggregation"), parent)
    linked = np.flatnonzero(
        _carrier_links(ctx) & (parent_aggregation >= 0) & (parent_aggregation != _NO_AGGREGATION)
    )
    units = ctx.indicators["measure_unit"]
    unit, parent_unit = _folded(units, linked, parent[linked])
    rows = linked[(unit >= 0) & (parent_unit >= 0) & (unit != parent_unit)]
    if not rows.size:
        return no_findings()
    msg = (
        ctx.label("indicator", rows)
        + " is measured in "
        + quote(units.take(rows))
        + ", its parent "
        + _ids(ctx, "indicator", parent[rows])
        + " ("
        + _words(_AGGREGATIONS, parent_aggregation[rows])
        + " of its carriers) in "
        + quote(units.take(parent[rows]))
    )
    return ctx.findings("indicator", rows, msg)


@rule("CAS205", "level-skip", severity=Severity.WARNING, category=Category.LINKAGE)
def level_skip(ctx: Context) -> pd.DataFrame:
    """A child goal owned more than one level below its parent goal's owner.

    What it flags
    -------------
    A goal whose owner's level is two or more levels below its parent owner's level: an
    employee's RHK directly under a bidang's sasaran kegiatan (skipping the seksi), a seksi's
    sasaran under the agency's program. Crosscutting goals are compared the same way.

    The policy's ``level_skip`` decides what a skip is: ``allow`` (this rule does not run),
    ``warn`` (a warning, the default) or ``forbid`` (an error).

    Why it matters
    --------------
    Real structures skip levels (a jabatan fungsional reports directly to a kepala bidang),
    so a skip is not wrong in itself; but an unplanned one usually means the level in
    between forgot to cascade the goal, and the owner there answers for nothing of it.

    Example
    -------
    ``Sasaran "DISPERINDAG-RHK-SIDAK" (…) is owned by "DISPERINDAG-PERDAG-HARGA-2"
    (pelaksana), 3 levels below its parent goal "DISPERINDAG-P1"'s owner "DISPERINDAG"
    (perangkat_daerah)``: an employee's RHK hung directly under the agency's program,
    skipping the bidang and the seksi.

    How to fix
    ----------
    Cascade the goal through the level in between, or keep the skip knowingly: suppress the
    finding with a reason, or set the policy's ``level_skip`` to ``allow``.
    """
    owner, parent_owner = ctx.goal_owner, ctx.goal_parent_owner
    level, parent_level = ctx.goal_owner_level, ctx.goal_parent_owner_level
    gap = level - parent_level
    rows = np.flatnonzero(_goal_links(ctx) & (level >= 0) & (parent_level >= 0) & (gap > 1))
    if not rows.size:
        return no_findings()
    msg = (
        ctx.label("goal", rows)
        + " is owned by "
        + _owner(ctx, owner[rows])
        + ", "
        + pd.Series(gap[rows], dtype="str")
        + " levels below its parent goal "
        + _ids(ctx, "goal", ctx.goal_parent[rows])
        + "'s owner "
        + _owner(ctx, parent_owner[rows])
    )
    return ctx.findings("goal", rows, msg)


@rule("CAS206", "polarity-mismatch", severity=Severity.WARNING, category=Category.CONSISTENCY)
def polarity_mismatch(ctx: Context) -> pd.DataFrame:
    """A carrier child whose polarity differs from its parent's.

    What it flags
    -------------
    An indicator with role ``carrier`` whose ``polarity`` (maximize, minimize, stabilize) is
    not its parent indicator's.

    Why it matters
    --------------
    A carrier's number counts in its parent's, so both must be good in the same direction: if
    the parent is a response time to be kept low, a child marked "higher is better" scores
    itself above 100 % exactly when it drags the parent down. Achievement formulas depend on
    polarity, so the mismatch also gives contradictory capaian along the link.

    Example
    -------
    ``Indikator "BPBD-RHK2.1.1.2-I1" (…) has polarity maximize, its parent
    "BPBD-SK2.1.1-I1" minimize``.

    How to fix
    ----------
    Give the child its parent's polarity; if it measures something that moves the other way
    and only supports the parent, make its role ``supporting``.
    """
    parent = ctx.indicator_parent
    polarity = _codes(ctx.indicators, "polarity")
    parent_polarity = _at(polarity, parent)
    mask = (
        _carrier_links(ctx)
        & (polarity >= 0)
        & (parent_polarity >= 0)
        & (polarity != parent_polarity)
    )
    rows = np.flatnonzero(mask)
    if not rows.size:
        return no_findings()
    msg = (
        ctx.label("indicator", rows)
        + " has polarity "
        + _words(_POLARITIES, polarity[rows])
        + ", its parent "
        + _ids(ctx, "indicator", parent[rows])
        + " "
        + _words(_POLARITIES, parent_polarity[rows])
    )
    return ctx.findings("indicator", rows, msg)


@rule("CAS207", "not-cascaded", severity=Severity.WARNING, category=Category.COMPLETENESS)
def not_cascaded(ctx: Context) -> pd.DataFrame:
    """An indicator of an owner with owners below it, that no indicator cascades from.

    What it flags
    -------------
    An indicator with role other than ``own`` and no child indicator, whose owner has units
    or employees directly below it in the units tree.

    Why it matters
    --------------
    A leader's indicator that nobody below carries is a target with no one working on it:
    the LKE (AREN002.8) asks that performance be cascaded down to individuals, and the
    ministry told B-graded cities to do so. Only employees, who have nobody below them, end
    the cascade.

    Example
    -------
    ``Indikator "DISPERINDAG-K2.1-I3" (…) has no child indicator, although its owner
    "DISPERINDAG-INDUSTRI" has units or employees below it``.

    How to fix
    ----------
    Cascade it: add an indicator for a unit or employee below the owner that names this one
    as its ``parent_indicator_id``. If the owner keeps it for itself (a mandated indicator),
    set its role to ``own``.
    """
    owner = ctx.indicator_owner
    below = _at(ctx.unit_child_count, owner)
    mask = (
        (below > 0) & (ctx.indicator_child_count == 0) & (_codes(ctx.indicators, "role") != _OWN)
    )
    rows = np.flatnonzero(mask)
    if not rows.size:
        return no_findings()
    msg = (
        ctx.label("indicator", rows)
        + " has no child indicator, although its owner "
        + _ids(ctx, "unit", owner[rows])
        + " has units or employees below it"
    )
    return ctx.findings("indicator", rows, msg)


def _expected_kinds() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The kind-level table as arrays: fits[level, kind], agency_fits[kind], and the texts."""
    fits = np.zeros((len(Level), len(GoalKind)), dtype=bool)
    for level, kinds in EXPECTED_KINDS.items():
        fits[level.rank, [k.rank for k in kinds]] = True
    agency = fits[Level.PERANGKAT_DAERAH.rank]
    texts = np.empty((2, len(Level)), dtype=object)
    for level in Level:
        for under_pemda in (0, 1):
            allowed = fits[level.rank] | (agency if under_pemda else False)
            words = [str(k) for k in GoalKind if allowed[k.rank]]
            head = ", ".join(words[:-1])
            texts[under_pemda, level.rank] = f"{head} or {words[-1]}" if head else words[-1]
    return fits, agency, texts


_FITS, _AGENCY_FITS, _EXPECTED_TEXT = _expected_kinds()


@rule("CAS208", "kind-level-mismatch", severity=Severity.WARNING, category=Category.LINKAGE)
def kind_level_mismatch(ctx: Context) -> pd.DataFrame:
    """A goal whose kind does not fit its owner's level.

    What it flags
    -------------
    A goal whose ``kind`` is not one its owner's level has (``EXPECTED_KINDS`` in
    ``cascade.checks.alignment``):

    - ``pemda``: tujuan, sasaran_strategis (the RPJMD);
    - ``perangkat_daerah``: tujuan, sasaran_strategis, sasaran_program (the Renstra and the
      PK of the kepala dinas, whose budget column is the program);
    - ``administrator``: sasaran_kegiatan;
    - ``pengawas``: sasaran_subkegiatan;
    - ``pelaksana``: rencana_hasil_kerja.

    An owner directly under the pemda is an agency whatever its level (a kecamatan whose
    camat is eselon III, modelled as an administrator), so the perangkat daerah's kinds also
    fit it. A blank ``kind`` is not checked.

    Why it matters
    --------------
    The kind says which planning document a goal belongs to and which budget line pays for
    it: JPT and camat sign for programs, administrators for kegiatan, pengawas for sub
    kegiatan, employees for RHK. A goal typed for another level lands in the wrong document
    and the wrong budget column, and the kind checks of ``level-order`` compare the wrong
    things.

    Example
    -------
    ``Sasaran "K1" (…) is a sasaran_program, which does not fit its owner "BID"
    (administrator): expected sasaran_kegiatan``.

    How to fix
    ----------
    Correct the goal's ``kind``, or move the goal to an owner of the level that plans it.
    """
    owner = ctx.goal_owner
    level, kind = ctx.goal_owner_level, ctx.goal_kind
    owner_parent = _at(ctx.unit_tree.parent, owner)
    under_pemda = _at(ctx.unit_level, owner_parent) == Level.PEMDA.rank
    known = (level >= 0) & (kind >= 0)
    rows = np.flatnonzero(known)
    lv, kd = level[rows], kind[rows]
    fits = _FITS[lv, kd] | (under_pemda[rows] & _AGENCY_FITS[kd])
    rows, lv, kd = rows[~fits], lv[~fits], kd[~fits]
    if not rows.size:
        return no_findings()
    msg = (
        ctx.label("goal", rows)
        + " is a "
        + _words(_KINDS, kd)
        + ", which does not fit its owner "
        + _owner(ctx, owner[rows])
        + ": expected "
        + pd.Series(_EXPECTED_TEXT[under_pemda[rows].astype(np.int64), lv], dtype="str")
    )
    return ctx.findings("goal", rows, msg)


@rule(
    "CAS209",
    "key-indicator-not-strategic",
    severity=Severity.WARNING,
    category=Category.LINKAGE,
)
def key_indicator_not_strategic(ctx: Context) -> pd.DataFrame:
    """A key indicator (IKU) on a goal below the sasaran program.

    What it flags
    -------------
    An indicator with ``key`` true whose goal's ``kind`` is sasaran_kegiatan,
    sasaran_subkegiatan or rencana_hasil_kerja. IKUs belong to tujuan, sasaran strategis and
    sasaran program. A blank ``kind`` is not checked.

    Why it matters
    --------------
    An indikator kinerja utama measures the outcome of the pemda or of an agency (its
    Renstra and PK); the evaluator reads the IKU set to judge whether outcomes are measured.
    An output of a kegiatan or an employee's RHK flagged as IKU dilutes that set, and the
    Kemenkeu guidance copied by many pemda (KMK 467/2014) excludes activity-level IKUs.

    Example
    -------
    ``Indikator "I-K1" (…) is a key indicator (IKU), but its goal "K1" is a
    sasaran_kegiatan``.

    How to fix
    ----------
    Set ``key`` to false, or move the indicator to the strategic goal it really measures.
    """
    goal = ctx.indicator_goal
    kind = _at(ctx.goal_kind, goal)
    key = ctx.indicators["key"].fillna(False).to_numpy(dtype=bool)
    rows = np.flatnonzero(key & (kind > GoalKind.SASARAN_PROGRAM.rank))
    if not rows.size:
        return no_findings()
    msg = (
        ctx.label("indicator", rows)
        + " is a key indicator (IKU), but its goal "
        + _ids(ctx, "goal", goal[rows])
        + " is a "
        + _words(_KINDS, kind[rows])
    )
    return ctx.findings("indicator", rows, msg)


@rule(
    "CAS210",
    "crosscutting-within-agency",
    severity=Severity.WARNING,
    category=Category.LINKAGE,
)
def crosscutting_within_agency(ctx: Context) -> pd.DataFrame:
    """A goal declared crosscutting whose parent goal belongs to its own agency.

    What it flags
    -------------
    A goal declared ``crosscutting`` whose parent goal's owner is in the same agency as its
    own owner: its own owner, a unit above it in the agency, or another unit of the agency.
    An owner's agency is the highest owner above it (or itself) that is not the pemda: the
    perangkat daerah for the agency and every unit and employee below it. A pemda goal
    declared crosscutting under a pemda goal is flagged too. A crosscutting link to a goal
    of the pemda or of another agency is what the declaration is for and is never flagged.

    Why it matters
    --------------
    Crosscutting means supporting another agency's or the pemda's goal directly; the LKE
    (AREN002.9) asks for it, and reports count it. Declared inside one agency it is either
    unnecessary (the link is an ordinary cascade) and inflates the crosscutting count, or it
    hides a link between two units of the agency that ``owner-misaligned`` would otherwise
    report.

    Example
    -------
    ``Sasaran "K1" (…) is declared crosscutting, but its parent goal "P1" is owned by
    "DINKES", in its own agency "DINKES"``.

    How to fix
    ----------
    Remove the crosscutting declaration; if the goal really supports another unit of the
    agency outside its own chain, cascade it from a goal of its own chain instead.
    """
    owner, parent_owner = ctx.goal_owner, ctx.goal_parent_owner
    candidates = np.flatnonzero(_goal_links(ctx) & _crosscutting(ctx))
    agency = _agency(ctx, owner[candidates])
    rows = candidates[agency == _agency(ctx, parent_owner[candidates])]
    if not rows.size:
        return no_findings()
    where = (", in its own agency " + _ids(ctx, "unit", _agency(ctx, owner[rows]))).where(
        owner[rows] != parent_owner[rows], ", its own owner"
    )
    msg = (
        ctx.label("goal", rows)
        + " is declared crosscutting, but its parent goal "
        + _ids(ctx, "goal", ctx.goal_parent[rows])
        + " is owned by "
        + _ids(ctx, "unit", parent_owner[rows])
        + where
    )
    return ctx.findings("goal", rows, msg)


RULES: tuple[Rule, ...] = (
    level_order,
    owner_misaligned,
    indicator_goal_mismatch,
    unit_mismatch,
    level_skip,
    polarity_mismatch,
    not_cascaded,
    kind_level_mismatch,
    key_indicator_not_strategic,
    crosscutting_within_agency,
)
