"""Evaluation rules (``CAS5xx``): quality. Filled in by issue 8."""

from __future__ import annotations

from cascade.checks._rule import Rule

__all__ = ["RULES"]

RULES: tuple[Rule, ...] = ()
