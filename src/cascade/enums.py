"""Enumerations of the cascade model, with the Indonesian words people type for them.

Vocabulary
----------
level (jenjang)
    Where an owner sits in the organisation: ``pemda`` (the local government), then
    ``perangkat_daerah`` (an agency, OPD), ``administrator`` (eselon III: bidang, sekretariat,
    kecamatan), ``pengawas`` (eselon IV: seksi, subbagian) and ``pelaksana`` (an individual
    employee, ASN). The order is the order of the members: ``pemda`` is the top.
goal kind (jenis sasaran)
    ``tujuan`` → ``sasaran_strategis`` → ``sasaran_program`` → ``sasaran_kegiatan`` →
    ``sasaran_subkegiatan`` → ``rencana_hasil_kerja`` (an individual's RHK), top to bottom.
polarity (polaritas)
    ``maximize`` (higher is better, *naik*), ``minimize`` (lower is better, *turun*),
    ``stabilize`` (within a range, *stabil*).
aggregation (agregasi)
    How an indicator's realisation is derived from its carrier children: ``sum``, ``mean``,
    ``weighted_mean``, ``min``, ``max``, or ``none`` (measured by itself).
period aggregation (agregasi periode)
    How quarters or months combine into a year: ``sum`` (flows), ``last`` (positions and
    cumulative figures), ``mean``.
role (peran)
    An indicator's relation to its parent indicator: ``carrier`` (its number counts in the
    parent's: *angka*, the direct cascade), ``supporting`` (*pendukung*, the indirect
    cascade) or ``own`` (cascaded from nothing: the unit's own or a mandated indicator).

Every enum is a :class:`enum.StrEnum`, so its members compare equal to the English value that
the workbook format uses. :meth:`parse` also accepts the Indonesian and common alternative
spellings listed in :data:`ALIASES`, ignoring case, spaces, hyphens and underscores:

>>> Polarity.parse("Turun")
<Polarity.MINIMIZE: 'minimize'>
>>> Level.parse("OPD")
<Level.PERANGKAT_DAERAH: 'perangkat_daerah'>
>>> Level.PEMDA < Level.PELAKSANA  # ordered top to bottom
True
"""

from __future__ import annotations

import enum
import re
from typing import Self

__all__ = [
    "ALIASES",
    "Aggregation",
    "GoalKind",
    "Level",
    "PeriodAggregation",
    "Polarity",
    "Role",
    "normalise_word",
]

_SEPARATORS = re.compile(r"[\s_\-/.]+")


def normalise_word(text: str) -> str:
    """Fold a typed word for matching: lower case, separators and dots removed.

    >>> normalise_word("  Sasaran Sub-Kegiatan ")
    'sasaransubkegiatan'
    """
    return _SEPARATORS.sub("", text.strip().lower())


class _ParseableEnum(enum.StrEnum):
    """A string enum that can be read from the words people type."""

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read a member from its value or one of its :data:`ALIASES`.

        Raises
        ------
        ValueError
            If ``text`` names no member; the message lists the accepted values.
        """
        key = normalise_word(text)
        table = _LOOKUP[cls.__name__]
        if key in table:
            return cls(table[key])
        accepted = ", ".join(m.value for m in cls)
        msg = f"expected one of {accepted} (or an Indonesian alias)"
        raise ValueError(msg)

    @classmethod
    def accepted(cls) -> list[str]:
        """Every spelling :meth:`parse` accepts, values first, then aliases."""
        return [m.value for m in cls] + [a for m in cls for a in ALIASES[cls.__name__][m.value]]


class _OrderedEnum(_ParseableEnum):
    """A string enum whose members are ordered top to bottom as declared."""

    @property
    def rank(self) -> int:
        """Position from the top, starting at 0."""
        return list(type(self)).index(self)

    def __lt__(self, other: object) -> bool:
        if type(other) is type(self):
            return self.rank < other.rank
        return NotImplemented

    def __le__(self, other: object) -> bool:
        if type(other) is type(self):
            return self.rank <= other.rank
        return NotImplemented

    def __gt__(self, other: object) -> bool:
        if type(other) is type(self):
            return self.rank > other.rank
        return NotImplemented

    def __ge__(self, other: object) -> bool:
        if type(other) is type(self):
            return self.rank >= other.rank
        return NotImplemented

    __hash__ = enum.StrEnum.__hash__


class Level(_OrderedEnum):
    """An owner's level in the organisation (jenjang), top to bottom."""

    PEMDA = "pemda"
    PERANGKAT_DAERAH = "perangkat_daerah"
    ADMINISTRATOR = "administrator"
    PENGAWAS = "pengawas"
    PELAKSANA = "pelaksana"


class GoalKind(_OrderedEnum):
    """A goal's kind (jenis sasaran), top to bottom."""

    TUJUAN = "tujuan"
    SASARAN_STRATEGIS = "sasaran_strategis"
    SASARAN_PROGRAM = "sasaran_program"
    SASARAN_KEGIATAN = "sasaran_kegiatan"
    SASARAN_SUBKEGIATAN = "sasaran_subkegiatan"
    RENCANA_HASIL_KERJA = "rencana_hasil_kerja"


class Polarity(_ParseableEnum):
    """Which direction of realisation is good (polaritas)."""

    MAXIMIZE = "maximize"
    MINIMIZE = "minimize"
    STABILIZE = "stabilize"


class Aggregation(_ParseableEnum):
    """How an indicator's realisation is derived from its carrier children (agregasi)."""

    SUM = "sum"
    MEAN = "mean"
    WEIGHTED_MEAN = "weighted_mean"
    MIN = "min"
    MAX = "max"
    NONE = "none"


class PeriodAggregation(_ParseableEnum):
    """How quarterly or monthly figures combine into a year (agregasi periode)."""

    SUM = "sum"
    LAST = "last"
    MEAN = "mean"


class Role(_ParseableEnum):
    """An indicator's role towards its parent indicator (peran)."""

    CARRIER = "carrier"
    SUPPORTING = "supporting"
    OWN = "own"


#: Alternative spellings accepted by ``parse``, per enum and member value. Matching ignores
#: case, spaces, hyphens, underscores, slashes and dots (see :func:`normalise_word`).
ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "Level": {
        "pemda": ("pemerintah daerah", "pemko", "pemkot", "pemkab", "pemprov", "kepala daerah"),
        "perangkat_daerah": ("opd", "skpd", "pd", "jpt pratama", "eselon ii", "dinas", "badan"),
        "administrator": ("eselon iii", "bidang", "sekretariat", "kecamatan"),
        "pengawas": ("eselon iv", "seksi", "subbagian", "sub bagian", "subbidang"),
        "pelaksana": ("individu", "asn", "pegawai", "fungsional", "jf", "staf"),
    },
    "GoalKind": {
        "tujuan": ("tujuan rpjmd", "tujuan renstra", "goal"),
        "sasaran_strategis": ("sasaran", "sasaran rpjmd", "sasaran renstra", "ss"),
        "sasaran_program": ("program",),
        "sasaran_kegiatan": ("kegiatan",),
        "sasaran_subkegiatan": ("sub kegiatan", "subkegiatan", "sasaran sub kegiatan"),
        "rencana_hasil_kerja": ("rhk", "rencana hasil kerja individu", "skp"),
    },
    "Polarity": {
        "maximize": ("naik", "positif", "max", "maksimal", "maksimum", "maximise", "higher"),
        "minimize": ("turun", "negatif", "min", "minimal", "minimum", "minimise", "lower"),
        "stabilize": ("stabil", "stabilise", "range", "rentang"),
    },
    "Aggregation": {
        "sum": ("jumlah", "total", "penjumlahan"),
        "mean": ("rata rata", "rerata", "average", "avg"),
        "weighted_mean": ("rata rata tertimbang", "tertimbang", "weighted average"),
        "min": ("minimum", "terendah"),
        "max": ("maximum", "maksimum", "tertinggi"),
        "none": ("tidak ada", "tanpa", "-"),
    },
    "PeriodAggregation": {
        "sum": ("jumlah", "total", "akumulasi"),
        "last": ("terakhir", "posisi", "kumulatif", "cumulative"),
        "mean": ("rata rata", "rerata", "average", "avg"),
    },
    "Role": {
        "carrier": ("angka", "langsung", "direct", "cascading langsung"),
        "supporting": ("pendukung", "tidak langsung", "indirect", "cascading tidak langsung"),
        "own": ("mandiri", "sendiri", "non cascading", "tidak dicascade", "mandatory"),
    },
}

_LOOKUP: dict[str, dict[str, str]] = {}
for _enum in (Level, GoalKind, Polarity, Aggregation, PeriodAggregation, Role):
    _table: dict[str, str] = {}
    for _member in _enum:
        _table[normalise_word(_member.value)] = _member.value
        for _alias in ALIASES[_enum.__name__][_member.value]:
            _key = normalise_word(_alias)
            if _key in _table and _table[_key] != _member.value:  # pragma: no cover - data bug
                _msg = f"alias {_alias!r} is ambiguous in {_enum.__name__}"
                raise RuntimeError(_msg)
            _table[_key] = _member.value
    _LOOKUP[_enum.__name__] = _table
