"""The HTML report: one self-contained page, no server, no external resource.

Sections: the summary, the pictures (when the ``plot`` extra is installed), the five lowest
agencies with what pulls them down, the findings, the LKE readiness estimate (kesiapan LKE,
when the bundle has an assessment: :mod:`cascade.report._lke`), and the tables (bounded
rows). Every text
from data is escaped by the helpers of :mod:`cascade._html`; matplotlib pictures are inline
SVG, the plotly sunburst a ``<div>`` with plotly.js inlined.
"""

from __future__ import annotations

import importlib
import math
import re
from collections.abc import Mapping
from types import ModuleType
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from cascade._html import (
    _STYLE,
    MISSING_TEXT,
    Cell,
    Colours,
    Note,
    Row,
    _category_badges,
    _facts,
    _severity_badges,
    badge,
    category_colours,
    escape,
    format_count,
    format_number,
    head_tail,
    render_report,
    table,
)
from cascade.errors import CascadeError

if TYPE_CHECKING:
    from cascade.engine._results import Results
    from cascade.report._bundle import ReportBundle

__all__ = ["LOWEST", "ROWS", "frame_table", "render_page", "render_pictures"]

#: Rows shown per table (first and last) before "… N more in between".
ROWS = 40
#: Rows of the cascading matrix shown (each row is a whole path, wide and tall).
MATRIX_ROWS = 20
#: Rows shown per owner in the LKjIP section.
OWNER_ROWS = 30
#: How many of the lowest agencies the page explains, and how many draggers each.
LOWEST = 5
DRAGGERS = 3
#: Findings shown per severity.
FINDINGS = 25
#: The depth of the city's tree picture.
TREE_DEPTH = 2

_PAGE_STYLE = """<style>
body{margin:0;background:#ffffff;color:#1a1a1a;font-family:system-ui,-apple-system,"Segoe UI",
Roboto,"DejaVu Sans",Arial,sans-serif}
main.report{max-width:1180px;margin:0 auto;padding:20px 28px 48px 28px}
main.report h1{font-size:24px;margin:0 0 4px 0}
main.report h2{font-size:19px;margin:28px 0 8px 0;padding-bottom:3px;
border-bottom:2px solid #d9e1f2}
main.report h3{font-size:15px;margin:16px 0 6px 0}
main.report .report-sub{color:#555;margin:0 0 12px 0}
main.report nav a{margin-right:14px;color:#1565c0;text-decoration:none}
main.report figure{margin:8px 0 18px 0}
main.report figure svg{max-width:100%;height:auto;display:block}
main.report figcaption{font-size:12px;color:#555;margin-top:2px}
main.report .report-scroll{overflow-x:auto;max-width:100%}
main.report details{margin:4px 0;border:1px solid #e3e3e3;border-radius:4px;padding:3px 8px}
main.report details summary{cursor:pointer;padding:2px 0}
main.report .report-note{color:#555;font-style:italic}
main.report .cascade-repr .cascade-table td{max-width:360px}
main.report .report-wide table.cascade-table td,main.report .report-wide table.cascade-table th{
min-width:150px;max-width:260px}
@media print{main.report details{border:none}main.report nav{display:none}}
</style>"""

_SECTIONS = (
    ("ringkasan", "Ringkasan"),
    ("gambar", "Gambar"),
    ("terendah", "OPD terendah"),
    ("temuan", "Temuan"),
    ("lke", "Kesiapan LKE"),
    ("tabel", "Tabel"),
)


# ----------------------------------------------------------------------------- tables


def _format_of(name: str, column: pd.Series) -> str:
    if name.endswith("(Rp)"):
        return "rupiah"
    if name.endswith("(%)") or name == "Realisasi":
        return "number"
    if isinstance(column.dtype, pd.CategoricalDtype):
        return "category"
    if pd.api.types.is_float_dtype(column.dtype):
        return "number"
    return "text"


def _missing(value: object) -> bool:
    if value is None or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def _cell(value: object, fmt: str, colours: Mapping[str, Colours]) -> Cell:
    if _missing(value):
        return Cell("")
    if fmt == "rupiah" and isinstance(value, int | float):
        return Cell(format_count(round(float(value))), numeric=True)
    if fmt == "number" and isinstance(value, int | float):
        return Cell(format_number(value, 2), numeric=True)
    if isinstance(value, float | np.floating):
        return Cell(f"{float(value):.10g}", numeric=True)
    text = str(value)
    if fmt == "category":
        return Cell(text, colours=colours.get(text))
    if "\n" in text:
        return Cell(markup="<br>".join(escape(line) for line in text.split("\n")))
    return Cell(text)


def frame_table(
    frame: pd.DataFrame,
    colours: Mapping[str, Colours],
    *,
    limit: int = ROWS,
    drop: tuple[str, ...] = (),
    wide: bool = False,
) -> str:
    """A frame as an escaped ``<table>``: at most ``limit`` rows (first and last) shown."""
    columns = [str(c) for c in frame.columns if str(c) not in drop]
    formats = {name: _format_of(name, frame[name]) for name in columns}
    head, tail, hidden = head_tail(frame, limit)

    def rows(part: pd.DataFrame) -> list[Row]:
        values = zip(*(part[name].astype(object).tolist() for name in columns), strict=True)
        return [
            [_cell(v, formats[n], colours) for n, v in zip(columns, row, strict=True)]
            for row in values
        ]

    body = rows(head)
    if hidden:
        body.append(
            Note(f"… {format_count(hidden)} more rows in between (all in the xlsx report)")
        )
    body += rows(tail)
    if not len(frame):
        body = [Note("none")]
    kind = "report-scroll report-wide" if wide else "report-scroll"
    return f'<div class="{kind}">{table(columns, body)}</div>'


# ----------------------------------------------------------------------------- pictures

_ID = re.compile(r'\bid="([^"]+)"')


def _inline_svg(svg: str, prefix: str) -> str:
    """An SVG document as an element for the page: no prolog; ids it refers to made unique."""
    start = svg.find("<svg")
    svg = svg[start:] if start >= 0 else svg
    referred = set(re.findall(r"url\(#([^)]+)\)", svg))
    referred |= set(re.findall(r'href="#([^"]+)"', svg))
    for name in referred:
        quoted = re.escape(name)
        svg = re.sub(rf'\bid="{quoted}"', f'id="{prefix}-{name}"', svg)
        svg = re.sub(rf"url\(#{quoted}\)", f"url(#{prefix}-{name})", svg)
        svg = re.sub(rf'href="#{quoted}"', f'href="#{prefix}-{name}"', svg)
    return svg


def _figure(body: str, caption: str) -> str:
    return f"<figure>{body}<figcaption>{escape(caption)}</figcaption></figure>"


def _note(text: str) -> str:
    return f'<p class="report-note">{escape(text)}</p>'


def _import_plot() -> ModuleType:
    """:mod:`cascade.plot`, imported only when pictures are drawn."""
    return importlib.import_module("cascade.plot")


def render_pictures(results: Results) -> tuple[list[str], list[str]]:
    """The pictures as HTML, and notes on those that could not be drawn."""
    try:
        plot = _import_plot()
    except ImportError as exc:  # the plot package itself is missing or broken
        return [], [f"Pictures left out: cascade.plot cannot be imported ({exc})."]
    parts: list[str] = []
    notes: list[str] = []
    try:
        chart = plot.achievement_chart(results)
        parts.append(
            _figure(
                _inline_svg(chart.to_svg(), "chart"),
                "Capaian kinerja per perangkat daerah, terhadap pita kategori.",
            )
        )
    except ImportError as exc:
        return [], [f"Pictures left out: {exc}"]
    except CascadeError as exc:
        notes.append(f"Achievement chart left out: {exc}")
    tree = None
    for depth in (TREE_DEPTH, 1):
        try:
            tree = plot.tree(results, depth=depth)
            break
        except CascadeError as exc:
            last = str(exc)
    if tree is None:
        notes.append(f"City tree left out: {last}")
    else:
        parts.append(
            _figure(
                _inline_svg(tree.to_svg(), "tree"),
                f"Pohon kinerja kota, {depth} tingkat sasaran teratas.",
            )
        )
    sun = None
    for size in ("budget", "indicators"):
        try:
            sun = plot.sunburst(results, size=size)
            break
        except ImportError as exc:
            notes.append(f"Sunburst left out: {exc}")
            break
        except CascadeError as exc:
            last = str(exc)
    if sun is not None:
        caption = f"Sunburst unit kerja (ukuran: {'pagu' if size == 'budget' else 'indikator'})."
        caption += " Klik segmen untuk memperbesar."
        parts.append(_figure(sun.to_html(full_html=False, include_plotlyjs=True), caption))
    elif not any(n.startswith("Sunburst") for n in notes):
        notes.append(f"Sunburst left out: {last}")
    return parts, notes


# ----------------------------------------------------------------------------- sections


def _summary(bundle: ReportBundle, colours: Mapping[str, Colours]) -> str:
    results = bundle.results
    pairs: list[tuple[str, str]] = [("Periode", escape(str(results.as_of)))]
    for r in results.city.to_dict(orient="records"):
        name = "" if _missing(r["name"]) else str(r["name"])
        category = None if _missing(r["category"]) else str(r["category"])
        tint = colours.get(category) if category else None
        figure = badge(format_number(r["achievement"], 2), tint)
        figure += badge(category or "tanpa kategori", tint)
        pairs.append((f"{r['unit_id']} {name}".strip(), figure))
    levels = results.owners["level"].astype("str").value_counts()
    achievement = results.indicators["achievement"]
    counts = (
        f"{format_count(int(levels.get('perangkat_daerah', 0)))} perangkat daerah, "
        f"{format_count(len(results.owners))} unit kerja, "
        f"{format_count(len(results.goals))} sasaran, "
        f"{format_count(len(results.indicators))} indikator "
        f"({format_count(int(achievement.notna().sum()))} dengan capaian, "
        f"{format_count(int(achievement.isna().sum()))} tanpa)"
    )
    by_category = {
        str(k): int(v) for k, v in results.indicators["category"].value_counts(sort=False).items()
    }
    by_category[""] = int(achievement.isna().sum())
    pairs += [
        ("Jumlah", escape(counts)),
        ("Indikator per kategori", _category_badges(by_category, colours)),
        ("Skala", escape(results.policy.scale.describe())),
        ("Temuan", _severity_badges(bundle.findings.summary())),
    ]
    if bundle.assessment is not None:
        from cascade.report._lke import summary_markup

        pairs.append(("Perkiraan nilai LKE", summary_markup(bundle.assessment)))
    return _facts(pairs)


def _lowest(results: Results, colours: Mapping[str, Colours]) -> str:
    owners = results.owners
    agencies = owners[(owners["level"] == "perangkat_daerah").to_numpy(dtype=bool, na_value=False)]
    agencies = agencies[agencies["achievement"].notna()]
    if not len(agencies):
        return _note("No agency (perangkat daerah) has a figure for this period.")
    order = np.lexsort((np.arange(len(agencies)), agencies["achievement"].to_numpy()))
    rows: list[Row] = []
    for r in agencies.iloc[order[:LOWEST]].to_dict(orient="records"):
        unit_id = str(r["unit_id"])
        category = None if _missing(r["category"]) else str(r["category"])
        tint = colours.get(category) if category else None
        lines = []
        for d in results.explain(unit_id, kind="unit").draggers(DRAGGERS).to_dict("records"):
            name = "" if _missing(d["name"]) else f" {d['name']}"
            lines.append(
                f"<b>{escape(d['id'])}</b>{escape(name)}: capaian "
                f"{escape(format_number(d['value']))}, "
                f"−{escape(format_number(d['drag'], 2))} poin"
            )
        rows.append(
            [
                Cell(f"{unit_id} {'' if _missing(r['name']) else r['name']}".strip()),
                Cell(format_number(r["achievement"], 2), colours=tint, numeric=True),
                Cell(category or MISSING_TEXT, colours=tint),
                Cell(markup="<br>".join(lines) or escape(MISSING_TEXT)),
            ]
        )
    headers = ["Perangkat Daerah", "Capaian (%)", "Kategori", "Paling menurunkan capaian"]
    return table(headers, rows)


def _lkjip_details(bundle: ReportBundle, colours: Mapping[str, Colours]) -> str:
    from cascade.report._bundle import OWNER_COLUMN, OWNER_ID_COLUMN

    frame = bundle.tables["LKjIP"]
    ids = frame[OWNER_ID_COLUMN].astype(str).to_numpy()
    out = []
    for r in bundle.owners.to_dict(orient="records"):
        part = frame[ids == str(r["unit_id"])]
        category = None if _missing(r["category"]) else str(r["category"])
        tint = colours.get(category) if category else None
        label = f"{r['unit_id']} {'' if _missing(r['name']) else r['name']}".strip()
        head = (
            f"{escape(label)} {badge(format_number(r['achievement'], 2), tint)}"
            f"{badge(category or 'tanpa kategori', tint)}"
            f'<span class="cascade-muted">{format_count(len(part))} baris</span>'
        )
        table_html = frame_table(
            part, colours, limit=OWNER_ROWS, drop=(OWNER_ID_COLUMN, OWNER_COLUMN)
        )
        out.append(f"<details><summary>{head}</summary>{table_html}</details>")
    return "".join(out) or _note("none")


def render_page(bundle: ReportBundle, *, pictures: bool = True) -> str:
    """The whole report as one HTML document."""
    results = bundle.results
    colours = category_colours(results.policy.scale)
    names = [str(n) for n in results.city["name"].dropna().head(3)]
    place = ", ".join(names) or "cascade"
    title = f"Laporan Kinerja {place} {results.as_of}"
    sections = [(k, t) for k, t in _SECTIONS if k != "lke" or bundle.assessment is not None]
    nav = "".join(f'<a href="#{key}">{escape(text)}</a>' for key, text in sections)
    parts: list[str] = [
        f"<h1>{escape(title)}</h1>",
        (
            f'<p class="report-sub">Capaian kinerja periode {escape(str(results.as_of))}, '
            "dihitung oleh cascade (penjenjangan kinerja SAKIP).</p>"
        ),
        f"<nav>{nav}</nav>",
        '<h2 id="ringkasan">Ringkasan</h2>',
        _summary(bundle, colours),
        '<h2 id="gambar">Gambar</h2>',
    ]
    if pictures:
        drawn, notes = render_pictures(results)
        parts += drawn
        parts += [_note(n) for n in notes]
    else:
        parts.append(_note("Pictures left out on request."))
    parts += [
        f'<h2 id="terendah">{LOWEST} perangkat daerah dengan capaian terendah</h2>',
        _lowest(results, colours),
        '<h2 id="temuan">Temuan</h2>',
        render_report(bundle.findings, limit=FINDINGS, title="Temuan pemeriksaan"),
    ]
    if bundle.assessment is not None:
        from cascade.report._lke import render_lke

        parts.append(render_lke(bundle.assessment, colours))
    parts += [
        '<h2 id="tabel">Tabel</h2>',
        "<h3>Capaian kinerja (LKjIP) per unit</h3>",
        _lkjip_details(bundle, colours),
    ]
    for heading, sheet, limit in (
        ("Matriks cascading", "Matriks Cascading", MATRIX_ROWS),
        ("Anggaran per unit kerja", "Anggaran OPD", ROWS),
        ("Anggaran per sasaran", "Anggaran Sasaran", ROWS),
    ):
        frame = bundle.tables[sheet]
        parts.append(f"<h3>{escape(heading)} ({format_count(len(frame))} baris)</h3>")
        wide = sheet == "Matriks Cascading"
        parts.append(frame_table(frame, colours, limit=limit, wide=wide))
    body = "".join(parts)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="id"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>{_PAGE_STYLE}{_STYLE}</head>"
        f'<body><main class="report"><div class="cascade-repr">{body}</div></main></body>'
        "</html>\n"
    )
