"""Bindings: how cascade data decide an LKE criterion, one small function per criterion.

Vocabulary
----------
binding (pengikatan)
    A function of the :class:`~cascade.lke._evidence.Evidence` of a check run that returns a
    :class:`Measure`: the criterion's population, each member's score and the findings that
    lower it. Registered in :data:`BINDINGS` under the criterion's national code (a local
    profile's criterion reaches it through its ``national`` code; Trenggalek's DVAL004 has
    its own codes).
score (skor)
    Per member of the population: 1 passes, 0 fails, 0.5 for the KKE 2 rule of AREN002.8
    (warnings only on the indicator or its chain of goals).
ratio (r)
    Σ weight · score / Σ weight: count-weighted, rupiah-weighted for the budget criteria
    (AREN003.1, BKUR003.8). It maps to an answer by the criterion's bands.
upper bound (batas atas)
    A *proxy* criterion (research 2.1, ``proxy``): the data can show it is not met but not
    that it is, so its answer is the interval [0, v]. A data criterion's answer is v itself;
    for a Y/T criterion v is an interval between the strict (Y at r = 1) and the lenient
    (Y at r ≥ 0.9) reading.
not applicable (tidak berlaku)
    An empty population, or a rule the binding rests on that the data cannot decide (no
    second year, no ``definisi_operasional`` column…): the answer is [0, 1], never 0 or 1.

Each binding is a few vectorised lookups: the populations and findings come from one check
run, shared by every criterion.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from cascade.checks.evaluation._common import goal_chain_top, goal_reaches_root
from cascade.enums import GoalKind, Level
from cascade.lke._evidence import Evidence

__all__ = ["BINDINGS", "Measure", "MeasureFn"]

#: Columns of a measure's ``members`` frame, in order.
MEMBER_COLUMNS = [
    "subject_kind",
    "subject_id",
    "agency_id",
    "weight",
    "score",
    "findings",
    "rules",
]


@dataclass(frozen=True)
class Measure:
    """What a binding found: the population, each member's score and its evidence.

    Attributes
    ----------
    members
        One row per member of the population (:data:`MEMBER_COLUMNS`): its kind and id, its
        agency, weight, score, the ids of the findings that lower the score and the names
        of their rules.
    population
        What the members are, in words ("PK indicators of 2024").
    not_applicable
        Why the data cannot decide the criterion, or ``None``.
    upper_bound
        Whether the data only bound the answer from above (a proxy).
    """

    members: pd.DataFrame
    population: str
    not_applicable: str | None = None
    upper_bound: bool = False
    notes: tuple[str, ...] = field(default=())

    @property
    def ratio(self) -> float | None:
        """Σ weight · score / Σ weight, or ``None`` for an empty population."""
        weight = self.members["weight"].to_numpy(dtype=np.float64)
        total = float(weight.sum())
        if total <= 0 or self.not_applicable is not None:
            return None
        return float((weight * self.members["score"].to_numpy(dtype=np.float64)).sum() / total)

    @property
    def evidence(self) -> tuple[str, ...]:
        """Every finding id behind a score below 1, each once, in order."""
        seen: dict[str, None] = {}
        for ids in self.members["findings"]:
            for i in ids:
                seen.setdefault(i, None)
        return tuple(seen)


MeasureFn = Callable[[Evidence], Measure]


# ------------------------------------------------------------------------ helpers


def _by_subject(found: pd.DataFrame) -> pd.DataFrame:
    """Per ``subject_id`` of ``found``: its finding ids and its rule names (once each), as tuples.

    One sort and one split instead of a groupby that calls Python per group.
    """
    subject = found["subject_id"]
    codes, subjects = pd.factorize(subject)
    keep = np.flatnonzero(codes >= 0)
    order = keep[np.argsort(codes[keep], kind="stable")]
    cuts = np.flatnonzero(np.diff(codes[order])) + 1
    ids = np.split(found["finding_id"].to_numpy(dtype=object)[order], cuts) if len(order) else []
    names = np.split(found["name"].to_numpy(dtype=object)[order], cuts) if len(order) else []
    index = pd.Index(np.asarray(subjects, dtype=object), name="subject_id")
    return pd.DataFrame(
        {
            "findings": pd.Series([tuple(x) for x in ids], index=index, dtype=object),
            "rules": pd.Series(
                [tuple(dict.fromkeys(x)) for x in names], index=index, dtype=object
            ),
        },
        index=index,
    )


def _members(
    ev: Evidence,
    kind: str,
    rows: np.ndarray,
    *,
    rules: tuple[str, ...] = (),
    owner_rules: tuple[str, ...] = (),
    weight: np.ndarray | None = None,
) -> pd.DataFrame:
    """Members of ``kind`` at ``rows``: score 0 with a finding of ``rules`` on the subject.

    ``owner_rules`` count for a unit member when the finding is about anything it owns.
    """
    ids = ev.ids(kind)[rows]
    frame = pd.DataFrame(
        {
            "subject_kind": kind,
            "subject_id": pd.Series(ids, dtype=object),
            "agency_id": ev.agency_ids(ev.owner_rows(kind, rows)),
            "weight": np.ones(len(rows)) if weight is None else np.asarray(weight, dtype=float),
        }
    )
    hits = [ev.on(rules, kind)[["subject_id", "finding_id", "name"]]] if rules else []
    if owner_rules:
        owned = ev.owned_by(owner_rules)[["owner_id", "finding_id", "name"]]
        hits.append(owned.rename(columns={"owner_id": "subject_id"}))
    found = pd.concat(hits, ignore_index=True) if hits else pd.DataFrame()
    if len(found):
        found = found.drop_duplicates("finding_id")
        frame = frame.join(_by_subject(found), on="subject_id")
    else:
        frame["findings"] = None
        frame["rules"] = None
    empty = frame["findings"].isna()
    frame.loc[empty, "findings"] = pd.Series([()] * int(empty.sum()), index=frame.index[empty])
    frame.loc[empty, "rules"] = pd.Series([()] * int(empty.sum()), index=frame.index[empty])
    frame["score"] = np.where(empty.to_numpy(), 1.0, 0.0)
    return frame[MEMBER_COLUMNS]


def _simple(
    kind: str,
    population: Callable[[Evidence], np.ndarray],
    words: str,
    rules: tuple[str, ...],
    *,
    owner_rules: tuple[str, ...] = (),
    needs: tuple[str, ...] = (),
    upper_bound: bool = False,
) -> MeasureFn:
    """A binding: members of ``population`` fail on any finding of ``rules``.

    ``needs`` are the rules without which the criterion cannot be decided: when every one of
    them is not applicable, so is the criterion.
    """

    def measure(ev: Evidence) -> Measure:
        rows = population(ev)
        skipped = ev.not_applicable(needs or rules)
        if needs and len(skipped) == len(needs):
            why_not = "; ".join(f"{name}: {why}" for name, why in skipped.items())
            return Measure(_members(ev, kind, rows[:0]), words, not_applicable=why_not)
        members = _members(ev, kind, rows, rules=rules, owner_rules=owner_rules)
        notes = tuple(f"{name} not applicable: {why}" for name, why in skipped.items())
        reason = None if len(members) else f"no {words}"
        return Measure(members, words, reason, upper_bound, notes)

    measure.__doc__ = f"{words}; fails on {', '.join(rules + owner_rules)}."
    return measure


def _pk(ev: Evidence) -> np.ndarray:
    return ev.pk_indicators


def _key_or_pk(ev: Evidence) -> np.ndarray:
    return ev.key_or_pk_indicators


def _plan_units(ev: Evidence) -> np.ndarray:
    levels = [Level(v) for v in ev.context.settings.plan_levels]
    return ev.units_at(*levels)


def _employees(ev: Evidence) -> np.ndarray:
    return ev.units_at(Level.PELAKSANA)


# ----------------------------------------------------------------------- custom


def _medium_term(ev: Evidence) -> Measure:
    """AREN001.3: every agency owns goals with indicators and targets (Renstra exists)."""
    ctx = ev.context
    agencies = ev.units_at(Level.PERANGKAT_DAERAH)
    members = _members(ev, "unit", agencies, owner_rules=("missing-indicator", "missing-target"))
    owner = ctx.goal_owner
    owns = np.zeros(len(ctx.units), dtype=bool)
    owns[owner[(owner >= 0) & (ctx.goal_indicator_count > 0)]] = True
    none = ~owns[agencies]
    members.loc[none, "score"] = 0.0
    # An agency owning no goal with an indicator: its findings say why when it has any (a
    # goal without an indicator); with none, "no-goal" names the gap (no rule flags it).
    bare = none & (members["rules"].map(len).to_numpy() == 0)
    where = members.index[bare]
    members.loc[bare, "rules"] = pd.Series([("no-goal",)] * len(where), index=where, dtype=object)
    reason = None if len(members) else "no perangkat daerah in the units table"
    return Measure(members, "perangkat daerah", reason)


def _cascading(ev: Evidence) -> Measure:
    """AREN002.8: the KKE 2 score per indicator.

    0 with an error on the indicator or its chain of goals, 0.5 with warnings only, 1 clean.
    An indicator lowered by its chain has the findings of the goal that set the chain's
    severity (the nearest such goal up the chain) as evidence.
    """
    ctx = ev.context
    names = (
        "orphan-goal",
        "orphan-indicator",
        "not-cascaded",
        "level-order",
        "owner-misaligned",
        "indicator-goal-mismatch",
        "level-skip",
        "unit-mismatch",
        "polarity-mismatch",
        "target-split-mismatch",
        "dangling-reference",
        "cycle",
        "plan-drift",
    )
    n_goals, n_ind = len(ctx.goals), len(ctx.indicators)
    # Worst severity per goal (2 error, 1 warning), carried down the goal tree.
    goal_f = ev.on(names, "goal")
    goal_rows = ev.rows_of("goal", goal_f["subject_id"].to_numpy(dtype=object))
    worst = np.zeros(n_goals, dtype=np.int64)
    sev = np.where(goal_f["severity"].to_numpy(dtype=object) == "error", 2, 1)
    np.maximum.at(worst, goal_rows[goal_rows >= 0], sev[goal_rows >= 0])
    # The chain's worst severity per goal, and the goal whose findings set it (the nearest
    # one up the chain with that severity), carried down the goal tree.
    tree = ctx.goal_tree
    chain = worst.copy()
    source = np.where(worst > 0, np.arange(n_goals), -1)
    from cascade.derive import _levels

    below = np.flatnonzero(tree.depth > 0)
    for level in _levels(below, tree.depth[below]):
        up = tree.parent[level]
        inherit = chain[up] > worst[level]
        chain[level] = np.maximum(worst[level], chain[up])
        source[level] = np.where(inherit, source[up], source[level])
    rows = np.arange(n_ind, dtype=np.int64)
    members = _members(ev, "indicator", rows, rules=names)
    own = ev.on(names, "indicator")
    own_worst = (
        pd.Series(np.where(own["severity"].to_numpy(dtype=object) == "error", 2, 1))
        .groupby(own["subject_id"].to_numpy(dtype=object))
        .max()
    )
    mine = members["subject_id"].map(own_worst).fillna(0).to_numpy(dtype=np.int64)
    goal = ctx.indicator_goal
    above = np.where(goal >= 0, chain[np.maximum(goal, 0)], 0)
    level = np.maximum(mine, above)
    members["score"] = np.select([level == 2, level == 1], [0.0, 0.5], 1.0)
    # Where the chain weighs more than the indicator's own findings, the findings of the
    # goal that set it are evidence too: a fix of that goal lifts the indicator.
    flagged = np.flatnonzero(above > mine)
    if flagged.size:
        by_goal = _by_subject(goal_f)
        ids = ev.ids("goal")
        setter = ids[source[goal[flagged]]]
        chain_findings = pd.Series(setter).map(by_goal["findings"]).to_numpy(dtype=object)
        chain_rules = pd.Series(setter).map(by_goal["rules"]).to_numpy(dtype=object)
        old_findings = members["findings"].to_numpy(dtype=object)[flagged]
        old_rules = members["rules"].to_numpy(dtype=object)[flagged]
        members.loc[flagged, "findings"] = pd.Series(
            [a + b for a, b in zip(old_findings, chain_findings, strict=True)],
            index=flagged,
            dtype=object,
        )
        members.loc[flagged, "rules"] = pd.Series(
            [tuple(dict.fromkeys(a + b)) for a, b in zip(old_rules, chain_rules, strict=True)],
            index=flagged,
            dtype=object,
        )
    reason = None if len(members) else "no indicators"
    return Measure(members, "indicators (KKE 2 score)", reason)


def _budget_reach(ev: Evidence) -> Measure:
    """AREN003.1: the share of rupiah on goals whose chain reaches a pemda goal."""
    rows, allocated = ev.budget_goals
    members = _members(ev, "goal", rows, rules=("budget-orphan",), weight=allocated)
    reason = None if len(members) else "no budget allocated in the year"
    return Measure(members, "rupiah allocated to goals", reason)


def _activities(ev: Evidence) -> Measure:
    """AREN003.2: every kegiatan and sub-kegiatan goal reaches an outcome at the root.

    A goal cut loose higher up has the findings on the top of its chain as evidence.
    """
    ctx = ev.context
    rows = ev.goals_of_kind(GoalKind.SASARAN_KEGIATAN, GoalKind.SASARAN_SUBKEGIATAN)
    breaks = ("orphan-goal", "dangling-reference", "cycle")
    members = _members(ev, "goal", rows, rules=(*breaks, "budget-orphan"))
    reach = goal_reaches_root(ctx)[rows]
    members.loc[~reach, "score"] = 0.0
    # A goal cut loose higher up: the findings on the top of its chain say where it breaks.
    top = goal_chain_top(ctx)[rows]
    bare = ~reach & (top >= 0) & (members["findings"].map(len).to_numpy() == 0)
    if bare.any():
        on_top = _by_subject(ev.on(breaks, "goal"))
        ids = ev.ids("goal")
        tops = pd.Series(ids[top[bare]], index=members.index[bare])
        for column in ("findings", "rules"):
            found = tops.map(on_top[column])
            found = found.where(found.notna(), pd.Series([()] * len(found), index=found.index))
            members.loc[bare, column] = found
    reason = None if len(members) else "no kegiatan or sub-kegiatan goals"
    return Measure(members, "kegiatan and sub-kegiatan goals", reason)


def _spend(ev: Evidence) -> Measure:
    """BKUR003.8: rupiah on goals whose absorption does not run ahead of achievement."""
    skipped = ev.not_applicable(("inefficient-spend",))
    rows, allocated = ev.budget_goals
    if skipped:
        return Measure(
            _members(ev, "goal", rows[:0]),
            "rupiah allocated to goals",
            not_applicable=f"inefficient-spend: {skipped['inefficient-spend']}",
        )
    members = _members(ev, "goal", rows, rules=("inefficient-spend",), weight=allocated)
    reason = None if len(members) else "no budget allocated in the year"
    return Measure(members, "rupiah allocated to goals", reason)


def _tiered(ev: Evidence) -> Measure:
    """BKUR002.5: every owner of indicators has realisations that agree with its children's."""
    members = _members(
        ev,
        "unit",
        ev.indicator_owners,
        owner_rules=("realisation-mismatch", "realisation-gap"),
    )
    reason = None if len(members) else "no unit owns an indicator"
    return Measure(members, "owners of indicators", reason)


def _comparison(code: str) -> MeasureFn:
    """CLAP002.3–.6: key indicators the report cannot compare as criterion ``code`` asks.

    Reads :func:`~cascade.checks.evaluation.quality.comparison_gaps`, the columns
    :data:`~cascade.checks.evaluation.quality.COMPARISONS` maps to ``code``: an IKU fails when
    one of them is missing and its report-comparison-gap finding stands (a suppressed finding
    does not count). A column the data cannot decide is left out; when none can be decided,
    the criterion is not applicable.
    """
    from cascade.checks.evaluation.quality import COMPARISONS

    columns = tuple(name for name, criterion in COMPARISONS.items() if criterion == code)

    def measure(ev: Evidence) -> Measure:
        rows = ev.key_indicators
        gaps = ev.comparison_gaps
        if gaps.frame is None:
            why_not = f"report-comparison-gap: {gaps.reason}"
            return Measure(_members(ev, "indicator", rows[:0]), "IKU", not_applicable=why_not)
        frame = gaps.frame
        decided = [name for name in columns if bool(frame[name].notna().any())]
        undecided = [name.replace("_", " ") for name in columns if name not in decided]
        why = "; ".join(gaps.notes)
        if not decided:
            why_not = f"report-comparison-gap cannot decide the {' or '.join(undecided)}: {why}"
            return Measure(_members(ev, "indicator", rows[:0]), "IKU", not_applicable=why_not)
        members = _members(ev, "indicator", rows)
        missing = np.zeros(len(frame), dtype=bool)
        for name in decided:
            missing |= frame[name].fillna(False).to_numpy(dtype=bool)
        lacking = pd.Index(frame["indicator_id"].astype("str")[missing].unique())
        found = ev.on(("report-comparison-gap",), "indicator")
        found = found[found["subject_id"].isin(lacking)]
        ids = _by_subject(found)["findings"]
        hit = members["subject_id"].map(ids)
        failing = hit.notna().to_numpy()
        members.loc[failing, "findings"] = hit[failing]
        members.loc[failing, "rules"] = pd.Series(
            [("report-comparison-gap",)] * int(failing.sum()),
            index=members.index[failing],
            dtype=object,
        )
        members.loc[failing, "score"] = 0.0
        notes = (f"not decided: the {' or '.join(undecided)} ({why})",) if undecided else ()
        reason = None if len(members) else "no IKU"
        return Measure(members, "IKU", reason, notes=notes)

    measure.__doc__ = f"{code}: the report compares each IKU with its {', '.join(columns)}."
    return measure


# ----------------------------------------------------------------------- registry

_STRUCTURE_ON_INDICATOR = (
    "missing-metadata",
    "missing-target",
    "zero-target",
    "unit-mismatch",
    "polarity-mismatch",
    "indicator-goal-mismatch",
    "indicator-not-smart",
)

#: Criterion code (national, or a local code with no national one) → binding.
BINDINGS: dict[str, MeasureFn] = {
    "AREN001.3": _medium_term,
    "AREN001.4": _simple(
        "indicator",
        lambda ev: ev.plan_indicators,
        "indicators owned pemda … pengawas",
        ("missing-target",),
    ),
    "AREN001.5": _simple("indicator", _pk, "PK indicators", ("renaksi-missing",)),
    "AREN001.6": _simple(
        "goal",
        lambda ev: ev.goals_of_kind(
            GoalKind.SASARAN_PROGRAM, GoalKind.SASARAN_KEGIATAN, GoalKind.SASARAN_SUBKEGIATAN
        ),
        "program, kegiatan and sub-kegiatan goals",
        ("unfunded-goal", "budget-orphan"),
        needs=("unfunded-goal",),
    ),
    "AREN002.3": _simple(
        "goal",
        lambda ev: ev.goals_of_kind(
            GoalKind.TUJUAN, GoalKind.SASARAN_STRATEGIS, GoalKind.SASARAN_PROGRAM
        ),
        "tujuan, sasaran strategis and sasaran program",
        ("goal-not-outcome",),
        upper_bound=True,
    ),
    "AREN002.4": _simple(
        "goal",
        lambda ev: ev.goals_of_kind(
            GoalKind.TUJUAN, GoalKind.SASARAN_STRATEGIS, GoalKind.SASARAN_PROGRAM
        ),
        "tujuan, sasaran strategis and sasaran program",
        ("goal-not-outcome",),
    ),
    "AREN002.5": _simple(
        "indicator", _key_or_pk, "IKU and PK indicators", _STRUCTURE_ON_INDICATOR
    ),
    "AREN002.6": _simple(
        "goal",
        lambda ev: np.unique(
            ev.context.indicator_goal[ev.key_indicators][
                ev.context.indicator_goal[ev.key_indicators] >= 0
            ]
        ),
        "goals with IKU",
        ("iku-churn",),
        needs=("iku-churn",),
    ),
    "AREN002.7": _simple(
        "indicator",
        _pk,
        "PK indicators",
        ("target-regression", "target-path-break", "target-split-mismatch", "zero-target"),
    ),
    "AREN002.8": _cascading,
    "AREN002.9": _simple(
        "goal",
        lambda ev: ev.shared_pemda_goals,
        "pemda goals supported by agencies",
        ("crosscutting-absent",),
        needs=("crosscutting-absent",),
    ),
    "AREN002.10": _simple(
        "unit", _plan_units, "administrator and pengawas units", ("unit-without-goal",)
    ),
    "AREN002.11": _simple(
        "unit",
        _employees,
        "employees (pelaksana)",
        ("employee-without-rhk",),
        needs=("employee-without-rhk",),
    ),
    "AREN003.1": _budget_reach,
    "AREN003.2": _activities,
    "AREN003.3": _simple(
        "indicator",
        lambda ev: ev.achieved_pk,
        "PK indicators with an achievement",
        ("underachieved",),
    ),
    "AREN003.4": _simple(
        "indicator",
        _pk,
        "PK indicators",
        ("realisation-gap", "renaksi-missing"),
    ),
    "AREN003.5": _simple(
        "indicator", _pk, "PK indicators", ("target-regression",), needs=("target-regression",)
    ),
    "AREN003.7": _simple(
        "unit",
        _plan_units,
        "administrator and pengawas units",
        ("unit-without-goal",),
        owner_rules=("realisation-gap",),
        upper_bound=True,
    ),
    "AREN003.8": _simple(
        "unit",
        _employees,
        "employees (pelaksana)",
        ("employee-without-rhk",),
        owner_rules=("realisation-gap",),
        needs=("employee-without-rhk",),
        upper_bound=True,
    ),
    "BKUR001.2": _simple(
        "indicator",
        _key_or_pk,
        "IKU and PK indicators",
        ("missing-measurement-metadata",),
        needs=("missing-measurement-metadata",),
    ),
    "BKUR001.3": _simple(
        "indicator",
        _key_or_pk,
        "IKU and PK indicators",
        ("missing-measurement-metadata", "realisation-mismatch"),
        needs=("missing-measurement-metadata",),
    ),
    "BKUR002.2": _simple(
        "indicator",
        lambda ev: ev.strategic_indicators,
        "indicators of strategic goals",
        ("report-comparison-gap", "indicator-goal-mismatch"),
    ),
    "BKUR002.3": _simple(
        "indicator",
        lambda ev: np.intersect1d(ev.strategic_indicators, ev.achieved_pk),
        "indicators of strategic goals with an achievement",
        ("underachieved",),
    ),
    "BKUR002.4": _simple(
        "indicator", _pk, "PK indicators", ("realisation-gap",), needs=("realisation-gap",)
    ),
    "BKUR002.5": _tiered,
    "BKUR003.7": _simple(
        "indicator",
        _pk,
        "PK indicators",
        ("plan-drift",),
        needs=("plan-drift",),
        upper_bound=True,
    ),
    "BKUR003.8": _spend,
    "CLAP001.2": _simple(
        "indicator", _pk, "PK indicators", ("realisation-gap",), needs=("realisation-gap",)
    ),
    "CLAP002.2": _simple(
        "indicator",
        _key_or_pk,
        "IKU and PK indicators",
        ("missing-target", "realisation-gap", "undefined-achievement"),
    ),
    "CLAP002.3": _comparison("CLAP002.3"),
    "CLAP002.4": _comparison("CLAP002.4"),
    "CLAP002.5": _comparison("CLAP002.5"),
    "CLAP002.6": _comparison("CLAP002.6"),
    "CLAP002.8": _simple(
        "goal",
        lambda ev: ev.goals_of_kind(
            GoalKind.SASARAN_PROGRAM, GoalKind.SASARAN_KEGIATAN, GoalKind.SASARAN_SUBKEGIATAN
        ),
        "program, kegiatan and sub-kegiatan goals",
        ("inefficient-spend", "unfunded-goal"),
        needs=("inefficient-spend", "unfunded-goal"),
    ),
    "DVAL004.1": _simple(
        "indicator",
        lambda ev: ev.achieved_pk,
        "PK indicators with an achievement",
        ("underachieved",),
    ),
    "DVAL004.2": _simple(
        "indicator",
        lambda ev: ev.achieved_pk,
        "PK indicators with an achievement",
        ("no-improvement",),
        needs=("no-improvement",),
    ),
    "DVAL004.3": _simple(
        "indicator",
        lambda ev: ev.achieved_pk,
        "PK indicators with an achievement",
        ("realisation-mismatch",),
    ),
}
