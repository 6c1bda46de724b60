"""Rendering a report for people and for CI systems: text, CSV and JUnit XML.

The text form groups findings by perangkat daerah (the agency an owner belongs to; the pemda's
own findings come first, findings about ids that exist nowhere last), errors before warnings
within a group, and ends with one summary line. CSV is :meth:`Report.to_frame` with the path
joined by `` > ``. JUnit XML has one test case per rule that ran: a rule with error findings
fails, listing them; warnings and info are shown as the case's output, so a CI system shows
each failing rule by name.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from cascade.checks._rule import Severity

if TYPE_CHECKING:
    from cascade.checks._report import Report
    from cascade.model import Cascade

__all__ = [
    "not_applicable_lines",
    "render_csv",
    "render_junit",
    "render_text",
    "summary_line",
]


def summary_line(report: Report) -> str:
    """``3 errors, 1 warning, 0 info from 29 rules (period 2024)``."""
    s = report.summary()

    def plural(n: int, word: str) -> str:
        return f"{n} {word}" + ("" if n == 1 or word == "info" else "s")

    periods = ", ".join(report.periods) if report.periods else "none"
    label = "period" if len(report.periods) <= 1 else "periods"
    line = (
        f"{plural(s['error'], 'error')}, {plural(s['warning'], 'warning')}, "
        f"{plural(s['info'], 'info')} from {len(report.rules)} rules ({label} {periods})"
    )
    if report.not_applicable:
        line += f"; {len(report.not_applicable)} not applicable"
    return line


def not_applicable_lines(report: Report) -> list[str]:
    """One line per rule that could not be decided (wholly or in part), with the reason."""
    from cascade.checks.catalogue import CATALOGUE

    names = {r.code: r.name for r in CATALOGUE}
    lines = [
        f"  {code} {names.get(code, '')}: {reason}"
        for code, reason in sorted(report.not_applicable.items())
    ]
    lines += [
        f"  {code} {names.get(code, '')} (in part): {reason}"
        for code, reason in sorted(report.partly_not_applicable.items())
    ]
    return lines


def _agency_of(cascade: Cascade) -> dict[str, tuple[int, str, str]]:
    """Owner id → (group order, agency id, agency heading) for every unit."""
    units = cascade.units
    level = dict(zip(units["unit_id"], units["level"].astype("str"), strict=False))
    names = dict(zip(units["unit_id"], units["name"].fillna(""), strict=False))
    out: dict[str, tuple[int, str, str]] = {}
    for unit_id in units["unit_id"].drop_duplicates():
        path = cascade.path(str(unit_id), kind="unit")
        agency = next((u for u in path if level.get(u) == "perangkat_daerah"), None)
        if agency is None:
            root = path[0]
            out[str(unit_id)] = (0, root, f"{root} ({names.get(root) or level.get(root)})")
        else:
            out[str(unit_id)] = (
                1,
                agency,
                f"{agency} ({names.get(agency) or 'perangkat daerah'})",
            )
    return out


def render_text(report: Report, cascade: Cascade) -> str:
    """Findings grouped by agency and severity, then a summary line."""
    frame = report.to_frame()
    skipped = not_applicable_lines(report)
    tail = ("Not applicable:\n" + "\n".join(skipped) + "\n\n") if skipped else ""
    if frame.empty:
        return f"{tail}No findings. {summary_line(report)}\n"
    groups = _agency_of(cascade)
    frame["group"] = [
        groups.get(str(o), (2, "", "Not in the units table"))
        if isinstance(o, str)
        else (2, "", "Not in the units table")
        for o in frame["owner_id"]
    ]
    frame["rank"] = frame["severity"].map({s.value: s.rank for s in Severity})
    frame = frame.sort_values(
        by=["group", "rank"], key=lambda c: c if c.name == "rank" else c.map(str), kind="stable"
    )
    out = io.StringIO()
    for heading, part in frame.groupby(
        frame["group"].map(lambda g: g[2]), sort=False, observed=True
    ):
        out.write(f"{heading}\n")
        for row in part.itertuples(index=False):
            period = f" [{row.period}]" if isinstance(row.period, str) and row.period else ""
            out.write(f"  {row.severity:<7} {row.code} {row.name}{period}: {row.message}\n")
            out.write(f"          hint: {row.hint}\n")
        out.write("\n")
    out.write(tail)
    out.write(summary_line(report) + "\n")
    return out.getvalue()


def render_csv(report: Report) -> str:
    """The report frame as CSV; the path is joined with `` > ``."""
    frame = report.to_frame()
    frame["path"] = [" > ".join(p) for p in frame["path"]]
    return frame.to_csv(index=False, lineterminator="\n")


def render_junit(report: Report) -> str:
    """JUnit XML: one test case per rule that ran; error findings fail it."""
    from cascade.checks.catalogue import CATALOGUE

    by_code = {r.code: r for r in CATALOGUE}
    frame = report.to_frame()
    s = report.summary()
    failing = set(frame.loc[frame["severity"] == "error", "code"])
    suite = ET.Element(
        "testsuite",
        name="cascade check",
        tests=str(len(report.rules) + len(report.not_applicable)),
        failures=str(len(failing)),
        errors="0",
        skipped=str(len(report.not_applicable)),
    )
    ET.SubElement(
        ET.SubElement(suite, "properties"),
        "property",
        name="summary",
        value=f"{s['error']} errors, {s['warning']} warnings, {s['info']} info",
    )
    for code in report.rules:
        rule = by_code[code]
        case = ET.SubElement(
            suite, "testcase", classname=f"cascade.{rule.category}", name=f"{code} {rule.name}"
        )
        found = frame[frame["code"] == code]
        errors = found[found["severity"] == "error"]
        if len(errors):
            failure = ET.SubElement(
                case,
                "failure",
                message=f"{len(errors)} {rule.name} finding" + ("s" if len(errors) != 1 else ""),
                type=rule.name,
            )
            failure.text = "\n".join(
                f"{r.subject_id}: {r.message}" for r in errors.itertuples(index=False)
            )
        rest = found[found["severity"] != "error"]
        if len(rest):
            ET.SubElement(case, "system-out").text = "\n".join(
                f"{r.severity} {r.subject_id}: {r.message}" for r in rest.itertuples(index=False)
            )
    for code, reason in sorted(report.not_applicable.items()):
        rule = by_code[code]
        case = ET.SubElement(
            suite, "testcase", classname=f"cascade.{rule.category}", name=f"{code} {rule.name}"
        )
        ET.SubElement(case, "skipped", message=f"not applicable: {reason}")
    ET.indent(suite)
    return ET.tostring(suite, encoding="unicode", xml_declaration=True) + "\n"
