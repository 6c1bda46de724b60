"""Evaluation rules (``CAS5xx``): coverage, who in the organisation has a plan, and who shares it.

The LKE asks that every unit and every employee have a performance plan that reaches the
city's goals (AREN002.10, AREN002.11), that the city's goals be carried by several agencies,
crosscutting where they must (AREN002.9), and that the goals which need money have it
(AREN001.6, AREN003.1). Research ``lke.md`` section 2.2: ``unit-without-goal``,
``employee-without-rhk``, ``crosscutting-absent``, ``crosscutting-unlinked``,
``unfunded-goal``. How far down the cascade reaches, level by level, is the
``cascade-depth`` metric of :mod:`cascade.checks.evaluation.depth`, which is not a rule.

Vocabulary
----------
year checked
    A year of the periods checked (:func:`~cascade.checks.evaluation._common.checked_years`;
    a quarter or month checked stands for its year). A finding about a year names it as its
    period.
target in year y
    A row of ``targets`` with a number, for the year y itself or for a quarter or month
    inside it, of an indicator that exists. A plan that states only quarters is still a
    plan: the missing annual row is ``missing-target``'s finding, not these rules'.
plan (rencana kinerja) of a unit in year y
    A goal the unit owns with an indicator that has a target in year y.
employee (pegawai)
    A unit of level ``pelaksana``; the ``pelaksana`` rows of ``units`` are the roster.
RHK goal
    A goal of kind ``rencana_hasil_kerja`` owned by an employee, or an employee's goal whose
    kind is not stated (the only kind an employee's goal can have).
reaches the root
    The goal's chain of parent goals ends at a pemda-owned goal, without a blank or dangling
    parent or a cycle on the way
    (:func:`~cascade.checks.evaluation._common.goal_reaches_root`).
agency (perangkat daerah, OPD)
    The ``perangkat_daerah`` unit a unit belongs to: itself or its ancestor at that level
    (:func:`~cascade.checks.evaluation._common.agency_rows`). The pemda, and a unit with no
    perangkat daerah above it, belong to none.
shared pemda goal
    A pemda-owned goal with at least one child goal owned outside the pemda (by an agency or
    a unit or employee below one). Only these are judged by ``crosscutting-absent``: a pemda
    tujuan whose children are all the pemda's own sasaran is judged at those sasaran, where
    the agencies come in.
supporting agencies of a shared pemda goal G
    The agencies of the owners of G's child goals, and of the goals declared
    ``crosscutting`` anywhere below G whose nearest pemda goal above is G: a Dinas Sosial
    goal declared crosscutting toward a Dinas Kesehatan goal supports the pemda's health
    goal above it. Goals below G that cross agencies without the declaration do not count
    (``owner-misaligned`` reports them).
funded goal kinds
    ``sasaran_program``, ``sasaran_kegiatan`` and ``sasaran_subkegiatan``: the goals the APBD
    funds (Permendagri 90/2019).
budget line of year y
    A row of ``budgets`` whose period is y or lies inside it (a quarter's line falls in its
    year), of a goal that exists.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cascade.checks._context import Context, concat, no_findings, quote
from cascade.checks._rule import Category, Rule, Severity, rule
from cascade.checks.evaluation._common import agency_rows, checked_years, goal_reaches_root
from cascade.derive import _levels
from cascade.enums import GoalKind, Level
from cascade.period import Period

__all__ = [
    "FUNDED_KINDS",
    "RULES",
    "crosscutting_absent",
    "crosscutting_unlinked",
    "employee_without_rhk",
    "unfunded_goal",
    "unit_without_goal",
]

#: Goal kinds the APBD funds: a program, kegiatan or sub kegiatan goal (``unfunded-goal``).
FUNDED_KINDS: tuple[GoalKind, ...] = (
    GoalKind.SASARAN_PROGRAM,
    GoalKind.SASARAN_KEGIATAN,
    GoalKind.SASARAN_SUBKEGIATAN,
)

# ------------------------------------------------------------------ shared helpers


def _year_columns(frame: pd.DataFrame, years: list[int]) -> np.ndarray:
    """For each row of ``frame``: the index in ``years`` of the year its period is or lies in.

    -1 for a row of another year or a blank period. One parse per distinct period, then a
    lookup per row.
    """
    period = frame["period"]
    if not isinstance(period.dtype, pd.CategoricalDtype):  # pragma: no cover - canonical
        period = period.astype("str").astype("category")
    where = {y: k for k, y in enumerate(years)}
    lookup = np.array(
        [where.get(Period.parse(str(c)).year, -1) for c in period.cat.categories] + [-1],
        dtype=np.int64,
    )
    out: np.ndarray = lookup[period.cat.codes.to_numpy(dtype=np.int64)]
    return out


def _numbers_in_years(ctx: Context, table: str, column: str, years: list[int]) -> np.ndarray:
    """(indicators x ``years``): the indicator has a row of ``table`` with a number in year y.

    A row counts for y when its period is y or a quarter or month inside it and its
    ``column`` is a finite number; rows of an indicator that does not exist do not count.
    """
    frame = ctx.targets if table == "targets" else ctx.realisations
    out = np.zeros((len(ctx.indicators), len(years)), dtype=bool)
    if not len(frame) or not years:
        return out
    rows = ctx.refs(table, "indicator_id")
    k = _year_columns(frame, years)
    value = frame[column].to_numpy(dtype=np.float64, na_value=np.nan)
    ok = (rows >= 0) & (k >= 0) & np.isfinite(value)
    out[rows[ok], k[ok]] = True
    return out


def _any_by(keys: np.ndarray, flags: np.ndarray, size: int) -> np.ndarray:
    """(``size`` x columns of ``flags``): some row with that key has the flag in the column.

    ``keys`` is each row's key (-1: none), ``flags`` a (rows x columns) boolean grid.
    """
    out = np.zeros((size, flags.shape[1]), dtype=bool)
    row, k = np.nonzero(flags & (keys >= 0)[:, None])
    out[keys[row], k] = True
    return out


def _plural(count: np.ndarray, one: str, many: str) -> pd.Series:
    """``1 goal``, ``3 goals`` for each count."""
    count = np.asarray(count, dtype=np.int64)
    words = np.where(count == 1, one, many).astype(object)
    return pd.Series(count.astype(str).astype(object) + " " + words, dtype="str")


def _year_text(years: list[int], k: np.ndarray) -> pd.Series:
    """The year of each column index, as text."""
    names = np.array([str(y) for y in years], dtype=object)
    return pd.Series(names[k], dtype="str")


def _years(ctx: Context, reason: str) -> list[int]:
    """The years checked; not applicable with ``reason`` when there are none."""
    years = checked_years(ctx)
    if not years:
        ctx.not_applicable(reason)
    return years


def _declared(ctx: Context) -> np.ndarray:
    """Per goal: declared ``crosscutting`` (and not a copy of an earlier goal's id)."""
    declared = ctx.goals["crosscutting"].fillna(False).to_numpy(dtype=bool)
    out: np.ndarray = declared & ~ctx.cascade._copies["goal"]
    return out


def _pemda_anchor(ctx: Context) -> np.ndarray:
    """Per goal: the nearest pemda-owned goal on its chain (itself included), -1 if none.

    One vectorised pass per depth of the goal tree, top down; -1 on or below a cycle.
    """
    tree = ctx.goal_tree
    n = len(ctx.goals)
    own = ctx.goal_owner_level == Level.PEMDA.rank
    anchor = np.where(own, np.arange(n, dtype=np.int64), -1)
    below = np.flatnonzero(tree.depth > 0)
    for level in _levels(below, tree.depth[below]):  # top down
        inherit = ~own[level]
        anchor[level[inherit]] = anchor[tree.parent[level[inherit]]]
    anchor[tree.depth < 0] = -1
    return anchor


_NO_YEAR = "needs a year checked (a target, realisation or budget for some year)"

# ------------------------------------------------------------------------- rules


@rule(
    "CAS501",
    "unit-without-goal",
    severity=Severity.WARNING,
    category=Category.COMPLETENESS,
    default=False,
)
def unit_without_goal(ctx: Context) -> pd.DataFrame:
    """An administrator or pengawas unit that owns no goal with an indicator and a target.

    What it flags
    -------------
    For each year checked, a unit at one of the policy's plan levels (``plan_levels``:
    ``administrator`` and ``pengawas`` by default) that owns no goal with an indicator that
    has a target in that year (for the year itself or a quarter or month inside it). One
    finding per unit and year; the message says whether the unit owns no goal at all, goals
    without indicators, or indicators without a target for the year. Not applicable when no
    unit is at those levels (the units below the agencies are not loaded) or no year is
    checked.

    Why it matters
    --------------
    The LKE asks that every unit (satuan kerja) set its own performance plan (AREN002.10):
    a bidang or a seksi with no goal, indicator and target has signed no perjanjian kinerja
    that can be measured, and the agency's goals stop at its head. It is also the evaluator's
    first sign that the unit is not committed to the plan (AREN003.7).

    Example
    -------
    ``Unit "SEKSI" (Seksi Surveilans), a pengawas unit, owns 1 goal but none with an
    indicator: it has no plan for 2024``.

    How to fix
    ----------
    Give the unit its sasaran kegiatan or sub kegiatan (cascaded from its parent unit's
    goal), with at least one indicator and that indicator's target for the year.
    """
    years = _years(ctx, _NO_YEAR)
    levels = list(ctx.settings.plan_levels)
    ranks = [Level(v).rank for v in levels]
    units = np.flatnonzero(np.isin(ctx.unit_level, ranks))
    if not units.size:
        ctx.not_applicable("needs units of level " + " or ".join(levels))
    n_units = len(ctx.units)
    goal_owner, indicator_owner = ctx.goal_owner, ctx.indicator_owner
    goals = np.bincount(goal_owner[goal_owner >= 0], minlength=n_units)
    indicators = np.bincount(indicator_owner[indicator_owner >= 0], minlength=n_units)
    targeted = _numbers_in_years(ctx, "targets", "target", years)
    planned = _any_by(indicator_owner, targeted, n_units)[units]
    row, k = np.nonzero(~planned)
    if not row.size:
        return no_findings()
    rows = units[row]
    year = _year_text(years, k)
    level = pd.Series(ctx.units["level"].take(rows).astype("str").to_numpy(), dtype="str")
    who = ctx.label("unit", rows) + ", " + _article(level) + " " + level + " unit,"
    n_goals, n_indicators = goals[rows], indicators[rows]
    why = (
        " owns "
        + _plural(n_indicators, "indicator", "indicators")
        + " but none with a target for "
        + year
    )
    why = why.where(
        pd.Series(n_indicators > 0),
        " owns " + _plural(n_goals, "goal", "goals") + " but none with an indicator: it has no"
        " plan for " + year,
    )
    why = why.where(pd.Series(n_goals > 0), " owns no goal: it has no plan for " + year)
    return ctx.findings("unit", rows, who + why, period=year)


def _article(words: pd.Series) -> pd.Series:
    """``an`` before a vowel, ``a`` otherwise."""
    vowel = words.str[:1].isin(list("aeiou")).to_numpy()
    return pd.Series(np.where(vowel, "an", "a").astype(object), dtype="str")


@rule(
    "CAS502",
    "employee-without-rhk",
    severity=Severity.WARNING,
    category=Category.COMPLETENESS,
    default=False,
)
def employee_without_rhk(ctx: Context) -> pd.DataFrame:
    """An employee (pelaksana) with no RHK goal that reaches the pemda's goals.

    What it flags
    -------------
    A unit of level ``pelaksana`` that owns no goal of kind ``rencana_hasil_kerja`` (RHK; a
    goal of an employee whose kind is blank counts as one), or whose RHK goals all fail to
    reach the root: their chain of parent goals stops at a blank or dangling parent, or runs
    into a cycle, before a pemda goal. One finding per employee; the message gives how many
    of the employees in the roster have no such RHK. Not applicable when ``units`` holds no
    employee: the rule judges the roster, and a cascade that stops at the units has none.

    Why it matters
    --------------
    The LKE asks that every employee set a performance plan (AREN002.11) and that the plans
    of every level be linked (cascading, AREN002.8); the ministry's first advice to a
    B-grade pemda is to cascade down to individuals. An SKP whose RHK serves no goal above it
    cannot be traced to the city's performance. The rule is only as good as the roster:
    an employee missing from ``units`` is never flagged.

    Example
    -------
    ``Unit "ASN" (Budi), an employee, has 1 RHK goal but none reaches a pemda goal through
    its parent goals (12 of the 40 employees in the roster have no RHK that reaches a pemda
    goal)``.

    How to fix
    ----------
    Give the employee an RHK (``kind = rencana_hasil_kerja``) cascaded from a goal of the
    unit they work in, with ``parent_goal_id``; or repair the chain of parent goals above
    the RHK.
    """
    employee = Level.PELAKSANA.rank
    staff = np.flatnonzero(ctx.unit_level == employee)
    if not staff.size:
        ctx.not_applicable("needs a roster of employees (units of level pelaksana)")
    n_units = len(ctx.units)
    owner = ctx.goal_owner
    kind = ctx.goal_kind
    owned_by_staff = np.zeros(len(owner), dtype=bool)
    known = owner >= 0
    owned_by_staff[known] = ctx.unit_level[owner[known]] == employee
    rhk = (
        owned_by_staff
        & ((kind == GoalKind.RENCANA_HASIL_KERJA.rank) | (kind < 0))
        & ~ctx.cascade._copies["goal"]
    )
    count = np.bincount(owner[rhk], minlength=n_units)
    reaching = np.bincount(owner[rhk & goal_reaches_root(ctx)], minlength=n_units)
    rows = staff[reaching[staff] == 0]
    if not rows.size:
        return no_findings()
    roster = int((~ctx.cascade._copies["unit"][staff]).sum())
    without = int((~ctx.cascade._copies["unit"][rows]).sum())
    verb = "has" if without == 1 else "have"
    plural = "employee" if roster == 1 else "employees"
    context = (
        f" ({without} of the {roster} {plural} in the roster {verb} no RHK that reaches a"
        " pemda goal)"
    )
    n = count[rows]
    label = ctx.label("unit", rows)
    msg = (
        label
        + ", an employee, has "
        + _plural(n, "RHK goal", "RHK goals")
        + " but none reaches a pemda goal through its parent goals"
        + context
    )
    msg = msg.where(
        pd.Series(n > 0), label + ", an employee, has no rencana hasil kerja (RHK) goal" + context
    )
    return ctx.findings("unit", rows, msg)


@rule(
    "CAS503",
    "crosscutting-absent",
    severity=Severity.INFO,
    category=Category.LINKAGE,
    default=False,
)
def crosscutting_absent(ctx: Context) -> pd.DataFrame:
    """A pemda goal that fewer than two agencies support.

    What it flags
    -------------
    A shared pemda goal (a pemda-owned goal with at least one child goal owned outside the
    pemda) whose supporting agencies are fewer than the policy's ``min_agencies`` (2). Its
    supporting agencies are the perangkat daerah of the owners of its child goals (a unit's
    or an employee's agency counts), and of the goals declared ``crosscutting`` anywhere
    below it whose nearest pemda goal above is this one: a Dinas Sosial goal declared
    crosscutting toward a Dinas Kesehatan program supports the pemda's health goal above
    that program. A child owned by a unit with no perangkat daerah above it counts for
    none. Goals listed in ``single_agency_goals`` are never flagged. A pemda tujuan whose
    children are all the pemda's own sasaran is not judged itself: its sasaran are, one
    level down. Not applicable when the cascade has no shared pemda goal.

    Why it matters
    --------------
    The LKE asks that plans show how performance is shared across agencies (crosscutting,
    AREN002.9), and the ministry's advice to B-grade pemda is to achieve the city's targets
    through cross-agency collaboration. A city goal carried by one agency alone (poverty
    left to the Dinas Sosial) is usually a goal whose other contributors were never asked.
    Some goals do belong to one agency; list them in ``single_agency_goals``.

    Example
    -------
    ``Sasaran "S1" (Menurunnya angka kesakitan) is supported by only 1 agency ("DINKES");
    at least 2 should share it``.

    How to fix
    ----------
    Cascade the goal to the other agencies that contribute to it, or let their goals declare
    ``crosscutting = true`` toward it; if it is truly one agency's, add its id to the
    policy's ``single_agency_goals``.
    """
    parent, owner = ctx.goal_parent, ctx.goal_owner
    pemda = Level.PEMDA.rank
    child = np.flatnonzero((parent >= 0) & (ctx.goal_owner_level > pemda))
    child = child[ctx.goal_owner_level[parent[child]] == pemda]
    if not child.size:
        ctx.not_applicable(
            "needs a pemda goal with a child goal owned outside the pemda (a shared pemda goal)"
        )
    shared = np.unique(parent[child])
    # Supporters: the owners of the child goals, and of the goals declared crosscutting
    # anywhere below (their nearest pemda goal above is the one they support).
    declared = np.flatnonzero(_declared(ctx) & (ctx.goal_owner_level > pemda) & (parent >= 0))
    anchor = _pemda_anchor(ctx)[parent[declared]]
    supported = np.concatenate([parent[child], anchor[anchor >= 0]])
    supporter = np.concatenate([child, declared[anchor >= 0]])
    agency = agency_rows(ctx)[owner[supporter]]
    n_units = len(ctx.units)
    pairs = np.unique(supported[agency >= 0] * n_units + agency[agency >= 0])
    goal_of_pair, agency_of_pair = pairs // n_units, pairs % n_units
    count = np.bincount(goal_of_pair, minlength=len(ctx.goals))
    needed = ctx.settings.min_agencies
    allowed = ctx.goals["goal_id"].astype("str").isin(ctx.settings.single_agency_goals)
    rows = shared[(count[shared] < needed) & ~allowed.to_numpy(dtype=bool)[shared]]
    if not rows.size:
        return no_findings()
    keep = np.isin(goal_of_pair, rows)
    ids = quote(ctx.units["unit_id"].take(agency_of_pair[keep]))
    listed = pd.Series(ids.to_numpy(), index=goal_of_pair[keep]).groupby(level=0).agg(", ".join)
    names = listed.reindex(rows).fillna("").reset_index(drop=True)
    n = count[rows]
    label = ctx.label("goal", rows)
    tail = f"; at least {needed} should share it, directly or through crosscutting goals"
    msg = label + " is supported by only " + _plural(n, "agency", "agencies") + " (" + names
    msg = msg + ")" + tail
    none = " is cascaded below the pemda, but to no agency (perangkat daerah)" + tail
    msg = msg.where(pd.Series(n > 0), label + none)
    return ctx.findings("goal", rows, msg)


@rule(
    "CAS504",
    "crosscutting-unlinked",
    severity=Severity.WARNING,
    category=Category.LINKAGE,
    default=False,
)
def crosscutting_unlinked(ctx: Context) -> pd.DataFrame:
    """A goal declared crosscutting that names no parent goal or has no target for the year.

    What it flags
    -------------
    A goal declared ``crosscutting``:

    - with a blank ``parent_goal_id``: it is declared to support another agency's or the
      pemda's goal but names none (one finding, with no period);
    - for each year checked, with no indicator that has a target in that year (for the year
      or a quarter or month inside it): its support cannot be measured (one finding per
      year, with the year as its period).

    A crosscutting goal whose parent goal belongs to its own agency, so that nothing crosses,
    is ``crosscutting-within-agency`` (CAS210)'s finding and is not repeated here; a parent
    id that names no goal is ``dangling-reference``'s. Without a year checked only the
    parent is checked.

    Why it matters
    --------------
    The LKE credits crosscutting that is visible in the plan (AREN002.9): a declared link to
    a goal of another agency or of the pemda, carried by indicators with targets. A
    declaration with nothing to point at, or with nothing to measure, is a label, and
    evaluators read it as such.

    Example
    -------
    ``Sasaran "K2" (Meningkatnya gizi anak sekolah) is declared crosscutting but has no
    indicator with a target for 2024``.

    How to fix
    ----------
    Name the goal of the other agency (or the pemda's) that it supports in
    ``parent_goal_id``, and give it an indicator with a target for the year; if it supports
    nothing outside its own agency, remove the declaration.
    """
    declared = _declared(ctx)
    if not declared.any():
        return no_findings()
    blank = ctx.goals["parent_goal_id"].isna().to_numpy(dtype=bool)
    orphans = np.flatnonzero(declared & blank)
    parts = [
        ctx.findings(
            "goal",
            orphans,
            ctx.label("goal", orphans)
            + " is declared crosscutting but names no parent goal: it supports no goal of"
            " another agency or of the pemda",
        )
    ]
    years = checked_years(ctx)
    if not years:
        ctx.not_applicable("needs a year checked for the indicator part", partly=True)
        return concat(parts)
    targeted = _numbers_in_years(ctx, "targets", "target", years)
    measured = _any_by(ctx.indicator_goal, targeted, len(ctx.goals))
    row, k = np.nonzero(~measured & declared[:, None])
    if row.size:
        year = _year_text(years, k)
        has = pd.Series(ctx.goal_indicator_count[row] > 0)
        what = (" has no indicator with a target for " + year).where(
            has, " has no indicator, so nothing measures it in " + year
        )
        msg = ctx.label("goal", row) + " is declared crosscutting but" + what
        parts.append(ctx.findings("goal", row, msg, period=year))
    return concat(parts)


@rule(
    "CAS507",
    "unfunded-goal",
    severity=Severity.INFO,
    category=Category.COMPLETENESS,
    default=False,
)
def unfunded_goal(ctx: Context) -> pd.DataFrame:
    """A program, kegiatan or sub kegiatan goal with no budget for the year.

    What it flags
    -------------
    For each year checked, a goal of kind ``sasaran_program``, ``sasaran_kegiatan`` or
    ``sasaran_subkegiatan`` with no budget line for the year (a line of the year itself or
    of a quarter or month inside it), or whose lines all allocate Rp 0. A goal whose
    indicators have targets in other years but none in this one is not in this year's plan
    and is not flagged; a goal with no target at all is. A line whose allocation is not a
    number is left to ``invalid-value``. Not applicable when the cascade has no budget
    lines at all. The complement of ``budget-orphan`` (money without a goal); a goal whose
    budget sits on its parent or children is still flagged, since each program, kegiatan and
    sub kegiatan has its own pagu in the DPA.

    Why it matters
    --------------
    The LKE asks that the budget plan support performance (AREN001.6) and that the goals
    which need money have it (AREN003.1). A kegiatan with targets but no pagu either will
    not happen or is paid from a line booked elsewhere, and its efficiency cannot be shown
    (CLAP002.8).

    Example
    -------
    ``Sasaran "SK1" (Tersedianya data surveilans) is a sasaran_subkegiatan with no budget
    (pagu) for 2024``.

    How to fix
    ----------
    Add the goal's pagu for the year to ``budgets`` (from the DPA); if the money is booked on
    another goal, move the line to the goal it funds.
    """
    budgets = ctx.budgets
    if not len(budgets):
        ctx.not_applicable("needs a budgets table (budget lines with a pagu per goal)")
    years = _years(ctx, _NO_YEAR)
    n_goals = len(ctx.goals)
    goal = ctx.refs("budgets", "goal_id")
    k = _year_columns(budgets, years)
    allocated = budgets["allocated"].to_numpy(dtype=np.float64, na_value=np.nan)
    line = (goal >= 0) & (k >= 0)
    has_line = np.zeros((n_goals, len(years)), dtype=bool)
    has_line[goal[line], k[line]] = True
    funded = np.zeros_like(has_line)
    money = line & (allocated != 0)  # NaN is not 0: an unreadable pagu is invalid-value's
    funded[goal[money], k[money]] = True
    # In the year's plan: some target in the year, or no target in any year at all.
    indicator_goal = ctx.indicator_goal
    targeted = _numbers_in_years(ctx, "targets", "target", years)
    planned = _any_by(indicator_goal, targeted, n_goals)
    ever = _targets_ever(ctx)
    planned |= ~ever[:, None]
    kind = np.isin(ctx.goal_kind, [g.rank for g in FUNDED_KINDS]) & ~ctx.cascade._copies["goal"]
    row, col = np.nonzero(kind[:, None] & planned & ~funded)
    if not row.size:
        return no_findings()
    year = _year_text(years, col)
    kinds = pd.Series(ctx.goals["kind"].take(row).astype("str").to_numpy(), dtype="str")
    msg = ctx.label("goal", row) + " is a " + kinds
    msg = (msg + " whose budget lines for " + year + " all allocate Rp 0").where(
        has_line[row, col], msg + " with no budget (pagu) for " + year
    )
    return ctx.findings("goal", row, msg, period=year)


def _targets_ever(ctx: Context) -> np.ndarray:
    """Per goal: some indicator of it has a target row with a number, in any period."""
    out = np.zeros(len(ctx.goals), dtype=bool)
    rows = ctx.refs("targets", "indicator_id")
    value = ctx.targets["target"].to_numpy(dtype=np.float64, na_value=np.nan)
    ok = rows >= 0
    ok[ok] = np.isfinite(value[ok])
    goals = ctx.indicator_goal[rows[ok]]
    out[goals[goals >= 0]] = True
    return out


RULES: tuple[Rule, ...] = (
    unit_without_goal,
    employee_without_rhk,
    crosscutting_absent,
    crosscutting_unlinked,
    unfunded_goal,
)
