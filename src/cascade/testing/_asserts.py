"""The assertion helpers: consistency, one finding, one achievement.

Each helper runs :func:`cascade.check` or reads :class:`cascade.Results` and raises a plain
:class:`AssertionError` whose message says what was found instead, so the failure reads well in
pytest's output (or in any other runner) without assertion rewriting. Wrong arguments (an
unknown rule, severity or id) are not failures but mistakes in the test: they raise
:class:`~cascade.errors.UsageError` or :class:`~cascade.errors.UnknownIdError`.

Vocabulary
----------
finding (temuan)
    One problem found by one rule about one subject; see :mod:`cascade.checks._report`.
selector
    A rule name (``orphan-indicator``), code (``CAS105``), code prefix (``CAS2``), category
    (``linkage``) or family (``budget``), as :func:`cascade.check`'s ``select`` and ``ignore``
    take them.
near miss
    What a failed :func:`assert_finding` shows instead: the findings on the subject (of any
    rule) and the findings of the rule (on any subject).
achievement (capaian)
    The figure :func:`cascade.propagate` computes for an indicator, goal or owner, in percent.

Only :mod:`cascade` itself is imported, and only when a helper runs, so importing
:mod:`cascade.testing` needs neither pytest nor Hypothesis.
"""

from __future__ import annotations

import math
import textwrap
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    import pandas as pd

    from cascade.checks import Finding, Report, Rule, Severity
    from cascade.engine import Explanation, Results
    from cascade.model import Cascade, Kind
    from cascade.period import Period
    from cascade.policy import Policy

__all__ = [
    "MAX_LISTED",
    "assert_achievement",
    "assert_consistent",
    "assert_finding",
    "assert_no_finding",
]

#: How many findings a failure message lists before it says how many more there are.
MAX_LISTED = 20
_MESSAGE_WIDTH = 120  # a finding's message is cut to this many characters in a table


def assert_consistent(
    cascade: Cascade,
    *,
    ignore: str | Iterable[str] = (),
    policy: Policy | Mapping[str, Any] | None = None,
    period: str | Period | Iterable[str | Period] | None = None,
    min_severity: Severity | str = "info",
) -> Report:
    """Assert that :func:`cascade.check` finds nothing in a cascade, apart from what is ignored.

    Parameters
    ----------
    cascade
        The cascade to check.
    ignore
        Rules to accept: names (``orphan-indicator``), codes (``CAS105``), code prefixes
        (``CAS3``), categories (``completeness``) or families (``budget``), exactly as
        :func:`cascade.check` takes them (they are passed to it); a single string is one
        selector. Added to the policy's ``ignore``.
    policy
        A :class:`~cascade.Policy` or a mapping of its settings; its severities and
        suppressions apply.
    period
        The period or periods checked; by default every year with a target.
    min_severity
        The least severe finding that fails: ``info`` (the default: any finding fails),
        ``warning`` (warnings and errors fail) or ``error`` (only errors fail).

    Returns
    -------
    Report
        The report of the check, for further assertions. It may hold findings below
        ``min_severity``.

    Raises
    ------
    AssertionError
        If a finding at or above ``min_severity`` is left. The message lists the findings as
        a table (code, name, severity, subject, message), the first :data:`MAX_LISTED` of
        them, then how many more per rule, and the summary of the whole report.
    UsageError
        For an unknown selector, severity or period, or invalid policy settings.

    Examples
    --------
    >>> import cascade
    >>> from cascade.testing import assert_consistent
    >>> assert_consistent(cascade.load_example())
    <Report: 0 errors, 0 warnings, 0 info from 30 rules>
    >>> broken = cascade.load_example("with-defects")
    >>> assert_consistent(broken, ignore=["structure", "alignment", "values", "budget"])
    <Report: 0 errors, 0 warnings, 0 info from 1 rule>
    >>> assert_consistent(broken, ignore="CAS1", min_severity="error")
    Traceback (most recent call last):
    ...
    AssertionError: cascade.check found 7 findings at or above error (7 errors):
      code    name                     severity  subject               message
      CAS201  level-order              error     DINSOS-P1             Sasaran "DINSOS-P1" ...
      CAS202  owner-misaligned         error     DISDIK-RHK2.1.2.1     Sasaran ...
    ...
      CAS302  invalid-value            error     DISNAKER-RHK2.1.1.1-I1  Indikator ... of inf…
    The whole report: 7 errors, 8 warnings, 1 info from 23 rules (period 2024).
    To accept a rule, pass ignore=[its code or name]; ...
    """
    from cascade.checks import check

    threshold = _severity(min_severity)
    selectors = _selectors(ignore, "ignore")
    report = check(cascade, period=period, ignore=selectors, policy=policy)
    frame = report.to_frame()
    failing = frame[_ranks(frame) <= threshold.rank]
    if len(failing):
        raise AssertionError(_inconsistent(report, failing, threshold))
    return report


def assert_finding(
    cascade: Cascade,
    name: str,
    subject: str,
    *,
    policy: Policy | Mapping[str, Any] | None = None,
    period: str | Period | Iterable[str | Period] | None = None,
) -> list[Finding]:
    """Assert that :func:`cascade.check` reports rule ``name`` on ``subject``.

    Parameters
    ----------
    cascade
        The cascade to check.
    name
        The rule: its name (``orphan-goal``) or code (``CAS104``). Any selector
        :func:`cascade.check` takes will do; a prefix or category matches any of its rules.
    subject
        The id of the unit, goal or indicator the finding must be about (for a
        ``dangling-reference``, the id that exists nowhere).
    policy
        A :class:`~cascade.Policy` or a mapping of its settings: its severities and
        suppressions apply, so a suppressed finding is not found.
    period
        The period or periods checked; by default every year with a target.

    Returns
    -------
    list of Finding
        The matching findings, in report order (one per period for a per-period rule).

    Raises
    ------
    AssertionError
        If there is no such finding. The message lists the near misses: every finding on
        ``subject`` and every finding of the rule, each as a table; says when the subject is
        no id of the cascade; and when the rule did not run at all, says why.
    UsageError
        For an unknown rule or period, or invalid policy settings.

    Examples
    --------
    >>> import cascade
    >>> from cascade.testing import assert_finding
    >>> broken = cascade.load_example("with-defects")
    >>> [f.code for f in assert_finding(broken, "orphan-goal", "DISNAKER-RHK-MAGANG")]
    ['CAS104']
    >>> assert_finding(broken, "orphan-goal", "DISNAKER-P1")
    Traceback (most recent call last):
    ...
    AssertionError: expected a finding of orphan-goal (CAS104) on 'DISNAKER-P1'; there is none.
    No finding at all on 'DISNAKER-P1'.
    Findings of orphan-goal (CAS104), 2:
    ...
    """
    from cascade.checks import check

    rules = _rules(name, "assert_finding")
    settings = _settings(policy)
    of_rule = _run_rules(cascade, rules, settings, period, subject).to_frame()
    hits = of_rule[(of_rule["subject_id"] == subject).to_numpy(dtype=bool)]
    if len(hits):
        return _records(hits)
    # The near misses: every rule's findings on the subject, from a whole check.
    frame = check(cascade, period=period, policy=settings).to_frame()
    on_subject = frame[(frame["subject_id"] == subject).to_numpy(dtype=bool)]
    label = _label(name, rules)
    lines = [f"expected a finding of {label} on {subject!r}; there is none."]
    if len(on_subject):
        lines.append(f"Findings on {subject!r}, {len(on_subject)}:")
        lines += _table(on_subject, limit=MAX_LISTED)
    else:
        lines.append(f"No finding at all on {subject!r}{_unknown(cascade, subject)}.")
    if len(of_rule):
        lines.append(f"Findings of {label}, {len(of_rule)}:")
        lines += _table(of_rule, limit=MAX_LISTED)
    else:
        lines.append(f"{label} found nothing.")
    suppressed = _suppressions(rules, subject, settings)
    if suppressed:
        lines.append(f"The policy suppresses it: {suppressed}.")
    raise AssertionError("\n".join(lines))


def assert_no_finding(
    cascade: Cascade,
    name: str,
    subject: str,
    *,
    policy: Policy | Mapping[str, Any] | None = None,
    period: str | Period | Iterable[str | Period] | None = None,
) -> None:
    """Assert that :func:`cascade.check` does not report rule ``name`` on ``subject``.

    The rule must run: if the policy leaves it out, no finding proves nothing, and the
    assertion fails saying so.

    Parameters
    ----------
    cascade, name, subject, policy, period
        As for :func:`assert_finding`.

    Raises
    ------
    AssertionError
        If the rule reports ``subject`` (the message lists those findings) or did not run.
    UsageError
        For an unknown rule or period, or invalid policy settings.

    Examples
    --------
    >>> import cascade
    >>> from cascade.testing import assert_no_finding
    >>> assert_no_finding(cascade.load_example(), "orphan-goal", "DISNAKER-P1")
    >>> assert_no_finding(cascade.load_example("with-defects"), "CAS104", "BPBD-SK-TAKTIS")
    Traceback (most recent call last):
    ...
    AssertionError: expected no finding of orphan-goal (CAS104) on 'BPBD-SK-TAKTIS'; found 1:
    ...
    """
    rules = _rules(name, "assert_no_finding")
    settings = _settings(policy)
    frame = _run_rules(cascade, rules, settings, period, subject, negated=True).to_frame()
    hits = frame[(frame["subject_id"] == subject).to_numpy(dtype=bool)]
    if len(hits):
        lines = [
            f"expected no finding of {_label(name, rules)} on {subject!r}; found {len(hits)}:"
        ]
        lines += _table(hits, limit=MAX_LISTED)
        raise AssertionError("\n".join(lines))


def assert_achievement(
    results: Results,
    subject: str,
    expected: float | None,
    *,
    tolerance: float = 1e-9,
    kind: Kind | None = None,
) -> Explanation:
    """Assert the achievement (capaian) of an indicator, goal or owner in a propagation.

    Parameters
    ----------
    results
        What :func:`cascade.propagate` returned.
    subject
        The id of an indicator, goal or unit (owner; the pemda's id for the city as a whole).
    expected
        The achievement in percent (100 = on target); ``None`` (or NaN) to expect no figure
        (missing: no data, no target, or an undefined formula).
    tolerance
        The largest difference accepted, absolute, in percentage points: achievements share
        one scale (percent), so an absolute bound means the same everywhere. The default,
        ``1e-9``, accepts only floating-point noise; ``0.05`` accepts a figure written to one
        decimal, as an LKjIP prints it.
    kind
        ``unit``, ``goal`` or ``indicator``, when the id is used in more than one table.

    Returns
    -------
    Explanation
        How the figure was obtained (:meth:`cascade.Results.explain`), for further
        assertions.

    Raises
    ------
    AssertionError
        If the figure differs by more than ``tolerance``, or is missing when a number is
        expected, or the other way round. The message gives both numbers and the difference,
        then the explanation: the method and formula, and the inputs with their values,
        weights and shares.
    UnknownIdError
        If no unit, goal or indicator has that id.
    UsageError
        For a tolerance that is negative or not a number, an ``expected`` that is not a
        number, or an ambiguous id without ``kind``.

    Examples
    --------
    >>> import cascade
    >>> from cascade.testing import assert_achievement
    >>> results = cascade.propagate(cascade.load_example(), as_of="2024")
    >>> assert_achievement(results, "PEMKO", 96.6, tolerance=0.05).category
    'Sangat Baik'
    >>> assert_achievement(results, "DINKES", 95)
    Traceback (most recent call last):
    ...
    AssertionError: achievement of unit 'DINKES' for 2024: expected 95, got 99.1... (off by +4.1...; tolerance 1e-09)
    How it was obtained:
      Unit DINKES (Dinas Kesehatan), 2024: 99.1 Sangat Baik
        the mean of its 6 goals' achievements under skip_if_any_missing (...)
    ...
    """  # noqa: E501
    from cascade.errors import UsageError

    if not _is_number(tolerance) or math.isnan(tolerance) or tolerance < 0:
        msg = f"tolerance must be a number of percentage points >= 0, not {tolerance!r}"
        raise UsageError(msg)
    if expected is not None and not _is_number(expected):
        msg = f"expected must be an achievement in percent or None, not {expected!r}"
        raise UsageError(msg)
    why = results.explain(subject, kind=kind)
    want = None if expected is None or math.isnan(expected) else float(expected)
    got = why.value
    if want is None and got is None:
        return why
    if want is not None and got is not None and abs(got - want) <= tolerance:
        return why
    head = f"achievement of {why.subject_kind} {why.subject_id!r} for {why.period}: "
    if want is None:
        head += f"expected no figure (missing), got {got:.12g}"
    elif got is None:
        head += f"expected {want:.12g}, got no figure (missing)"
    else:
        head += f"expected {want:.12g}, got {got:.12g} (off by {got - want:+.6g}; "
        head += f"tolerance {tolerance:g})"
    msg = f"{head}\nHow it was obtained:\n{textwrap.indent(str(why), '  ')}"
    raise AssertionError(msg)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _severity(value: Severity | str) -> Severity:
    from cascade.checks import Severity
    from cascade.errors import UsageError

    try:
        return Severity(str(value).lower())
    except ValueError:
        known = ", ".join(s.value for s in Severity)
        msg = f"min_severity: unknown severity {value!r}: expected one of {known}"
        raise UsageError(msg) from None


def _selectors(value: object, source: str) -> list[str]:
    from cascade.errors import UsageError

    items = list(value) if isinstance(value, Iterable) and not isinstance(value, str) else [value]
    selectors = []
    for selector in items:
        if not isinstance(selector, str):
            msg = f"{source}: a rule selector is a string, not {selector!r}"
            raise UsageError(msg)
        selectors.append(selector)
    return selectors


def _rules(name: object, source: str) -> list[Rule]:
    from cascade.checks import CATALOGUE
    from cascade.checks._select import resolve
    from cascade.errors import UsageError

    if not isinstance(name, str):
        msg = f"{source}: a rule is a name or code, not {name!r}"
        raise UsageError(msg)
    return resolve(name, CATALOGUE, source=source)


def _ranks(frame: pd.DataFrame) -> pd.Series:
    from cascade.checks import Severity

    return frame["severity"].map({s.value: s.rank for s in Severity})


def _label(name: str, rules: list[Rule]) -> str:
    if len(rules) == 1:
        return f"{rules[0].name} ({rules[0].code})"
    return f"{name} ({len(rules)} rules)"


def _records(frame: pd.DataFrame) -> list[Finding]:
    from cascade.checks._report import _records as records

    return records(frame)


def _inconsistent(report: Report, failing: pd.DataFrame, threshold: Severity) -> str:
    from cascade.checks._output import summary_line

    counts = failing["severity"].value_counts()
    parts = [
        f"{int(counts[s])} {s}" + ("s" if s != "info" and counts[s] != 1 else "")
        for s in ("error", "warning", "info")
        if s in counts
    ]
    noun = "finding" if len(failing) == 1 else "findings"
    floor = "" if threshold.value == "info" else f" at or above {threshold.value}"
    lines = [f"cascade.check found {len(failing)} {noun}{floor} ({', '.join(parts)}):"]
    lines += _table(failing, limit=MAX_LISTED)
    lines.append(f"The whole report: {summary_line(report)}.")
    lines.append(
        "To accept a rule, pass ignore=[its code or name]; to accept one finding, suppress it"
        " in the policy (Policy(suppress=[...]))."
    )
    return "\n".join(lines)


def _table(frame: pd.DataFrame, *, limit: int) -> list[str]:
    """Findings as aligned text: code, name, severity, subject, message; then the rest counted."""
    shown = frame.head(limit)
    rows = [("code", "name", "severity", "subject", "message")]
    for code, name, severity, subject, message in zip(
        shown["code"],
        shown["name"],
        shown["severity"],
        shown["subject_id"],
        shown["message"],
        strict=True,
    ):
        rows.append((str(code), str(name), str(severity), str(subject), _cut(str(message))))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [
        "  "
        + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
        + "  "
        + row[4]
        for row in rows
    ]
    rest = frame.iloc[limit:]
    if len(rest):
        per_rule = Counter(zip(rest["code"].astype(str), rest["name"].astype(str), strict=True))
        counted = ", ".join(f"{code} {name} {n}" for (code, name), n in per_rule.items())
        lines.append(f"  … and {len(rest)} more ({counted})")
    return lines


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MESSAGE_WIDTH else text[: _MESSAGE_WIDTH - 1] + "…"


def _unknown(cascade: Cascade, subject: str) -> str:
    from cascade.errors import UnknownIdError

    try:
        cascade.kind_of(subject)
    except UnknownIdError:
        return ", and no unit, goal or indicator of the cascade has that id"
    return ""


def _settings(policy: Policy | Mapping[str, Any] | None) -> Policy:
    """The policy as :func:`cascade.check` reads it, with its error for invalid settings."""
    from cascade.policy import Policy

    return Policy.coerce(policy)


def _run_rules(
    cascade: Cascade,
    rules: list[Rule],
    settings: Policy,
    period: str | Period | Iterable[str | Period] | None,
    subject: str,
    *,
    negated: bool = False,
) -> Report:
    """Check with just those of ``rules`` the policy runs; fail if none of them does.

    A rule's findings do not depend on which other rules run, so this gives what a whole
    check gives for them, in a fraction of its time.
    """
    from cascade.checks import CATALOGUE, check
    from cascade.checks._select import select_rules

    running = select_rules(
        CATALOGUE, select=settings.select, ignore=settings.ignore, select_source="policy select"
    )
    chosen = [r.code for r in rules if r in running]
    report = check(cascade, period=period, select=chosen, policy=settings)
    if not report.rules:
        _not_run(rules, settings, subject, negated=negated)
    return report


def _suppressions(rules: list[Rule], subject: str, settings: Policy) -> str:
    from cascade.checks import CATALOGUE
    from cascade.checks._select import resolve

    codes = {r.code for r in rules}
    matching = [
        s
        for s in settings.suppress
        if s.subject == subject and codes & {r.code for r in resolve(s.rule, CATALOGUE)}
    ]
    return "; ".join(f"{s.rule} on {s.subject!r} ({s.reason})" for s in matching)


def _not_run(rules: list[Rule], settings: Policy, subject: str, *, negated: bool) -> NoReturn:
    """Fail because none of ``rules`` ran: whether one finds ``subject`` cannot be told."""
    from cascade.checks import CATALOGUE
    from cascade.checks._select import resolve

    reasons = []
    for r in rules:
        ignored = any(r in resolve(s, CATALOGUE, source="ignore") for s in settings.ignore)
        if ignored:
            reasons.append(f"{r.name} ({r.code}): the policy ignores it")
        elif settings.select is not None and not any(
            r in resolve(s, CATALOGUE, source="select") for s in settings.select
        ):
            reasons.append(f"{r.name} ({r.code}): the policy's select leaves it out")
        elif r.status != "stable" and settings.select is None:
            reasons.append(f"{r.name} ({r.code}): a {r.status} rule runs only when selected")
        elif r.name == "level-skip":
            reasons.append(f"{r.name} ({r.code}): the policy's level_skip='allow' switches it off")
        else:  # pragma: no cover - every rule is switched off by one of the above
            reasons.append(f"{r.name} ({r.code}): the policy switches it off")
    what = "no finding" if negated else "a finding"
    lines = [
        (
            f"expected {what} of {', '.join(r.name for r in rules)} on {subject!r}, but the"
            " rule did not run, so the check cannot tell:"
        ),
        *(f"  {reason}" for reason in reasons),
    ]
    raise AssertionError("\n".join(lines))
