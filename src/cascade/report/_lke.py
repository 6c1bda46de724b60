"""The LKE-readiness section of the report (kesiapan LKE): sheets and a page section.

:func:`cascade.assess` estimates what the SAKIP evaluation worksheet (LKE, lembar kerja
evaluasi) would find; this module shows that estimate in the performance report, in the
report's own conventions: Indonesian sheet names and headers (:data:`LKE_HEADERS` maps each
header back to the assessment's column), one table per sheet written by
:func:`cascade.tables.to_excel`, and an HTML section built from the page's table helpers.

Every rendering names the profile and the year, gives the total as a range under each
estimator with its predikat range (never one grade as if it were certain), the part the
data decided, and ends with the caveat that this is an estimate, not the evaluator's grade.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

from cascade._html import (
    Cell,
    Colours,
    Row,
    _facts,
    badge,
    category_colours,
    escape,
    format_count,
    table,
)
from cascade.io._xlsx import MAX_CELL_TEXT
from cascade.lke import ESTIMATORS, finding_ids
from cascade.lke._text import CAVEAT
from cascade.scales import SAKIP_GRADE

if TYPE_CHECKING:
    from cascade.lke import Assessment, Range

__all__ = [
    "DEFAULT_PROFILE",
    "ESTIMATOR_LABELS",
    "LKE_CAVEAT",
    "LKE_HEADERS",
    "LKE_SHEETS",
    "TOP_FIXES",
    "lke_summary_rows",
    "lke_tables",
    "render_lke",
    "summary_markup",
]

#: The profile the report assesses against unless told otherwise (as :func:`cascade.assess`).
DEFAULT_PROFILE = "national-88-2021"

#: The sheets the LKE section adds after :data:`~cascade.report.SHEETS`, in order.
LKE_SHEETS: tuple[str, ...] = (
    "LKE Ringkasan",
    "LKE Komponen",
    "LKE Sub Komponen",
    "LKE Kriteria",
    "LKE Perbaikan",
    "LKE Perangkat Daerah",
    "LKE Temuan",
)

#: Each estimator's name in the report: Indonesian, with the English name of the API.
ESTIMATOR_LABELS: dict[str, str] = {
    "mean": "Rata-rata (mean)",
    "ladder": "Jenjang (ladder)",
    "strict-ladder": "Jenjang ketat (strict ladder)",
}

#: How many fixes the page lists; the workbook has them all.
TOP_FIXES = 10

#: The caveat every rendering ends with: an Indonesian lead, then the assessment's own text.
LKE_CAVEAT = (
    "Ini perkiraan dari data, bukan nilai evaluasi (LHE): baca rentangnya, bukan satu "
    f"predikat.\n{CAVEAT}"
)

_SHORT = {"mean": "Rata-rata", "ladder": "Jenjang", "strict-ladder": "Jenjang Ketat"}
_ESTIMATOR_COLUMNS = {
    f"{name}_{end}": f"{_SHORT[name]} {word}"
    for name in ESTIMATORS
    for end, word in (("lo", "Bawah"), ("hi", "Atas"))
}

#: Sheet to {assessment column: header}: how each LKE sheet names the columns of the
#: assessment table it holds (``LKE Ringkasan`` is label and value, ``LKE Temuan`` keeps the
#: column names of the ``Temuan`` sheet, with the finding ``id`` first).
LKE_HEADERS: dict[str, dict[str, str]] = {
    "LKE Komponen": {
        "code": "Kode",
        "name": "Komponen",
        "weight": "Bobot",
        **_ESTIMATOR_COLUMNS,
    },
    "LKE Sub Komponen": {
        "code": "Kode",
        "position": "Nomor",
        "name": "Sub Komponen",
        "weight": "Bobot",
        "q_lo": "Derajat q Bawah",
        "q_hi": "Derajat q Atas",
        **{k.replace("-", "_"): v for k, v in _ESTIMATOR_COLUMNS.items()},
        "ladder_grade_lo": "Nilai Jenjang Bawah",
        "ladder_grade_hi": "Nilai Jenjang Atas",
    },
    "LKE Kriteria": {
        "code": "Kode Kriteria",
        "position": "Nomor",
        "subcomponent": "Sub Komponen",
        "binding": "Keterikatan Data",
        "source": "Sumber Jawaban",
        "population": "Populasi",
        "members": "Jumlah Subjek",
        "ratio": "Rasio Terpenuhi",
        "grade": "Jawaban",
        "answer_lo": "Nilai Jawaban Bawah",
        "answer_hi": "Nilai Jawaban Atas",
        "weight": "Bobot",
        "points_lo": "Poin Bawah",
        "points_hi": "Poin Atas",
        "at_risk_mean": "Poin Berisiko Rata-rata",
        "at_risk_ladder": "Poin Berisiko Jenjang",
        "evidence": "Bukti (ID Temuan)",
        "note": "Catatan",
    },
    "LKE Perbaikan": {
        "rank": "Peringkat",
        "agency_id": "Kode Unit",
        "agency": "Unit Kerja",
        "criterion": "Kode Kriteria",
        "position": "Nomor",
        "rules": "Aturan",
        "subjects": "Jumlah Subjek Gagal",
        "findings": "ID Temuan",
        "points": "Poin",
        "points_alone": "Poin Jika Sendiri",
        "population": "Populasi",
    },
    "LKE Perangkat Daerah": {
        "agency_id": "Kode Unit",
        "agency": "Unit Kerja",
        "points": "Poin Berisiko",
        "points_alone": "Poin Jika Sendiri",
        "fixes": "Jumlah Perbaikan",
        "subjects": "Jumlah Subjek Gagal",
        "findings": "Jumlah Temuan",
    },
}

_EPS = 1e-9
_SEP = ", "


# ----------------------------------------------------------------------------- text


def _range_text(lo: float, hi: float) -> str:
    """``lo s.d. hi`` (sampai dengan) with two decimals; one figure when they are equal."""
    if abs(hi - lo) <= _EPS:
        return f"{lo:.2f}"
    return f"{lo:.2f} s.d. {hi:.2f}"


def _grade_text(lo: str, hi: str) -> str:
    return lo if lo == hi else f"{lo} s.d. {hi}"


def _year_text(a: Assessment) -> str:
    """``2024``, or ``2024 (data per 2024Q2)`` for a look during the year."""
    moment = str(a.as_of)
    return str(a.year) if moment == str(a.year) else f"{a.year} (data per {moment})"


def _depth_text(a: Assessment) -> tuple[str, str]:
    """The deepest level reached and the predikat its ladder points to, as text."""
    d = a.depth
    reached = d.depth or (
        f"tidak ada tingkat yang tercapai (perlu {d.threshold * 100:.0f} % unit dengan "
        "sasaran, indikator, target dan realisasi)"
    )
    return reached, d.ladder or "tidak ada"


def _joined(values: object, *, limit: int = MAX_CELL_TEXT) -> str:
    """A tuple of ids as one text, cut with a count of the rest before it outgrows a cell."""
    items = [str(v) for v in values] if isinstance(values, tuple | list) else []
    text = _SEP.join(items)
    if len(text) <= limit:
        return text
    kept: list[str] = []
    size = 0
    for item in items:
        tail = f"{_SEP}… and {len(items) - len(kept) - 1} more (all in LKE Temuan)"
        if size + len(_SEP) + len(item) + len(tail) > limit:
            break
        kept.append(item)
        size += len(_SEP) + len(item)
    rest = len(items) - len(kept)
    return _SEP.join(kept) + f"{_SEP}… and {rest} more (all in LKE Temuan)"


def _flat(frame: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """``frame`` with its tuple columns joined into text (see :func:`_joined`)."""
    out = frame.copy()
    for column in columns:
        out[column] = pd.Series(
            [_joined(v) for v in out[column].tolist()], index=out.index, dtype=object
        )
    return out


# ----------------------------------------------------------------------------- sheets


def _headed(sheet: str, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the sheet's headers, every column kept in order.

    A column the report does not name yet keeps the assessment's name.
    """
    return frame.rename(columns=LKE_HEADERS[sheet])


def _overview(a: Assessment) -> pd.DataFrame:
    """The LKE Ringkasan sheet: label and value, one fact a row."""
    p = a.profile
    rows: list[tuple[str, Any]] = [
        ("Profil LKE", p.name),
        ("Judul Profil", p.title),
        ("Tahun", a.year),
        ("Data per", str(a.as_of)),
    ]
    for name in ESTIMATORS:
        label = ESTIMATOR_LABELS[name]
        total = a.total(name)
        lo, hi = a.predikat(name)
        rows += [
            (f"Nilai Akhir {label}, bawah", total.lo),
            (f"Nilai Akhir {label}, atas", total.hi),
            (f"Predikat {label}", _grade_text(lo, hi)),
        ]
    part = a.data_decided
    depth, ladder = _depth_text(a)
    rows += [
        ("Poin Ditentukan Data, bawah", part.points),
        ("Poin Ditentukan Data, atas", part.high),
        ("Bobot Kriteria Dijawab Data", part.decided),
        ("Bobot Kriteria Terikat Data", part.bound),
        ("Kedalaman Cascade", depth),
        ("Predikat menurut Kedalaman", ladder),
        ("Jumlah Perbaikan", len(a.fixes())),
        ("Jumlah Temuan Penilaian", len(a.report)),
    ]
    if a.ignored_answers:
        rows.append(("Jawaban Diabaikan (data dipakai)", _SEP.join(a.ignored_answers)))
    rows += [("Peringatan", warning) for warning in a.warnings]
    rows.append(("Catatan", LKE_CAVEAT))
    return pd.DataFrame(
        {
            "Keterangan": [label for label, _ in rows],
            "Nilai": pd.Series([value for _, value in rows], dtype=object),
        }
    )


def _findings(a: Assessment) -> pd.DataFrame:
    """Every finding of the assessment's run, the finding id first (the fixes cite it)."""
    frame = a.report.to_frame()
    out = frame.copy()
    out.insert(0, "id", finding_ids(frame).to_numpy())
    return out


def lke_tables(a: Assessment) -> dict[str, pd.DataFrame]:
    """The LKE sheets of an assessment, in :data:`LKE_SHEETS` order.

    Tuples of ids (evidence, rules, finding ids) are joined with ``", "``.

    Examples
    --------
    >>> import cascade
    >>> a = cascade.assess(cascade.load_example(), as_of=2024)
    >>> tables = lke_tables(a)
    >>> list(tables) == list(LKE_SHEETS)
    True
    >>> tables["LKE Ringkasan"].iloc[0].tolist()
    ['Profil LKE', 'national-88-2021']
    """
    tables = {
        "LKE Ringkasan": _overview(a),
        "LKE Komponen": _headed("LKE Komponen", a.components()),
        "LKE Sub Komponen": _headed("LKE Sub Komponen", a.subcomponents()),
        "LKE Kriteria": _headed("LKE Kriteria", _flat(a.criteria(), ["evidence"])),
        "LKE Perbaikan": _headed("LKE Perbaikan", _flat(a.fixes(), ["rules", "findings"])),
        "LKE Perangkat Daerah": _headed("LKE Perangkat Daerah", a.agencies()),
        "LKE Temuan": _findings(a),
    }
    return {name: tables[name] for name in LKE_SHEETS}


def lke_summary_rows(a: Assessment) -> list[tuple[str, Any]]:
    """The rows the LKE adds to the Ringkasan sheet: the mean estimator's ranges, as text."""
    total = a.total("mean")
    lo, hi = a.predikat("mean")
    basis = (
        f"profil {a.profile.name}, tahun {_year_text(a)}, estimator "
        f"{ESTIMATOR_LABELS['mean'].lower()}; perkiraan, bukan nilai (lihat LKE Ringkasan)"
    )
    return [
        ("Perkiraan Nilai LKE (rentang)", _range_text(total.lo, total.hi)),
        ("Perkiraan Predikat LKE (rentang)", _grade_text(lo, hi)),
        ("Dasar Perkiraan LKE", basis),
    ]


# ----------------------------------------------------------------------------- page


def _grade_badges(lo: str, hi: str, colours: Mapping[str, Colours]) -> str:
    if lo == hi:
        return badge(lo, colours.get(lo))
    return f"{badge(lo, colours.get(lo))} s.d. {badge(hi, colours.get(hi))}"


def summary_markup(a: Assessment) -> str:
    """The page's Ringkasan row: the mean range and predikat range, with a link below."""
    colours = category_colours(SAKIP_GRADE)
    total: Range = a.total("mean")
    lo, hi = a.predikat("mean")
    return (
        f"{escape(_range_text(total.lo, total.hi))}, predikat {_grade_badges(lo, hi, colours)} "
        f'<span class="cascade-muted">{escape(ESTIMATOR_LABELS["mean"].lower())}, profil '
        f"{escape(a.profile.name)}, tahun {escape(_year_text(a))}: perkiraan, bukan nilai "
        '(<a href="#lke">Kesiapan LKE</a>)</span>'
    )


def _totals_table(a: Assessment) -> str:
    colours = category_colours(SAKIP_GRADE)
    rows: list[Row] = []
    for name in ESTIMATORS:
        total = a.total(name)
        lo, hi = a.predikat(name)
        rows.append(
            [
                Cell(ESTIMATOR_LABELS[name]),
                Cell(_range_text(total.lo, total.hi), numeric=True),
                Cell(markup=_grade_badges(lo, hi, colours)),
            ]
        )
    return table(["Estimator", "Nilai akhir (rentang, dari 100)", "Predikat (rentang)"], rows)


def _facts_table(a: Assessment) -> str:
    part = a.data_decided
    depth, ladder = _depth_text(a)
    fixes = a.fixes()
    agencies = a.agencies()
    pairs = [
        ("Profil", escape(f"{a.profile.name}: {a.profile.title}")),
        ("Tahun", escape(_year_text(a))),
        (
            "Ditentukan data",
            escape(
                f"{_range_text(part.points, part.high)} dari {part.decided:.2f} poin yang "
                f"diputuskan data (kriteria terikat data berbobot {part.bound:.2f} dari 100)"
            ),
        ),
        ("Kedalaman cascade", escape(f"{depth}; predikat menurut kedalaman: {ladder}")),
        (
            "Perbaikan",
            escape(
                f"{format_count(len(fixes))} perbaikan di {format_count(len(agencies))} unit "
                f"kerja, dari {format_count(len(a.report))} temuan penilaian"
            ),
        ),
    ]
    if a.ignored_answers:
        pairs.append(("Jawaban diabaikan (data dipakai)", escape(_SEP.join(a.ignored_answers))))
    pairs += [("Peringatan", escape(w)) for w in a.warnings]
    return _facts(pairs)


def _top_fixes(a: Assessment, colours: Mapping[str, Colours]) -> str:
    from cascade.report._page import _missing, _note, frame_table

    fixes = a.fixes()
    if fixes.empty:
        return _note("Tidak ada perbaikan: setiap kriteria yang diputuskan data terpenuhi.")
    head = fixes.head(TOP_FIXES)

    def findings(ids: object) -> str:
        items = [str(i) for i in ids] if isinstance(ids, tuple | list) else []
        more = f" … (+{len(items) - 3})" if len(items) > 3 else ""
        return _SEP.join(items[:3]) + more

    def unit(agency_id: object, name: object) -> str:
        if _missing(agency_id) or agency_id == "":
            return "(tanpa unit kerja)"
        return f"{agency_id} {'' if _missing(name) else name}".strip()

    shown = pd.DataFrame(
        {
            "#": head["rank"].astype(object),
            "Poin": head["points"].astype("float64"),
            "Unit Kerja": [
                unit(i, n) for i, n in zip(head["agency_id"], head["agency"], strict=True)
            ],
            "Kriteria": [
                f"{c} ({p})" for c, p in zip(head["criterion"], head["position"], strict=True)
            ],
            "Gagal": [
                f"{s} dari {p}" for s, p in zip(head["subjects"], head["population"], strict=True)
            ],
            "Aturan": [_SEP.join(map(str, r)) for r in head["rules"]],
            "Temuan": [findings(f) for f in head["findings"]],
        }
    )
    out = frame_table(shown, colours, limit=TOP_FIXES)
    rest = len(fixes) - len(head)
    if rest > 0:
        out += _note(
            f"… dan {format_count(rest)} perbaikan lainnya: semuanya, dengan setiap ID temuan, "
            "di lembar LKE Perbaikan (xlsx)."
        )
    return out


def _undecided(a: Assessment) -> str:
    criteria = a.criteria()
    na = criteria[(criteria["source"] == "not-applicable").to_numpy(dtype=bool)]
    if na.empty:
        return ""
    rows: list[Row] = [
        [Cell(f"{r['code']} ({r['position']})"), Cell(str(r["note"] or "populasi kosong"))]
        for r in na.to_dict("records")
    ]
    return (
        "<h3>Kriteria terikat data yang belum diputuskan data (rentang sampai dijawab)</h3>"
        + table(["Kriteria", "Sebab"], rows)
    )


def render_lke(a: Assessment, colours: Mapping[str, Colours]) -> str:
    """The page's LKE-readiness section (kesiapan LKE), heading included.

    ``colours`` are the page's category colours (for tables with a category column).
    """
    from cascade.report._page import _note, frame_table

    tables = lke_tables(a)
    agencies = tables["LKE Perangkat Daerah"]
    parts = [
        '<h2 id="lke">Kesiapan LKE</h2>',
        (
            '<p class="report-sub">LKE readiness: perkiraan nilai lembar kerja evaluasi SAKIP '
            f"(LKE) dari data cascade, profil {escape(a.profile.name)}, tahun "
            f"{escape(_year_text(a))}. Kriteria yang tidak diputuskan data dihitung dari "
            "nol sampai nilai penuh, jadi nilai akhirnya rentang.</p>"
        ),
        _totals_table(a),
        _facts_table(a),
        "<h3>Komponen</h3>",
        frame_table(tables["LKE Komponen"], colours),
        (
            f"<h3>{min(TOP_FIXES, len(a.fixes()))} perbaikan teratas "
            "(poin estimator rata-rata)</h3>"
        ),
        _top_fixes(a, colours),
        (f"<h3>Perangkat daerah menurut poin berisiko ({format_count(len(agencies))} baris)</h3>"),
        frame_table(agencies, colours),
        _undecided(a),
        _note(LKE_CAVEAT),
    ]
    return "".join(parts)
