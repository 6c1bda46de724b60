"""The rule catalogue: every rule ever shipped, in code order, removed ones included.

This tuple is the registry: a plain, typed sequence that mypy and an IDE can follow to each
rule's definition. Adding a rule means writing it in its family module and listing it here;
a test keeps this list, the codes and the generated docs in step. A code is never reused: a
removed rule stays here as ``Rule(..., status="removed", func=None)``.
"""

from __future__ import annotations

from cascade.checks import alignment, budget, evaluation, meta, structure, values
from cascade.checks._rule import Rule

__all__ = ["CATALOGUE", "rule_by"]

CATALOGUE: tuple[Rule, ...] = (
    structure.duplicate_id,
    structure.dangling_reference,
    structure.cycle,
    structure.orphan_goal,
    structure.orphan_indicator,
    structure.missing_indicator,
    structure.missing_metadata,
    *alignment.RULES,
    *values.RULES,
    *budget.RULES,
    *evaluation.RULES,
    meta.unused_suppression,
)


def rule_by(key: str) -> Rule:
    """The rule with this name or code.

    >>> rule_by("orphan-indicator").code
    'CAS105'
    >>> rule_by("cas101").name
    'duplicate-id'
    """
    for r in CATALOGUE:
        if key.strip().lower() == r.name or key.strip().upper() == r.code:
            return r
    msg = f"no rule named {key!r}; `cascade rules` lists them"
    raise KeyError(msg)
