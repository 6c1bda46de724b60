"""One injector per stable checker rule: a valid cascade's tables plus exactly one defect.

An injector takes a valid cascade's tables (a copy it may change) and a ``draw`` function
(Hypothesis' ``draw`` in a composite strategy, or ``data.draw``), chooses its subject with
``draw``, and returns the changed tables and the exact set of ``(rule name, subject id)``
pairs :func:`cascade.check` must report, under every rule at once and the plan years of
:func:`~cascade.strategies._cascades.plan_policy`. Most injectors *add* rows (a goal with an
``own`` indicator and its targets, say) rather than cut links, so nothing else changes; the
few side findings the domain makes unavoidable are stated where they are injected.

Injectors may also run one after another on the same tables (the row-order and selection
properties do): each then still adds its own defect, although the expected pairs of the
composition are no longer the union.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from hypothesis import strategies as st

from cascade.strategies._cascades import PLAN_AFTER, PLAN_BEFORE, POLARITIES, Tables
from cascade.strategies._edit import (
    FUNDED,
    KIND_OF_LEVEL,
    KINDS,
    STRATEGIC,
    View,
    add_budget,
    add_goal,
    add_indicator,
    add_unit,
    append_rows,
    big_change,
    branch,
    ensure,
    fresh_id,
    funded_goals,
    in_period,
    leaf_owned_goals,
    set_cell,
    set_realisation,
    years,
)

__all__ = ["INJECTORS", "ORDER_SENSITIVE", "Expected", "Injector", "draw_year"]

Expected = set[tuple[str, str]]
Injector = Callable[[Tables, st.DrawFn], tuple[Tables, Expected]]


def draw_year(t: Tables, draw: st.DrawFn) -> str:
    """One of the years that have targets."""
    return draw(st.sampled_from(years(t)), label="year")


def duplicate_id(t: Tables, draw: st.DrawFn) -> tuple[Tables, Expected]:
    # An exact copy of a unit, goal or indicator row: which copy comes first does not matter,
    # and every lookup by id goes to the first, so only the repetition itself is wrong.
    v = View(t)
    table, column, ids = draw(
        st.sampled_from(
            [
                ("units", "unit_id", v.units),
                ("goals", "goal_id", v.goals),
                ("indicators", "indicator_id", v.indicators),
            ]
        ),
        label="table",
    )
    subject = draw(st.sampled_from(ids), label="subject")
    frame = t[table]
    copy = frame[frame[column] == subject].iloc[:1]
    append_rows(t, table, [{str(k): v for k, v in row.items()} for row in copy.to_dict("records")])
    return t, {("duplicate-id", subject)}


def dangling_reference(t: Tables, draw: st.DrawFn) -> tuple[Tables, Expected]:
    v = View(t)
    ghost = fresh_id(t, "HANTU")
    year = draw_year(t, draw)
    where = draw(
        st.sampled_from(
            [
                "targets",
                "realisations",
                "budgets",
                "units.parent_id",
                "goals.parent_goal_id",
                "goals.unit_id",
                "indicators.goal_id",
                "indicators.parent_indicator_id",
            ]
        ),
        label="column",
    )
    if where == "targets":
        append_rows(t, "targets", [{"indicator_id": ghost, "period": year, "target": 5.0}])
        return t, {("dangling-reference", ghost)}
    if where == "realisations":
        append_rows(t, "realisations", [{"indicator_id": ghost, "period": year, "value": 5.0}])
        return t, {("dangling-reference", ghost)}
    if where == "budgets":
        add_budget(t, ghost, year)
        return t, {("dangling-reference", ghost)}
    if where == "units.parent_id":
        return t, {("dangling-reference", add_unit(t, ghost, "pelaksana"))}
    if where == "goals.parent_goal_id":
        unit = draw(st.sampled_from(v.units), label="owner")
        goal = add_goal(t, unit, ghost, KIND_OF_LEVEL[v.level[unit]])
        return t, {("dangling-reference", goal)}
    if where == "goals.unit_id":
        # A goal of nobody under the pemda's sasaran: its links cannot be followed, so the
        # alignment rules leave it alone.
        goal = add_goal(t, ghost, v.sasaran, "sasaran_program")
        return t, {("dangling-reference", goal)}
    if where == "indicators.goal_id":
        return t, {("dangling-reference", add_indicator(t, ghost))}
    goal = draw(st.sampled_from(ensure(t, leaf_owned_goals)), label="goal")
    return t, {("dangling-reference", add_indicator(t, goal, parent=ghost, role="carrier"))}


def cycle(t: Tables, draw: st.DrawFn) -> tuple[Tables, Expected]:
    size = draw(st.integers(1, 3), label="loop length")
    if draw(st.booleans(), label="units"):
        # New units (with no goals) whose parents run in a loop.
        units = [fresh_id(t, f"LOOP{k}") for k in range(size)]
        for k, unit in enumerate(units):
            add_unit(t, units[(k + 1) % size], "pelaksana", unit_id=unit)
        return t, {("cycle", unit) for unit in units}
    # New goals of one owner whose parents run in a loop. Their kind is left blank: in a loop
    # of stated kinds some goal is not below its parent's kind (level-order). Each has one
    # indicator: either an own one, or one cascading from the previous goal's, so that the
    # indicators run in the same loop (each parent indicator is of its goal's parent goal).
    v = View(t)
    unit = draw(st.sampled_from(v.units), label="owner")
    goals = [fresh_id(t, f"GLOOP{k}") for k in range(size)]
    inds = [fresh_id(t, f"ILOOP{k}") for k in range(size)]
    looped = draw(st.booleans(), label="indicators loop too")
    for k, goal in enumerate(goals):
        row = {"goal_id": goal, "unit_id": unit, "parent_goal_id": goals[(k + 1) % size]}
        append_rows(t, "goals", [{**row, "statement": f"Sasaran {goal}", "crosscutting": False}])
    for k, goal in enumerate(goals):
        if looped:
            parent = inds[(k + 1) % size]
            add_indicator(t, goal, parent=parent, role="carrier", indicator_id=inds[k])
        else:
            add_indicator(t, goal, indicator_id=inds[k])
    return t, {("cycle", x) for x in goals + (inds if looped else [])}


def orphan_goal(t: Tables, draw: st.DrawFn) -> tuple[Tables, Expected]:
    v = View(t)
    if draw(st.booleans(), label="new goal"):
        owners = [u for u in v.units if v.level[u] != "pemda"]
        unit = draw(st.sampled_from(owners), label="owner")
        return t, {("orphan-goal", add_goal(t, unit, None, KIND_OF_LEVEL[v.level[unit]]))}
    # Cut the link of a goal below the pemda. Its indicators keep their parent indicators,
    # which now contradict the goal's missing link: indicator-goal-mismatch reports each.
    # The budget lines of the goal and of every goal below it no longer reach the pemda:
    # budget-orphan reports each such goal, a consequence of the one cut.
    goal = draw(st.sampled_from([g for g in v.goals if v.owner_rank(g) >= 1]), label="goal")
    set_cell(t, "goals", t["goals"]["goal_id"] == goal, "parent_goal_id", None)
    below, todo = set(), [goal]
    while todo:
        g = todo.pop()
        below.add(g)
        todo.extend(x for x in v.goals if v.goal_parent[x] == g)
    ind = t["indicators"]
    linked = ind[(ind["goal_id"] == goal) & ind["parent_indicator_id"].notna()]
    mismatched = {("indicator-goal-mismatch", str(i)) for i in linked["indicator_id"]}
    return t, {("orphan-goal", goal)} | mismatched | {
        ("budget-orphan", g) for g in below & v.budgeted
    }


def orphan_indicator(t: Tables, draw: st.DrawFn) -> tuple[Tables, Expected]:
    # On a goal whose owner has nobody below (else the indicator is also not cascaded).
    goal = draw(st.sampled_from(ensure(t, leaf_owned_goals)), label="goal")
    role = draw(st.sampled_from(["carrier", "supporting"]), label="role")
    return t, {("orphan-indicator", add_indicator(t, goal, role=role))}


def missing_indicator(t: Tables, draw: st.DrawFn) -> tuple[Tables, Expected]:
    # A sibling of an existing goal: same owner, parent and kind, but no indicator.
    v = View(t)
    like = draw(
        st.sampled_from([g for g in v.goals if v.goal_parent[g] in v.owner]), label="sibling"
    )
    goal = add_goal(t, v.owner[like], v.goal_parent[like], v.kind[like] or "", indicator=False)
    return t, {("missing-indicator", goal)}


def missing_target(t: Tables, draw: st.DrawFn) -> tuple[Tables, Expected]:
    v = View(t, draw_year(t, draw))
    if draw(st.booleans(), label="new indicator"):
        goal = draw(st.sampled_from(v.goals), label="goal")
        return t, {("missing-target", add_indicator(t, goal, target=None))}
    # Remove one year's target of a top indicator: nothing above it needs it to add up.
    roots = [i for i in v.indicators if v.ind_parent[i] is None and i in v.target]
    ind = draw(st.sampled_from(roots), label="indicator")
    keep = ~in_period(t, "targets", "indicator_id", ind, v.period)
    t["targets"] = t["targets"][keep].reset_index(drop=True)
    return t, {("missing-target", ind)}


def invalid_value(t: Tables, draw: st.DrawFn) -> tuple[Tables, Expected]:
    v = View(t, draw_year(t, draw))
    columns = ["target", "target_upper", "allocated", "spent", "weight"]
    if v.rows:
        columns.insert(2, "value")
    column = draw(st.sampled_from(columns), label="column")
    bad = draw(st.sampled_from([np.inf, -np.inf]), label="value")
    if column in ("target", "target_upper"):
        ind = draw(st.sampled_from(sorted(v.target)), label="indicator")
        mask = in_period(t, "targets", "indicator_id", ind, v.period)
        # A bound below the target is a read error, not a finding: an upper bound is +inf;
        # a target with an upper bound (after earlier injections) is -inf.
        bounded = t["targets"].loc[mask, "target_upper"].notna().any()
        value = np.inf if column == "target_upper" else -np.inf if bounded else bad
        set_cell(t, "targets", mask, column, value)
        return t, {("invalid-value", ind)}
    if column == "value":
        ind = draw(st.sampled_from(sorted(v.rows)), label="indicator")
        mask = in_period(t, "realisations", "indicator_id", ind, v.period)
        set_cell(t, "realisations", mask, "value", bad)
        return t, {("invalid-value", ind)}
    if column == "weight":
        ind = draw(st.sampled_from(v.indicators), label="indicator")
        set_cell(t, "indicators", t["indicators"]["indicator_id"] == ind, "weight", bad)
        return t, {("invalid-value", ind)}
    goal = draw(st.sampled_from(ensure(t, funded_goals)), label="goal")
    mask = in_period(t, "budgets", "goal_id", goal, v.period)
    if not mask.any():
        add_budget(t, goal, v.period)
        mask = in_period(t, "budgets", "goal_id", goal, v.period)
    set_cell(t, "budgets", mask, column, bad)
    return t, {("invalid-value", goal)}


def missing_metadata(t: Tables, draw: st.DrawFn) -> tuple[Tables, Expected]:
    v = View(t)
    table, column, ids = draw(
        st.sampled_from(
            [
                ("units", "name", v.units),
                ("goals", "statement", v.goals),
                ("indicators", "name", v.indicators),
                ("indicators", "measure_unit", v.indicators),
            ]
        ),
        label="column",
    )
    subject = draw(st.sampled_from(ids), label="subject")
    id_column = {"units": "unit_id", "goals": "goal_id", "indicators": "indicator_id"}[table]
    blank = draw(st.sampled_from([None, "", "  "]), label="blank")
    set_cell(t, table, t[table][id_column] == subject, column, blank)
    return t, {("missing-metadata", subject)}


def level_order(t: Tables, draw: st.DrawFn) -> tuple[Tables, Expected]:
    if draw(st.booleans(), label="owned above"):
        # An agency's goal under a kegiatan goal of another agency's bidang, declared
        # crosscutting: the declaration excuses a link beside, not one that runs up (and it
        # does excuse owner-misaligned, which would otherwise also hold).
        bidang, kegiatan = branch(t, 2)[1]
        v = View(t)
        agencies = [
            u for u in v.units if v.level[u] == "perangkat_daerah" and bidang not in v.under(u)
        ]
        agency = draw(st.sampled_from(agencies), label="agency")
        goal = add_goal(t, agency, kegiatan, "sasaran_program", crosscutting=True)
        return t, {("level-order", goal)}
    # A goal under a goal of its own owner, of the same kind or one above it (a kind that
    # fits the owner, so kind-level-mismatch has nothing to say).
    v = View(t)
    typed = [g for g in v.goals if v.kind[g] and v.owner_rank(g) >= 0]
    parent = draw(st.sampled_from(typed), label="parent")
    owner = v.owner[parent]
    kinds = [k for k in KINDS[: KINDS.index(v.kind[parent] or "") + 1] if k in v.fitting(owner)]
    kind = draw(st.sampled_from(kinds), label="kind")
    return t, {("level-order", add_goal(t, owner, parent, kind))}


def owner_misaligned(t: Tables, draw: st.DrawFn) -> tuple[Tables, Expected]:
    # A goal owned one level below its parent goal's owner, but outside that owner's units.
    if draw(st.booleans(), label="new agency"):
        branch(t, 4)
    v = View(t)
    pairs = [
        (g, w)
        for g in v.goals
        if 1 <= v.owner_rank(g) <= 3
        for w in v.units
        if v.rank(w) == v.owner_rank(g) + 1 and w not in v.under(v.owner[g])
    ]
    if not pairs:
        branch(t, 4)
        return owner_misaligned(t, draw)
    parent, unit = draw(st.sampled_from(pairs), label="parent, owner")
    return t, {("owner-misaligned", add_goal(t, unit, parent, KIND_OF_LEVEL[v.level[unit]]))}


def indicator_goal_mismatch(t: Tables, draw: st.DrawFn) -> tuple[Tables, Expected]:
    # A supporting indicator (so no number changes) whose parent indicator is not of its
    # goal's parent goal; on a goal whose owner has nobody below (else also not-cascaded).
    goal = draw(st.sampled_from(ensure(t, leaf_owned_goals)), label="goal")
    v = View(t)
    parents = [i for i in v.indicators if v.goal_of[i] != v.goal_parent[goal]]
    parent = draw(st.sampled_from(parents), label="parent indicator")
    ind = add_indicator(t, goal, parent=parent, role="supporting")
    return t, {("indicator-goal-mismatch", ind)}


def unit_mismatch(t: Tables, draw: st.DrawFn) -> tuple[Tables, Expected]:
    # A carrier and everything below it measured in another unit: only the top link breaks.
    v = View(t)
    top = draw(st.sampled_from([i for i in v.indicators if v.ind_parent[i]]), label="top")
    parent = v.ind_parent[top] or ""
    units = ["orang", "persen", "Rp", "kasus baru"]
    mine = v.measure_unit.get(parent, "").strip().casefold()
    others = [u for u in units if u.casefold() != mine]
    unit = draw(st.sampled_from(others), label="unit")
    mask = t["indicators"]["indicator_id"].isin(v.subtree(top))
    set_cell(t, "indicators", mask, "measure_unit", unit)
    return t, {("unit-mismatch", top)}


def level_skip(t: Tables, draw: st.DrawFn) -> tuple[Tables, Expected]:
    # A goal owned two or more levels below its parent goal's owner, within its units.
    if draw(st.booleans(), label="new agency"):
        branch(t, draw(st.integers(2, 4), label="depth"))
    v = View(t)
    pairs = [
        (g, w)
        for g in v.goals
        if v.owner_rank(g) >= 0
        for w in v.under(v.owner[g])
        if v.rank(w) >= v.owner_rank(g) + 2
    ]
    if not pairs:
        branch(t, 2)
        return level_skip(t, draw)
    parent, unit = draw(st.sampled_from(pairs), label="parent, owner")
    return t, {("level-skip", add_goal(t, unit, parent, KIND_OF_LEVEL[v.level[unit]]))}


def polarity_mismatch(t: Tables, draw: st.DrawFn) -> tuple[Tables, Expected]:
    # A carrier and everything below it with another polarity: only the top link breaks.
    v = View(t)
    top = draw(st.sampled_from([i for i in v.indicators if v.ind_parent[i]]), label="top")
    others = [p for p in POLARITIES if p != v.polarity[top]]
    polarity = draw(st.sampled_from(others), label="polarity")
    mask = t["indicators"]["indicator_id"].isin(v.subtree(top))
    set_cell(t, "indicators", mask, "polarity", polarity)
    return t, {("polarity-mismatch", top)}


def not_cascaded(t: Tables, draw: st.DrawFn) -> tuple[Tables, Expected]:
    # A new indicator of an owner with units below it, that nothing cascades from; it
    # supports an indicator of its goal's parent goal, so its own link is fine.
    v = View(t)
    goals = [
        g
        for g in v.goals
        if v.has_units_below(v.owner[g])
        and (v.goal_parent[g] is None or v.goal_indicators.get(v.goal_parent[g] or ""))
    ]
    goal = draw(st.sampled_from(goals), label="goal")
    above = v.goal_parent[goal]
    if above is None:
        return t, {("not-cascaded", add_indicator(t, goal, role="carrier"))}
    parent = draw(st.sampled_from(v.goal_indicators[above]), label="parent indicator")
    return t, {("not-cascaded", add_indicator(t, goal, parent=parent, role="supporting"))}


def kind_level_mismatch(t: Tables, draw: st.DrawFn) -> tuple[Tables, Expected]:
    # Retype a goal below the pemda with a kind its owner's level does not plan; avoid kinds
    # that would also make its IKUs non-strategic or its budget a non-program budget.
    if draw(st.booleans(), label="new agency"):
        branch(t, draw(st.integers(1, 4), label="depth"))
    v = View(t)
    pairs = [
        (g, k)
        for g in v.goals
        if v.owner_rank(g) >= 1
        for k in KINDS
        if k not in v.fitting(v.owner[g])
        and (k in STRATEGIC or not any(v.key[i] for i in v.goal_indicators.get(g, [])))
        and (k in FUNDED or g not in v.budgeted)
    ]
    if not pairs:
        branch(t, 2)
        return kind_level_mismatch(t, draw)
    goal, kind = draw(st.sampled_from(pairs), label="goal, kind")
    set_cell(t, "goals", t["goals"]["goal_id"] == goal, "kind", kind)
    return t, {("kind-level-mismatch", goal)}


def key_indicator_not_strategic(t: Tables, draw: st.DrawFn) -> tuple[Tables, Expected]:
    if draw(st.booleans(), label="new agency"):
        branch(t, draw(st.integers(2, 4), label="depth"))
    v = View(t)
    low = [i for i in v.indicators if v.kind.get(v.goal_of[i]) not in STRATEGIC]
    if not low:
        branch(t, 2)
        return key_indicator_not_strategic(t, draw)
    ind = draw(st.sampled_from(low), label="indicator")
    set_cell(t, "indicators", t["indicators"]["indicator_id"] == ind, "key", True)
    return t, {("key-indicator-not-strategic", ind)}


def crosscutting_within_agency(t: Tables, draw: st.DrawFn) -> tuple[Tables, Expected]:
    # Declare crosscutting a goal whose parent goal is of its own agency (the pemda's sasaran
    # under its tujuan; any goal of a bidang, seksi or employee).
    v = View(t)
    inside = [
        g
        for g in v.goals
        if v.goal_parent[g] in v.owner and (v.owner[g] == v.pemda or v.owner_rank(g) >= 2)
    ]
    goal = draw(st.sampled_from(inside), label="goal")
    set_cell(t, "goals", t["goals"]["goal_id"] == goal, "crosscutting", True)
    return t, {("crosscutting-within-agency", goal)}


def target_split_mismatch(t: Tables, draw: st.DrawFn) -> tuple[Tables, Expected]:
    v = View(t, draw_year(t, draw))
    # A top indicator's own target changes: its children no longer add up, nothing is above.
    # Or a leaf's target changes: only its parent's split breaks.
    tops = [i for i in v.indicators if v.ind_parent[i] is None and v.ind_children[i]]
    leaves = [i for i in v.indicators if v.ind_parent[i] and not v.ind_children[i]]
    choices = [(i, i) for i in tops if i in v.target] + [
        (leaf, v.ind_parent[leaf] or "")
        for leaf in leaves
        if leaf in v.target and v.ind_parent[leaf] in v.target
    ]
    changed, parent = draw(st.sampled_from(choices), label="changed, reported")
    mask = in_period(t, "targets", "indicator_id", changed, v.period)
    set_cell(t, "targets", mask, "target", v.target[changed] + big_change(draw, v.target[parent]))
    return t, {("target-split-mismatch", parent)}


def realisation_mismatch(t: Tables, draw: st.DrawFn) -> tuple[Tables, Expected]:
    v = View(t, draw_year(t, draw))

    def nearest_reported_above(ind: str) -> str | None:
        parent = v.ind_parent[ind]
        seen = {ind}
        while parent is not None and parent not in v.reported and parent not in seen:
            seen.add(parent)
            parent = v.ind_parent.get(parent)
        return parent if parent in v.reported else None

    if draw(st.booleans(), label="at a leaf"):
        # A leaf's realisation changes: the nearest reported indicator above it now differs
        # from what its children give. Further up, the derived numbers use that reported one
        # (reported wins), so nothing else changes.
        leaves = [
            i
            for i in v.indicators
            if not v.ind_children[i] and i in v.reported and nearest_reported_above(i) is not None
        ]
        if leaves:
            leaf = draw(st.sampled_from(leaves), label="leaf")
            above = nearest_reported_above(leaf)
            assert above is not None
            value = v.reported[leaf] + big_change(draw, v.reported[above])
            set_realisation(t, leaf, v.period, value)  # its own row wins over its quarters
            return t, {("realisation-mismatch", above)}
    # A reported realisation off its children's sum, on an indicator with no reported
    # realisation above it (else the change would also reach the ancestors' derived ones).
    candidates = [
        i for i in v.indicators if v.ind_children[i] and nearest_reported_above(i) is None
    ]
    ind = draw(st.sampled_from(candidates), label="indicator")
    unmeasured = [
        leaf
        for leaf in v.subtree(ind)
        if not v.ind_children[leaf] and v.realisation(leaf) == 0 and leaf not in v.reported
    ]
    if unmeasured:  # a plan without realisations: the leaves below report theirs first
        rows = [
            {
                "indicator_id": leaf,
                "period": v.period,
                "value": float(draw(st.integers(0, 600), label="realisation")),
            }
            for leaf in unmeasured
        ]
        append_rows(t, "realisations", rows)
        v = View(t, v.period)
    derived = sum(v.realisation(c) for c in v.ind_children[ind])
    value = derived + big_change(draw, derived)
    set_realisation(t, ind, v.period, value)
    return t, {("realisation-mismatch", ind)}


def zero_target(t: Tables, draw: st.DrawFn) -> tuple[Tables, Expected]:
    v = View(t)
    goal = draw(st.sampled_from(v.goals), label="goal")
    ind = add_indicator(t, goal, target=None)
    if draw(st.booleans(), label="range"):
        target = {"target": -5.0, "target_upper": 0.0}
    else:
        target = {"target": 0.0}
    append_rows(t, "targets", [{"indicator_id": ind, "period": y, **target} for y in v.years])
    return t, {("zero-target", ind)}


def undefined_achievement(t: Tables, draw: st.DrawFn) -> tuple[Tables, Expected]:
    v = View(t, draw_year(t, draw))
    goal = draw(st.sampled_from(v.goals), label="goal")
    polarity = draw(st.sampled_from(POLARITIES), label="polarity")
    ind = add_indicator(t, goal, target=0.0, polarity=polarity)
    value = draw(
        st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).filter(lambda x: x != 0),
        label="realisation",
    )
    append_rows(t, "realisations", [{"indicator_id": ind, "period": v.period, "value": value}])
    # A zero target is itself a warning; the realisation that misses it has no achievement.
    return t, {("zero-target", ind), ("undefined-achievement", ind)}


def invalid_weight(t: Tables, draw: st.DrawFn) -> tuple[Tables, Expected]:
    v = View(t)
    if draw(st.booleans(), label="negative"):
        ind = draw(st.sampled_from(v.indicators), label="indicator")
        weight = -float(draw(st.integers(1, 5), label="weight")) / 2
        set_cell(t, "indicators", t["indicators"]["indicator_id"] == ind, "weight", weight)
        return t, {("invalid-weight", ind)}
    # Every child of one indicator weighs 0: the parent is the subject.
    parents = [i for i in v.indicators if v.ind_children[i]]
    parent = draw(st.sampled_from(parents), label="parent")
    mask = t["indicators"]["indicator_id"].isin(v.ind_children[parent])
    set_cell(t, "indicators", mask, "weight", 0.0)
    return t, {("invalid-weight", parent)}


def target_outside_plan(t: Tables, draw: st.DrawFn) -> tuple[Tables, Expected]:
    # One year's targets typed once more for a year beyond the plan (plan_policy: three years
    # before the first year, two after the last). A target for one indicator alone would make
    # that year a checked period with every other indicator lacking its target
    # (missing-target), so the whole year is copied: one finding per indicator, and nothing
    # else (the copies add up as the originals do).
    v = View(t, draw_year(t, draw))
    first, last = int(v.years[0]), int(v.years[-1])
    outside = [first - PLAN_BEFORE - 2, first - PLAN_BEFORE - 1, last + PLAN_AFTER + 1]
    year = str(draw(st.sampled_from([*outside, last + PLAN_AFTER + 5]), label="outside year"))
    extra = t["targets"][t["targets"]["period"].astype(str) == v.period].copy()
    extra["period"] = year
    append_rows(
        t, "targets", [{str(k): v for k, v in r.items()} for r in extra.to_dict("records")]
    )
    return t, {("target-outside-plan", i) for i in v.indicators}


def duplicate_entry(t: Tables, draw: st.DrawFn) -> tuple[Tables, Expected]:
    # A second row for the same indicator (or goal) and year, with another number; the first
    # row counts, so nothing else changes.
    v = View(t, draw_year(t, draw))
    tables = ["targets", "budgets"] + (["realisations"] if v.rows else [])
    table = draw(st.sampled_from(tables), label="table")
    other = float(draw(st.integers(1, 900), label="number"))
    if table == "targets":
        ind = draw(st.sampled_from(sorted(v.target)), label="indicator")
        append_rows(t, "targets", [{"indicator_id": ind, "period": v.period, "target": other}])
        return t, {("duplicate-entry", ind)}
    if table == "realisations":
        ind = draw(st.sampled_from(sorted(v.rows)), label="indicator")
        row = {"indicator_id": ind, "period": v.period, "value": other}
        append_rows(t, "realisations", [row])
        return t, {("duplicate-entry", ind)}
    goal = draw(st.sampled_from(ensure(t, funded_goals)), label="goal")
    if not in_period(t, "budgets", "goal_id", goal, v.period).any():
        add_budget(t, goal, v.period)
    add_budget(t, goal, v.period, allocated=other * 1e6, spent=other * 5e5)
    return t, {("duplicate-entry", goal)}


def budget_orphan(t: Tables, draw: st.DrawFn) -> tuple[Tables, Expected]:
    # A funded goal whose chain of parent goals cannot reach the pemda: it has no parent goal
    # (then it is also an orphan-goal), or a parent goal that does not exist (then it is
    # also a dangling-reference). The domain leaves no third way: a chain that does not
    # reach a pemda goal breaks at a blank parent, a missing one, or a cycle.
    v = View(t, draw_year(t, draw))
    owners = [u for u in v.units if 1 <= v.rank(u) <= 3]
    unit = draw(st.sampled_from(owners), label="owner")
    if draw(st.booleans(), label="no parent"):
        goal = add_goal(t, unit, None, KIND_OF_LEVEL[v.level[unit]])
        side = ("orphan-goal", goal)
    else:
        goal = add_goal(t, unit, fresh_id(t, "HANTU"), KIND_OF_LEVEL[v.level[unit]])
        side = ("dangling-reference", goal)
    add_budget(t, goal, v.period)
    return t, {("budget-orphan", goal), side}


def overspent_budget(t: Tables, draw: st.DrawFn) -> tuple[Tables, Expected]:
    v = View(t, draw_year(t, draw))
    goal = draw(st.sampled_from(ensure(t, funded_goals)), label="goal")
    mask = in_period(t, "budgets", "goal_id", goal, v.period)
    if not mask.any():
        add_budget(t, goal, v.period)
        mask = in_period(t, "budgets", "goal_id", goal, v.period)
    allocated = float(t["budgets"].loc[mask, "allocated"].iloc[0])
    set_cell(t, "budgets", mask, "spent", allocated + big_change(draw, allocated))
    return t, {("overspent-budget", goal)}


def budget_on_non_program_goal(t: Tables, draw: st.DrawFn) -> tuple[Tables, Expected]:
    v = View(t, draw_year(t, draw))
    unfunded = [g for g in v.goals if v.kind[g] not in FUNDED and g not in v.budgeted]
    if not unfunded:  # only after earlier injections: a new, valid pemda sasaran
        unfunded = [add_goal(t, v.pemda, v.goal_parent[v.sasaran], "sasaran_strategis")]
    goal = draw(st.sampled_from(unfunded), label="goal")
    add_budget(t, goal, v.period)
    return t, {("budget-on-non-program-goal", goal)}


#: The injector of each rule, by rule name, in catalogue order.
INJECTORS: dict[str, Injector] = {
    "duplicate-id": duplicate_id,
    "dangling-reference": dangling_reference,
    "cycle": cycle,
    "orphan-goal": orphan_goal,
    "orphan-indicator": orphan_indicator,
    "missing-indicator": missing_indicator,
    "missing-metadata": missing_metadata,
    "level-order": level_order,
    "owner-misaligned": owner_misaligned,
    "indicator-goal-mismatch": indicator_goal_mismatch,
    "unit-mismatch": unit_mismatch,
    "level-skip": level_skip,
    "polarity-mismatch": polarity_mismatch,
    "not-cascaded": not_cascaded,
    "kind-level-mismatch": kind_level_mismatch,
    "key-indicator-not-strategic": key_indicator_not_strategic,
    "crosscutting-within-agency": crosscutting_within_agency,
    "missing-target": missing_target,
    "invalid-value": invalid_value,
    "target-split-mismatch": target_split_mismatch,
    "realisation-mismatch": realisation_mismatch,
    "zero-target": zero_target,
    "invalid-weight": invalid_weight,
    "target-outside-plan": target_outside_plan,
    "duplicate-entry": duplicate_entry,
    "undefined-achievement": undefined_achievement,
    "budget-orphan": budget_orphan,
    "overspent-budget": overspent_budget,
    "budget-on-non-program-goal": budget_on_non_program_goal,
}

#: Injectors whose report legitimately depends on row order: of two rows for the same
#: indicator and period, the first counts, and which one is first is the point.
ORDER_SENSITIVE = frozenset({"duplicate-entry"})
