"""What bindings read: one check run of a cascade for a year, and the populations it counts.

Vocabulary
----------
finding id (id temuan)
    ``CODE:subject@period`` (``CAS506:I-DINKES-3@2024Q3``), or ``CODE:subject`` for a finding
    about no period: stable across runs of the same data, so an answer's evidence can be
    looked up in the check report.
population (populasi)
    The subjects a criterion counts (PK indicators, units at a level, budget lines…), one row
    each, with the agency it belongs to and its weight (1, or rupiah for the budget criteria).
agency (perangkat daerah)
    The highest owner in a subject's chain below the pemda (as ``crosscutting-within-agency``
    reads it); the pemda's own subjects belong to the pemda. Fixes and points at risk are
    grouped by it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from cascade.checks._context import Context, NotApplicable
from cascade.checks._report import Report
from cascade.checks.alignment import _agency
from cascade.checks.evaluation._common import key_mask, pk_grid, strategic_goal_mask
from cascade.enums import GoalKind, Level

__all__ = ["Evidence", "finding_ids"]


def finding_ids(frame: pd.DataFrame) -> pd.Series:
    """The finding id of every row of a report frame (see the module docstring).

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame(
    ...     {
    ...         "code": ["CAS506", "CAS104"],
    ...         "subject_id": ["I-1", "G-2"],
    ...         "period": ["2024Q3", None],
    ...     }
    ... )
    >>> finding_ids(frame).tolist()
    ['CAS506:I-1@2024Q3', 'CAS104:G-2']
    """
    head = frame["code"].astype("str") + ":" + frame["subject_id"].astype("str")
    period = frame["period"].astype("str")
    with_period = head + "@" + period.fillna("")
    return with_period.where(period.notna() & (period != ""), head).reset_index(drop=True)


@dataclass(frozen=True)
class Gaps:
    """:func:`~cascade.checks.evaluation.quality.comparison_gaps` of the year assessed.

    ``frame`` is ``None`` when the rule cannot run at all (``reason`` says why); ``notes``
    are the parts it could not decide.
    """

    frame: pd.DataFrame | None
    reason: str = ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Population:
    """Subjects of one kind: their rows in their table, weights and agencies."""

    kind: str
    rows: np.ndarray
    weight: np.ndarray


class Evidence:
    """One check run of a cascade for a year, with the joins bindings share.

    Parameters
    ----------
    context
        The check context for the year assessed.
    report
        The report of every rule (consistency and evaluation) on that context.
    """

    def __init__(self, context: Context, report: Report) -> None:
        self.context = context
        self.report = report
        frame = report.to_frame()
        frame["finding_id"] = finding_ids(frame).to_numpy()
        self.findings = frame
        self._ids: dict[str, np.ndarray] = {}

    def ids(self, kind: str) -> np.ndarray:
        """The ids of the units, goals or indicators table, as Python strings (built once)."""
        if kind not in self._ids:
            column = {"unit": "unit_id", "goal": "goal_id", "indicator": "indicator_id"}[kind]
            table = self.context.table(kind)  # type: ignore[arg-type]
            self._ids[kind] = table[column].astype("str").to_numpy(dtype=object)
        return self._ids[kind]

    # ------------------------------------------------------------------ agencies

    @functools.cached_property
    def unit_agency(self) -> np.ndarray:
        """Per unit: the row of its agency (itself for the pemda and units without one)."""
        ctx = self.context
        rows = np.arange(len(ctx.units), dtype=np.int64)
        return np.asarray(_agency(ctx, rows), dtype=np.int64)

    def agency_ids(self, unit_rows: np.ndarray) -> np.ndarray:
        """The agency id of each unit row (``None`` for -1)."""
        ids = self.ids("unit")
        agency = np.where(unit_rows >= 0, self.unit_agency[np.maximum(unit_rows, 0)], -1)
        out = ids[np.maximum(agency, 0)] if len(ids) else np.empty(len(agency), dtype=object)
        out = np.asarray(out, dtype=object).copy()
        out[agency < 0] = None
        return out

    def owner_rows(self, kind: str, rows: np.ndarray) -> np.ndarray:
        """The unit row owning each subject row of ``kind``."""
        ctx = self.context
        if kind == "unit":
            return rows
        if kind == "goal":
            return np.asarray(ctx.goal_owner[rows], dtype=np.int64)
        return np.asarray(ctx.indicator_owner[rows], dtype=np.int64)

    def rows_of(self, kind: str, ids: np.ndarray) -> np.ndarray:
        """The row of each id in the table of ``kind`` (its first row), -1 if none."""
        tree = self.context.tree(kind)  # type: ignore[arg-type]
        loc = np.asarray(tree._lookup.get_indexer(pd.Index(ids, dtype=object)), dtype=np.int64)
        first = tree._first_rows
        return np.where(loc >= 0, first[np.maximum(loc, 0)] if len(first) else -1, -1)

    # --------------------------------------------------------------- populations

    def _units_at(self, *levels: Level) -> np.ndarray:
        return np.flatnonzero(np.isin(self.context.unit_level, [lv.rank for lv in levels]))

    def units_at(self, *levels: Level) -> np.ndarray:
        """Rows of the units at ``levels``."""
        return self._units_at(*levels)

    def goals_of_kind(self, *kinds: GoalKind) -> np.ndarray:
        """Rows of the goals of ``kinds``."""
        return np.flatnonzero(np.isin(self.context.goal_kind, [k.rank for k in kinds]))

    @functools.cached_property
    def pk_indicators(self) -> np.ndarray:
        """Rows of the PK indicators of the year (a target, owned pemda … pengawas)."""
        return np.flatnonzero(pk_grid(self.context).any(axis=1))

    @functools.cached_property
    def plan_indicators(self) -> np.ndarray:
        """Rows of the indicators owned at PK levels, with a target or not (AREN001.4)."""
        ctx = self.context
        owner = ctx.indicator_owner
        level = np.where(owner >= 0, ctx.unit_level[np.maximum(owner, 0)], -1)
        pk_levels = [Level.PEMDA.rank, Level.PERANGKAT_DAERAH.rank]
        pk_levels += [Level.ADMINISTRATOR.rank, Level.PENGAWAS.rank]
        return np.flatnonzero(np.isin(level, pk_levels))

    @functools.cached_property
    def key_or_pk_indicators(self) -> np.ndarray:
        """Rows of the indicators that are IKU or PK."""
        mask = key_mask(self.context).copy()
        mask[self.pk_indicators] = True
        return np.flatnonzero(mask)

    @functools.cached_property
    def key_indicators(self) -> np.ndarray:
        """Rows of the key indicators (IKU)."""
        return np.flatnonzero(key_mask(self.context))

    @functools.cached_property
    def strategic_indicators(self) -> np.ndarray:
        """Rows of the indicators of strategic goals (tujuan, sasaran strategis)."""
        ctx = self.context
        goal = ctx.indicator_goal
        strategic = strategic_goal_mask(ctx)
        return np.flatnonzero((goal >= 0) & strategic[np.maximum(goal, 0)])

    @functools.cached_property
    def achieved_pk(self) -> np.ndarray:
        """Rows of the PK indicators whose achievement for the year is defined."""
        ctx = self.context
        value = np.asarray(ctx.achievement.value, dtype=np.float64).reshape(
            len(ctx.indicators), len(ctx.periods)
        )
        defined = np.isfinite(value).any(axis=1)
        pk = np.zeros(len(ctx.indicators), dtype=bool)
        pk[self.pk_indicators] = True
        return np.flatnonzero(pk & defined)

    @functools.cached_property
    def budget_goals(self) -> tuple[np.ndarray, np.ndarray]:
        """Rows of the goals with a budget line in the year, and their allocation (rupiah)."""
        ctx = self.context
        year = {p.year for p in ctx.periods}
        budgets = ctx.budgets
        goal = ctx.refs("budgets", "goal_id")
        period = budgets["period"].astype("str").str.slice(0, 4)
        inside = period.isin([str(y) for y in year]).to_numpy(dtype=bool) & (goal >= 0)
        allocated = budgets["allocated"].to_numpy(dtype=np.float64, na_value=np.nan)
        allocated = np.where(np.isfinite(allocated) & (allocated > 0), allocated, 0.0)
        sums = np.bincount(goal[inside], weights=allocated[inside], minlength=len(ctx.goals))
        rows = np.flatnonzero(sums > 0)
        return rows, sums[rows]

    @functools.cached_property
    def indicator_owners(self) -> np.ndarray:
        """Rows of the units that own at least one indicator."""
        owner = self.context.indicator_owner
        return np.unique(owner[owner >= 0])

    @functools.cached_property
    def shared_pemda_goals(self) -> np.ndarray:
        """Rows of the pemda goals with a child goal owned outside the pemda (AREN002.9)."""
        ctx = self.context
        parent = ctx.goal_parent
        child_owner_level = ctx.goal_owner_level
        outside = (parent >= 0) & (child_owner_level > Level.PEMDA.rank)
        parents = np.unique(parent[outside])
        pemda = ctx.goal_owner_level[parents] == Level.PEMDA.rank
        return np.asarray(parents[pemda], dtype=np.int64)

    @functools.cached_property
    def comparison_gaps(self) -> Gaps:
        """Which comparisons each IKU lacks in the year (CLAP002.3–.6), computed once."""
        from cascade.checks.evaluation.quality import comparison_gaps

        ctx = self.context
        before = list(ctx.partly_not_applicable)
        ctx.partly_not_applicable.clear()
        try:
            frame = comparison_gaps(ctx)
        except NotApplicable as exc:
            return Gaps(None, exc.reason)
        finally:
            notes = tuple(dict.fromkeys(ctx.partly_not_applicable))
            ctx.partly_not_applicable[:] = before
        return Gaps(frame, notes=notes)

    # ------------------------------------------------------------------ findings

    def on(self, names: tuple[str, ...], kind: str) -> pd.DataFrame:
        """Findings of the rules ``names`` about subjects of ``kind``."""
        f = self.findings
        return f[f["name"].isin(names) & (f["subject_kind"] == kind)]

    def owned_by(self, names: tuple[str, ...]) -> pd.DataFrame:
        """Findings of ``names`` about any subject, keyed by the unit that owns it."""
        f = self.findings
        return f[f["name"].isin(names) & f["owner_id"].notna()]

    def not_applicable(self, names: tuple[str, ...]) -> dict[str, str]:
        """Rule name → reason for the rules of ``names`` that could not be decided."""
        from cascade.checks.catalogue import CATALOGUE

        codes = {r.code: r.name for r in CATALOGUE}
        return {
            codes[c]: reason
            for c, reason in self.report.not_applicable.items()
            if codes.get(c) in names
        }
