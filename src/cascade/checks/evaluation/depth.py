"""The ``cascade-depth`` metric: how far down the organisation the plan is measured.

Not a rule (it makes no finding and is not in the catalogue): a table, one row per owner
level, and the depth it reaches, set beside the predikat ladder that ties SAKIP grades to
how deep performance is measured (research ``lke.md`` sections 1.5 and 2.2; LKE AREN002.8,
BKUR002.5).

Vocabulary
----------
owner at a level
    A unit of ``units`` at that level (a row that repeats an earlier row's id is not counted
    again).
measured owner
    An owner that, in the year, owns a goal, an indicator of one of its goals, a target in
    the year and a realisation in the year (each on some indicator of its own).
target in the year
    A row of ``targets`` with a number, for the year or a quarter or month inside it.
realisation in the year
    A row of ``realisations`` with a number, for the year or a quarter or month inside it,
    or a realisation for the year derived as the engine derives it (from quarters or months
    by ``period_aggregation``, or from carrier children; :attr:`Context.derived
    <cascade.checks._context.Context.derived>`).
share
    Measured owners at a level / owners at the level; NaN for a level with no owner.
reached
    A level is reached when its share is at least the policy's ``depth_share`` (0.9) and
    every level above it that has owners is reached. A level with no owner is passed over,
    neither reached nor a stop: real structures skip levels (many eselon IV posts became
    functional posts in the 2021 delayering), and a cascade of one agency has no pemda.
depth
    The deepest level reached, walking down from ``pemda`` and stopping at the first level
    with owners that is not reached; ``None`` when not even the first level with owners is.
ladder (tangga predikat)
    The predikat that a cascade measured down to a level points to: ``B`` for the
    perangkat daerah (eselon II), ``BB`` for administrator units (eselon III), ``A`` for
    pengawas units (eselon IV), ``AA`` for individual employees (pelaksana); ``None`` for a
    depth at the pemda or no depth. It is a reading of the grade descriptions, not a score:
    a grade needs far more than depth.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from cascade.checks._context import Context
from cascade.checks.evaluation.coverage import _numbers_in_years
from cascade.enums import Level
from cascade.model import Cascade
from cascade.period import Period
from cascade.policy import Policy

__all__ = ["COLUMNS", "LADDER", "Depth", "cascade_depth"]

#: The predikat each depth points to (research ``lke.md`` section 1.5).
LADDER: dict[Level, str] = {
    Level.PERANGKAT_DAERAH: "B",
    Level.ADMINISTRATOR: "BB",
    Level.PENGAWAS: "A",
    Level.PELAKSANA: "AA",
}

#: Columns of :attr:`Depth.table`, in order.
COLUMNS: tuple[str, ...] = (
    "level",
    "owners",
    "with_goal",
    "with_indicator",
    "with_target",
    "with_realisation",
    "share",
    "reached",
)


@dataclass(frozen=True, eq=False)
class Depth:
    """How far down the organisation a cascade is measured in one year.

    Attributes
    ----------
    table
        One row per level, ``pemda`` to ``pelaksana`` (:data:`COLUMNS`): the owners at the
        level, how many own a goal, an indicator, a target and a realisation in the year,
        the share that own all four, and whether the level is reached.
    depth
        The deepest level reached (``"pengawas"``), or ``None``.
    ladder
        The predikat the depth points to (:data:`LADDER`), or ``None``.
    year
        The year measured.
    threshold
        The share a level needs (the policy's ``depth_share``).
    """

    table: pd.DataFrame
    depth: str | None
    ladder: str | None
    year: int
    threshold: float

    def __str__(self) -> str:
        """One paragraph: the depth, the ladder, and each level's share."""
        need = f"{self.threshold * 100:.0f} %"
        if self.depth is None:
            first = self.table.loc[self.table["owners"] > 0, "level"]
            head = (
                f"Cascade depth {self.year}: not reached; the first level with owners, "
                f"{first.iloc[0]}, has fewer than {need} of its owners with a goal, an "
                "indicator, a target and a realisation."
                if len(first)
                else f"Cascade depth {self.year}: not reached; the cascade has no units."
            )
        else:
            ladder = (
                f"; the predikat ladder points to {self.ladder}"
                if self.ladder
                else "; the predikat ladder needs at least the perangkat daerah"
            )
            head = (
                f"Cascade depth {self.year}: down to {self.depth} (at least {need} of the "
                f"owners of each level with a goal, an indicator, a target and a "
                f"realisation){ladder}."
            )
        parts = []
        table = self.table
        rows = zip(
            table["level"].astype("str").tolist(),
            table["owners"].to_numpy(dtype=np.int64).tolist(),
            table["share"].to_numpy(dtype=np.float64).tolist(),
            table["reached"].to_numpy(dtype=bool).tolist(),
            strict=True,
        )
        for level, owners, share, reached in rows:  # five levels: a loop per level
            if not owners:
                parts.append(f"{level} no owners")
                continue
            mark = "" if reached else " (not reached)"
            parts.append(f"{level} {round(share * owners)}/{owners} ({_percent(share)}){mark}")
        return head + " By level: " + ", ".join(parts) + "."

    def _repr_html_(self) -> str:
        """The paragraph's first sentence and the table, as HTML."""
        shown = self.table.copy()
        shown["share"] = [
            "" if np.isnan(s) else _percent(s) for s in shown["share"].to_numpy(dtype=np.float64)
        ]
        shown["reached"] = np.where(shown["reached"].to_numpy(dtype=bool), "yes", "no")
        head = html.escape(str(self).split(" By level: ", 1)[0])
        return f"<p>{head}</p>" + shown.to_html(index=False, escape=True)


def _percent(share: float) -> str:
    """``97.3 %``, rounded down so that a share short of 1 never reads 100.0 %."""
    return f"{math.floor(share * 1000 + 1e-9) / 10:.1f} %"


def cascade_depth(
    cascade: Cascade,
    *,
    year: int,
    policy: Policy | Mapping[str, Any] | None = None,
) -> Depth:
    """How far down the organisation ``cascade`` is measured in ``year``.

    For each owner level, the share of its owners that own a goal, an indicator, a target
    in the year and a realisation in the year (reported for the year or a quarter or month
    inside it, or derived); the depth is the deepest level whose share reaches the policy's
    ``depth_share`` (0.9), walking down from the pemda and passing over levels with no
    owner. See the module docstring for the exact words.

    Parameters
    ----------
    cascade
        The cascade measured.
    year
        The year measured.
    policy
        The policy (or its settings as a mapping); ``evaluation.depth_share`` is the share
        a level needs, ``missing`` governs derived realisations.

    Returns
    -------
    Depth
        The table by level, the depth, the predikat it points to, the year.

    Examples
    --------
    >>> import cascade
    >>> d = cascade_depth(cascade.load_example(), year=2024)
    >>> d.depth, d.ladder
    ('pelaksana', 'AA')
    >>> d.table[["level", "owners", "share", "reached"]]
                  level  owners  share  reached
    0             pemda       1    1.0     True
    1  perangkat_daerah       9    1.0     True
    2     administrator      27    1.0     True
    3          pengawas      54    1.0     True
    4         pelaksana      73    1.0     True
    """
    settings = Policy.coerce(policy)
    ctx = Context(cascade, [Period.year_of(year)], settings)
    level = ctx.unit_level
    n_units = len(ctx.units)
    counted = (level >= 0) & ~cascade._copies["unit"]

    def owners_of(owner: np.ndarray) -> np.ndarray:
        out = np.zeros(n_units, dtype=bool)
        out[owner[owner >= 0]] = True
        return out

    indicator_owner = ctx.indicator_owner
    with_goal = owners_of(ctx.goal_owner)
    with_indicator = owners_of(indicator_owner)
    targeted = _numbers_in_years(ctx, "targets", "target", [year])[:, 0]
    with_target = owners_of(indicator_owner[targeted])
    derived = np.isfinite(ctx.derived["value"].to_numpy(dtype=np.float64))
    realised = _numbers_in_years(ctx, "realisations", "value", [year])[:, 0] | derived
    with_realisation = owners_of(indicator_owner[realised])
    measured = with_goal & with_indicator & with_target & with_realisation

    levels = list(Level)
    size = len(levels)

    def per_level(mask: np.ndarray) -> np.ndarray:
        counts: np.ndarray = np.bincount(level[counted & mask], minlength=size)
        return counts

    owners = per_level(np.ones(n_units, dtype=bool))
    complete = per_level(measured)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(owners > 0, complete / np.maximum(owners, 1), np.nan)
    threshold = settings.evaluation.depth_share
    reached = np.zeros(size, dtype=bool)
    depth: Level | None = None
    for k, lv in enumerate(levels):  # five levels, top down
        if owners[k] == 0:
            continue
        if share[k] < threshold:
            break
        reached[k] = True
        depth = lv
    table = pd.DataFrame(
        {
            "level": pd.Series([lv.value for lv in levels], dtype="str"),
            "owners": owners.astype(np.int64),
            "with_goal": per_level(with_goal),
            "with_indicator": per_level(with_indicator),
            "with_target": per_level(with_target),
            "with_realisation": per_level(with_realisation),
            "share": share.astype(np.float64),
            "reached": reached,
        }
    )
    return Depth(
        table=table[list(COLUMNS)],
        depth=None if depth is None else depth.value,
        ladder=None if depth is None else LADDER.get(depth),
        year=year,
        threshold=threshold,
    )
