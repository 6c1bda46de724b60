"""Rules: a check function and its metadata, declared together.

Vocabulary
----------
rule
    One consistency check: a stable ``code`` (``CAS201``), a kebab-case ``name`` that describes
    the problem (``orphan-indicator``), a default :class:`Severity`, a :class:`Category`, a
    status and the function that finds it. The function's docstring is the rule's
    documentation, in a fixed shape: *What it flags*, *Why it matters*, *Example*, *How to
    fix*.
family
    The module a rule lives in, and the hundreds digit of its code: ``CAS1xx`` structure,
    ``CAS2xx`` alignment, ``CAS3xx`` targets and values, ``CAS4xx`` budget, ``CAS5xx``
    evaluation (what the SAKIP evaluation worksheet, the LKE, asks of a cascade; see
    :mod:`cascade.checks.evaluation`), ``CAS9xx`` meta (findings about the check run itself,
    such as a suppression that matched nothing).
category
    What kind of problem a rule reports, across families: ``integrity`` (the data contradicts
    itself: duplicate ids, dangling references, cycles, unreadable numbers), ``linkage``
    (links that break the cascade: orphans, owners or levels out of line), ``completeness``
    (something the plan must have is missing) and ``consistency`` (numbers that should agree
    do not), ``performance`` (results below what was planned: targets not met, no
    improvement, money spent ahead of results) and ``quality`` (a plan that is complete and
    consistent but weak by the evaluator's measure: output wording, non-SMART indicators,
    targets that fall back, key indicators that keep changing).
default
    Whether a rule runs when nothing is selected. The consistency rules (families 1–4) do;
    the evaluation rules (``CAS5xx``) do not, because a clean plan can still underachieve or
    lack quarterly targets: select them by family (``evaluation``), by code, or by running
    :func:`cascade.assess`.
not applicable
    A rule that needs data the cascade does not hold (several years, an optional column, a
    benchmark) reports itself not applicable, with the reason, instead of passing or
    failing (:attr:`cascade.checks.Report.not_applicable`).
status
    ``stable``, ``preview`` or ``removed``. A code is never reused: a removed rule stays in the
    catalogue with its code and name, and selecting it is an error that says so.
"""

from __future__ import annotations

import enum
import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import pandas as pd

    from cascade.checks._context import Context

__all__ = ["FAMILIES", "Category", "Rule", "RuleFunction", "Severity", "Status", "rule"]


class Severity(enum.StrEnum):
    """How bad a finding is: ``error`` fails a check run, ``warning`` and ``info`` do not."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for error, 1 for warning, 2 for info (the report's sort order)."""
        return list(Severity).index(self)


class Category(enum.StrEnum):
    """What kind of problem a rule reports (see the module docstring).

    Category names never coincide with family names, so a selector is never ambiguous.
    """

    INTEGRITY = "integrity"
    LINKAGE = "linkage"
    COMPLETENESS = "completeness"
    CONSISTENCY = "consistency"
    PERFORMANCE = "performance"
    QUALITY = "quality"


Status = Literal["stable", "preview", "removed"]
RuleFunction = Callable[["Context"], "pd.DataFrame"]

#: Family by the hundreds digit of a code; any other digit is ``meta``.
FAMILIES = {"1": "structure", "2": "alignment", "3": "values", "4": "budget", "5": "evaluation"}

_CODE = re.compile(r"^CAS[1-9]\d\d$")
_NAME = re.compile(r"^[a-z]+(?:-[a-z]+)*$")
_SECTIONS = ("What it flags", "Why it matters", "Example", "How to fix")


@dataclass(frozen=True)
class Rule:
    """A rule of the catalogue.

    Parameters
    ----------
    code
        ``CAS`` + family digit + two digits; never reused.
    name
        Kebab-case name of the problem; the contract other tools key on.
    severity
        Default severity (a policy can override it).
    category
        The kind of problem.
    summary
        One line: what the rule flags.
    func
        The check; ``None`` for a removed rule.
    status
        ``stable``, ``preview`` or ``removed``.
    since
        The version that added the rule.
    default
        Whether the rule runs when nothing is selected (the evaluation rules do not).
    """

    code: str
    name: str
    severity: Severity
    category: Category
    summary: str
    func: RuleFunction | None
    status: Status = "stable"
    since: str = "0.1.0"
    default: bool = True

    def __post_init__(self) -> None:
        if not _CODE.match(self.code):
            msg = f"rule code {self.code!r} is not CAS followed by three digits"
            raise ValueError(msg)
        if not _NAME.match(self.name):
            msg = f"rule name {self.name!r} is not kebab-case"
            raise ValueError(msg)

    @property
    def family(self) -> str:
        """The family: ``structure``, ``alignment``, ``values``, ``budget``, ``evaluation``."""
        return FAMILIES.get(self.code[3], "meta")

    @property
    def doc(self) -> str:
        """The rule's documentation: its function's docstring, dedented."""
        if self.func is None or not self.func.__doc__:
            return self.summary
        return inspect.cleandoc(self.func.__doc__)

    def sections(self) -> dict[str, str]:
        """The docstring's sections by heading (*What it flags*, *Why it matters*, …)."""
        out: dict[str, str] = {}
        current: str | None = None
        lines: list[str] = []
        for line in self.doc.splitlines():
            heading = line.strip().rstrip(":")
            if heading in _SECTIONS:
                if current is not None:
                    out[current] = "\n".join(lines).strip()
                current, lines = heading, []
            elif current is not None and not (line.strip() and set(line.strip()) <= {"-"}):
                lines.append(line)  # keep blank lines: they separate paragraphs
        if current is not None:
            out[current] = "\n".join(lines).strip()
        return out

    def __call__(self, context: Context) -> pd.DataFrame:
        """Run the rule; its raw findings (see :meth:`Context.findings`).

        Once per context: a rule another rule reads (``indicator-not-smart`` reads
        ``target-regression``) is not computed twice in one run. A second call gives the
        same findings, notes (partly not applicable) and :class:`NotApplicable`.
        """
        if self.func is None:
            msg = f"rule {self.code} {self.name} is removed"
            raise RuntimeError(msg)
        from cascade.checks._context import NotApplicable

        done = context.rule_results.get(self.code)
        if done is None:
            before = len(context.partly_not_applicable)
            try:
                frame = self.func(context)
            except NotApplicable as exc:
                context.rule_results[self.code] = (None, exc, ())
                raise
            notes = tuple(context.partly_not_applicable[before:])
            context.rule_results[self.code] = (frame, None, notes)
            return frame.copy(deep=False)
        cached, stopped, notes = done
        if stopped is not None:
            raise stopped
        context.partly_not_applicable.extend(notes)
        assert cached is not None
        return cached.copy(deep=False)


def rule(
    code: str,
    name: str,
    *,
    severity: Severity,
    category: Category,
    status: Status = "stable",
    since: str = "0.1.0",
    default: bool = True,
) -> Callable[[RuleFunction], Rule]:
    """Declare a rule: decorate its check function with its metadata.

    The function takes a :class:`~cascade.checks._context.Context` and returns its findings
    as a frame built with :meth:`Context.findings`. The first line of its
    docstring is the rule's summary.
    """

    def declare(func: RuleFunction) -> Rule:
        summary = (func.__doc__ or "").strip().splitlines()[0] if func.__doc__ else name
        return Rule(
            code=code,
            name=name,
            severity=severity,
            category=category,
            summary=summary,
            func=func,
            status=status,
            since=since,
            default=default,
        )

    return declare
