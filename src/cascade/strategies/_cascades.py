"""Valid cascades, built by construction: :func:`cascades` and :func:`cascade_tables`.

The construction draws the shape of a small city and then builds the six tables so that
every rule of the checker holds; nothing is drawn and then filtered, so every draw is valid
and shrinking moves toward smaller cities, not toward rejected ones.

- Owners: a ``pemda`` with ``min_agencies``..``max_agencies`` agencies
  (``perangkat_daerah``). A depth *d* is drawn in ``min_depth``..``max_depth``; under each
  owner above level *d* (agency 1, administrator 2, pengawas 3, pelaksana 4) come
  0..``max_children`` owners of the next level, and the first agency has a chain of at least
  one child per level down to level *d*, so the tree reaches exactly depth *d*.
- Goals: the pemda has a ``tujuan`` and one ``sasaran_strategis`` below it (same owner, one
  kind further down); every other owner has exactly one goal, of the kind of its level,
  whose parent is its parent owner's goal (an agency's: the pemda's sasaran). So a child goal
  is owned exactly one level below its parent goal's owner, or is the pemda's sasaran.
- Indicators: a goal has at least as many indicators as its parent goal, and its indicator
  ``j`` cascades (``carrier``) from the parent goal's indicator ``j mod m``: every indicator
  of a goal with goals below it has a child indicator in each of them (nothing is left
  uncascaded). Measure unit and polarity are drawn for each of the tujuan's indicators and
  inherited along the links; ``aggregation`` is ``sum`` exactly where an indicator has
  children.
- Numbers, for each year of ``first_year``..: leaf targets are whole numbers >= 1 and every
  other target is exactly the sum of its children's; leaf realisations are drawn and every
  other indicator either reports exactly the sum of its children's or reports nothing. With
  ``quarters``, each year's figures are the sums of its four quarters', drawn the same way.
  Budgets sit on program, kegiatan and sub kegiatan goals with ``0 <= spent <= allocated``.
  IKUs (``key``) only on the pemda's and the agencies' goals; every weight is 1.

Ids are built from the structure (an agency tag, then ``.1``, ``.2`` … down the tree), with
some non-ASCII tags; they never contain spaces, and no id is used in two tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from hypothesis import strategies as st

from cascade.model import Cascade
from cascade.policy import Policy
from cascade.strategies._validate import (
    InvalidArgument,
    check_bool,
    check_choices,
    check_integer,
    check_order,
    lazily,
)

__all__ = [
    "AGENCY_TAGS",
    "LEVELS",
    "POLARITIES",
    "Options",
    "Tables",
    "build_tables",
    "cascade_tables",
    "cascades",
    "given_arguments",
    "options",
    "plan_policy",
]

Tables = dict[str, pd.DataFrame]

#: Owner levels top to bottom, with the goal kind of each level's own goal.
LEVELS: tuple[tuple[str, str], ...] = (
    ("pemda", "sasaran_strategis"),
    ("perangkat_daerah", "sasaran_program"),
    ("administrator", "sasaran_kegiatan"),
    ("pengawas", "sasaran_subkegiatan"),
    ("pelaksana", "rencana_hasil_kerja"),
)
#: The polarities (polaritas) a cascade may draw.
POLARITIES: tuple[str, ...] = ("maximize", "minimize", "stabilize")
PEMDA_IDS = ("PEMKO", "PEMKAB-Ñ", "PEMPROV_Σ")
#: Agency tags; the first is plain ASCII so a shrunk example reads easily. More agencies
#: than tags are numbered ``OPD-9``, ``OPD-10`` ….
AGENCY_TAGS = (
    "DINKES",
    "DİSDİK",
    "BAPPÉDA",
    "ДИНСОС",
    "BPBD",
    "衛生局",
    "DISPERİNDAG",
    "ŞATPOL-PP",
)
MEASURE_UNITS = ("kasus", "orang", "dokumen", "unit")
MAX_AGENCIES = 50
_BUDGETED = {"sasaran_program", "sasaran_kegiatan", "sasaran_subkegiatan"}
_RUPIAH = 1_000_000.0
#: Plan years around the drawn ones: three before the first, two after the last.
PLAN_BEFORE, PLAN_AFTER = 3, 2


@dataclass(frozen=True)
class Options:
    """The validated arguments shared by :func:`cascades` and the strategies built on it."""

    min_agencies: int = 1
    max_agencies: int = 3
    min_depth: int = 1
    max_depth: int = 4
    max_children: int = 2
    min_indicators: int = 1
    max_indicators: int = 2
    min_periods: int = 1
    max_periods: int = 1
    first_year: int = 2024
    quarters: bool = False
    realisations: bool = True
    budgets: bool = True
    polarities: tuple[str, ...] = POLARITIES


def options(**kwargs: Any) -> Options:
    """Validate the keyword arguments of :func:`cascades`; raises ``InvalidArgument``."""
    unknown = sorted(set(kwargs) - set(Options.__dataclass_fields__))
    if unknown:
        known = ", ".join(Options.__dataclass_fields__)
        msg = f"unknown keyword argument {unknown[0]!r}; cascades() takes {known}"
        raise InvalidArgument(msg)
    o = Options(**kwargs)
    check_integer("min_agencies", o.min_agencies, low=1, high=MAX_AGENCIES)
    check_integer("max_agencies", o.max_agencies, low=1, high=MAX_AGENCIES)
    check_order("min_agencies", o.min_agencies, "max_agencies", o.max_agencies)
    check_integer("min_depth", o.min_depth, low=1, high=4)
    check_integer("max_depth", o.max_depth, low=1, high=4)
    check_order("min_depth", o.min_depth, "max_depth", o.max_depth)
    check_integer("max_children", o.max_children, low=0, high=10)
    if o.max_children == 0 and o.min_depth > 1:
        msg = (
            f"max_children=0 leaves the agencies with no units below them, so "
            f"min_depth={o.min_depth!r} cannot be reached; use min_depth=1"
        )
        raise InvalidArgument(msg)
    check_integer("min_indicators", o.min_indicators, low=1, high=10)
    check_integer("max_indicators", o.max_indicators, low=1, high=10)
    check_order("min_indicators", o.min_indicators, "max_indicators", o.max_indicators)
    check_integer("min_periods", o.min_periods, low=1, high=10)
    check_integer("max_periods", o.max_periods, low=1, high=10)
    check_order("min_periods", o.min_periods, "max_periods", o.max_periods)
    check_integer("first_year", o.first_year, low=1900, high=2100)
    check_bool("quarters", o.quarters)
    check_bool("realisations", o.realisations)
    check_bool("budgets", o.budgets)
    polarities = check_choices("polarities", o.polarities, POLARITIES, what="polarity")
    return Options(**{**o.__dict__, "polarities": polarities})


def plan_policy(years: list[int] | tuple[int, ...]) -> Policy:
    """A policy whose plan years (``plan_start``, ``plan_end``) surround ``years``."""
    return Policy(plan_start=min(years) - PLAN_BEFORE, plan_end=max(years) + PLAN_AFTER)


@dataclass
class _Goal:
    goal_id: str
    unit_id: str
    parent: _Goal | None
    kind: str
    level: int
    indicators: list[_Indicator] = field(default_factory=list)


@dataclass
class _Indicator:
    indicator_id: str
    goal: _Goal
    parent: _Indicator | None
    polarity: str
    measure_unit: str
    children: list[_Indicator] = field(default_factory=list)
    #: Per year: the year's figure, then (with ``quarters``) its four quarters'.
    targets: list[list[float]] = field(default_factory=list)
    realised: list[list[float]] = field(default_factory=list)


def _agency_tag(number: int) -> str:
    return AGENCY_TAGS[number] if number < len(AGENCY_TAGS) else f"OPD-{number + 1}"


def _owners(draw: st.DrawFn, o: Options) -> tuple[list[dict[str, Any]], list[_Goal]]:
    """The units and their goals, in pre-order (a parent before its children)."""
    pemda = draw(st.sampled_from(PEMDA_IDS), label="pemda")
    pool = max(o.max_agencies, len(AGENCY_TAGS))
    numbers = draw(
        st.lists(
            st.integers(0, pool - 1),
            min_size=o.min_agencies,
            max_size=o.max_agencies,
            unique=True,
        ),
        label="agencies",
    )
    depth = draw(st.integers(o.min_depth, o.max_depth if o.max_children else 1), label="depth")
    units: list[dict[str, Any]] = [
        {"unit_id": pemda, "name": f"Pemerintah {pemda}", "parent_id": None, "level": "pemda"}
    ]
    tujuan = _Goal(f"T-{pemda}", pemda, None, "tujuan", 0)
    sasaran = _Goal(f"S-{pemda}", pemda, tujuan, "sasaran_strategis", 0)
    goals = [tujuan, sasaran]

    def grow(unit_id: str, parent_goal: _Goal, level: int, chain: bool) -> None:
        goal = _Goal(f"G-{unit_id}", unit_id, parent_goal, LEVELS[level][1], level)
        goals.append(goal)
        if level >= depth:
            return
        low = 1 if chain else 0  # the chain reaches the depth drawn
        count = draw(st.integers(low, max(low, o.max_children)), label=f"units under {unit_id}")
        below = LEVELS[level + 1][0]
        for number in range(1, count + 1):
            child = f"{unit_id}.{number}"
            name = f"{below.title()} {child}"
            units.append({"unit_id": child, "name": name, "parent_id": unit_id, "level": below})
            grow(child, goal, level + 1, chain and number == 1)

    for k, number in enumerate(numbers):
        tag = _agency_tag(number)
        units.append(
            {"unit_id": tag, "name": f"Dinas {tag}", "parent_id": pemda, "level": LEVELS[1][0]}
        )
        grow(tag, sasaran, 1, chain=k == 0)
    return units, goals


def _indicators(draw: st.DrawFn, o: Options, goals: list[_Goal]) -> list[_Indicator]:
    """Indicators of ``goals`` (in pre-order, so a parent goal's indicators exist first)."""
    indicators: list[_Indicator] = []
    for goal in goals:
        above = [] if goal.parent is None else goal.parent.indicators
        low = max(len(above), o.min_indicators)
        count = draw(st.integers(low, max(low, o.max_indicators)), label=f"{goal.goal_id}")
        for j in range(count):
            parent = above[j % len(above)] if above else None
            if parent is None:
                polarity = draw(st.sampled_from(o.polarities), label="polarity")
                unit = draw(st.sampled_from(MEASURE_UNITS), label="measure unit")
            else:
                polarity, unit = parent.polarity, parent.measure_unit
            ind = _Indicator(f"{goal.goal_id}~I{j + 1}", goal, parent, polarity, unit)
            if parent is not None:
                parent.children.append(ind)
            goal.indicators.append(ind)
            indicators.append(ind)
    return indicators


def _parts(draw: st.DrawFn, o: Options, high: int, label: str) -> list[float]:
    """A leaf's year figure, then (with ``quarters``) its four quarters, which add up to it."""
    if not o.quarters:
        return [float(draw(st.integers(1 if label == "target" else 0, high), label=label))]
    low = 1 if label == "target" else 0
    quarters = [float(draw(st.integers(low, high // 4), label=f"{label} Q{q}")) for q in "1234"]
    return [sum(quarters), *quarters]


def _numbers(
    draw: st.DrawFn, o: Options, indicators: list[_Indicator], years: int
) -> list[tuple[_Indicator, int, int]]:
    """Targets and realisations bottom-up; returns the (indicator, year, part) reported.

    Part 0 is the year, 1 to 4 its quarters. A leaf reports its year, or with ``quarters``
    every quarter and the year or not; an indicator with children reports the year or not,
    and all four quarters or none, each exactly its children's sum.
    """
    for ind in reversed(indicators):  # reverse pre-order: children before parents
        for k in range(years):
            if ind.children:
                width = len(ind.children[0].targets[k])
                ind.targets.append(
                    [sum(c.targets[k][q] for c in ind.children) for q in range(width)]
                )
                ind.realised.append(
                    [sum(c.realised[k][q] for c in ind.children) for q in range(width)]
                )
            else:
                ind.targets.append(_parts(draw, o, 500, "target"))
                if o.realisations:
                    ind.realised.append(_parts(draw, o, 600, "realisation"))
                else:
                    ind.realised.append([0.0] * (5 if o.quarters else 1))
    if not o.realisations:
        return []
    reported: list[tuple[_Indicator, int, int]] = []
    for ind in indicators:
        for k in range(years):
            if not ind.children:  # with quarters, the year may be left to them
                quarterly = o.quarters
                year = not quarterly or draw(st.booleans(), label="year reported too")
            else:
                quarterly = o.quarters and draw(st.booleans(), label="quarters reported")
                year = draw(st.booleans(), label="year reported")
            reported += [(ind, k, 0)] if year else []
            reported += [(ind, k, q) for q in range(1, 5)] if quarterly else []
    return reported


def _budgets(
    draw: st.DrawFn, o: Options, goals: list[_Goal], years: list[int]
) -> list[dict[str, Any]]:
    """Budget lines of some funded goals, with spending within the pagu."""
    budgets: list[dict[str, Any]] = []
    if not o.budgets:
        return budgets
    for goal in goals:
        if goal.kind not in _BUDGETED:
            continue
        for year in years:
            if draw(st.booleans(), label=f"budget {goal.goal_id}"):
                allocated = draw(st.integers(1, 5_000), label="allocated")
                spent = draw(st.integers(0, allocated), label="spent")
                budgets.append(
                    {
                        "goal_id": goal.goal_id,
                        "period": str(year),
                        "allocated": allocated * _RUPIAH,
                        "spent": spent * _RUPIAH,
                    }
                )
    return budgets


def _period(year: int, part: int) -> str:
    return f"{year}Q{part}" if part else str(year)


def build_tables(draw: st.DrawFn, o: Options) -> Tables:
    """The six tables of a valid cascade drawn with ``draw`` (see the module docstring)."""
    units, goals = _owners(draw, o)
    years = [o.first_year + k for k in range(draw(st.integers(o.min_periods, o.max_periods)))]
    indicators = _indicators(draw, o, goals)
    realised = _numbers(draw, o, indicators, len(years))
    budgets = _budgets(draw, o, goals, years)
    keys = [i.goal.level <= 1 and draw(st.booleans(), label="key") for i in indicators]
    parts = range(5 if o.quarters else 1)
    targeted = [(i, k, q) for i in indicators for k in range(len(years)) for q in parts]
    return {
        "units": pd.DataFrame(units, columns=["unit_id", "name", "parent_id", "level"]),
        "goals": pd.DataFrame(
            [
                {
                    "goal_id": g.goal_id,
                    "unit_id": g.unit_id,
                    "parent_goal_id": None if g.parent is None else g.parent.goal_id,
                    "statement": f"Sasaran {g.goal_id}",
                    "kind": g.kind,
                    "crosscutting": False,
                }
                for g in goals
            ]
        ),
        "indicators": pd.DataFrame(
            [
                {
                    "indicator_id": i.indicator_id,
                    "goal_id": i.goal.goal_id,
                    "parent_indicator_id": None if i.parent is None else i.parent.indicator_id,
                    "name": f"Jumlah {i.measure_unit} {i.indicator_id}",
                    "measure_unit": i.measure_unit,
                    "polarity": i.polarity,
                    "aggregation": "sum" if i.children else "none",
                    "period_aggregation": "sum",
                    "role": "carrier",
                    "weight": 1.0,
                    "key": key,
                }
                for i, key in zip(indicators, keys, strict=True)
            ]
        ),
        "targets": pd.DataFrame(
            {
                "indicator_id": [i.indicator_id for i, _, _ in targeted],
                "period": [_period(years[k], q) for _, k, q in targeted],
                "target": [i.targets[k][q] for i, k, q in targeted],
                "target_upper": float("nan"),
            },
            columns=["indicator_id", "period", "target", "target_upper"],
        ),
        "realisations": pd.DataFrame(
            {
                "indicator_id": [i.indicator_id for i, _, _ in realised],
                "period": [_period(years[k], q) for _, k, q in realised],
                "value": [i.realised[k][q] for i, k, q in realised],
            },
            columns=["indicator_id", "period", "value"],
        ),
        "budgets": pd.DataFrame(budgets, columns=["goal_id", "period", "allocated", "spent"]),
    }


def given_arguments(o: Options) -> dict[str, Any]:
    """The arguments that differ from the defaults, for a strategy's ``repr``."""
    default = Options()
    return {k: v for k, v in o.__dict__.items() if getattr(default, k) != v}


def cascade_tables(
    *,
    min_agencies: int = 1,
    max_agencies: int = 3,
    min_depth: int = 1,
    max_depth: int = 4,
    max_children: int = 2,
    min_indicators: int = 1,
    max_indicators: int = 2,
    min_periods: int = 1,
    max_periods: int = 1,
    first_year: int = 2024,
    quarters: bool = False,
    realisations: bool = True,
    budgets: bool = True,
    polarities: Sequence[str] = POLARITIES,
) -> st.SearchStrategy[Tables]:
    """The six tables of a valid cascade, as a dict of DataFrames you may change.

    Takes the keyword arguments of :func:`cascades` and builds the same cascades, before
    :class:`~cascade.Cascade` reads them: each draw is a fresh dict of fresh DataFrames in
    the workbook's canonical columns (``units``, ``goals``, ``indicators``, ``targets``,
    ``realisations``, ``budgets``), so a test may change them (inject a defect, reorder
    rows, respell a header) and then build ``Cascade(**tables)``.

    Examples
    --------
    >>> import cascade
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=3, deadline=None)
    ... @given(cascade_tables(max_agencies=1))
    ... def test_a_renamed_unit_is_not_a_finding(tables):
    ...     tables["units"]["name"] = tables["units"]["name"].str.upper()
    ...     assert cascade.check(cascade.Cascade(**tables)).ok
    >>> test_a_renamed_unit_is_not_a_finding()
    """
    o = Options(
        min_agencies=min_agencies,
        max_agencies=max_agencies,
        min_depth=min_depth,
        max_depth=max_depth,
        max_children=max_children,
        min_indicators=min_indicators,
        max_indicators=max_indicators,
        min_periods=min_periods,
        max_periods=max_periods,
        first_year=first_year,
        quarters=quarters,
        realisations=realisations,
        budgets=budgets,
        polarities=polarities,  # type: ignore[arg-type]  # validated when first used
    )

    def build() -> st.SearchStrategy[Tables]:
        valid = options(**o.__dict__)
        return st.composite(lambda draw: build_tables(draw, valid))()

    return lazily("cascade_tables", given_arguments(o), build)


def cascades(
    *,
    min_agencies: int = 1,
    max_agencies: int = 3,
    min_depth: int = 1,
    max_depth: int = 4,
    max_children: int = 2,
    min_indicators: int = 1,
    max_indicators: int = 2,
    min_periods: int = 1,
    max_periods: int = 1,
    first_year: int = 2024,
    quarters: bool = False,
    realisations: bool = True,
    budgets: bool = True,
    polarities: Sequence[str] = POLARITIES,
) -> st.SearchStrategy[Cascade]:
    """Valid cascades of a small city: :func:`cascade.check` finds nothing in them.

    Each draw is built valid (see *Construction* in :mod:`cascade.strategies`), so nothing
    is filtered, and it shrinks toward one agency with nobody below it and one indicator per
    goal. :func:`cascade.propagate` works on each for every year drawn.

    Parameters
    ----------
    min_agencies, max_agencies
        How many agencies (perangkat daerah) the pemda has: 1 to 50.
    min_depth, max_depth
        How many owner levels there are below the pemda: 1 (agencies only), 2 (and their
        administrator units: bidang, sekretariat), 3 (and pengawas units: seksi) or 4 (down
        to individual employees, pelaksana, whose goals are RHK).
    max_children
        Most units directly below an agency, an administrator or a pengawas unit (0 to 10).
    min_indicators, max_indicators
        How many indicators a goal has (1 to 10). A goal has at least as many as its parent
        goal, so that each of the parent's indicators is cascaded.
    min_periods, max_periods
        How many years have targets (1 to 10): consecutive years from ``first_year``. Every
        indicator has a target for each.
    first_year
        The first year drawn (1900 to 2100).
    quarters
        Also draw quarterly (triwulan) targets and realisations, ``2024Q1`` to ``2024Q4``,
        which add up to the year's (``period_aggregation`` ``sum``). A leaf indicator then
        reports every quarter and the year or not (then the year is derived from its
        quarters); an indicator with children reports all four quarters or none.
    realisations
        Draw realisations (``True``: every leaf indicator reports one each year, an
        indicator with children reports its children's sum or nothing) or none (``False``:
        a plan before any measurement).
    budgets
        Draw budget lines (pagu and spending) on some program, kegiatan and sub kegiatan
        goals, or none.
    polarities
        The polarities the cascade may use, a non-empty collection of ``"maximize"``,
        ``"minimize"`` and ``"stabilize"``; each top indicator draws one, and the indicators
        cascaded from it inherit it.

    Returns
    -------
    SearchStrategy[Cascade]
        Arguments are validated when the strategy is first used, as Hypothesis does for its
        own; a bad one raises :class:`InvalidArgument` naming it.

    Examples
    --------
    >>> import cascade
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=3, deadline=None)
    ... @given(cascades(max_agencies=2, max_periods=2, polarities=["minimize"]))
    ... def test_valid_and_computable(city):
    ...     assert cascade.check(city).ok
    ...     for year in city.periods:
    ...         cascade.propagate(city, as_of=year)
    >>> test_valid_and_computable()

    A bad argument fails when the strategy is first used:

    >>> cascades(min_agencies=4, max_agencies=2).validate()
    Traceback (most recent call last):
    ...
    cascade.strategies.InvalidArgument: min_agencies=4 must not be above max_agencies=2
    """
    o = Options(
        min_agencies=min_agencies,
        max_agencies=max_agencies,
        min_depth=min_depth,
        max_depth=max_depth,
        max_children=max_children,
        min_indicators=min_indicators,
        max_indicators=max_indicators,
        min_periods=min_periods,
        max_periods=max_periods,
        first_year=first_year,
        quarters=quarters,
        realisations=realisations,
        budgets=budgets,
        polarities=polarities,  # type: ignore[arg-type]  # validated when first used
    )

    def build() -> st.SearchStrategy[Cascade]:
        valid = options(**o.__dict__)
        return st.composite(lambda draw: Cascade(**build_tables(draw, valid)))()

    return lazily("cascades", given_arguments(o), build)
