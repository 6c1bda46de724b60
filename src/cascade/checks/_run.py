"""Running the checks: select rules, run them over shared joins, assemble one report."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from cascade.checks._context import FINDING_COLUMNS, Context, NotApplicable
from cascade.checks._report import COLUMNS, Report
from cascade.checks._rule import Rule, Severity
from cascade.checks._select import resolve, select_rules
from cascade.errors import UsageError
from cascade.model import Cascade
from cascade.period import Period
from cascade.policy import Policy
from cascade.progress import Progress

__all__ = ["check", "default_periods", "run_rules"]


def default_periods(cascade: Cascade) -> list[Period]:
    """The years a check looks at when no period is given: every year with a target.

    When nothing has a target yet (a plan before its targets are set), the years of the
    realisations and budgets; when there are none either, no period.
    """
    for table in ("targets", "realisations", "budgets"):
        period = cascade._tables[table]["period"]
        if isinstance(period.dtype, pd.CategoricalDtype):  # the canonical form: no rehash
            used = np.unique(period.cat.codes.to_numpy())
            present = [str(period.cat.categories[c]) for c in used[used >= 0]]
        else:  # pragma: no cover - canonical tables hold periods as categoricals
            present = [str(p) for p in period.dropna().astype("str").unique()]
        years = {Period.parse(p).year_period() for p in present}
        if years:
            return sorted(years)
    return []


def _severity(rule: Rule, policy: Policy) -> Severity | None:
    """The effective severity of a rule under a policy; ``None`` if it is switched off.

    ``level_skip`` is the policy's word for the level-skip rule: ``allow`` switches it off,
    ``forbid`` makes it an error unless a severity override says otherwise.
    """
    override = policy.severity.get(rule.name, policy.severity.get(rule.code))
    if rule.name == "level-skip":
        if policy.level_skip == "allow":
            return None
        if override is None and policy.level_skip == "forbid":
            return Severity.ERROR
    return rule.severity if override is None else Severity(override)


def check(
    cascade: Cascade,
    *,
    period: str | Period | Iterable[str | Period] | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    policy: Policy | Mapping[str, Any] | None = None,
    as_of: str | Period | None = None,
    progress: Progress | None = None,
) -> Report:
    """Check a cascade against the rule catalogue and return every finding.

    Parameters
    ----------
    cascade
        The cascade to check.
    period
        The period (or periods) whose targets, realisations and budgets are checked; by
        default every year that has a target (:func:`default_periods`).
    select
        Rules to run: names, codes, code prefixes, categories or families (see
        :mod:`cascade.checks._select`); replaces the policy's ``select``. By default every
        stable rule that runs by default: the consistency rules, not the evaluation rules
        (``select=["evaluation"]`` adds those).
    ignore
        Rules not to run; added to the policy's ``ignore``.
    policy
        A :class:`~cascade.policy.Policy` or a mapping of its settings.
    as_of
        The last period whose data are due, for a look during the year (``"2024Q2"``): the
        evaluation rules that ask for quarterly realisations or pro-rata achievement look
        only at periods that have ended by then. ``None`` (the default) treats every
        period checked as ended.
    progress
        A callback told how the check goes, as ``progress("check", done, total)`` with one
        step per rule selected (see :mod:`cascade.progress`); ``None``, the default, reports
        nothing.

    Returns
    -------
    Report
        Every finding, in a deterministic order. It never raises on a cascade that could be
        built: problems are findings. Call :meth:`Report.raise_if_errors` to raise.

    Raises
    ------
    UsageError
        For an unknown selector or period, or invalid policy settings.

    Examples
    --------
    >>> import cascade
    >>> report = cascade.check(cascade.load_example())
    >>> report.ok, len(report)
    (True, 0)
    >>> bad = cascade.check(cascade.load_example("with-defects"), select=["orphan-goal"])
    >>> [f.subject_id for f in bad.findings]
    ['BPBD-SK-TAKTIS', 'DISNAKER-RHK-MAGANG']
    """
    from cascade.checks.catalogue import CATALOGUE

    settings = Policy.coerce(policy)
    periods = _periods(cascade, period)
    try:
        moment = None if as_of is None else Period.parse(as_of)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    rules = select_rules(
        CATALOGUE,
        select=settings.select if select is None else list(select),
        ignore=[*settings.ignore, *(ignore or ())],
        select_source="select" if select is not None else "policy select",
        ignore_source="ignore",
    )
    return run_rules(Context(cascade, periods, settings, as_of=moment), rules, progress=progress)


def run_rules(context: Context, rules: list[Rule], *, progress: Progress | None = None) -> Report:
    """Run ``rules`` over a prepared context and assemble the report.

    :func:`check` and :func:`cascade.propagate` both come through here, so a rule gives the
    same findings, severities and suppressions whichever path runs it. ``progress`` hears
    ``("check", done, len(rules))`` before each rule and once all have run.
    """
    cascade, settings, periods = context.cascade, context.policy, context.periods
    parts: list[pd.DataFrame] = []
    ran: list[str] = []
    not_applicable: dict[str, str] = {}
    partly: dict[str, str] = {}
    for done, rule in enumerate(rules):
        if progress is not None:
            progress("check", done, len(rules))
        severity = _severity(rule, settings)
        overridden = rule.name in settings.severity or rule.code in settings.severity
        if severity is None or rule.name == "unused-suppression":
            continue
        context.partly_not_applicable.clear()
        try:
            raw = rule(context)
        except NotApplicable as exc:
            not_applicable[rule.code] = exc.reason
            continue
        if context.partly_not_applicable:
            partly[rule.code] = "; ".join(context.partly_not_applicable)
        ran.append(rule.code)
        found = _without_copies(raw, rule, cascade)
        if len(found):
            parts.append(_with_metadata(found, rule, severity, own=not overridden))
    frame = pd.concat(parts, ignore_index=True) if parts else _empty()
    frame = _locate(frame, context)
    frame = _apply_suppressions(frame, settings, rules)
    if any(r.name == "unused-suppression" for r in rules):
        ran.append(next(r.code for r in rules if r.name == "unused-suppression"))
    frame = _sort(frame)
    if progress is not None:
        progress("check", len(rules), len(rules))
    return Report(
        frame,
        rules=ran,
        periods=[str(p) for p in periods],
        not_applicable=not_applicable,
        partly_not_applicable=partly,
    )


def _without_copies(found: pd.DataFrame, rule: Rule, cascade: Cascade) -> pd.DataFrame:
    """Drop findings about rows that repeat an earlier row's id, except ``duplicate-id``'s.

    Such a row is reported once, as a duplicate; every reference to its id means the first
    row, so anything else found about the copy would be a consequence, not a new problem.
    """
    if rule.name == "duplicate-id" or found.empty:
        return found
    keep = np.ones(len(found), dtype=bool)
    kinds = found["subject_kind"].to_numpy(dtype=object)
    rows = found["subject_row"].to_numpy(dtype=np.int64)
    for kind, copies in cascade._copies.items():
        if copies.any():
            mine = (kinds == kind) & (rows >= 0)
            keep[np.flatnonzero(mine)[copies[rows[mine]]]] = False
    return found if keep.all() else found[keep].reset_index(drop=True)


def _periods(cascade: Cascade, period: object) -> list[Period]:
    if period is None:
        return default_periods(cascade)
    values = [period] if isinstance(period, str | Period) else list(period)  # type: ignore[call-overload]
    try:
        return sorted({Period.parse(p) for p in values})
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _empty() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="str") for c in FINDING_COLUMNS})
    frame["subject_row"] = frame["subject_row"].astype("int64")
    for column in ("code", "name", "severity", "category"):
        frame[column] = pd.Series(dtype="str")
    return frame


def _default_hint(rule: Rule) -> str:
    text = rule.sections().get("How to fix", "")
    return text.split("\n\n", 1)[0].replace("\n", " ").replace("``", "").strip()


def _with_metadata(
    found: pd.DataFrame, rule: Rule, severity: Severity, *, own: bool = True
) -> pd.DataFrame:
    """The rule's metadata on its findings; a finding's own severity is kept if ``own``."""
    out = found[FINDING_COLUMNS].copy()
    out["hint"] = out["hint"].fillna(_default_hint(rule))
    out["code"] = rule.code
    out["name"] = rule.name
    out["severity"] = severity.value
    if own and "severity" in found:
        given = found["severity"].reset_index(drop=True)
        out["severity"] = given.where(given.notna(), severity.value).to_numpy()
    out["category"] = rule.category.value
    return out


def _locate(frame: pd.DataFrame, context: Context) -> pd.DataFrame:
    """Add each finding's owner and path from the root."""
    owner = np.full(len(frame), -1, dtype=np.int64)
    paths: list[tuple[str, ...]] = [()] * len(frame)
    kinds = frame["subject_kind"].to_numpy(dtype=object)
    rows = frame["subject_row"].to_numpy(dtype=np.int64)
    ids = frame["subject_id"].to_numpy(dtype=object)
    for kind in ("unit", "goal", "indicator"):
        mask = (kinds == kind) & (rows >= 0)
        if not mask.any():
            continue
        r = rows[mask]
        if kind == "unit":
            owner[mask] = r
            chains = _paths(context, "unit", r)
        elif kind == "goal":
            owner[mask] = context.goal_owner[r]
            chains = _paths(context, "goal", r)
        else:
            owner[mask] = context.indicator_owner[r]
            goal_rows = context.indicator_goal[r]
            goal_chains = _paths(context, "goal", np.maximum(goal_rows, 0))
            own = ids[mask]
            chains = [
                (*g, str(i)) if gr >= 0 else (str(i),)
                for g, gr, i in zip(goal_chains, goal_rows, own, strict=True)
            ]
        for position, chain in zip(np.flatnonzero(mask), chains, strict=True):
            paths[position] = chain
    for position in np.flatnonzero(rows < 0):
        paths[position] = (str(ids[position]),)
    unit_ids = context.units["unit_id"].to_numpy(dtype=object)
    frame = frame.copy()
    frame["owner_id"] = pd.Series(
        [str(unit_ids[o]) if o >= 0 else None for o in owner], dtype="str"
    )
    frame["path"] = pd.Series(paths, dtype=object)
    return frame


def _paths(context: Context, kind: str, rows: np.ndarray) -> list[tuple[str, ...]]:
    """Root-to-node id chains for ``rows``: one vectorised step per level (cycle-safe)."""
    tree = context.tree(kind)  # type: ignore[arg-type]
    depth = tree.depth[rows]
    levels = [rows]
    current = rows
    for _ in range(int(depth.max(initial=0))):
        current = np.where(current >= 0, tree.parent[np.maximum(current, 0)], -1)
        levels.append(current)
    grid = np.stack(levels[::-1], axis=1).ravel()  # root first; -1 pads short chains
    valid = grid >= 0
    offsets = np.concatenate(([0], np.cumsum(valid.reshape(len(rows), -1).sum(axis=1))))
    ids = tree._ids_array
    # Large (64-bit offset) types: pyarrow hands back a chunked array for a large numpy
    # string array (about 600,000 ids at a province), which ListArray.from_arrays refuses.
    chains = pa.LargeListArray.from_arrays(
        pa.array(offsets, type=pa.int64()),
        pa.array(ids[grid[valid]].astype(str), type=pa.large_string()),
    )
    paths: list[tuple[str, ...]] = list(map(tuple, chains.to_pylist()))
    for i in np.flatnonzero(depth < 0):  # on or below a cycle: walk with a guard
        chain = [int(rows[i]), *tree.ancestor_rows(int(rows[i]))]
        paths[i] = tuple(str(ids[r]) for r in reversed(chain))
    return paths


def _apply_suppressions(frame: pd.DataFrame, policy: Policy, rules: list[Rule]) -> pd.DataFrame:
    if not policy.suppress:
        return frame
    from cascade.checks.catalogue import CATALOGUE

    keep = np.ones(len(frame), dtype=bool)
    unused: list[tuple[int, Any]] = []
    for number, suppression in enumerate(policy.suppress, start=1):
        codes = {r.code for r in resolve(suppression.rule, CATALOGUE, source="suppress")}
        hit = frame["code"].isin(codes).to_numpy() & (
            frame["subject_id"] == suppression.subject
        ).to_numpy(dtype=bool)
        if hit.any():
            keep &= ~hit
        else:
            unused.append((number, suppression))
    frame = frame[keep]
    meta = next((r for r in rules if r.name == "unused-suppression"), None)
    if meta is None or not unused:
        return frame
    severity = _severity(meta, policy) or Severity.WARNING
    extra = pd.DataFrame(
        {
            "subject_kind": ["suppression"] * len(unused),
            "subject_id": [s.subject for _, s in unused],
            "subject_row": [-1] * len(unused),
            "message": [
                f"Suppression {n} of {s.rule} for {s.subject!r} matched no finding"
                f" (reason given: {s.reason})"
                for n, s in unused
            ],
            "hint": [_default_hint(meta)] * len(unused),
            "period": [None] * len(unused),
            "code": meta.code,
            "name": meta.name,
            "severity": severity.value,
            "category": meta.category.value,
            "owner_id": [None] * len(unused),
            "path": [(s.subject,) for _, s in unused],
        }
    )
    return pd.concat([frame, extra.astype({"subject_kind": "str"})], ignore_index=True)


_RANK = {s.value: s.rank for s in Severity}


def _sort(frame: pd.DataFrame) -> pd.DataFrame:
    if frame.empty:
        return frame.reindex(columns=COLUMNS)
    key = frame["severity"].map(_RANK)
    order = np.lexsort(
        (
            frame["message"].astype("str").fillna("").to_numpy(dtype=object),
            frame["period"].astype("str").fillna("").to_numpy(dtype=object),
            frame["subject_id"].astype("str").to_numpy(dtype=object),
            frame["subject_kind"].astype("str").to_numpy(dtype=object),
            frame["code"].astype("str").to_numpy(dtype=object),
            key.to_numpy(),
        )
    )
    return frame.iloc[order].reset_index(drop=True)
