"""Findings and the report that holds them.

Vocabulary
----------
finding
    One thing wrong, found by one rule about one subject (a unit, goal or indicator): the rule's
    ``name``, ``code``, ``severity`` and ``category``; the subject's kind and id, its owner and
    its ``path`` from the root (for an indicator, its goal's path then the indicator); the
    period when it is about one; a ``message`` in plain words and a ``hint`` to fix it.
report
    Every finding of one :func:`cascade.check` run, in a deterministic order (severity, code,
    subject, period), held as a DataFrame so a million findings stay cheap, with the rules
    that ran and the suppressions that matched nothing.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pandas as pd
from pydantic import BaseModel, ConfigDict

from cascade.checks._rule import Category, Severity
from cascade.errors import CascadeError

__all__ = ["COLUMNS", "ConsistencyError", "Finding", "Report"]

#: The report's columns, in order; ``to_frame`` always has exactly these.
COLUMNS = [
    "code",
    "name",
    "severity",
    "category",
    "subject_kind",
    "subject_id",
    "owner_id",
    "period",
    "path",
    "message",
    "hint",
]


class Finding(BaseModel):
    """One finding (see the module docstring for the fields)."""

    model_config = ConfigDict(frozen=True)

    code: str
    name: str
    severity: Severity
    category: Category
    subject_kind: str
    subject_id: str
    owner_id: str | None
    period: str | None
    path: tuple[str, ...]
    message: str
    hint: str

    def __str__(self) -> str:
        where = " > ".join(self.path) if self.path else self.subject_id
        return f"{self.code} {self.name} [{self.severity}] {where}: {self.message}"


class ConsistencyError(CascadeError):
    """A check found errors and the caller asked to raise (:meth:`Report.raise_if_errors`)."""

    def __init__(self, report: Report) -> None:
        self.report = report
        errors = report.errors()
        lines = [f"{len(errors)} consistency error" + ("s" if len(errors) != 1 else "")]
        lines += [f"  - {f}" for f in errors.pipe(_records)[:50]]
        if len(errors) > 50:
            lines.append(f"  … and {len(errors) - 50} more (see .report)")
        super().__init__("\n".join(lines))


def _records(frame: pd.DataFrame) -> list[Finding]:
    return [Finding.model_validate(_clean(r)) for r in frame.to_dict("records")]


def _clean(record: dict[Any, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in record.items():
        out[str(key)] = None if (isinstance(value, float) and math.isnan(value)) else value
    return out


class Report:
    """The findings of one check run.

    Build it with :func:`cascade.check`; you do not construct it yourself.

    Attributes
    ----------
    rules
        Codes of the rules that ran and could decide, in catalogue order.
    periods
        The periods checked.
    not_applicable
        Rules that were selected but could not be decided on these data, code → reason
        (``"needs targets for at least two years"``). Such a rule neither passed nor failed:
        it is not in :attr:`rules`.
    partly_not_applicable
        Rules that ran but could decide only part of what they check, code → the reason for
        the part left out (a benchmark column that is absent).
    unmatched_suppressions
        Suppressions of the policy that matched no finding (each is also a finding of the rule
        ``unused-suppression``).
    """

    def __init__(
        self,
        frame: pd.DataFrame,
        *,
        rules: list[str],
        periods: list[str],
        not_applicable: dict[str, str] | None = None,
        partly_not_applicable: dict[str, str] | None = None,
    ) -> None:
        self._frame = frame[COLUMNS].reset_index(drop=True)
        self.rules = rules
        self.periods = periods
        self.not_applicable = dict(not_applicable or {})
        self.partly_not_applicable = dict(partly_not_applicable or {})

    @property
    def ok(self) -> bool:
        """No finding of severity ``error``."""
        return not (self._frame["severity"] == Severity.ERROR.value).any()

    def __len__(self) -> int:
        return len(self._frame)

    def __bool__(self) -> bool:
        return True

    def __iter__(self):  # type: ignore[no-untyped-def]
        """Iterate over the findings as :class:`Finding` records."""
        return iter(self.findings)

    @property
    def findings(self) -> list[Finding]:
        """Every finding as a :class:`Finding`, in report order."""
        return _records(self._frame)

    def to_frame(self) -> pd.DataFrame:
        """The findings as a DataFrame with the columns of :data:`COLUMNS`, in that order."""
        return self._frame.copy(deep=False)

    def errors(self) -> pd.DataFrame:
        """The findings of severity ``error``."""
        return self._frame[self._frame["severity"] == Severity.ERROR.value]

    def counts(self) -> pd.DataFrame:
        """Findings per rule: ``code``, ``name``, ``severity``, ``count``, in report order.

        A rule with no findings is not listed; ``summary()`` gives the totals per severity.
        """
        if self._frame.empty:
            return pd.DataFrame(
                {
                    "code": pd.Series(dtype="str"),
                    "name": pd.Series(dtype="str"),
                    "severity": pd.Series(dtype="str"),
                    "count": pd.Series(dtype="int64"),
                }
            )
        grouped = (
            self._frame.groupby(["code", "name", "severity"], sort=False, observed=True)
            .size()
            .rename("count")
            .reset_index()
        )
        return grouped.astype({"count": "int64"})

    def summary(self) -> dict[str, int]:
        """Number of findings per severity: ``{"error": 3, "warning": 1, "info": 0}``."""
        counts = self._frame["severity"].value_counts()
        return {s.value: int(counts.get(s.value, 0)) for s in Severity}

    def to_dict(self) -> dict[str, Any]:
        """The report as plain data.

        Keys: ``ok``, ``summary``, ``periods``, ``rules``, ``not_applicable`` and
        ``partly_not_applicable`` (code → reason), ``findings``.
        """
        findings = [f.model_dump(mode="json") for f in self.findings]
        return {
            "ok": self.ok,
            "summary": self.summary(),
            "periods": self.periods,
            "rules": self.rules,
            "not_applicable": self.not_applicable,
            "partly_not_applicable": self.partly_not_applicable,
            "findings": findings,
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """The report as a JSON document (see :meth:`to_dict`)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def raise_if_errors(self) -> Report:
        """Raise :class:`ConsistencyError` if there is an error finding; else return ``self``."""
        if not self.ok:
            raise ConsistencyError(self)
        return self

    def _repr_html_(self) -> str:
        """A notebook view: counts by severity, then the findings, coloured by severity."""
        from cascade._html import render_report

        return render_report(self)

    def __repr__(self) -> str:
        s = self.summary()

        def count(n: int, word: str) -> str:
            return f"{n} {word}" if n == 1 else f"{n} {word}s"

        return (
            f"<Report: {count(s['error'], 'error')}, {count(s['warning'], 'warning')},"
            f" {s['info']} info from {count(len(self.rules), 'rule')}>"
        )
