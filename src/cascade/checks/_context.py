"""What rules share: the tables, the trees, precomputed joins, and how a rule reports.

A :class:`Context` is built once per :func:`cascade.check` run. Its joins (each goal's owner
row and level, each indicator's goal row and parent indicator's goal row, …) are numpy arrays
over whole tables, computed on first use and shared by every rule that needs them, so a rule
is a few vectorised comparisons and never a Python loop per node.

A rule returns a frame built by :meth:`Context.findings`: one row per finding, with the
subject's kind, id and row, a message and a hint (text, vectorised), and the period when it
is about one.

Messages are short and concrete and name things as the planning office does: the kind in
Indonesian, the id in quotes and the name in brackets, for example
``Indikator "I-DINKES-3" (Persentase balita gizi buruk) has no parent indicator``.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from cascade._tree import Tree
    from cascade.achievement import Achievement
    from cascade.model import Cascade
    from cascade.period import Period
    from cascade.policy import EvaluationSettings, Policy

__all__ = [
    "FINDING_COLUMNS",
    "KINDS",
    "Context",
    "NotApplicable",
    "SubjectKind",
    "concat",
    "label",
    "no_findings",
    "quote",
]

SubjectKind = Literal["unit", "goal", "indicator"]
#: The three hierarchies, top to bottom of the model.
KINDS: tuple[SubjectKind, ...] = ("unit", "goal", "indicator")

#: Columns of the frame a rule returns.
FINDING_COLUMNS = ["subject_kind", "subject_id", "subject_row", "message", "hint", "period"]

_NOUN = {"unit": "Unit", "goal": "Sasaran", "indicator": "Indikator"}
_NAME_COLUMN = {"unit": "name", "goal": "statement", "indicator": "name"}
_ID_COLUMN = {"unit": "unit_id", "goal": "goal_id", "indicator": "indicator_id"}
_TABLE = {"unit": "units", "goal": "goals", "indicator": "indicators"}

TextLike = str | Sequence[str] | pd.Series | np.ndarray


class NotApplicable(Exception):  # noqa: N818 - a signal, not an error
    """Raised by a rule (through :meth:`Context.not_applicable`) that lacks the data it needs.

    The run records the reason in :attr:`Report.not_applicable
    <cascade.checks.Report.not_applicable>`; the rule neither passes nor fails.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Context:
    """Inputs and shared joins for one check run.

    Parameters
    ----------
    cascade
        The cascade checked.
    periods
        The periods whose targets, realisations and budgets are checked.
    policy
        The check policy.
    as_of
        The last period whose data are due (a quarter or month inside the year checked, for
        an in-year look); ``None`` when every period checked has ended.
    """

    def __init__(
        self,
        cascade: Cascade,
        periods: list[Period],
        policy: Policy,
        *,
        as_of: Period | None = None,
    ) -> None:
        self.cascade = cascade
        self.periods = periods
        self.policy = policy
        self.as_of = as_of
        #: Parts of a rule that did not apply, by reason (see :meth:`not_applicable`).
        self.partly_not_applicable: list[str] = []
        tables = cascade._tables
        self.units: pd.DataFrame = tables["units"]
        self.goals: pd.DataFrame = tables["goals"]
        self.indicators: pd.DataFrame = tables["indicators"]
        self.targets: pd.DataFrame = tables["targets"]
        self.realisations: pd.DataFrame = tables["realisations"]
        self.budgets: pd.DataFrame = tables["budgets"]
        trees = cascade._trees
        self.unit_tree: Tree = trees["unit"]
        self.goal_tree: Tree = trees["goal"]
        self.indicator_tree: Tree = trees["indicator"]
        #: Grids of target columns already built (see ``values.target_grid``), by column.
        self.grids: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        #: Raw findings of the rules run on this context, by code (see ``Rule.__call__``):
        #: (findings, ``None``, notes) or (``None``, the :class:`NotApplicable`, ``()``).
        self.rule_results: dict[
            str, tuple[pd.DataFrame | None, NotApplicable | None, tuple[str, ...]]
        ] = {}

    @property
    def settings(self) -> EvaluationSettings:
        """The thresholds and domain words of the evaluation rules."""
        return self.policy.evaluation

    def not_applicable(self, reason: str, *, partly: bool = False) -> None:
        """Declare that the running rule cannot be decided on these data, and why.

        With ``partly=False`` (the default) the rule stops here: it raises
        :class:`NotApplicable`, and the report lists the rule as not applicable with
        ``reason`` instead of as passed. With ``partly=True`` the rule goes on with the part
        it can decide and the reason is noted beside its findings (a benchmark column that is
        absent while the other comparisons can be checked).
        """
        if partly:
            self.partly_not_applicable.append(reason)
            return
        raise NotApplicable(reason)

    def elapsed(self, period: Period) -> bool:
        """Whether ``period`` has ended by :attr:`as_of` (always, without an ``as_of``)."""
        if self.as_of is None:
            return True
        return period.year * 100 + period.last_month <= self.as_of.year * 100 + (
            self.as_of.last_month
        )

    def refs(self, table: str, column: str) -> np.ndarray:
        """For each row of ``table``, the row its id column ``column`` refers to (-1 if none)."""
        return self.cascade._index.rows(table, column)

    def tree(self, kind: SubjectKind) -> Tree:
        """The tree of units, goals or indicators."""
        return {"unit": self.unit_tree, "goal": self.goal_tree, "indicator": self.indicator_tree}[
            kind
        ]

    def table(self, kind: SubjectKind) -> pd.DataFrame:
        """The table of units, goals or indicators."""
        return {"unit": self.units, "goal": self.goals, "indicator": self.indicators}[kind]

    # ------------------------------------------------------------- joins

    @functools.cached_property
    def derived(self) -> pd.DataFrame:
        """Every indicator's reported, derived and effective realisation per period checked.

        As :func:`cascade.derive.derive_realisations` under the policy's ``missing`` setting;
        computed once and shared by the checker and the propagation engine.
        """
        from cascade.derive import _derive

        return _derive(
            self.indicators,
            self.realisations,
            self.refs("realisations", "indicator_id"),
            self.indicator_tree,
            self.periods,
            self.policy.missing,
        )

    @functools.cached_property
    def achievement(self) -> Achievement:
        """Every indicator's computed achievement per period checked, flattened row-major.

        From the realisation that counts (:attr:`derived`) and the period's target, by
        :func:`cascade.achievement.compute_achievement` under the policy; the engine and the
        ``undefined-achievement`` rule share it.
        """
        from cascade.achievement import compute_achievement, polarity_codes
        from cascade.checks.values import target_grid

        lower, _ = target_grid(self, "target")
        upper, _ = target_grid(self, "target_upper")
        p = len(self.periods)
        codes = polarity_codes(self.indicators["polarity"], len(self.indicators))
        return compute_achievement(
            self.derived["value"].to_numpy(dtype=np.float64),
            lower.ravel(),
            upper.ravel(),
            np.repeat(codes, p),
            policy=self.policy,
        )

    @functools.cached_property
    def unit_level(self) -> np.ndarray:
        """Level rank of every unit (0 = pemda … 4 = pelaksana), -1 if unknown."""
        return np.asarray(self.units["level"].cat.codes, dtype=np.int64)

    @functools.cached_property
    def goal_owner(self) -> np.ndarray:
        """Row in ``units`` of each goal's owner, -1 if the owner does not exist."""
        return self.cascade._index.rows("goals", "unit_id")

    @functools.cached_property
    def goal_owner_level(self) -> np.ndarray:
        """Level rank of each goal's owner, -1 if the owner does not exist."""
        return _take(self.unit_level, self.goal_owner)

    @functools.cached_property
    def goal_kind(self) -> np.ndarray:
        """Kind rank of each goal (0 = tujuan … 5 = RHK), -1 if not stated."""
        return np.asarray(self.goals["kind"].cat.codes, dtype=np.int64)

    @functools.cached_property
    def goal_parent(self) -> np.ndarray:
        """Row of each goal's parent goal, -1 for none or a parent that does not exist."""
        return self.goal_tree.parent

    @functools.cached_property
    def goal_parent_owner(self) -> np.ndarray:
        """Row in ``units`` of each goal's parent goal's owner, -1 if there is none."""
        return _take(self.goal_owner, self.goal_parent)

    @functools.cached_property
    def goal_parent_owner_level(self) -> np.ndarray:
        """Level rank of each goal's parent goal's owner, -1 if unknown."""
        return _take(self.unit_level, self.goal_parent_owner)

    @functools.cached_property
    def indicator_goal(self) -> np.ndarray:
        """Row in ``goals`` of each indicator's goal, -1 if the goal does not exist."""
        return self.cascade._index.rows("indicators", "goal_id")

    @functools.cached_property
    def indicator_parent(self) -> np.ndarray:
        """Row of each indicator's parent indicator, -1 for none or one that does not exist."""
        return self.indicator_tree.parent

    @functools.cached_property
    def indicator_parent_goal(self) -> np.ndarray:
        """Row in ``goals`` of each indicator's parent indicator's goal, -1 if unknown."""
        return _take(self.indicator_goal, self.indicator_parent)

    @functools.cached_property
    def indicator_owner(self) -> np.ndarray:
        """Row in ``units`` of each indicator's owner (through its goal), -1 if unknown."""
        return _take(self.goal_owner, self.indicator_goal)

    @functools.cached_property
    def goal_indicator_count(self) -> np.ndarray:
        """Number of indicators of each goal."""
        rows = self.indicator_goal
        return np.bincount(rows[rows >= 0], minlength=len(self.goals))

    @functools.cached_property
    def unit_child_count(self) -> np.ndarray:
        """Number of units directly below each unit."""
        parent = self.unit_tree.parent
        return np.bincount(parent[parent >= 0], minlength=len(self.units))

    @functools.cached_property
    def indicator_child_count(self) -> np.ndarray:
        """Number of indicators that name each indicator as their parent."""
        parent = self.indicator_parent
        return np.bincount(parent[parent >= 0], minlength=len(self.indicators))

    def period_rows(self, table: Literal["targets", "realisations", "budgets"]) -> pd.DataFrame:
        """The rows of ``table`` for the periods checked."""
        frame = {"targets": self.targets, "realisations": self.realisations}.get(
            table, self.budgets
        )
        wanted = [str(p) for p in self.periods]
        return frame[frame["period"].astype("str").isin(wanted)]

    # ----------------------------------------------------------- helpers

    def findings(
        self,
        kind: SubjectKind,
        rows: np.ndarray | Sequence[int],
        message: TextLike,
        *,
        ids: pd.Series | Sequence[str] | None = None,
        hint: TextLike | None = None,
        period: TextLike | None = None,
        severity: TextLike | None = None,
    ) -> pd.DataFrame:
        """The frame a rule returns: one finding per subject row.

        Parameters
        ----------
        kind
            ``unit``, ``goal`` or ``indicator``.
        rows
            Each subject's row in its table, or -1 when the subject is an id that is not in
            the table (a dangling reference); then ``ids`` must give the ids.
        message
            What is wrong, per finding (or one text for all).
        ids
            The subject ids; by default read from ``rows``.
        hint
            How to fix it, per finding; ``None`` uses the rule's own hint.
        period
            The period a finding is about, if any.
        severity
            Per finding, a severity other than the rule's (``"info"`` for a milder case of
            the same problem); ``None`` for the rule's own. A policy's severity override for
            the rule still wins.
        """
        rows = np.asarray(rows, dtype=np.int64)
        n = len(rows)
        if ids is None:
            if (rows < 0).any():
                msg = "findings(...) needs ids= for subjects that are not in their table"
                raise ValueError(msg)
            ids = self.table(kind)[_ID_COLUMN[kind]].take(rows)
        frame = pd.DataFrame(
            {
                "subject_kind": _repeat(kind, n),
                "subject_id": pd.Series(np.asarray(ids, dtype=object), dtype="str"),
                "subject_row": rows,
                "message": _text(message, n),
                "hint": _text(hint, n),
                "period": _text(period, n),
            }
        )
        frame = frame[FINDING_COLUMNS]
        if severity is not None:
            frame = frame.assign(severity=_text(severity, n))
        return frame

    def label(self, kind: SubjectKind, rows: np.ndarray) -> pd.Series:
        """``Indikator "I-3" (Persentase balita gizi buruk)`` for each row, vectorised."""
        return label(self.table(kind), kind, rows)


def _take(values: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """``values[rows]`` with -1 where ``rows`` is -1."""
    out = np.full(len(rows), -1, dtype=np.int64)
    ok = rows >= 0
    out[ok] = values[rows[ok]]
    return out


def label(table: pd.DataFrame, kind: SubjectKind, rows: np.ndarray) -> pd.Series:
    """Quote each row's id and add its name or statement in brackets when there is one."""
    rows = np.asarray(rows, dtype=np.int64)
    ids = table[_ID_COLUMN[kind]].take(rows).astype("str").reset_index(drop=True)
    names = table[_NAME_COLUMN[kind]].take(rows).astype("str").reset_index(drop=True)
    head = _NOUN[kind] + ' "' + ids + '"'
    with_name = head + " (" + names.fillna("") + ")"
    return with_name.where(names.notna(), head)


def quote(ids: pd.Series) -> pd.Series:
    """``"id"`` for each id."""
    return '"' + ids.astype("str").reset_index(drop=True) + '"'


def _repeat(value: str | float, n: int) -> pd.Series:
    """``value`` (a text, or NaN for blank) ``n`` times, as text; broadcast, not a list."""
    return pd.Series(value, index=pd.RangeIndex(n), dtype="str")


def _text(value: TextLike | None, n: int) -> pd.Series:
    if value is None:
        return _repeat(np.nan, n)
    if isinstance(value, str):
        return _repeat(value, n)
    if isinstance(value, pd.Series) and value.dtype == "str":
        series = value.reset_index(drop=True)  # already text: no round trip through objects
    else:
        series = pd.Series(np.asarray(value, dtype=object), dtype="str")
    if len(series) != n:
        msg = f"expected {n} texts, got {len(series)}"
        raise ValueError(msg)
    return series


def no_findings() -> pd.DataFrame:
    """An empty findings frame."""
    return _NO_FINDINGS().copy()


@functools.cache
def _NO_FINDINGS() -> pd.DataFrame:  # noqa: N802 - a constant, built once on first use
    return pd.DataFrame(
        {
            "subject_kind": pd.Series(dtype="str"),
            "subject_id": pd.Series(dtype="str"),
            "subject_row": pd.Series(dtype="int64"),
            "message": pd.Series(dtype="str"),
            "hint": pd.Series(dtype="str"),
            "period": pd.Series(dtype="str"),
        }
    )


def concat(parts: Sequence[pd.DataFrame | None]) -> pd.DataFrame:
    """Findings frames of several sub-checks as one (empty if none)."""
    frames = [p for p in parts if p is not None and len(p)]
    return pd.concat(frames, ignore_index=True) if frames else no_findings()
