"""``propagate``: every figure of the cascade for one period, bottom-up."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cascade.checks._context import Context
from cascade.checks._run import run_rules
from cascade.checks.catalogue import rule_by
from cascade.engine._budget import budget_figures, owner_budget_figures
from cascade.engine._frames import (
    budget_frame,
    goal_frame,
    indicator_frame,
    owner_budget_frame,
    owner_frame,
)
from cascade.engine._goals import goal_figures, owner_figures
from cascade.engine._indicators import indicator_figures
from cascade.engine._results import Results, _Figures
from cascade.errors import UsageError
from cascade.model import Cascade
from cascade.period import Period
from cascade.policy import Policy
from cascade.progress import Progress, silent

__all__ = ["FINDING_RULES", "propagate"]

#: The checker rules whose findings a propagation reports, as :func:`cascade.check` would.
FINDING_RULES = ("realisation-mismatch", "undefined-achievement")


def propagate(
    cascade: Cascade,
    *,
    as_of: str | Period,
    policy: Policy | Mapping[str, Any] | None = None,
    progress: Progress | None = None,
) -> Results:
    """Compute realisation, achievement, categories and budget figures for one period.

    Bottom-up, as ``domain.md`` sections 4 and 5 define it: each indicator's realisation
    (reported, else derived from its carrier children; a year from its quarters or months
    when the year itself is not reported), its achievement (computed from realisation and
    target, else rolled up from its children), each goal's and owner's achievement (means of
    what is below, missing staying missing), and budget absorption and efficiency per goal
    and owner. Every pass is vectorised per level of a tree; nothing reads the clock.

    Parameters
    ----------
    cascade
        The cascade.
    as_of
        The period computed, always explicit: ``"2024"``, ``"2024Q2"`` or ``"2024-03"``.
        Targets and budget lines are those of exactly this period; realisations are its
        own, or combined from the periods inside it.
    policy
        A :class:`~cascade.policy.Policy` or a mapping of its settings (the minimize
        formula, floor, cap, zero-target handling, missing-value policy, scale, goal
        weighting, tolerance); the default policy when omitted.
    progress
        A callback told how the propagation goes, as ``progress("propagate", done, 5)``: the
        indicators, the goals and owners, the budget, the result tables, the findings (see
        :mod:`cascade.progress`); ``None``, the default, reports nothing.

    Returns
    -------
    Results
        Tidy frames per indicator, goal, owner and budget, the findings, and
        :meth:`~Results.explain`.

    Raises
    ------
    UsageError
        For a period that cannot be read or invalid policy settings.

    Examples
    --------
    >>> import cascade
    >>> results = cascade.propagate(cascade.load_example(), as_of="2024")
    >>> results.city[["unit_id", "achievement", "category"]].round(1)
      unit_id  achievement     category
    0   PEMKO         96.6  Sangat Baik
    >>> results.indicators["achievement_source"].value_counts().to_dict()
    {'computed': 289, 'rolled_up': 2}
    """
    settings = Policy.coerce(policy)
    if isinstance(as_of, Period):
        period = as_of
    else:
        try:
            period = Period.parse(as_of)
        except (TypeError, ValueError) as exc:
            msg = f"as_of: {exc}"
            raise UsageError(msg) from None
    report = silent if progress is None else progress
    report("propagate", 0, 5)
    ctx = Context(cascade, [period], settings)
    indicators = indicator_figures(ctx)
    report("propagate", 1, 5)
    goals = goal_figures(ctx, indicators)
    owners = owner_figures(ctx, goals)
    report("propagate", 2, 5)
    budget = budget_figures(ctx, goals)
    owner_budget = owner_budget_figures(ctx, goals, owners, budget)
    report("propagate", 3, 5)
    scale = settings.scale
    frames = {
        "indicators": indicator_frame(ctx, indicators, scale),
        "goals": goal_frame(ctx, goals, scale),
        "owners": owner_frame(ctx, owners, scale),
        "budget": budget_frame(ctx, budget),
        "owner-budget": owner_budget_frame(ctx, owner_budget),
    }
    report("propagate", 4, 5)
    ignored = {rule_by(name).code for name in settings.ignore if _known(name)}
    rules = [rule_by(name) for name in FINDING_RULES]
    findings = run_rules(
        ctx, [r for r in rules if r.code not in ignored and r.name not in ignored]
    )
    report("propagate", 5, 5)
    return Results(
        cascade=cascade,
        as_of=period,
        policy=settings,
        frames=frames,
        findings=findings,
        figures=_Figures(indicators, goals, owners, budget, owner_budget),
    )


def _known(name: str) -> bool:
    try:
        rule_by(name)
    except KeyError:
        return False
    return True
