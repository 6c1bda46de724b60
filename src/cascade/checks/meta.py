"""Meta rules (``CAS9xx``): findings about the check run itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cascade.checks._context import no_findings
from cascade.checks._rule import Category, Severity, rule

if TYPE_CHECKING:
    import pandas as pd

    from cascade.checks._context import Context

__all__ = ["unused_suppression"]


@rule("CAS901", "unused-suppression", severity=Severity.WARNING, category=Category.CONSISTENCY)
def unused_suppression(ctx: Context) -> pd.DataFrame:
    """A suppression in the policy that matched no finding.

    What it flags
    -------------
    An entry of the policy's ``suppress`` list whose rule found nothing about its subject in
    this run. The check runner reports it after applying the suppressions; this function
    itself finds nothing.

    Why it matters
    --------------
    A suppression records a decision to keep an odd link. When the link is fixed or the id
    changes, a stale suppression would silently hide the next real finding about that
    subject.

    Example
    -------
    ``suppress = [{rule = "owner-misaligned", subject = "S-BPBD-2", reason = "…"}]`` after
    ``S-BPBD-2`` has been re-linked correctly.

    How to fix
    ----------
    Remove the suppression from the policy, or correct its rule or subject.
    """
    return no_findings()
