"""The performance report of one period: an xlsx workbook or one self-contained HTML page.

:func:`build_report` computes everything once (:func:`cascade.propagate`,
:func:`cascade.check` and the tables of :mod:`cascade.tables`) into a :class:`ReportBundle`;
:meth:`ReportBundle.to_excel` writes the workbook, one formatted sheet per table
(:data:`SHEETS`), and :meth:`ReportBundle.to_html` one HTML page with the summary, the
pictures (when the ``plot`` extra is installed), the lowest agencies and what pulls them
down, the findings, the LKE readiness estimate and the tables, which opens in a browser with
no server and no network. The LKE readiness section (kesiapan LKE) is
:func:`cascade.assess`'s estimate of the SAKIP evaluation worksheet for the same period, as
the sheets :data:`LKE_SHEETS` and a section of the page; ``lke=False`` leaves it out.
:func:`write_report` does both steps, choosing the format by the suffix. The command line's
``cascade report PATH --as-of 2024 --output report.html`` calls it.

>>> import cascade
>>> from cascade.report import build_report
>>> bundle = build_report(cascade.load_example(), as_of="2024")
>>> bundle.tables["Ringkasan"].iloc[0].tolist()
['Periode', '2024']
"""

from __future__ import annotations

from cascade.report._bundle import (
    DEFAULT_PROFILE,
    FORMATS,
    LKE_SHEETS,
    REPORT_LEVELS,
    SHEETS,
    ReportBundle,
    build_report,
    report_format,
    write_report,
)
from cascade.report._lke import LKE_HEADERS

__all__ = [
    "DEFAULT_PROFILE",
    "FORMATS",
    "LKE_HEADERS",
    "LKE_SHEETS",
    "REPORT_LEVELS",
    "SHEETS",
    "ReportBundle",
    "build_report",
    "report_format",
    "write_report",
]
