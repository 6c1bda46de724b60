"""The results of one propagation run: tidy frames, the findings, and explanations."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, get_args

import numpy as np
import pandas as pd

from cascade.engine._explain import Explanation, explain
from cascade.errors import UsageError

if TYPE_CHECKING:
    from cascade.checks._report import Report
    from cascade.engine._budget import BudgetFigures
    from cascade.engine._goals import GoalFigures, OwnerFigures
    from cascade.engine._indicators import IndicatorFigures
    from cascade.model import Cascade
    from cascade.period import Period
    from cascade.policy import Policy

__all__ = ["LEVELS", "Level", "Results"]

Level = Literal["indicators", "goals", "owners", "budget", "owner-budget"]
#: The tables of a :class:`Results`, by the name the CLI's ``--level`` uses.
LEVELS: tuple[str, ...] = get_args(Level)


@dataclass(frozen=True)
class _Figures:
    indicators: IndicatorFigures
    goals: GoalFigures
    owners: OwnerFigures
    budget: BudgetFigures
    owner_budget: BudgetFigures


class Results:
    """What :func:`cascade.propagate` computed for one period.

    Attributes
    ----------
    as_of
        The period computed.
    policy
        The policy the figures follow.
    indicators
        One row per indicator (table order): ``indicator_id``, ``goal_id``, ``name``,
        ``period``, ``target``, ``target_upper``, ``reported`` and ``derived`` realisation,
        the ``realisation`` used and its ``realisation_source`` (``reported``, ``derived`` or
        missing), ``achievement`` and its ``achievement_source`` (``computed``,
        ``rolled_up`` or missing), ``category``.
    goals
        One row per goal: ``goal_id``, ``unit_id``, ``statement``, ``kind``, ``period``,
        ``achievement``, ``category``, ``indicators_counted``, ``indicators_missing``.
    owners
        One row per unit: ``unit_id``, ``name``, ``level``, ``period``, ``achievement``,
        ``category``, ``goals_counted``, ``goals_missing``, ``indicators_counted``,
        ``indicators_missing``.
    budget
        One row per goal with a budget figure: ``goal_id``, ``unit_id``, ``period``,
        ``allocated``, ``spent``, ``absorption``, ``efficiency``, ``lines`` (budget lines in
        the figure) and ``source`` (``reported``: its own line; ``rolled_up``: its children's).
    owner_budget
        One row per owner with a budget figure: ``unit_id``, ``name``, ``level`` and the
        same money columns.
    findings
        The ``realisation-mismatch`` and ``undefined-achievement`` findings for the period,
        as :func:`cascade.check` gives them (the policy's ignores, severities and
        suppressions apply).

    Achievements and percentages are in percent (100 = on target); a missing figure is NaN,
    never 0.
    """

    def __init__(
        self,
        *,
        cascade: Cascade,
        as_of: Period,
        policy: Policy,
        frames: dict[str, pd.DataFrame],
        findings: Report,
        figures: _Figures,
    ) -> None:
        self.cascade = cascade
        self.as_of = as_of
        self.policy = policy
        self.indicators = frames["indicators"]
        self.goals = frames["goals"]
        self.owners = frames["owners"]
        self.budget = frames["budget"]
        self.owner_budget = frames["owner-budget"]
        self.findings = findings
        self._figures = figures

    def table(self, level: Level = "indicators") -> pd.DataFrame:
        """One of the tables by the name ``--level`` uses.

        That is ``indicators``, ``goals``, ``owners``, ``budget`` or ``owner-budget``.
        """
        if level not in LEVELS:
            msg = f"unknown level {level!r}: expected one of {', '.join(LEVELS)}"
            raise UsageError(msg)
        frames = {
            "indicators": self.indicators,
            "goals": self.goals,
            "owners": self.owners,
            "budget": self.budget,
            "owner-budget": self.owner_budget,
        }
        return frames[level]

    def explain(self, subject_id: str, *, kind: str | None = None) -> Explanation:
        """How the figure of one unit, goal or indicator was obtained.

        Parameters
        ----------
        subject_id
            The id of a unit (owner), goal or indicator.
        kind
            ``unit``, ``goal`` or ``indicator``, when the id is used in more than one table.

        Returns
        -------
        Explanation
            The figure, the method in words, the inputs with their values, weights, shares and
            drags (largest first), and for an owner the indicators that pull it down most.
            ``print()`` it for a readable account.

        Raises
        ------
        cascade.errors.UnknownIdError
            If no unit, goal or indicator has that id.

        Examples
        --------
        >>> import cascade
        >>> results = cascade.propagate(cascade.load_example(), as_of="2024")
        >>> why = results.explain("DINKES")
        >>> why.subject_kind, why.inputs["kind"].unique().tolist()
        ('unit', ['goal'])
        >>> bool(why.draggers(3)["drag"].gt(0).all())
        True
        """
        why = explain(self, subject_id, kind)
        why._scale = self.policy.scale
        return why

    def goals_of(self, unit_id: str) -> pd.DataFrame:
        """The goals an owner holds, with their figures (the city's sasaran for the pemda).

        Raises
        ------
        cascade.errors.UnknownIdError
            If no unit has that id.
        """
        self.cascade._locate(unit_id, "unit")
        return self.goals[self.goals["unit_id"] == unit_id].reset_index(drop=True)

    @property
    def city(self) -> pd.DataFrame:
        """The city as a whole: the root owners at level ``pemda``, with their figures.

        Without such a unit (a workbook of one agency), every root owner. A row repeating an
        earlier unit's id is never a root.
        """
        units = self.cascade._tables["units"]
        roots = (self.cascade._trees["unit"].parent < 0) & ~self.cascade._copies["unit"]
        pemda = roots & (units["level"] == "pemda").to_numpy(dtype=bool, na_value=False)
        rows = np.flatnonzero(pemda if pemda.any() else roots)
        return self.owners.take(rows).reset_index(drop=True)

    def to_dict(self) -> dict[str, Any]:
        """Every table as a list of records, JSON-ready (missing values as ``None``)."""

        def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
            clean = frame.astype(object).where(frame.notna(), None)
            return [{str(k): v for k, v in r.items()} for r in clean.to_dict(orient="records")]

        return {
            "as_of": str(self.as_of),
            "policy": self.policy.model_dump(mode="json"),
            **{level: records(self.table(level)) for level in LEVELS},  # type: ignore[arg-type]
            "findings": json.loads(self.findings.to_json()),
        }

    def _repr_html_(self) -> str:
        """A notebook view: the city's figure and the agencies, coloured by category."""
        from cascade._html import render_results

        return render_results(self)

    def __repr__(self) -> str:
        with_figure = int(self.indicators["achievement"].notna().sum())
        city = self.city
        text = (
            f"<Results {self.as_of}: {len(self.indicators)} indicators"
            f" ({with_figure} with an achievement), {len(self.goals)} goals,"
            f" {len(self.owners)} owners"
        )
        if len(city) == 1:
            value = float(city["achievement"].iloc[0])
            if not math.isnan(value):
                text += f"; {city['unit_id'].iloc[0]} {value:.1f} {city['category'].iloc[0]}"
        return text + ">"
