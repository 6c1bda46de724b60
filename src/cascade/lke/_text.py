"""The assessment as text a head of planning reads, and as HTML for a notebook.

Both lead with the profile and the year, give the score as a range under each estimator
with its predikat range, the part the data decided, the depth of the cascade, then the top
fixes with their points and the findings behind them, and end with what the estimate cannot
say.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from cascade.lke._estimate import ESTIMATORS

if TYPE_CHECKING:
    from cascade.lke._assess import Assessment

__all__ = ["CAVEAT", "render_html", "render_text"]

#: What every rendering says about the limits of the estimate (research lke.md 3.6).
CAVEAT = (
    "What this cannot say: criteria about documents, their formal signing and publication, "
    "leadership use and internal evaluation are judged by reading, not counted; they are "
    "ranges here unless answers are supplied. Wording and SMART checks are heuristics that "
    "can show a weakness but not certify quality. The cut-offs that turn shares into grades "
    "come from one Inspektorat's rubric and are not calibrated against past LHE results. "
    "Read the range, not a grade."
)

_NAMES = {"mean": "mean", "ladder": "ladder", "strict-ladder": "strict ladder"}


def _texts(value: object) -> tuple[str, ...]:
    """A table cell holding a tuple of texts, as one."""
    return tuple(str(v) for v in value) if isinstance(value, tuple | list) else ()


def _grade(lo: str, hi: str) -> str:
    return lo if lo == hi else f"{lo} to {hi}"


def _depth_line(a: Assessment) -> str:
    d = a.depth
    if d.depth is None:
        return "Cascade depth: not even the pemda has goals, indicators, targets and realisations"
    ladder = f"; the depth ladder points to {d.ladder}" if d.ladder else ""
    return f"Cascade depth: reaches {d.depth}{ladder}"


def render_text(a: Assessment, *, top: int = 10) -> str:
    """The assessment as plain text (see the module docstring)."""
    p = a.profile
    as_of = "" if str(a.as_of) == str(a.year) else f", data as of {a.as_of}"
    lines = [
        f"LKE readiness, profile {p.name} ({p.title}), year {a.year}{as_of}",
        "",
        "Estimated score (nilai akhir) as a range: criteria nobody has answered count from",
        "nothing to full marks.",
    ]
    for name in ESTIMATORS:
        r = a.total(name)
        lo, hi = a.predikat(name)
        lines.append(
            f"  {_NAMES[name]:<14} {r.lo:6.2f} to {r.hi:6.2f}   predikat {_grade(lo, hi)}"
        )
    part = a.data_decided
    earned = f"{part.points:.2f}"
    if part.high - part.points > 1e-9:
        earned += f" to {part.high:.2f}"
    lines += [
        (
            f"Decided by data: {earned} of the {part.decided:.2f} points the data decide"
            f" (data-bound criteria weigh {part.bound:.2f} of 100)."
        ),
        _depth_line(a),
        "",
        "Components (mean estimator)",
    ]
    for comp in a.components().to_dict("records"):
        lines.append(
            f"  {comp['code']!s:<6} {comp['name']!s:<34} {comp['mean_lo']:6.2f} to"
            f" {comp['mean_hi']:6.2f} of {comp['weight']:g}"
        )
    fixes = a.fixes()
    lines += ["", f"Top fixes (points under the mean estimator; {len(fixes)} in all)"]
    if fixes.empty:
        lines.append("  none: every criterion the data decide is met")
    for row in fixes.head(top).to_dict("records"):
        who = f"{row['agency_id']} ({row['agency']})" if row["agency_id"] else "(no agency)"
        found = _texts(row["findings"])
        sample = ", ".join(found[:3]) + (" …" if len(found) > 3 else "")
        lines.append(
            f"  {row['rank']:>3}. +{row['points']:.2f}  {who}: {row['criterion']}"
            f" ({row['position']}) {row['subjects']} of the {row['population']} fail"
            f" ({', '.join(_texts(row['rules']))})"
        )
        if sample:
            lines.append(f"        findings: {sample}")
    agencies = a.agencies()
    if not agencies.empty:
        lines += ["", "Agencies by points at risk"]
        for rec in agencies.head(top).to_dict("records"):
            who = f"{rec['agency_id']} ({rec['agency']})" if rec["agency_id"] else "(no agency)"
            lines.append(
                f"  {rec['points']:6.2f}  {who}: {rec['fixes']} fixes, {rec['findings']} findings"
            )
    na = a.criteria()
    na = na[na["source"] == "not-applicable"]
    if not na.empty:
        lines += ["", "Data-bound criteria the data could not decide (a range until answered)"]
        for crit in na.to_dict("records"):
            why = crit["note"] or "empty population"
            lines.append(f"  {crit['code']} ({crit['position']}): {why}")
    if a.ignored_answers:
        lines += [
            "",
            "Answers given for criteria the data decide (data kept): "
            + ", ".join(a.ignored_answers),
        ]
    if a.warnings:
        lines += ["", *a.warnings]
    lines += ["", CAVEAT]
    return "\n".join(lines) + "\n"


def render_html(a: Assessment, *, top: int = 10) -> str:
    """The assessment as an HTML fragment for a notebook."""
    esc = html.escape
    p = a.profile
    rows = []
    for estimator in ESTIMATORS:
        r = a.total(estimator)
        lo, hi = a.predikat(estimator)
        rows.append(
            f"<tr><td>{esc(_NAMES[estimator])}</td><td>{r.lo:.2f} to {r.hi:.2f}</td>"
            f"<td>{esc(_grade(lo, hi))}</td></tr>"
        )
    part = a.data_decided
    fixes = a.fixes().head(top)
    fix_rows = "".join(
        f"<tr><td>{row['rank']}</td><td>+{row['points']:.2f}</td>"
        f"<td>{esc(str(row['agency_id'] or ''))}</td>"
        f"<td>{esc(str(row['criterion']))} ({esc(str(row['position']))})</td>"
        f"<td>{row['subjects']}</td><td>{esc(', '.join(_texts(row['rules'])))}</td>"
        f"<td>{esc(', '.join(_texts(row['findings'])[:3]))}</td></tr>"
        for row in fixes.to_dict("records")
    )
    return (
        f"<div><p><b>LKE readiness</b>, profile {esc(p.name)}, year {a.year}</p>"
        "<table><tr><th>estimator</th><th>score (range)</th><th>predikat</th></tr>"
        + "".join(rows)
        + "</table>"
        f"<p>Decided by data: {part.points:.2f} to {part.high:.2f} of {part.decided:.2f}"
        f" points (data-bound {part.bound:.2f}). {esc(_depth_line(a))}</p>"
        "<table><tr><th>#</th><th>points</th><th>agency</th><th>criterion</th>"
        "<th>subjects</th><th>rules</th><th>findings</th></tr>"
        + fix_rows
        + f"</table><p><small>{esc(CAVEAT)}</small></p></div>"
    )
