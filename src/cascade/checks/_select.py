"""Resolving rule selectors: names, codes, code prefixes, categories and families.

A selector is one of:

- a rule name (``orphan-indicator``) or code (``CAS202``);
- a code prefix (``CAS2`` = the alignment family, ``CAS20``);
- a category (``integrity``, ``linkage``, ``completeness``, ``consistency``,
  ``performance``, ``quality``);
- a family (``structure``, ``alignment``, ``values``, ``budget``, ``evaluation``);
- ``ALL`` (every rule, the evaluation rules included).

With no selection, the rules that run are the stable rules that run by default: every
consistency rule, and no evaluation rule.

Matching ignores case. An unknown selector, or one that names a removed rule, is a
:class:`~cascade.errors.UsageError` that says which selector and where it came from.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from cascade.checks._rule import Category, Rule
from cascade.errors import UsageError

__all__ = ["resolve", "select_rules"]


def resolve(selector: str, catalogue: Sequence[Rule], *, source: str = "select") -> list[Rule]:
    """The rules one selector stands for.

    Raises
    ------
    UsageError
        If nothing matches, or the selector names a removed rule.
    """
    key = selector.strip()
    low = key.lower()
    up = key.upper()
    if up == "ALL":
        return [r for r in catalogue if r.status != "removed"]
    exact = [r for r in catalogue if r.name == low or r.code == up]
    if exact:
        removed = [r for r in exact if r.status == "removed"]
        if removed:
            r = removed[0]
            msg = f"{source}: rule {r.code} {r.name} was removed in {r.since} and cannot be run"
            raise UsageError(msg)
        return exact
    if low in {c.value for c in Category}:
        return [r for r in catalogue if r.category == low and r.status != "removed"]
    families = {r.family for r in catalogue}
    if low in families:
        return [r for r in catalogue if r.family == low and r.status != "removed"]
    if up.startswith("CAS") and up[3:].isdigit():
        matched = [r for r in catalogue if r.code.startswith(up) and r.status != "removed"]
        if matched:
            return matched
    known = ", ".join(sorted({c.value for c in Category} | families))
    msg = (
        f"{source}: unknown rule selector {selector!r}: expected a rule name or code, a code "
        f"prefix (CAS1), a category or family ({known}), or ALL; `cascade rules` lists them"
    )
    raise UsageError(msg)


def select_rules(
    catalogue: Sequence[Rule],
    *,
    select: Iterable[str] | None,
    ignore: Iterable[str],
    select_source: str = "select",
    ignore_source: str = "ignore",
) -> list[Rule]:
    """The rules to run, in catalogue order: the selected ones minus the ignored ones."""
    if select is None:
        chosen = {r.code for r in catalogue if r.status == "stable" and r.default}
    else:
        chosen = set()
        for selector in select:
            chosen |= {r.code for r in resolve(selector, catalogue, source=select_source)}
    for selector in ignore:
        chosen -= {r.code for r in resolve(selector, catalogue, source=ignore_source)}
    return [r for r in catalogue if r.code in chosen]
