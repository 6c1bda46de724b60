"""Evaluation rules (``CAS5xx``): what the SAKIP evaluation worksheet (LKE) asks of a cascade.

The consistency rules (``CAS1xx``–``CAS4xx``) say whether a cascade holds together. These say
how it would fare before an evaluator of PermenPANRB 88/2021 (research ``lke.md`` section
2.2): units and employees without a plan, agencies that do not share the city's goals,
indicators without quarterly targets or realisations, targets missed or set below last year,
goals worded as activities. They do not run by default (a consistent plan can still miss its
targets); select them as the ``evaluation`` family, or let :func:`cascade.assess` run them.
A rule that needs data the cascade lacks (several years, an optional column, a benchmark)
reports itself not applicable, with the reason, rather than passing or failing.

Thresholds and domain words are settings: :class:`cascade.policy.EvaluationSettings`.

Vocabulary
----------
PK indicator (indikator perjanjian kinerja)
    An indicator with a target for the year checked whose goal is owned at level ``pemda``,
    ``perangkat_daerah``, ``administrator`` or ``pengawas``.
IKU (indikator kinerja utama)
    A key indicator: ``key = true``.
strategic goal (sasaran strategis)
    A goal of kind ``tujuan`` or ``sasaran_strategis``.
reaches the root
    A goal's chain of parent goals ends at a pemda-owned goal without a dangling parent or a
    cycle on the way.
renaksi (rencana aksi)
    The action plan: quarter or month targets inside the year.
agency (perangkat daerah, OPD)
    The ``perangkat_daerah`` unit a unit belongs to: itself or its ancestor at that level.
plan period (periode Renstra)
    ``plan_start`` to ``plan_end`` of the policy.
"""

from __future__ import annotations

from cascade.checks._rule import Rule
from cascade.checks.evaluation import coverage, history, quality, results
from cascade.checks.evaluation.depth import Depth, cascade_depth

__all__ = ["RULES", "Depth", "cascade_depth"]

#: Every evaluation rule, in code order.
RULES: tuple[Rule, ...] = tuple(
    sorted(
        (*coverage.RULES, *results.RULES, *history.RULES, *quality.RULES),
        key=lambda r: r.code,
    )
)
