"""Explanations: how one figure of a :class:`~cascade.engine.Results` was obtained.

Vocabulary
----------
input
    A value that fed the figure directly: an indicator's carrier children (for a derived
    realisation) or its children (for a rolled-up achievement), a goal's indicators, an
    owner's goals.
share (bobot efektif)
    The part of the figure an input carries: its weight over the weights of the inputs
    counted. The figure is the sum of share × value.
drag
    How many points an input takes off the figure, measured against 100: share × (100 −
    value). The drags add up to 100 minus the figure; the inputs with the largest drag are
    the ones pulling it down (a negative drag lifts it above 100).
contribution
    For an owner, the same at the level of indicators: each indicator of each of its goals,
    with share = the goal's share × the indicator's share within the goal.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from cascade.engine._results import Results
    from cascade.scales import Scale

__all__ = ["INPUT_COLUMNS", "Explanation", "explain"]

#: Columns of :attr:`Explanation.inputs` and :attr:`Explanation.contributions`, in order.
INPUT_COLUMNS = ["kind", "id", "name", "value", "weight", "counted", "share", "drag", "source"]

_NOUN = {"unit": "Unit", "goal": "Sasaran", "indicator": "Indikator"}


class Explanation:
    """How one figure was obtained (see the module docstring for the vocabulary).

    Attributes
    ----------
    subject_kind, subject_id, name
        What is explained: ``unit``, ``goal`` or ``indicator``, its id and name.
    period
        The period of the results.
    value
        The figure (achievement in percent), ``None`` when it is missing.
    category
        Its category on the policy's scale, ``None`` when missing.
    source
        ``computed`` or ``rolled_up`` for an indicator, ``mean`` for a goal or owner,
        ``None`` when missing.
    how
        One or two sentences: the method and the numbers.
    inputs
        The values that fed it, largest drag first (columns :data:`INPUT_COLUMNS`).
    contributions
        For an owner, its indicators, largest drag first; for others the same as ``inputs``
        when those are achievements, else empty.
    """

    _scale: Scale | None = None  # the policy's scale, set by Results.explain (for colours)

    def __init__(
        self,
        *,
        subject_kind: str,
        subject_id: str,
        name: str | None,
        period: str,
        value: float,
        category: str | None,
        source: str | None,
        how: str,
        inputs: pd.DataFrame,
        contributions: pd.DataFrame,
    ) -> None:
        self.subject_kind = subject_kind
        self.subject_id = subject_id
        self.name = name
        self.period = period
        self.value = None if math.isnan(value) else float(value)
        self.category = category
        self.source = source
        self.how = how
        self.inputs = inputs
        self.contributions = contributions

    def draggers(self, n: int = 5) -> pd.DataFrame:
        """The ``n`` indicators (for an owner) or inputs that take most points off."""
        frame = self.contributions if len(self.contributions) else self.inputs
        counted = frame[frame["drag"] > 0]
        return counted.head(n).reset_index(drop=True)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the explanation."""

        def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
            out = frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
            return [{str(k): v for k, v in row.items()} for row in out]

        return {
            "subject_kind": self.subject_kind,
            "subject_id": self.subject_id,
            "name": self.name,
            "period": self.period,
            "value": self.value,
            "category": self.category,
            "source": self.source,
            "how": self.how,
            "inputs": records(self.inputs),
            "contributions": records(self.contributions),
        }

    def _repr_html_(self) -> str:
        """A notebook view: the figure, how it was obtained, the inputs with drag bars."""
        from cascade._html import render_explanation

        return render_explanation(self, self._scale)

    def __repr__(self) -> str:
        return f"<Explanation of {self.subject_kind} {self.subject_id!r}: {_pct(self.value)}>"

    def __str__(self) -> str:
        title = f"{_NOUN[self.subject_kind]} {self.subject_id}"
        if self.name:
            title += f" ({self.name})"
        figure = _pct(self.value) + (f" {self.category}" if self.category else "")
        lines = [f"{title}, {self.period}: {figure}", f"  {self.how}"]
        if len(self.inputs):
            lines.append("  inputs:")
            lines += _table(self.inputs, limit=20)
        drag = self.draggers()
        if len(self.contributions) and len(drag):
            lines.append("  pulling it down most:")
            lines += _table(drag, limit=5)
        return "\n".join(lines)


def _pct(value: float | None) -> str:
    return "no figure" if value is None or math.isnan(value) else f"{value:.1f}"


def _table(frame: pd.DataFrame, *, limit: int) -> list[str]:
    lines = []
    rows: list[dict[Any, Any]] = frame.head(limit).to_dict(orient="records")
    for row in rows:
        name = "" if _text(row["name"]) is None else f" ({row['name']})"
        number, share = float(row["value"]), float(row["share"])
        value = "missing" if math.isnan(number) else f"{number:.1f}"
        extra = ""
        if not math.isnan(share):
            extra = f"  share {share:.0%}, drag {float(row['drag']):+.1f}"
        elif not math.isnan(float(row["weight"])):
            extra = f"  weight {float(row['weight']):g}"
        lines.append(f"    {row['kind']} {row['id']}{name}: {value}{extra}")
    if len(frame) > limit:
        lines.append(f"    … and {len(frame) - limit} more (see .inputs)")
    return lines


def _inputs(
    kind: str,
    ids: pd.Series,
    names: pd.Series,
    value: np.ndarray,
    weight: np.ndarray,
    source: Sequence[str | None],
    missing: str,
    *,
    achievements: bool = True,
    scale_share: float = 1.0,
) -> pd.DataFrame:
    """The inputs frame: shares and drags per the missing-value policy, largest drag first."""
    present = ~np.isnan(value)
    counted = np.ones_like(present) if missing == "zero" else present
    v = np.where(present, value, 0.0)
    w = np.where(counted, weight, 0.0)
    total = w.sum()
    if achievements and total:
        share = w / total * scale_share
        drag = np.where(counted, share * (100.0 - v), np.nan)
    else:
        share = np.full(len(value), np.nan)
        drag = np.full(len(value), np.nan)
    frame = pd.DataFrame(
        {
            "kind": kind,
            "id": pd.Series(ids).reset_index(drop=True).astype("str"),
            "name": pd.Series(names).reset_index(drop=True).astype("str"),
            "value": value,
            "weight": weight,
            "counted": counted,
            "share": np.where(counted, share, np.nan),
            "drag": drag,
            "source": pd.Series(list(source), dtype="str"),
        },
        columns=INPUT_COLUMNS,
    )
    order = np.lexsort((np.arange(len(frame)), -np.nan_to_num(drag, nan=-np.inf)))
    return frame.iloc[order].reset_index(drop=True)


def _empty() -> pd.DataFrame:
    nothing = pd.Series([], dtype="str")
    return _inputs("", nothing, nothing, np.zeros(0), np.zeros(0), [], "skip_if_any_missing")


def explain(results: Results, subject_id: str, kind: str | None = None) -> Explanation:
    """See :meth:`Results.explain`."""
    cascade = results.cascade
    k, row = cascade._locate(subject_id, kind)  # type: ignore[arg-type]
    if k == "indicator":
        return _indicator(results, row)
    if k == "goal":
        return _goal(results, row)
    return _owner(results, row)


def _category(results: Results, value: float) -> str | None:
    if math.isnan(value):
        return None
    return str(results.policy.scale.categorise([value])[0])


def _indicator(results: Results, row: int) -> Explanation:
    from cascade.achievement import describe_achievement

    frame = results.indicators
    f = results._figures.indicators
    ind = results.cascade._tables["indicators"]
    missing = results.policy.missing
    value = float(f.achievement[row])
    source_code = int(f.achievement_source[row])
    tree = results.cascade._trees["indicator"]
    children = tree.children_rows(np.array([row]))
    polarity = str(ind["polarity"].iloc[row])
    realisation, target = float(f.realisation[row]), float(f.target[row])
    inputs, contributions = _empty(), _empty()
    if source_code == 1:
        inputs = contributions = _rolled_up_inputs(results, children[f.feeds_parent[children]])
        how = (
            f"no realisation of its own: the mean of its children's achievements weighted by"
            f" weight ({f.children_counted[row]} counted, {f.children_missing[row]} missing)"
        )
    elif not math.isnan(realisation):
        origin = str(frame["realisation_source"].iloc[row])
        if math.isnan(target):
            how = f"realisation {realisation:g} ({origin}) but no target for the period"
        else:
            upper = float(f.target_upper[row])
            how = f"realisation {realisation:g} ({origin}) against its target; " + (
                describe_achievement(
                    realisation,
                    target,
                    None if math.isnan(upper) else upper,
                    polarity,
                    policy=results.policy,
                )
            )
        if origin == "derived":
            aggregation = str(ind["aggregation"].iloc[row])
            carriers = children[(ind["role"].take(children) == "carrier").to_numpy(dtype=bool)]
            inputs = _inputs(
                "indicator",
                ind["indicator_id"].take(carriers),
                ind["name"].take(carriers),
                f.realisation[carriers],
                ind["weight"].to_numpy(dtype=np.float64, na_value=np.nan)[carriers],
                frame["realisation_source"].take(carriers).astype("str").tolist(),
                missing,
                achievements=False,
            )
            how += f"; the realisation is the {aggregation} of its carrier children's (inputs)"
    elif len(children[f.feeds_parent[children]]):
        inputs = contributions = _rolled_up_inputs(results, children[f.feeds_parent[children]])
        how = (
            f"no realisation, and its children give no figure under {missing}"
            f" ({f.children_counted[row]} counted, {f.children_missing[row]} missing)"
        )
    else:
        how = _no_realisation(results, row)
    return Explanation(
        subject_kind="indicator",
        subject_id=str(ind["indicator_id"].iloc[row]),
        name=_text(ind["name"].iloc[row]),
        period=str(results.as_of),
        value=value,
        category=_category(results, value),
        source=None if source_code < 0 else ("computed", "rolled_up")[source_code],
        how=how,
        inputs=inputs,
        contributions=contributions,
    )


def _rolled_up_inputs(results: Results, feeds: np.ndarray) -> pd.DataFrame:
    """The children feeding a rolled-up achievement, with their achievements and weights."""
    ind = results.cascade._tables["indicators"]
    return _inputs(
        "indicator",
        ind["indicator_id"].take(feeds),
        ind["name"].take(feeds),
        results._figures.indicators.achievement[feeds],
        ind["weight"].to_numpy(dtype=np.float64, na_value=np.nan)[feeds],
        results.indicators["achievement_source"].take(feeds).astype("str").tolist(),
        results.policy.missing,
    )


def _no_realisation(results: Results, row: int) -> str:
    """Why an indicator without children has no realisation: what was reported inside."""
    from cascade.period import Period

    as_of = results.as_of
    rows = results.cascade._index.rows("realisations", "indicator_id")
    mine = results.cascade._tables["realisations"].iloc[np.flatnonzero(rows == row)]
    inside = sorted(
        {p for p in (Period.parse(str(x)) for x in mine["period"].dropna()) if as_of.contains(p)}
        - {as_of}
    )
    text = f"no realisation reported for {as_of}"
    if inside:
        listed = ", ".join(str(p) for p in inside)
        text += (
            f"; the periods inside it that were reported ({listed}) do not make it complete"
            f" under {results.policy.missing}"
        )
    return text + ", and no children to roll up"


def _text(value: object) -> str | None:
    return None if value is None or pd.isna(value) else str(value)  # type: ignore[call-overload]


def _goal_inputs(results: Results, row: int, scale_share: float = 1.0) -> pd.DataFrame:
    g = results._figures.goals
    members = np.flatnonzero(g.indicator_goal == row)
    ind = results.cascade._tables["indicators"]
    return _inputs(
        "indicator",
        ind["indicator_id"].take(members),
        ind["name"].take(members),
        results._figures.indicators.achievement[members],
        g.indicator_weight[members],
        results.indicators["achievement_source"].take(members).astype("str").tolist(),
        results.policy.missing,
        scale_share=scale_share,
    )


def _goal(results: Results, row: int) -> Explanation:
    g = results._figures.goals
    goals = results.cascade._tables["goals"]
    value = float(g.achievement[row])
    inputs = _goal_inputs(results, row)
    weighting = "weighted by weight" if results.policy.goal_weighting == "weight" else "unweighted"
    how = (
        f"the mean of its indicators' achievements, {weighting}, under {results.policy.missing}"
        f" ({g.indicators_counted[row]} counted, {g.indicators_missing[row]} missing)"
    )
    if not len(inputs):
        how = "no indicators: no figure"
    return Explanation(
        subject_kind="goal",
        subject_id=str(goals["goal_id"].iloc[row]),
        name=_text(goals["statement"].iloc[row]),
        period=str(results.as_of),
        value=value,
        category=_category(results, value),
        source=None if math.isnan(value) else "mean",
        how=how,
        inputs=inputs,
        contributions=inputs,
    )


def _owner(results: Results, row: int) -> Explanation:
    o = results._figures.owners
    g = results._figures.goals
    units = results.cascade._tables["units"]
    goals = results.cascade._tables["goals"]
    members = np.flatnonzero(o.goal_owner == row)
    value = float(o.achievement[row])
    inputs = _inputs(
        "goal",
        goals["goal_id"].take(members),
        goals["statement"].take(members),
        g.achievement[members],
        np.ones(len(members)),
        ["mean"] * len(members),
        results.policy.missing,
    )
    shares = dict(zip(inputs["id"], inputs["share"], strict=True))
    parts = []
    for r in members:
        share = shares[str(goals["goal_id"].iloc[r])]
        parts.append(_goal_inputs(results, int(r), 0.0 if math.isnan(share) else float(share)))
    contributions = _empty()
    if parts:
        joined = pd.concat(parts, ignore_index=True)
        order = np.lexsort((np.arange(len(joined)), -joined["drag"].fillna(-np.inf).to_numpy()))
        contributions = joined.iloc[order].reset_index(drop=True)
    how = (
        f"the mean of its {len(members)} goals' achievements under {results.policy.missing}"
        f" ({o.goals_counted[row]} counted, {o.goals_missing[row]} missing;"
        f" {o.indicators_counted[row]} indicators counted, {o.indicators_missing[row]} missing)"
    )
    if not len(members):
        how = "no goals of its own: no figure"
    return Explanation(
        subject_kind="unit",
        subject_id=str(units["unit_id"].iloc[row]),
        name=_text(units["name"].iloc[row]),
        period=str(results.as_of),
        value=value,
        category=_category(results, value),
        source=None if math.isnan(value) else "mean",
        how=how,
        inputs=inputs,
        contributions=contributions,
    )
