"""Every header and label the tables print, in Indonesian and English, in one place.

A table names its columns by key (``goal``, ``achievement``, …); :func:`header` gives the text
for a language. Each key also says how Excel formats the column (:data:`Format`), so
:func:`cascade.tables.to_excel` formats a column by its header in either language.
"""

from __future__ import annotations

from typing import Literal, get_args

from cascade.errors import UsageError

__all__ = [
    "FORMATS",
    "HEADERS",
    "KIND_LABELS",
    "LANGUAGES",
    "LEVEL_LABELS",
    "Format",
    "Language",
    "header",
    "kind_label",
    "language_of",
    "level_label",
]

Language = Literal["id", "en"]
#: The languages tables are printed in; Indonesian is the default.
LANGUAGES: tuple[str, ...] = get_args(Language)

#: How Excel formats a column: plain text, a number as stored, a count, a percentage
#: (``0.00``), rupiah (``#,##0``), or a category (the cell coloured by its label).
Format = Literal["text", "number", "count", "percent", "rupiah", "category"]

#: Header key: (Indonesian, English, format).
HEADERS: dict[str, tuple[str, str, Format]] = {
    # ids (with ids=True)
    "goal_id": ("Kode Sasaran", "Goal ID", "text"),
    "indicator_id": ("Kode Indikator", "Indicator ID", "text"),
    "unit_id": ("Kode Unit", "Unit ID", "text"),
    "programme_id": ("Kode Program / Kegiatan / Sub Kegiatan", "Programme ID", "text"),
    # descriptions
    "goal": ("Sasaran", "Goal", "text"),
    "indicator": ("Indikator", "Indicator", "text"),
    "measure_unit": ("Satuan", "Unit of measure", "text"),
    "unit": ("Unit Kerja", "Unit", "text"),
    "kind": ("Jenis", "Kind", "text"),
    "programme": (
        "Program / Kegiatan / Sub Kegiatan",
        "Programme / activity / sub-activity",
        "text",
    ),
    # figures
    "target": ("Target", "Target", "number"),
    "realisation": ("Realisasi", "Realisation", "number"),
    "achievement": ("Capaian (%)", "Achievement (%)", "percent"),
    "category": ("Kategori", "Category", "category"),
    "budget": ("Anggaran (Rp)", "Budget (Rp)", "rupiah"),
    "allocated": ("Pagu (Rp)", "Allocated (Rp)", "rupiah"),
    "spent": ("Realisasi Anggaran (Rp)", "Spent (Rp)", "rupiah"),
    "absorption": ("Serapan (%)", "Absorption (%)", "percent"),
    "efficiency": ("Efisiensi (%)", "Efficiency (%)", "percent"),
    "performance": ("Capaian Kinerja (%)", "Performance (%)", "percent"),
    "lines": ("Jumlah Baris Anggaran", "Budget lines", "count"),
    # templates: the cascading matrix, per column group ({} is the group's label)
    "matrix_goal": ("{}", "{}", "text"),
    "matrix_indicator": ("Indikator {}", "{} indicators", "text"),
    "matrix_owner": ("Penanggung Jawab {}", "{} owner", "text"),
    "matrix_id": ("Kode {}", "{} ID", "text"),
    # row labels
    "lkjip_total": ("Capaian kinerja {}", "Overall achievement of {}", "text"),
    "pk_total": ("Jumlah", "Total", "text"),
}

#: Goal kind: (Indonesian, English).
KIND_LABELS: dict[str, tuple[str, str]] = {
    "tujuan": ("Tujuan", "Goal"),
    "sasaran_strategis": ("Sasaran Strategis", "Strategic objective"),
    "sasaran_program": ("Sasaran Program", "Programme objective"),
    "sasaran_kegiatan": ("Sasaran Kegiatan", "Activity objective"),
    "sasaran_subkegiatan": ("Sasaran Sub Kegiatan", "Sub-activity objective"),
    "rencana_hasil_kerja": ("Rencana Hasil Kerja", "Individual work result"),
}

#: Owner level, short: (Indonesian, English).
LEVEL_LABELS: dict[str, tuple[str, str]] = {
    "pemda": ("Pemda", "government"),
    "perangkat_daerah": ("PD", "agency"),
    "administrator": ("Administrator", "administrator"),
    "pengawas": ("Pengawas", "supervisor"),
    "pelaksana": ("Pelaksana", "staff"),
}

#: Every fixed header text, in both languages, to its Excel format.
FORMATS: dict[str, Format] = {
    text: fmt
    for key, (id_text, en_text, fmt) in HEADERS.items()
    if not key.startswith(("matrix_", "lkjip_", "pk_"))
    for text in (id_text, en_text)
}


def language_of(language: object) -> Language:
    """The language asked for, checked.

    Raises
    ------
    UsageError
        For anything but ``"id"`` or ``"en"``.
    """
    if language == "id":
        return "id"
    if language == "en":
        return "en"
    msg = f"unknown language {language!r}: expected one of {', '.join(LANGUAGES)}"
    raise UsageError(msg)


def _pick(pair: tuple[str, str], language: Language) -> str:
    return pair[0] if language == "id" else pair[1]


def header(key: str, language: Language, *args: str) -> str:
    """The header text of ``key`` in ``language``, a template filled with ``args``.

    >>> header("achievement", "id"), header("achievement", "en")
    ('Capaian (%)', 'Achievement (%)')
    >>> header("matrix_indicator", "id", "Sasaran Program")
    'Indikator Sasaran Program'
    """
    id_text, en_text, _ = HEADERS[key]
    text = id_text if language == "id" else en_text
    return text.format(*args) if args else text


def kind_label(kind: str, language: Language) -> str:
    """A goal kind as a column header: ``Sasaran Program``, ``Programme objective``."""
    return _pick(KIND_LABELS[kind], language)


def level_label(level: str, language: Language) -> str:
    """An owner level, short: ``Pemda``, ``PD``, … (``government``, ``agency``, … in English)."""
    return _pick(LEVEL_LABELS[level], language)
