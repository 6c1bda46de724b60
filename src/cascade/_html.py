"""HTML for notebooks: the ``_repr_html_`` of the main objects, and the colours they share.

Vocabulary
----------
colours
    A pair ``(background, text)`` of ``#rrggbb`` strings: a coloured cell always sets both, so
    it reads the same in a light and a dark notebook theme. Plain cells set neither and take
    the theme's. openpyxl takes the same strings without the ``#``.
ramp
    Red → orange → yellow → green → dark green, worst to best. :func:`category_colours`
    spreads a scale's labels (worst first, :attr:`cascade.scales.Scale.labels`) evenly over
    it, so the five LKjIP categories get the five anchors, the seven SAKIP grades D … AA the
    same ramp in seven steps, and a custom scale its own spread.
fragment
    The HTML of one object: one ``<div class="cascade-repr">`` with its own ``<style>``
    (every class starts with ``cascade-``), no script and no external resource. Every text
    that comes from data (names, statements, messages, ids) is escaped, and tables show at
    most a bounded number of rows, built from aggregated counts and the first or last rows of
    a frame, so a million-indicator cascade renders as fast as a small one.

Examples
--------
>>> from cascade.scales import LKJIP
>>> category_colours(LKJIP)["Sangat Baik"]
('#1b7837', '#ffffff')
>>> category_colours(["merah", "hijau"])
{'merah': ('#d62728', '#ffffff'), 'hijau': ('#1b7837', '#ffffff')}
>>> escape("<script>alert(1)</script>")
'&lt;script&gt;alert(1)&lt;/script&gt;'
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from cascade.scales import LKJIP, SAKIP_GRADE, Scale

if TYPE_CHECKING:
    from cascade.checks._report import Report
    from cascade.engine._explain import Explanation
    from cascade.engine._results import Results
    from cascade.model import Cascade

__all__ = [
    "MISSING_TEXT",
    "RAMP",
    "SEVERITY_COLOURS",
    "Cell",
    "Colours",
    "Note",
    "badge",
    "bar",
    "category_colours",
    "document",
    "escape",
    "format_count",
    "format_number",
    "head_tail",
    "ramp_colour",
    "render_cascade",
    "render_explanation",
    "render_report",
    "render_results",
    "table",
    "text_colour",
]

Colours = tuple[str, str]

#: The anchors of the category ramp, worst first: red, orange, yellow, green, dark green (the
#: values of the plots' ramp, so a notebook table and a chart of the same results agree).
RAMP: tuple[str, ...] = ("#d62728", "#f07f1a", "#f2c500", "#7fbf3f", "#1b7837")

#: Badge and cell colours per finding severity: error red, warning amber, info blue.
SEVERITY_COLOURS: dict[str, Colours] = {
    "error": (RAMP[0], "#ffffff"),
    "warning": ("#ffb300", "#000000"),
    "info": ("#1565c0", "#ffffff"),
}

#: How a missing figure is shown.
MISSING_TEXT = "—"

_DARK, _LIGHT = "#000000", "#ffffff"
_NEUTRAL: Colours = ("#9e9e9e", "#000000")
_LIFT = RAMP[-2]  # a drag bar that lifts the figure above 100

#: Rows shown per block of a table before "… and N more".
LIMIT = 20

_STYLE = """<style>
.cascade-repr{font-size:13px;line-height:1.45;max-width:100%;overflow-x:auto}
.cascade-repr .cascade-title{font-weight:600;font-size:14px;margin:0 0 6px 0}
.cascade-repr .cascade-heading{font-weight:600;margin:8px 0 2px 0}
.cascade-repr .cascade-muted{opacity:.72}
.cascade-repr .cascade-flex{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
.cascade-repr table.cascade-table{border-collapse:collapse;margin:2px 0 6px 0;font-size:12px}
.cascade-repr table.cascade-table th,.cascade-repr table.cascade-table td{
border:1px solid rgba(128,128,128,.35);padding:2px 6px;text-align:left;vertical-align:top;
white-space:normal}
.cascade-repr table.cascade-table th{background:rgba(128,128,128,.14);font-weight:600}
.cascade-repr table.cascade-table td.cascade-num{text-align:right;
font-variant-numeric:tabular-nums;white-space:nowrap}
.cascade-repr table.cascade-table tr.cascade-more td{font-style:italic;opacity:.75}
.cascade-repr .cascade-badge{display:inline-block;padding:0 7px;margin:0 4px 2px 0;
border-radius:9px;font-weight:600;white-space:nowrap}
.cascade-repr .cascade-plain{border:1px solid rgba(128,128,128,.45)}
.cascade-repr .cascade-bar{display:inline-block;width:90px;height:9px;vertical-align:middle;
background:rgba(128,128,128,.2)}
.cascade-repr .cascade-bar span{display:block;height:100%}
.cascade-repr .cascade-how{margin:2px 0 6px 0}
</style>"""


# ----------------------------------------------------------------------------- colours


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _luminance(colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def text_colour(background: str) -> str:
    """Black or white, whichever contrasts more with ``background`` (``#rrggbb``).

    Examples
    --------
    >>> text_colour("#f2c500"), text_colour("#1b7837")
    ('#000000', '#ffffff')
    """
    lum = _luminance(background)
    on_dark = (1.05) / (lum + 0.05)
    on_light = (lum + 0.05) / (_luminance(_DARK) + 0.05)
    return _LIGHT if on_dark > on_light else _DARK


def ramp_colour(position: float) -> Colours:
    """The colours at ``position`` on :data:`RAMP`: 0 is the worst (red), 1 the best.

    Examples
    --------
    >>> ramp_colour(0.0), ramp_colour(0.5)
    (('#d62728', '#ffffff'), ('#f2c500', '#000000'))
    """
    x = min(max(float(position), 0.0), 1.0) * (len(RAMP) - 1)
    low = min(math.floor(x), len(RAMP) - 2)
    t = x - low
    a, b = _rgb(RAMP[low]), _rgb(RAMP[low + 1])
    mixed = "#" + "".join(f"{round(p + (q - p) * t):02x}" for p, q in zip(a, b, strict=True))
    return mixed, text_colour(mixed)


def category_colours(scale: Scale | Sequence[str]) -> dict[str, Colours]:
    """Colours per category label, worst first: the labels spread evenly over :data:`RAMP`.

    Parameters
    ----------
    scale
        A :class:`~cascade.scales.Scale` (its :attr:`~cascade.scales.Scale.labels`), or the
        labels themselves, worst first.

    Returns
    -------
    dict
        ``{label: (background, text)}`` in the order of the labels.

    Examples
    --------
    >>> from cascade.scales import SAKIP_GRADE
    >>> colours = category_colours(SAKIP_GRADE)
    >>> list(colours)
    ['D', 'C', 'CC', 'B', 'BB', 'A', 'AA']
    >>> colours["D"], colours["AA"]
    (('#d62728', '#ffffff'), ('#1b7837', '#ffffff'))
    """
    labels = list(scale.labels if isinstance(scale, Scale) else scale)
    steps = max(len(labels) - 1, 1)
    start = 0 if len(labels) > 1 else 1
    return {label: ramp_colour((i + start) / steps) for i, label in enumerate(labels)}


def _scale_of(category: str | None) -> Scale | None:
    """A shipped scale that has ``category``, for an object that does not know its scale."""
    for scale in (LKJIP, SAKIP_GRADE):
        if category in scale.labels:
            return scale
    return None


# ----------------------------------------------------------------------------- text


def escape(value: object) -> str:
    """Text for HTML, quotes included; ``None`` and NaN are empty."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if value is pd.NA or value is pd.NaT:
        return ""
    return html.escape(str(value), quote=True)


def format_number(value: object, digits: int = 1) -> str:
    """A figure with ``digits`` decimals; missing is :data:`MISSING_TEXT`."""
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return MISSING_TEXT
    return MISSING_TEXT if math.isnan(x) else f"{x:.{digits}f}"


def format_count(value: int) -> str:
    """A whole number with thin spaces between thousands (``1 000 000``), never commas."""
    return f"{int(value):,}".replace(",", "\u202f")


def _plural(n: int, word: str, words: str | None = None) -> str:
    return f"{format_count(n)} {word if n == 1 else (words or word + 's')}"


# ----------------------------------------------------------------------------- building blocks


def _style(colours: Colours | None) -> str:
    if colours is None:
        return ""
    return f' style="background:{colours[0]};color:{colours[1]}"'


def badge(text: str, colours: Colours | None = None) -> str:
    """A rounded label; ``colours`` ``None`` is an outlined badge in the theme's colours."""
    plain = "" if colours else " cascade-plain"
    return f'<span class="cascade-badge{plain}"{_style(colours)}>{escape(text)}</span>'


def bar(fraction: float, colour: str) -> str:
    """A horizontal bar ``fraction`` (0-1) full, drawn in ``colour``; NaN is empty."""
    width = 0.0 if math.isnan(fraction) else min(max(fraction, 0.0), 1.0) * 100
    return (
        f'<span class="cascade-bar"><span style="width:{width:.1f}%;background:{colour}">'
        "</span></span>"
    )


@dataclass(frozen=True)
class Cell:
    """One table cell.

    Parameters
    ----------
    text
        Plain text; escaped when rendered.
    colours
        Background and text colours, or ``None`` for the theme's.
    numeric
        Right-aligned, tabular figures.
    markup
        HTML made by this module's helpers (already escaped), shown instead of ``text``.
    title
        A tooltip (plain text; escaped).
    stripe
        A colour for a thick left border (a row's severity).
    """

    text: str = ""
    colours: Colours | None = None
    numeric: bool = False
    markup: str | None = None
    title: str | None = None
    stripe: str | None = None

    def render(self) -> str:
        """The ``<td>`` element."""
        attrs = ' class="cascade-num"' if self.numeric else ""
        styles = []
        if self.colours is not None:
            styles.append(f"background:{self.colours[0]};color:{self.colours[1]}")
        if self.stripe is not None:
            styles.append(f"border-left:4px solid {self.stripe}")
        if styles:
            attrs += f' style="{";".join(styles)}"'
        if self.title:
            attrs += f' title="{escape(self.title)}"'
        body = self.markup if self.markup is not None else escape(self.text)
        return f"<td{attrs}>{body}</td>"


@dataclass(frozen=True)
class Note:
    """A row across the whole table: ``… and 12 more``."""

    text: str


Row = Sequence[Cell | str] | Note


def table(headers: Sequence[str], rows: Iterable[Row]) -> str:
    """A ``<table>``: headers (escaped), then rows of cells (plain strings are escaped)."""
    span = len(headers)
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    out = [f'<table class="cascade-table"><thead><tr>{head}</tr></thead><tbody>']
    for row in rows:
        if isinstance(row, Note):
            out.append(
                f'<tr class="cascade-more"><td colspan="{span}">{escape(row.text)}</td></tr>'
            )
            continue
        cells = (c if isinstance(c, Cell) else Cell(c) for c in row)
        out.append("<tr>" + "".join(c.render() for c in cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _facts(pairs: Iterable[tuple[str, str]]) -> str:
    """A two-column table of label (escaped) and value (markup)."""
    rows = "".join(f"<tr><th>{escape(k)}</th><td>{v}</td></tr>" for k, v in pairs)
    return f'<table class="cascade-table"><tbody>{rows}</tbody></table>'


def _section(heading: str, body: str) -> str:
    return f'<div><div class="cascade-heading">{escape(heading)}</div>{body}</div>'


def _muted(text: str) -> str:
    return f'<span class="cascade-muted">{escape(text)}</span>'


def document(title: str, *parts: str) -> str:
    """The whole fragment: style, an escaped title, then ``parts`` (markup) in order."""
    body = "".join(parts)
    return (
        f'<div class="cascade-repr">{_STYLE}<div class="cascade-title">{escape(title)}</div>'
        f"{body}</div>"
    )


def head_tail(frame: pd.DataFrame, limit: int) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """The first and last rows of ``frame`` to show, at most ``limit`` in all, and how many not.

    Examples
    --------
    >>> head, tail, hidden = head_tail(pd.DataFrame({"x": range(100)}), 10)
    >>> head["x"].tolist(), tail["x"].tolist(), hidden
    ([0, 1, 2, 3, 4], [95, 96, 97, 98, 99], 90)
    """
    if len(frame) <= limit:
        return frame, frame.iloc[0:0], 0
    first = (limit + 1) // 2
    return frame.iloc[:first], frame.iloc[len(frame) - (limit - first) :], len(frame) - limit


def _listed(items: Sequence[str], limit: int = 24) -> str:
    """Items joined by commas (escaped), the rest as ``… and N more``."""
    if not items:
        return _muted("none")
    text = escape(", ".join(items[:limit]))
    if len(items) > limit:
        text += " " + _muted(f"… and {len(items) - limit} more")
    return text


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a small frame as dicts (only ever called on a bounded head or tail)."""
    return [{str(k): v for k, v in r.items()} for r in frame.to_dict(orient="records")]


def _colour_of(colours: Mapping[str, Colours], category: object) -> Colours | None:
    if category is None or (isinstance(category, float) and math.isnan(category)):
        return None
    return colours.get(str(category))


def _counts_table(counts: Mapping[str, int], header: str) -> str:
    rows: list[Row] = [
        [k.replace("_", " "), Cell(format_count(v), numeric=True)] for k, v in counts.items()
    ]
    return table([header, "count"], rows)


def _category_badges(counts: Mapping[str, int], colours: Mapping[str, Colours]) -> str:
    """Badges best first (``Sangat Baik 120``), then the missing count."""
    parts = [
        badge(f"{label} {format_count(counts.get(label, 0))}", colours[label])
        for label in reversed(list(colours))
    ]
    missing = counts.get("", 0)
    if missing:
        parts.append(badge(f"no figure {format_count(missing)}"))
    return "".join(parts)


def _severity_badges(summary: Mapping[str, int]) -> str:
    """``3 errors``, ``1 warning``, ``0 info``: coloured when there are any, else outlined."""
    return "".join(
        badge(
            _plural(n, severity, severity if severity == "info" else None),
            SEVERITY_COLOURS.get(severity) if n else None,
        )
        for severity, n in summary.items()
    )


# ----------------------------------------------------------------------------- Cascade

_LEVELS = ("pemda", "perangkat_daerah", "administrator", "pengawas", "pelaksana")
_KINDS = (
    "tujuan",
    "sasaran_strategis",
    "sasaran_program",
    "sasaran_kegiatan",
    "sasaran_subkegiatan",
    "rencana_hasil_kerja",
)


def _ordered(counts: Mapping[str, int], order: Sequence[str]) -> dict[str, int]:
    """The counts in ``order`` (zeros included), then any other key with a count."""
    out = {key: int(counts.get(key, 0)) for key in order}
    out.update({k: int(v) for k, v in counts.items() if k not in out and v})
    return out


def render_cascade(cascade: Cascade) -> str:
    """The notebook summary of a :class:`~cascade.model.Cascade` (its ``_repr_html_``)."""
    counts = cascade.counts()
    sizes: dict[str, int] = counts["tables"]
    units = cascade._tables["units"]
    pemda = units["name"][(units["level"] == "pemda").to_numpy(dtype=bool, na_value=False)]
    names = [str(n) for n in pemda.head(3).dropna()]
    title = "Cascade" + (f": {', '.join(names)}" if names else "")
    if len(pemda) > len(names) and names:
        title += f" and {len(pemda) - len(names)} more"
    summary = ", ".join(_plural(sizes[name], name[:-1], name) for name in sizes)
    goals_by_kind = dict(counts["goals_by_kind"])
    unspecified = goals_by_kind.pop("unspecified", 0)
    kinds = _ordered(goals_by_kind, _KINDS)
    if unspecified:
        kinds["unspecified"] = unspecified
    periods: list[str] = counts["periods"]
    facts = _facts(
        [
            ("key indicators (IKU)", escape(format_count(counts["key_indicators"]))),
            ("periods", _listed(periods)),
        ]
    )
    return document(
        title,
        f'<div class="cascade-muted">{escape(summary)}</div>',
        '<div class="cascade-flex">',
        _section(
            "Owners by level", _counts_table(_ordered(counts["units_by_level"], _LEVELS), "level")
        ),
        _section("Goals by kind", _counts_table(kinds, "kind")),
        _section("Indicators and periods", facts),
        "</div>",
    )


# ----------------------------------------------------------------------------- Report

_FINDING_HEADERS = ("code", "name", "severity", "subject", "owner", "period", "message")


def _finding_rows(frame: pd.DataFrame, severity: str, limit: int) -> list[Row]:
    """The first ``limit`` findings of ``severity``, then how many more (only those rows taken)."""
    mask = (frame["severity"] == severity).to_numpy(dtype=bool, na_value=False)
    positions = np.flatnonzero(mask)
    shown = frame.take(positions[:limit])
    colours = SEVERITY_COLOURS.get(severity, _NEUTRAL)
    rows: list[Row] = [
        [
            Cell(str(r["code"]), stripe=colours[0]),
            str(r["name"]),
            Cell(severity, colours=colours),
            f"{r['subject_kind']} {r['subject_id']}",
            _text(r["owner_id"]) or "",
            _text(r["period"]) or "",
            Cell(_text(r["message"]) or "", title=_text(r["hint"])),
        ]
        for r in _records(shown)
    ]
    if len(positions) > limit:
        more = len(positions) - limit
        rows.append(Note(f"… and {format_count(more)} more {severity} findings"))
    return rows


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    return str(value)


def _rule_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Findings per rule and severity in report order, as :meth:`Report.counts` gives them.

    Built from factorised codes (integers), not a groupby over the text of every row.
    """
    code, _ = pd.factorize(frame["code"], sort=False)
    severity, levels = pd.factorize(frame["severity"], sort=False)
    pair = np.where((code >= 0) & (severity >= 0), code * max(len(levels), 1) + severity, -1)
    group, _ = pd.factorize(pair, sort=False)  # numbered by first appearance
    group = np.where(pair >= 0, group, -1)
    counts = np.bincount(group[group >= 0])
    first = np.flatnonzero(np.diff(np.maximum.accumulate(group), prepend=-1) > 0)
    out = frame.take(first)[["code", "name", "severity"]].reset_index(drop=True)
    return out.assign(count=counts.astype("int64"))


def render_report(report: Report, *, limit: int = LIMIT, title: str = "Report") -> str:
    """The notebook view of a :class:`~cascade.checks.Report` (its ``_repr_html_``).

    Counts per severity, the rules run and periods, findings per rule, then the findings,
    at most ``limit`` per severity.
    """
    summary = report.summary()
    frame = report.to_frame()
    total = len(frame)
    verdict = "no errors" if report.ok else "errors found"
    heading = f"{title}: {_plural(total, 'finding')}, {verdict}"
    facts = _facts(
        [
            ("findings", _severity_badges(summary)),
            ("rules run", escape(format_count(len(report.rules)))),
            ("periods", _listed([str(p) for p in report.periods])),
        ]
    )
    if not total:
        return document(heading, facts, f"<div>{badge('No findings', ramp_colour(1.0))}</div>")
    by_rule = _rule_counts(frame)
    rule_rows: list[Row] = [
        [
            Cell(str(r["code"]), stripe=SEVERITY_COLOURS.get(str(r["severity"]), _NEUTRAL)[0]),
            str(r["name"]),
            str(r["severity"]),
            Cell(format_count(int(r["count"])), numeric=True),
        ]
        for r in _records(by_rule.head(100))
    ]
    if len(by_rule) > 100:
        rule_rows.append(Note(f"… and {len(by_rule) - 100} more rules"))
    rows: list[Row] = []
    known = list(SEVERITY_COLOURS)
    for level in [*known, *sorted(set(summary) - set(known))]:
        if summary.get(level, 0):
            rows += _finding_rows(frame, level, limit)
    return document(
        heading,
        facts,
        _section("By rule", table(["code", "name", "severity", "findings"], rule_rows)),
        _section("Findings", table(_FINDING_HEADERS, rows)),
    )


# ----------------------------------------------------------------------------- Results

_OWNER_HEADERS = ("unit", "name", "achievement", "category", "indicators", "missing")


def _owner_level(owners: pd.DataFrame) -> str | None:
    """``perangkat_daerah`` when present, else the highest level below the city, else any."""
    present = owners["level"].astype("str").value_counts()
    levels = [lv for lv in _LEVELS if present.get(lv, 0)]
    if "perangkat_daerah" in levels:
        return "perangkat_daerah"
    below = [lv for lv in levels if lv != "pemda"]
    if below:
        return below[0]
    return levels[0] if levels else None


def _figure_cells(value: object, category: object, colours: Mapping[str, Colours]) -> list[Cell]:
    tint = _colour_of(colours, category)
    return [
        Cell(format_number(value), colours=tint, numeric=True),
        Cell(_text(category) or MISSING_TEXT, colours=tint),
    ]


def _owner_rows(frame: pd.DataFrame, colours: Mapping[str, Colours], limit: int) -> list[Row]:
    head, tail, hidden = head_tail(frame, limit)

    def rows(part: pd.DataFrame) -> list[Row]:
        return [
            [
                str(r["unit_id"]),
                _text(r["name"]) or "",
                *_figure_cells(r["achievement"], r["category"], colours),
                Cell(format_count(int(r["indicators_counted"])), numeric=True),
                Cell(format_count(int(r["indicators_missing"])), numeric=True),
            ]
            for r in _records(part)
        ]

    out = rows(head)
    if hidden:
        out.append(Note(f"… {format_count(hidden)} more in between"))
    return out + rows(tail)


def render_results(results: Results, *, limit: int = 2 * LIMIT) -> str:
    """The notebook view of :class:`~cascade.engine.Results` (its ``_repr_html_``).

    The city's figure, indicators by category, the findings, and the owners of one level
    (``perangkat_daerah`` when present), best first, at most ``limit`` of them.
    """
    colours = category_colours(results.policy.scale)
    achievement = results.indicators["achievement"]
    with_figure = int(achievement.notna().sum())
    missing = len(achievement) - with_figure
    by_category = {
        str(k): int(v) for k, v in results.indicators["category"].value_counts(sort=False).items()
    }
    by_category[""] = missing
    city = results.city
    city_rows: list[Row] = [
        [
            str(r["unit_id"]),
            _text(r["name"]) or "",
            *_figure_cells(r["achievement"], r["category"], colours),
        ]
        for r in _records(city.head(5))
    ]
    if len(city) > 5:
        city_rows.append(Note(f"… and {len(city) - 5} more root owners"))
    summary = results.findings.summary()
    facts = _facts(
        [
            ("as of", escape(str(results.as_of))),
            (
                "size",
                escape(
                    f"{_plural(len(results.indicators), 'indicator')},"
                    f" {_plural(len(results.goals), 'goal')},"
                    f" {_plural(len(results.owners), 'owner')}"
                ),
            ),
            (
                "indicators",
                escape(
                    f"{format_count(with_figure)} with a figure, {format_count(missing)} missing"
                ),
            ),
            ("by category", _category_badges(by_category, colours)),
            ("scale", escape(results.policy.scale.describe())),
            ("findings", _severity_badges(summary)),
        ]
    )
    parts = [
        facts,
        _section("City", table(["unit", "name", "achievement", "category"], city_rows)),
    ]
    level = _owner_level(results.owners)
    if level is not None:
        owners = results.owners
        mine = owners[(owners["level"] == level).to_numpy(dtype=bool, na_value=False)]
        order = np.lexsort((np.arange(len(mine)), -mine["achievement"].fillna(-np.inf).to_numpy()))
        ranked = mine.iloc[order]
        heading = f"Owners at level {level.replace('_', ' ')} ({format_count(len(mine))})"
        heading += ", best first"
        parts.append(_section(heading, table(_OWNER_HEADERS, _owner_rows(ranked, colours, limit))))
    return document(f"Results {results.as_of}", *parts)


# ----------------------------------------------------------------------------- Explanation

_NOUN = {"unit": "Unit", "goal": "Sasaran", "indicator": "Indikator"}


def _input_rows(
    frame: pd.DataFrame,
    colours: Mapping[str, Colours] | None,
    scale: Scale | None,
    widest: float,
) -> list[Row]:
    categories: list[object] = [None] * len(frame)
    if scale is not None and colours is not None and len(frame):
        categories = list(scale.categorise(frame["value"].to_numpy(dtype=np.float64)))
    rows: list[Row] = []
    for r, category in zip(_records(frame), categories, strict=True):
        drag = float(r["drag"])
        share = float(r["share"])
        tint = None if colours is None else _colour_of(colours, category)
        fraction = abs(drag) / widest if widest > 0 and not math.isnan(drag) else math.nan
        colour = SEVERITY_COLOURS["error"][0] if drag > 0 else _LIFT
        rows.append(
            [
                str(r["kind"]),
                str(r["id"]),
                _text(r["name"]) or "",
                Cell(format_number(r["value"]), colours=tint, numeric=True),
                Cell(format_number(r["weight"], 2), numeric=True),
                Cell(MISSING_TEXT if math.isnan(share) else f"{share:.0%}", numeric=True),
                Cell(MISSING_TEXT if math.isnan(drag) else f"{drag:+.1f}", numeric=True),
                Cell(markup=bar(fraction, colour)),
            ]
        )
    return rows


def render_explanation(
    explanation: Explanation, scale: Scale | None = None, *, limit: int = LIMIT
) -> str:
    """The notebook view of an :class:`~cascade.engine.Explanation` (its ``_repr_html_``).

    The figure and its category, the method in words, the inputs (at most ``limit``) with
    drag bars, and the inputs or indicators that pull the figure down most. ``scale`` colours
    the categories; without it, a shipped scale that has the explanation's category.
    """
    e = explanation
    scale = scale or _scale_of(e.category)
    colours = category_colours(scale) if scale is not None else None
    achievements = bool(len(e.contributions))
    title = f"{_NOUN.get(e.subject_kind, e.subject_kind)} {e.subject_id}"
    if e.name:
        title += f" ({e.name})"
    title += f", {e.period}"
    tint = None if colours is None or e.category is None else colours.get(e.category)
    figure = badge(format_number(e.value) if e.value is not None else "no figure", tint)
    if e.category:
        figure += badge(e.category, tint)
    if e.source:
        figure += _muted(e.source)
    parts = [f"<div>{figure}</div>", f'<div class="cascade-how">{escape(e.how)}</div>']
    headers = ["kind", "id", "name", "achievement" if achievements else "value", "weight"]
    headers += ["share", "drag", ""]
    shown = e.inputs.head(limit)
    draggers = e.draggers(5)
    drags = np.concatenate(
        [shown["drag"].to_numpy(np.float64), draggers["drag"].to_numpy(np.float64)]
    )
    widest = float(np.nanmax(np.abs(drags))) if len(drags) and not np.isnan(drags).all() else 0.0
    if len(e.inputs):
        rows = _input_rows(shown, colours if achievements else None, scale, widest)
        if len(e.inputs) > limit:
            rows.append(Note(f"… and {format_count(len(e.inputs) - limit)} more (see .inputs)"))
        parts.append(_section(f"Inputs ({format_count(len(e.inputs))})", table(headers, rows)))
    if achievements and len(draggers):
        rows = _input_rows(draggers, colours, scale, widest)
        parts.append(_section("Pulling it down most", table(headers, rows)))
    return document(title, *parts)
