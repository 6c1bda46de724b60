"""The workbook format: its six tables, their columns, defaults and Indonesian aliases.

This module is the single declaration of the interchange format (``domain.md`` section 3).
Readers, writers, the :class:`~cascade.Cascade` container and the docs all take the format
from :data:`TABLES`; nothing else spells out a column.

Vocabulary
----------
table
    One of ``units``, ``goals``, ``indicators`` (required) and ``targets``, ``realisations``,
    ``budgets`` (optional: absent reads as empty).
core column
    A column the format defines. A *required* core column must be present in the table; a
    *cell-required* one must also have a value in every row (ids, references, numbers).
    Descriptions (``name``, ``statement``, ``measure_unit``) are required columns whose cells
    may be blank: the checker reports them (``missing-metadata``).
extra column
    Any other column a user adds (``keterangan``, ``sumber_data``, …). It is kept, in its
    original order after the core columns, and written back unchanged.
alias
    A header people actually type for a core column (``satuan`` for ``measure_unit``,
    ``realisasi`` for ``value``). Matching ignores case, spaces, hyphens and underscores.

>>> [c.name for c in TABLES["targets"].columns]
['indicator_id', 'period', 'target', 'target_upper']
>>> TABLES["indicators"].resolve_header("Satuan")
'measure_unit'
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from cascade.enums import (
    Aggregation,
    GoalKind,
    Level,
    PeriodAggregation,
    Polarity,
    Role,
    normalise_word,
)

__all__ = [
    "OPTIONAL_TABLES",
    "REQUIRED_TABLES",
    "TABLES",
    "TABLE_NAMES",
    "Column",
    "ColumnKind",
    "TableSpec",
    "resolve_table_name",
]

ColumnKind = Literal["id", "ref", "text", "enum", "number", "bool", "period"]


@dataclass(frozen=True)
class Column:
    """One core column of a table.

    Parameters
    ----------
    name
        The canonical (English) header.
    kind
        ``id`` (the table's own key), ``ref`` (an id in another row or table), ``text``,
        ``enum``, ``number``, ``bool`` or ``period``.
    required
        The column must be present in the table.
    cell_required
        Every row must have a value (else it is a read error).
    default
        The value of a blank cell or of an absent optional column.
    enum
        For ``enum`` columns, the enumeration whose values it holds.
    aliases
        Other headers accepted for it, Indonesian first.
    doc
        One line for the format documentation.
    """

    name: str
    kind: ColumnKind
    required: bool = False
    cell_required: bool = False
    default: object = None
    enum: type[enum.StrEnum] | None = None
    aliases: tuple[str, ...] = ()
    doc: str = ""


@dataclass(frozen=True)
class TableSpec:
    """One table of the workbook: its name, aliases and columns in canonical order."""

    name: str
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()
    key: str | None = None
    doc: str = ""
    _headers: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        headers: dict[str, str] = {}
        for col in self.columns:
            for spelling in (col.name, *col.aliases):
                key = normalise_word(spelling)
                if headers.get(key, col.name) != col.name:  # pragma: no cover - a format bug
                    msg = f"header {spelling!r} is ambiguous in table {self.name}"
                    raise RuntimeError(msg)
                headers[key] = col.name
        object.__setattr__(self, "_headers", headers)

    @property
    def column_names(self) -> list[str]:
        """The canonical column names, in order."""
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        """The column called ``name`` (canonical)."""
        for col in self.columns:
            if col.name == name:
                return col
        msg = f"table {self.name} has no column {name!r}"
        raise KeyError(msg)

    def resolve_header(self, header: str) -> str | None:
        """The canonical column a typed header stands for, or ``None`` for an extra column."""
        return self._headers.get(normalise_word(header))


def _id(name: str, *aliases: str, doc: str) -> Column:
    return Column(name, "id", required=True, cell_required=True, aliases=aliases, doc=doc)


def _ref(name: str, *aliases: str, required: bool = False, doc: str) -> Column:
    return Column(name, "ref", required=required, cell_required=required, aliases=aliases, doc=doc)


def _number(
    name: str, *aliases: str, required: bool = False, default: float | None = None, doc: str
) -> Column:
    return Column(
        name,
        "number",
        required=required,
        cell_required=required,
        default=default,
        aliases=aliases,
        doc=doc,
    )


UNITS = TableSpec(
    "units",
    aliases=("unit", "unit kerja", "pemilik", "owners", "organisasi"),
    key="unit_id",
    doc="Owners: the pemda, its agencies, their units and individual employees.",
    columns=(
        _id("unit_id", "id unit", "kode unit", "id", "kode", doc="Unique id of the owner."),
        Column(
            "name",
            "text",
            required=True,
            aliases=("nama", "nama unit", "nama unit kerja", "nama pegawai"),
            doc="Name of the unit or employee.",
        ),
        _ref(
            "parent_id",
            "id induk",
            "induk",
            "kode induk",
            "parent",
            "atasan",
            doc="The owner directly above; blank for a root (the pemda).",
        ),
        Column(
            "level",
            "enum",
            required=True,
            cell_required=True,
            enum=Level,
            aliases=("jenjang", "tingkat", "level unit"),
            doc="pemda, perangkat_daerah, administrator, pengawas or pelaksana.",
        ),
    ),
)

GOALS = TableSpec(
    "goals",
    aliases=("goal", "sasaran", "tujuan dan sasaran"),
    key="goal_id",
    doc="Goals (tujuan, sasaran, RHK), each owned by one owner.",
    columns=(
        _id("goal_id", "id sasaran", "kode sasaran", "id", "kode", doc="Unique id of the goal."),
        _ref(
            "unit_id",
            "id unit",
            "kode unit",
            "pemilik",
            "id pemilik",
            required=True,
            doc="The owner of the goal.",
        ),
        _ref(
            "parent_goal_id",
            "id sasaran induk",
            "sasaran induk",
            "induk",
            "parent",
            doc="The goal it cascades from; blank for a top goal.",
        ),
        Column(
            "statement",
            "text",
            required=True,
            aliases=("sasaran", "uraian", "uraian sasaran", "pernyataan", "nama sasaran"),
            doc="The goal as written in the plan.",
        ),
        Column(
            "kind",
            "enum",
            enum=GoalKind,
            aliases=("jenis", "jenis sasaran", "tingkat sasaran"),
            doc="tujuan, sasaran_strategis, …, rencana_hasil_kerja; blank if not stated.",
        ),
        Column(
            "crosscutting",
            "bool",
            default=False,
            aliases=("lintas sektor", "lintas perangkat daerah", "lintas opd", "crosscut"),
            doc="Declared crosscutting: supports a goal of another agency or the pemda.",
        ),
    ),
)

INDICATORS = TableSpec(
    "indicators",
    aliases=("indicator", "indikator", "indikator kinerja"),
    key="indicator_id",
    doc="Indicators (indikator kinerja), each of one goal.",
    columns=(
        _id(
            "indicator_id",
            "id indikator",
            "kode indikator",
            "id",
            "kode",
            doc="Unique id of the indicator.",
        ),
        _ref(
            "goal_id",
            "id sasaran",
            "kode sasaran",
            required=True,
            doc="The goal it measures.",
        ),
        _ref(
            "parent_indicator_id",
            "id indikator induk",
            "indikator induk",
            "induk",
            "parent",
            doc="The indicator it cascades from.",
        ),
        Column(
            "name",
            "text",
            required=True,
            aliases=("nama", "nama indikator", "indikator", "indikator kinerja", "uraian"),
            doc="The indicator as written in the plan.",
        ),
        Column(
            "measure_unit",
            "text",
            required=True,
            aliases=("satuan", "unit", "satuan indikator"),
            doc="Unit of measurement (satuan): persen, orang, dokumen, …",
        ),
        Column(
            "polarity",
            "enum",
            default=Polarity.MAXIMIZE,
            enum=Polarity,
            aliases=("polaritas", "arah", "sifat"),
            doc="maximize (naik), minimize (turun) or stabilize (stabil).",
        ),
        Column(
            "aggregation",
            "enum",
            default=Aggregation.NONE,
            enum=Aggregation,
            aliases=("agregasi", "cara agregasi", "metode agregasi"),
            doc="How realisation derives from carrier children.",
        ),
        Column(
            "period_aggregation",
            "enum",
            default=PeriodAggregation.LAST,
            enum=PeriodAggregation,
            aliases=("agregasi periode", "agregasi waktu", "metode periode"),
            doc="How quarters or months combine into a year: sum, last or mean.",
        ),
        Column(
            "role",
            "enum",
            default=Role.CARRIER,
            enum=Role,
            aliases=("peran", "jenis cascading", "jenis penjenjangan"),
            doc="carrier (angka), supporting (pendukung) or own.",
        ),
        _number("weight", "bobot", default=1.0, doc="Weight in weighted roll-ups."),
        Column(
            "key",
            "bool",
            default=False,
            aliases=("iku", "indikator kinerja utama", "utama"),
            doc="An IKU (indikator kinerja utama).",
        ),
    ),
)

TARGETS = TableSpec(
    "targets",
    aliases=("target",),
    doc="Targets per indicator and period; a range target has an upper bound.",
    columns=(
        _ref(
            "indicator_id", "id indikator", "kode indikator", required=True, doc="The indicator."
        ),
        Column(
            "period",
            "period",
            required=True,
            cell_required=True,
            aliases=("periode", "tahun", "tw", "triwulan"),
            doc="2024, 2024Q1 or 2024-03.",
        ),
        _number(
            "target",
            "target bawah",
            "nilai target",
            "target min",
            required=True,
            doc="The target, or the lower bound of a range (80-90 reads as 80 and 90).",
        ),
        _number(
            "target_upper",
            "target atas",
            "target max",
            "batas atas",
            doc="Upper bound of a range target; blank for a point target.",
        ),
    ),
)

REALISATIONS = TableSpec(
    "realisations",
    aliases=("realisation", "realization", "realizations", "realisasi"),
    doc="Measured realisation (realisasi) per indicator and period.",
    columns=(
        _ref(
            "indicator_id", "id indikator", "kode indikator", required=True, doc="The indicator."
        ),
        Column(
            "period",
            "period",
            required=True,
            cell_required=True,
            aliases=("periode", "tahun", "tw", "triwulan"),
            doc="2024, 2024Q1 or 2024-03.",
        ),
        _number(
            "value",
            "realisasi",
            "nilai",
            "nilai realisasi",
            required=True,
            doc="The measured value.",
        ),
    ),
)

BUDGETS = TableSpec(
    "budgets",
    aliases=("budget", "anggaran", "pagu"),
    doc="Budget per goal and period, in rupiah: pagu (allocated) and realisasi (spent).",
    columns=(
        _ref("goal_id", "id sasaran", "kode sasaran", required=True, doc="The goal it funds."),
        Column(
            "period",
            "period",
            required=True,
            cell_required=True,
            aliases=("periode", "tahun", "tw", "triwulan"),
            doc="2024, 2024Q1 or 2024-03.",
        ),
        _number(
            "allocated",
            "pagu",
            "pagu anggaran",
            "anggaran",
            "alokasi",
            required=True,
            doc="Pagu: the allocated budget (Rp).",
        ),
        _number(
            "spent",
            "realisasi anggaran",
            "realisasi",
            "serapan",
            doc="Realisasi anggaran: spent so far (Rp); blank if not reported.",
        ),
    ),
)

#: Every table of the format, in workbook order.
TABLES: dict[str, TableSpec] = {
    t.name: t for t in (UNITS, GOALS, INDICATORS, TARGETS, REALISATIONS, BUDGETS)
}
#: The table names, in workbook order.
TABLE_NAMES: tuple[str, ...] = tuple(TABLES)
#: Tables every workbook must have.
REQUIRED_TABLES: tuple[str, ...] = ("units", "goals", "indicators")
#: Tables that read as empty when absent (a plan before any measurement).
OPTIONAL_TABLES: tuple[str, ...] = ("targets", "realisations", "budgets")

_TABLE_LOOKUP: dict[str, str] = {
    normalise_word(spelling): t.name for t in TABLES.values() for spelling in (t.name, *t.aliases)
}


def resolve_table_name(name: str) -> str | None:
    """The canonical table a sheet or file name stands for, or ``None``.

    >>> resolve_table_name("Indikator")
    'indicators'
    >>> resolve_table_name("catatan") is None
    True
    """
    return _TABLE_LOOKUP.get(normalise_word(name))
