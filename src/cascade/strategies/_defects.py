"""Cascades with exactly one defect: :func:`defective_cascades` and :class:`DefectiveCascade`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from cascade.checks import Report
from cascade.model import Cascade
from cascade.policy import Policy
from cascade.strategies._cascades import build_tables, given_arguments, options, plan_policy
from cascade.strategies._edit import years
from cascade.strategies._injectors import INJECTORS
from cascade.strategies._validate import InvalidArgument, lazily

__all__ = ["INJECTABLE", "DefectiveCascade", "defective_cascades", "resolve_rules"]

#: The rules :func:`defective_cascades` can inject, by name, in catalogue order: every
#: stable rule of :data:`cascade.checks.CATALOGUE` except the meta rules, which are about a
#: check run rather than the data.
INJECTABLE: tuple[str, ...] = tuple(INJECTORS)


@dataclass(frozen=True)
class DefectiveCascade:
    """A valid cascade with one injected defect, and what :func:`cascade.check` must report.

    Attributes
    ----------
    cascade
        The cascade with the defect.
    name
        The rule whose defect was injected (``orphan-indicator``).
    subject_id
        The id of the unit, goal or indicator the defect is on. Where one defect is reported
        on several subjects (the members of a cycle, every indicator of a year of targets
        outside the plan), the first of them in sorted order.
    expected
        Every ``(rule name, subject id)`` pair the check must report: the defect's own, and
        the few side findings the domain makes unavoidable (an orphan goal with a budget is
        also a ``budget-orphan``; a zero target that a realisation misses is also an
        ``undefined-achievement``).
    policy
        The policy to check with: plan years (``plan_start``, ``plan_end``) three years
        before the first year drawn and two after the last, so that ``target-outside-plan``
        runs too.

    Examples
    --------
    >>> import cascade
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=3, deadline=None)
    ... @given(defective_cascades("orphan-goal"))
    ... def test_the_check_reports_what_was_injected(d):
    ...     report = cascade.check(d.cascade, policy=d.policy)
    ...     assert d.pairs(report) == d.expected
    ...     assert ("orphan-goal", d.subject_id) in d.expected
    >>> test_the_check_reports_what_was_injected()
    """

    cascade: Cascade
    name: str
    subject_id: str
    expected: frozenset[tuple[str, str]]
    policy: Policy

    @staticmethod
    def pairs(report: Report) -> frozenset[tuple[str, str]]:
        """The ``(rule name, subject id)`` pairs of a :class:`~cascade.Report`'s findings."""
        return frozenset((f.name, f.subject_id) for f in report.findings)


def resolve_rules(name: str | Sequence[str] | None) -> tuple[str, ...]:
    """The rule names ``name`` stands for (names or codes); raises :class:`InvalidArgument`."""
    if name is None:
        return INJECTABLE
    given: object = (name,) if isinstance(name, str) else name
    if not isinstance(given, list | tuple) or not given:
        msg = (
            f"name={name!r} must be None, a rule name or code, or a non-empty sequence of "
            f"them; injectable rules: {', '.join(INJECTABLE)}"
        )
        raise InvalidArgument(msg)
    from cascade.checks.catalogue import rule_by

    out: list[str] = []
    for item in given:
        if not isinstance(item, str):
            msg = f"name={name!r}: {item!r} is not a rule name or code"
            raise InvalidArgument(msg)
        try:
            rule = rule_by(item).name
        except KeyError:
            rule = item
        if rule not in INJECTABLE:
            msg = (
                f"name={name!r}: {item!r} is not a rule that can be injected; "
                f"injectable rules: {', '.join(INJECTABLE)}"
            )
            raise InvalidArgument(msg)
        if rule not in out:
            out.append(rule)
    return tuple(out)


def defective_cascades(
    name: str | Sequence[str] | None = None, **kwargs: Any
) -> st.SearchStrategy[DefectiveCascade]:
    """Valid cascades with exactly one defect of a named rule, and the findings it causes.

    Each draw takes a valid cascade (:func:`cascades`), injects one defect of the rule and
    says exactly what :func:`cascade.check` must report: checking ``d.cascade`` with
    ``d.policy`` gives the pairs ``d.expected``, no more and no fewer. Use it to test that a
    tool which reads check reports (a dashboard, an import step that refuses bad data)
    handles each finding.

    Parameters
    ----------
    name
        The rule whose defect to inject: a name (``orphan-indicator``) or a code
        (``CAS105``), a sequence of them to draw from, or ``None`` (the default) for any rule
        of :data:`INJECTABLE`.
    **kwargs
        The keyword arguments of :func:`cascades`, for the valid cascade the defect goes in.
        Some defects add a small branch of their own (an agency with a bidang, say) when the
        cascade drawn has no place for them.

    Returns
    -------
    SearchStrategy[DefectiveCascade]
        Draws shrink toward the first rule named (in :data:`INJECTABLE` order for ``None``)
        in the simplest city. An unknown rule, or one that cannot be injected, raises
        :class:`InvalidArgument` listing the rules that can, when the strategy is first used.

    Examples
    --------
    >>> import cascade
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=3, deadline=None)
    ... @given(defective_cascades("CAS105", max_depth=2))  # orphan-indicator
    ... def test_an_orphan_is_an_error(d):
    ...     report = cascade.check(d.cascade, policy=d.policy)
    ...     assert not report.ok
    ...     assert d.expected == {("orphan-indicator", d.subject_id)}
    >>> test_an_orphan_is_an_error()

    An unknown rule fails when the strategy is first used:

    >>> defective_cascades("no-such-rule").validate()
    Traceback (most recent call last):
    ...
    cascade.strategies.InvalidArgument: name='no-such-rule': 'no-such-rule' is not a rule ...
    """

    def build() -> st.SearchStrategy[DefectiveCascade]:
        names = resolve_rules(name)
        valid = options(**kwargs)

        @st.composite
        def draw_defective(draw: st.DrawFn) -> DefectiveCascade:
            tables = build_tables(draw, valid)
            policy = plan_policy([int(y) for y in years(tables)])
            rule = draw(st.sampled_from(names), label="rule")
            tables, expected = INJECTORS[rule](tables, draw)
            subject = min(s for r, s in expected if r == rule)
            return DefectiveCascade(Cascade(**tables), rule, subject, frozenset(expected), policy)

        return draw_defective()

    shown: dict[str, Any] = {} if name is None else {"name": name}
    try:
        shown.update(given_arguments(options(**kwargs)))
    except InvalidArgument:
        shown.update(kwargs)
    return lazily("defective_cascades", shown, build)
