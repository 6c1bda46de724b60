"""Assess a cascade against an LKE profile: what an evaluator would find, what fixing is worth.

Vocabulary
----------
assessment (penilaian mandiri berbasis data)
    One run of every rule (consistency and evaluation) on a cascade for a year, turned into
    criterion answers by the bindings (:mod:`cascade.lke._bindings`), scored by both
    estimators (:func:`cascade.lke.estimate`), with the fixes ranked.
fix (perbaikan)
    The failing members of one criterion's population in one agency (perangkat daerah): the
    findings behind them, the rules that raised them, and the points the fix is worth.
points of a fix (nilai perbaikan)
    ``points``: the criterion's gain (mean estimator) when every failing member is fixed,
    shared among the agencies by their share of the failing weight; ``points_alone``: what
    fixing this agency's part alone is worth once the answer bands apply (often 0: a band is
    crossed only when several agencies fix theirs). Gains are read at the strict end of a
    data answer (Y only at r = 1) and at the upper end of a proxy.
supplied answer (jawaban)
    An answer a person gives (self-assessment, last year's LHE): it decides a criterion the
    data cannot (``unknown``, a ``proxy``, or a data criterion whose population is empty).
    It never replaces a data answer; one given for a data-decided criterion is listed in
    :attr:`Assessment.ignored_answers`. One given for a proxy is cut down to the data's
    upper bound, with a ``lke-answer-above-data`` warning when it was above it.

Every output names the profile and the year; the total is a range, never one grade.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from cascade.checks._context import Context
from cascade.checks._report import Report
from cascade.checks._run import run_rules
from cascade.checks._select import select_rules
from cascade.errors import UsageError
from cascade.lke._answer import Answer
from cascade.lke._bindings import BINDINGS, Measure
from cascade.lke._estimate import (
    ESTIMATORS,
    DataPart,
    Estimate,
    Estimator,
    Range,
    _coerce,
    estimate,
)
from cascade.lke._evidence import Evidence
from cascade.lke._profile import Criterion, Profile, load_profile
from cascade.lke._scales import answer_from_ratio
from cascade.period import Period
from cascade.policy import Policy

if TYPE_CHECKING:
    from cascade.checks.evaluation.depth import Depth
    from cascade.model import Cascade
    from cascade.progress import Progress

__all__ = [
    "AGENCY_COLUMNS",
    "CRITERION_COLUMNS",
    "FIX_COLUMNS",
    "Assessment",
    "assess",
    "binding_for",
]

_EPS = 1e-9

#: Columns of :meth:`Assessment.criteria`, in order.
CRITERION_COLUMNS = [
    "code",
    "position",
    "subcomponent",
    "binding",
    "source",
    "population",
    "members",
    "ratio",
    "grade",
    "answer_lo",
    "answer_hi",
    "weight",
    "points_lo",
    "points_hi",
    "at_risk_mean",
    "at_risk_ladder",
    "evidence",
    "note",
]

#: Columns of :meth:`Assessment.fixes`, in order.
FIX_COLUMNS = [
    "rank",
    "agency_id",
    "agency",
    "criterion",
    "position",
    "rules",
    "subjects",
    "findings",
    "points",
    "points_alone",
    "population",
]

#: The ``agency`` of fixes to subjects whose owner is not a known unit (a dangling reference).
NO_AGENCY = "(no known owner)"

#: Columns of :meth:`Assessment.agencies`, in order.
AGENCY_COLUMNS = ["agency_id", "agency", "points", "points_alone", "fixes", "subjects", "findings"]


def binding_for(criterion: Criterion) -> str | None:
    """The key in :data:`~cascade.lke._bindings.BINDINGS` that decides ``criterion``.

    A local criterion reaches its national code's binding; one with its own binding (such as
    Trenggalek's DVAL004) is found under its own code. ``None`` for a criterion no binding
    decides.

    Examples
    --------
    >>> from cascade.lke import load_profile
    >>> binding_for(load_profile("trenggalek-opd").criterion("AREN001.1"))
    'AREN001.3'
    """
    for key in (criterion.national, criterion.code):
        if key is not None and key in BINDINGS:
            return key
    return None


@dataclass(frozen=True)
class Assessment:
    """An LKE readiness assessment of one cascade, one year, one profile.

    Build it with :func:`assess`. Tables (:meth:`criteria`, :meth:`subcomponents`,
    :meth:`components`, :meth:`fixes`, :meth:`agencies`) are DataFrames with fixed columns;
    ``str(assessment)`` is the text a planning office reads.
    """

    profile: Profile
    year: int
    as_of: Period
    estimate: Estimate
    measures: Mapping[str, Measure]
    report: Report
    depth: Depth
    agency_names: Mapping[str, str]
    ignored_answers: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    _fixes: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)

    # ---------------------------------------------------------------- scores

    def total(self, estimator: Estimator = "mean") -> Range:
        """The total score (nilai akhir) under ``estimator``, as a range."""
        return self.estimate.total(estimator)

    def predikat(self, estimator: Estimator = "mean") -> tuple[str, str]:
        """The predikat of the low and the high end of the total."""
        return self.estimate.predikat(estimator)

    @property
    def data_decided(self) -> DataPart:
        """The data-decided part: the points the data earn of the weight they decide."""
        return self.estimate.data_decided

    # ---------------------------------------------------------------- tables

    def criteria(self) -> pd.DataFrame:
        """One row per criterion (:data:`CRITERION_COLUMNS`), in worksheet order."""
        rows = []
        for c in self.estimate.criteria:
            k, a = c.criterion, c.answer
            m = self.measures.get(k.code)
            note = ""
            if m is not None:
                note = m.not_applicable or "; ".join(m.notes)
                if m.upper_bound and a.source == "data":
                    note = (note + "; " if note else "") + "proxy: data bound it from above"
            rows.append(
                {
                    "code": k.code,
                    "position": k.position,
                    "subcomponent": k.subcomponent,
                    "binding": k.binding,
                    "source": a.source,
                    "population": m.population if m is not None else None,
                    "members": a.population,
                    "ratio": a.ratio,
                    "grade": a.grade,
                    "answer_lo": a.lo,
                    "answer_hi": a.hi,
                    "weight": k.weight,
                    "points_lo": c.points.lo,
                    "points_hi": c.points.hi,
                    "at_risk_mean": c.at_risk_mean.hi,
                    "at_risk_ladder": c.at_risk_ladder,
                    "evidence": a.evidence,
                    "note": note,
                }
            )
        return pd.DataFrame(rows, columns=CRITERION_COLUMNS)

    def subcomponents(self) -> pd.DataFrame:
        """One row per sub-component: degree q and the score under each estimator."""
        rows = []
        for s in self.estimate.subcomponents:
            sub = s.subcomponent
            rows.append(
                {
                    "code": sub.code,
                    "position": sub.position,
                    "name": sub.name,
                    "weight": sub.weight,
                    "q_lo": s.q.lo,
                    "q_hi": s.q.hi,
                    "mean_lo": s.mean.lo,
                    "mean_hi": s.mean.hi,
                    "ladder_lo": s.ladder.lo,
                    "ladder_hi": s.ladder.hi,
                    "strict_ladder_lo": s.strict_ladder.lo,
                    "strict_ladder_hi": s.strict_ladder.hi,
                    "ladder_grade_lo": s.ladder_grades[0],
                    "ladder_grade_hi": s.ladder_grades[1],
                }
            )
        return pd.DataFrame(rows)

    def components(self) -> pd.DataFrame:
        """One row per component and a ``total`` row: each estimator's range."""
        rows = []
        for c in self.estimate.components:
            row: dict[str, Any] = {
                "code": c.component.code,
                "name": c.component.name,
                "weight": c.component.weight,
            }
            for name in ESTIMATORS:
                r = c.score(name)
                row[f"{name}_lo"], row[f"{name}_hi"] = r.lo, r.hi
            rows.append(row)
        total: dict[str, Any] = {"code": "total", "name": "Nilai akhir", "weight": 100.0}
        for name in ESTIMATORS:
            r = self.total(name)
            total[f"{name}_lo"], total[f"{name}_hi"] = r.lo, r.hi
        rows.append(total)
        return pd.DataFrame(rows)

    def fixes(self) -> pd.DataFrame:
        """The ranked fixes (:data:`FIX_COLUMNS`): most points first."""
        return self._fixes.copy()

    def agencies(self) -> pd.DataFrame:
        """Agencies by the points their fixes are worth (:data:`AGENCY_COLUMNS`)."""
        fixes = self._fixes
        if fixes.empty:
            return pd.DataFrame(columns=AGENCY_COLUMNS)
        grouped = fixes.groupby("agency_id", sort=False, dropna=False).agg(
            agency=("agency", "first"),
            points=("points", "sum"),
            points_alone=("points_alone", "sum"),
            fixes=("criterion", "size"),
            subjects=("subjects", "sum"),
            findings=("findings", lambda s: len({i for ids in s for i in ids})),
        )
        out = grouped.reset_index().sort_values(
            ["points", "findings", "agency_id"], ascending=[False, False, True], kind="stable"
        )
        return out[AGENCY_COLUMNS].reset_index(drop=True)

    # ---------------------------------------------------------------- output

    def to_dict(self) -> dict[str, Any]:
        """The assessment as plain data (JSON-ready), naming the profile and the year."""

        def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
            return [
                {str(k): _plain(v) for k, v in rec.items()} for rec in frame.to_dict("records")
            ]

        totals = {}
        for name in ESTIMATORS:
            r = self.total(name)
            lo, hi = self.predikat(name)
            totals[name] = {"lo": r.lo, "hi": r.hi, "predikat": [lo, hi]}
        part = self.data_decided
        return {
            "profile": self.profile.name,
            "profile_title": self.profile.title,
            "year": self.year,
            "as_of": str(self.as_of),
            "predikat_rule": self.profile.predikat_rule,
            "total": totals,
            "data_decided": {
                "points": part.points,
                "points_high": part.high,
                "decided": part.decided,
                "bound": part.bound,
            },
            "depth": {
                "depth": self.depth.depth,
                "ladder": self.depth.ladder,
                "levels": records(self.depth.table),
            },
            "components": records(self.components()),
            "subcomponents": records(self.subcomponents()),
            "criteria": records(self.criteria()),
            "fixes": records(self.fixes()),
            "agencies": records(self.agencies()),
            "not_applicable_rules": dict(self.report.not_applicable),
            "ignored_answers": list(self.ignored_answers),
            "warnings": list(self.warnings),
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """:meth:`to_dict` as a JSON document."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def __str__(self) -> str:
        from cascade.lke._text import render_text

        return render_text(self)

    def _repr_html_(self) -> str:
        from cascade.lke._text import render_html

        return render_html(self)


def _plain(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is pd.NA or value is None:
        return None
    return value


# ------------------------------------------------------------------------ answers


def _data_answer(criterion: Criterion, measure: Measure) -> Answer:
    """The answer a measure gives a criterion (see :mod:`cascade.lke._bindings`)."""
    ratio = measure.ratio
    evidence = measure.evidence
    if ratio is None:
        return Answer.not_applicable(evidence=evidence)
    n = len(measure.members)
    return _ratio_answer(criterion, ratio, n, upper_bound=measure.upper_bound, evidence=evidence)


def _ratio_answer(
    criterion: Criterion,
    ratio: float,
    n: int,
    *,
    upper_bound: bool,
    evidence: tuple[str, ...] = (),
) -> Answer:
    """The data answer of ``ratio`` of a population of ``n`` (an upper bound for a proxy)."""
    passed = ratio * n
    strict = answer_from_ratio(ratio, criterion.scale, population=n, passed=passed)
    lo, hi, grade = strict.lo, strict.hi, strict.grade
    if criterion.scale == "Y/T":
        from cascade.lke._scales import yes_no_bands

        lenient = answer_from_ratio(ratio, "Y/T", bands=yes_no_bands(0.9))
        hi = max(hi, lenient.hi)
        if lenient.grade != grade:
            grade = f"{grade} (strict), {lenient.grade} (at 0.9)"
    if upper_bound:
        lo = 0.0
        grade = f"at most {grade}"
    return Answer(
        lo=lo,
        hi=hi,
        source="data",
        grade=grade,
        ratio=ratio,
        population=n,
        passed=passed,
        evidence=evidence,
    )


def _gain_end(answer: Answer, measure: Measure) -> float:
    """The end of a data answer a fix moves: the upper for a proxy, else the lower."""
    return answer.hi if measure.upper_bound else answer.lo


def _coerce_answers(
    profile: Profile,
    answers: Mapping[str, Answer | float | str] | str | Path | None,
    *,
    year: int,
) -> dict[str, Answer | float | str]:
    if answers is None:
        return {}
    if isinstance(answers, str | Path):
        from cascade.lke._answers_io import read_answers

        return dict(read_answers(answers, profile=profile, year=year))
    return dict(answers)


def _within_bound(
    criterion: Criterion,
    given: Answer | float | str,
    data_answers: Mapping[str, Answer],
) -> tuple[Answer | float | str, str]:
    """A supplied answer to a proxy, cut down to the data's upper bound, and why.

    The data show a proxy is met at most to ``v`` (its answer is [0, v]): an answer above
    ``v`` is read as ``v`` with a warning, so no answer lifts a total beyond its range.
    """
    data = data_answers.get(criterion.code)
    if data is None or data.source != "data":
        return given, ""
    answer = _coerce(criterion, given)
    if answer.hi <= data.hi + _EPS:
        return answer, ""
    cut = Answer(
        lo=min(answer.lo, data.hi),
        hi=data.hi,
        source="answer",
        evidence=(*answer.evidence, *data.evidence),
    )
    shown = answer.grade or f"{answer.hi:.2f}"
    note = (
        f"lke-answer-above-data: {criterion.code} ({criterion.position}) is answered "
        f"{shown}, above the {data.hi:.2f} the data allow ({data.grade}); read as "
        f"{cut.hi:.2f} until its findings are fixed"
    )
    return cut, note


def _inconsistent(profile: Profile, answers: Mapping[str, Answer]) -> tuple[str, ...]:
    """The kerangka logis control: a supplied pemanfaatan answer above the component's others."""
    out = []
    for comp in profile.components:
        subs = comp.subcomponents
        if len(subs) < 3:
            continue
        before = [
            answers[k.code].lo
            for s in subs[:-1]
            for k in s.criteria
            if k.code in answers and answers[k.code].is_known
        ]
        if not before:
            continue
        mean = sum(before) / len(before)
        for k in subs[-1].criteria:
            a = answers.get(k.code)
            if a is not None and a.source == "answer" and a.is_known and a.lo > mean + _EPS:
                out.append(
                    f"lke-answer-inconsistent: {k.code} ({k.position}) is answered {a.lo:.2f}, "
                    f"above the mean {mean:.2f} of the pemenuhan and kualitas answers of "
                    f"{comp.code}: an evaluator caps use at what is in place"
                )
    return tuple(out)


# --------------------------------------------------------------------------- fixes


def _fixes(
    profile: Profile,
    est: Estimate,
    measures: Mapping[str, Measure],
    names: Mapping[str, str],
) -> pd.DataFrame:
    rows: list[dict[str, Any]] = []
    for c in est.criteria:
        k, a = c.criterion, c.answer
        m = measures.get(k.code)
        if m is None or a.source != "data" or m.ratio is None:
            continue
        members = m.members
        failing = members[members["score"] < 1.0 - _EPS]
        if failing.empty:
            continue
        weight = members["weight"].to_numpy(dtype=np.float64)
        total = float(weight.sum())
        score = members["score"].to_numpy(dtype=np.float64)
        current = _gain_end(a, m)
        n = len(members)

        def value_at(r: float, *, k: Criterion = k, m: Measure = m, n: int = n) -> float:
            return _gain_end(_ratio_answer(k, r, n, upper_bound=m.upper_bound), m)

        base = float((weight * score).sum())
        lost = weight * (1.0 - score)
        lost_total = float(lost.sum())
        all_gain = k.weight * (value_at((base + lost_total) / total) - current)
        # Per agency of the failing members, in order of first appearance.
        at = np.flatnonzero(score < 1.0 - _EPS)
        agency = failing["agency_id"].astype(object).where(failing["agency_id"].notna(), "")
        codes, agencies = pd.factorize(agency.to_numpy(dtype=object))
        lost_by = np.bincount(codes, weights=lost[at], minlength=len(agencies))
        count_by = np.bincount(codes, minlength=len(agencies))
        order = np.argsort(codes, kind="stable")
        cuts = np.flatnonzero(np.diff(codes[order])) + 1
        finding_parts = np.split(failing["findings"].to_numpy(dtype=object)[order], cuts)
        rule_parts = np.split(failing["rules"].to_numpy(dtype=object)[order], cuts)
        for j, agency_id in enumerate(agencies):
            share = float(lost_by[j]) / lost_total if lost_total > 0 else 0.0
            alone = k.weight * (value_at((base + float(lost_by[j])) / total) - current)
            findings = tuple(dict.fromkeys(i for ids in finding_parts[j] for i in ids))
            rules = tuple(dict.fromkeys(r for rs in rule_parts[j] for r in rs))
            rows.append(
                {
                    "agency_id": agency_id or None,
                    "agency": names.get(str(agency_id), "") if agency_id else NO_AGENCY,
                    "criterion": k.code,
                    "position": k.position,
                    "rules": rules,
                    "subjects": int(count_by[j]),
                    "findings": findings,
                    "points": all_gain * share,
                    "points_alone": alone,
                    "population": m.population,
                }
            )
    frame = pd.DataFrame(rows, columns=[c for c in FIX_COLUMNS if c != "rank"])
    if frame.empty:
        return pd.DataFrame(columns=FIX_COLUMNS)
    frame = frame.sort_values(
        ["points", "points_alone", "subjects", "criterion", "agency_id"],
        ascending=[False, False, False, True, True],
        kind="stable",
        na_position="last",
    ).reset_index(drop=True)
    frame.insert(0, "rank", np.arange(1, len(frame) + 1))
    return frame


# -------------------------------------------------------------------------- assess


def assess(
    cascade: Cascade,
    *,
    as_of: int | str | Period,
    profile: str | Path | Profile = "national-88-2021",
    answers: Mapping[str, Answer | float | str] | str | Path | None = None,
    policy: Policy | Mapping[str, Any] | None = None,
    declared: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> Assessment:
    """Assess a cascade against an LKE profile: answers, score ranges and ranked fixes.

    Every rule of the catalogue runs, the evaluation rules (``CAS5xx``) included, on the
    year of ``as_of``; each data-bound criterion's binding turns the findings into a ratio
    and an answer; criteria the data cannot decide are intervals [0, 1] unless ``answers``
    give them.

    Parameters
    ----------
    cascade
        The cascade to assess.
    as_of
        The year assessed (``2024``), or a quarter or month inside it (``"2024Q2"``) for a
        look during the year: only the periods ended by then must have realisations.
    profile
        A shipped profile's name (:data:`~cascade.lke.PROFILES`), a profile file, or a
        :class:`~cascade.lke.Profile`.
    answers
        Answers for the criteria data cannot decide: criterion code → a grade (``"B"``), a
        value in [0, 1] or an :class:`~cascade.lke.Answer`; or the path of an answers file
        (:func:`~cascade.lke.read_answers`).
    policy
        The check policy (thresholds and domain words of the evaluation rules are its
        ``evaluation`` settings). Its ``select`` and ``ignore`` do not apply: an
        assessment runs every rule. Severity overrides and suppressions do.
    declared
        Sub-component code → ``"A"`` or ``"AA"`` where the evidence for those ladder grades
        is declared.
    progress
        A callback told how the checks go, as ``progress("check", done, total)`` with one
        step per rule (see :mod:`cascade.progress`); ``None``, the default, reports nothing.

    Returns
    -------
    Assessment

    Raises
    ------
    UsageError
        For an unknown profile, a bad ``as_of``, or answers to codes the profile lacks.

    Examples
    --------
    >>> import cascade
    >>> a = cascade.assess(cascade.load_example(), as_of=2024)
    >>> a.profile.name, a.year
    ('national-88-2021', 2024)
    >>> lo, hi = a.predikat("mean")
    >>> lo != hi
    True
    """
    from cascade.checks.catalogue import CATALOGUE
    from cascade.checks.evaluation.depth import cascade_depth

    settings = Policy.coerce(policy)
    moment = _moment(as_of)
    year = moment.year
    chosen = profile if isinstance(profile, Profile) else load_profile(profile)
    # A bad answers file fails before the checks run.
    supplied = _coerce_answers(chosen, answers, year=year)
    context = Context(
        cascade,
        [Period.year_of(year)],
        settings,
        as_of=None if moment.granularity == "year" else moment,
    )
    rules = select_rules(CATALOGUE, select=["ALL"], ignore=[])
    report = run_rules(context, rules, progress=progress)
    evidence = Evidence(context, report)
    measures: dict[str, Measure] = {}
    data_answers: dict[str, Answer] = {}
    for k in chosen.criteria:
        key = binding_for(k)
        if key is None or k.binding == "unknown":
            continue
        measure = BINDINGS[key](evidence)
        measures[k.code] = measure
        data_answers[k.code] = _data_answer(k, measure)
    unknown = sorted(set(supplied) - {k.code for k in chosen.criteria})
    if unknown:
        msg = f"profile {chosen.name!r} has no criteria {', '.join(unknown)}"
        raise UsageError(msg)
    final: dict[str, Answer | float | str] = {}
    ignored = []
    for code, a in data_answers.items():
        decided = a.source == "data" and not measures[code].upper_bound
        if code in supplied and decided:
            ignored.append(code)
        if code not in supplied or decided:
            final[code] = a
    capped: list[str] = []
    for code, given in supplied.items():
        if code not in final:
            final[code], note = _within_bound(chosen.criterion(code), given, data_answers)
            if note:
                capped.append(note)
    est = estimate(chosen, final, year=year, declared=declared)
    answered = {c.criterion.code: c.answer for c in est.criteria}
    names = dict(
        zip(
            cascade.units["unit_id"].astype("str"),
            cascade.units["name"].astype("str"),
            strict=False,
        )
    )
    return Assessment(
        profile=chosen,
        year=year,
        as_of=moment,
        estimate=est,
        measures=measures,
        report=report,
        depth=cascade_depth(cascade, year=year, policy=settings),
        agency_names=names,
        ignored_answers=tuple(ignored),
        warnings=(*capped, *_inconsistent(chosen, answered)),
        _fixes=_fixes(chosen, est, measures, names),
    )


def _moment(as_of: int | str | Period) -> Period:
    if isinstance(as_of, bool):
        msg = f"as_of is a year or a period, not {as_of!r}"
        raise UsageError(msg)
    try:
        return Period.year_of(as_of) if isinstance(as_of, int) else Period.parse(as_of)
    except (ValueError, TypeError) as exc:
        msg = f"as_of: {exc}"
        raise UsageError(msg) from None
