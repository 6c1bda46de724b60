"""Synthetic cascades of any size: consistent by construction, with defects on request.

:func:`synthetic` builds the cascade of one fictional pemda with as many employees as asked,
shaped like the bundled Kota Contoh (``scripts/build_kota_contoh.py``), for tests and
benchmarks from a city up to a province of a million indicators. Everything is generated with
numpy over whole columns (one loop per agency and one pass per level of the trees, never one
per employee or indicator), from one random generator seeded by ``seed``, so the same
arguments always give identical tables.

Shape
-----
Owners
    The pemda ``PEMDA``; one perangkat daerah per about 175 employees (the nearest whole
    number, at least 1 and at most 45), ``OPD-1`` … ``OPD-45``; 2-4 administrator units per
    agency (``OPD-3-ADM-1``, the first a sekretariat), 2-3 pengawas units each
    (``OPD-3-ADM-1-PGW-2``), and the employees (pelaksana) spread over the pengawas units of
    their agency (``OPD-3-ADM-1-PGW-2-ASN-14``). A pengawas unit may have nobody in a very
    small cascade.
Goals
    The pemda's tujuan (``PEMDA-T1``) and sasaran strategis (``PEMDA-SS1``), about one sasaran
    per three agencies; per agency a Renstra chain tujuan → sasaran strategis → sasaran
    program (``OPD-3-T1``, ``OPD-3-SS1``, ``OPD-3-P1``) under a pemda sasaran; a sasaran
    kegiatan per administrator unit (``OPD-3-ADM-1-K1``) under its agency's program, a sasaran
    sub kegiatan per pengawas unit (``…-PGW-2-SK1``) under its administrator's kegiatan, and
    one to three RHK per employee (``…-ASN-14-RHK1``) under their pengawas' sub kegiatan.
Indicators
    One or two per goal (``<goal id>-I1``), about three per employee in all. Each indicator
    below the pemda's tujuan cascades from an indicator of its goal's parent goal, and every
    indicator of a goal that has goals below it has at least one child indicator. About 85 %
    are ``carrier`` (they inherit their parent's name, measure unit, polarity and period
    aggregation), the rest ``supporting`` (they measure something else). Counts
    (dokumen, orang, kegiatan, aduan, kasus, km; flows summed over the quarters) are summed
    by most parents that carry them; rates and scores (persen, indeks, hari, nilai) are
    averaged by some; the other parents are measured by themselves (aggregation ``none``).
    About a quarter of the indicators minimize. The indicators of the pemda and of the
    agencies' tujuan and sasaran strategis are IKU (``key``).
Targets and realisations
    For every indicator and year of ``periods`` (and, with ``quarters``, each quarter): a
    parent that sums or averages its carriers has exactly their sum or mean, period by period
    (so ``target-split-mismatch`` and ``realisation-mismatch`` find nothing); the others have
    a target of their own, a little higher each year (lower for a minimize indicator), and a
    realisation around it, from a typical performance per agency (85-102 %) and a
    deterministic jitter. Quarterly figures follow ``period_aggregation``: flows split the
    year over the quarters and add up to it, positions reach the year's figure in the fourth
    quarter, averages average to it.
Budgets
    Pagu (``allocated``) and spending per year for every program, kegiatan and sub kegiatan
    goal, in rupiah: a kegiatan's is the sum of its sub kegiatan, a program's the sum of its
    kegiatan; spending follows the agency's typical absorption and never exceeds the pagu.

The clean cascade is consistent: :func:`cascade.check` finds nothing in it, not even a
warning, and :func:`cascade.propagate` gives an achievement for every indicator, goal and
owner.

Defects
-------
With ``defect_rate`` above 0, about ``defect_rate`` × (number of indicators) defects are
injected, spread evenly over the checks in :data:`DEFECT_CHECKS` (in that order when there
are fewer defects than checks), each on its own subject chosen at random among those where it
causes exactly its own finding: leaf indicators (RHK) whose parent does not add them up for
the value defects, goals and employees that nothing else touches for the structural ones.
Most defects add rows (a goal without a parent, an indicator without a target) or change one
cell, as :mod:`cascade.datasets._defects` does. ``Synthetic.defects`` has one row per
expected finding (check, subject kind, subject id, description), including the one side
finding the domain makes unavoidable: an orphan sub kegiatan that has a budget is also a
``budget-orphan``. So ``{(f.name, f.subject_id) for f in check(s.cascade).findings}`` equals
the pairs of ``s.defects``. When a very small cascade has too few suitable subjects for a
check, it gets fewer defects of that kind.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from cascade.errors import UsageError
from cascade.period import Period, period_sort_key

if TYPE_CHECKING:
    from cascade.model import Cascade

__all__ = [
    "DEFECT_CHECKS",
    "EMPLOYEES_PER_AGENCY",
    "MAX_AGENCIES",
    "MAX_DEFECT_RATE",
    "Synthetic",
    "synthetic",
]

#: Employees per perangkat daerah the agency count aims at (150-200 in practice).
EMPLOYEES_PER_AGENCY = 175
#: The most perangkat daerah a pemda has (a province has about 45).
MAX_AGENCIES = 45
#: The highest ``defect_rate``: one defect per 20 indicators. Each defect needs a subject of
#: its own that no other defect touches (a pengawas unit, a summing parent, an employee); at
#: this rate a cascade of a few hundred employees still has enough of each, and a cascade more
#: broken than this no longer resembles real planning data.
MAX_DEFECT_RATE = 0.05
#: The checks the defects are spread over, in the order they are handed out.
DEFECT_CHECKS: tuple[str, ...] = (
    "orphan-indicator",
    "missing-target",
    "dangling-reference",
    "missing-metadata",
    "zero-target",
    "polarity-mismatch",
    "unit-mismatch",
    "orphan-goal",
    "duplicate-id",
    "missing-indicator",
    "invalid-value",
    "not-cascaded",
    "level-skip",
    "owner-misaligned",
    "indicator-goal-mismatch",
    "kind-level-mismatch",
    "key-indicator-not-strategic",
    "target-split-mismatch",
    "realisation-mismatch",
    "overspent-budget",
)

_DEFECT_COLUMNS = ["check", "subject_kind", "subject_id", "description"]


@dataclass(frozen=True, eq=False, repr=False)
class Synthetic:
    """A synthetic cascade and the findings its injected defects must give.

    Parameters
    ----------
    cascade
        The cascade.
    defects
        One row per finding the injected defects must give, with the columns of
        :func:`cascade.datasets.example_defects`: ``check``, ``subject_kind``,
        ``subject_id`` and ``description``. Empty for a clean cascade.
    """

    cascade: Cascade
    defects: pd.DataFrame

    def __repr__(self) -> str:
        return f"<Synthetic: {self.cascade!r}, {len(self.defects)} expected findings>"


def synthetic(
    *,
    employees: int,
    seed: int = 0,
    periods: Sequence[str] = ("2024",),
    quarters: bool = False,
    defect_rate: float = 0.0,
) -> Synthetic:
    """Build a synthetic pemda's cascade of any size, clean or with known defects.

    See :mod:`cascade.datasets._synthetic` for its shape. A million indicators (about 330,000
    employees) build in a few seconds.

    Parameters
    ----------
    employees
        The number of employees (pelaksana), at least 1. The cascade has about three
        indicators per employee, and one perangkat daerah per about 175 employees (the
        nearest whole number, at least 1, at most 45).
    seed
        Seed of the random generator, a whole number from 0: the same arguments give
        identical tables, another seed another cascade.
    periods
        The years with targets, realisations and budgets, such as ``("2024", "2025")``; a
        single string is one year. Each must be a year, each at most once.
    quarters
        Also give targets and realisations for the four quarters of each year, consistent
        with each indicator's ``period_aggregation``.
    defect_rate
        Defects to inject per indicator, from 0 (a clean cascade, the default) to
        :data:`MAX_DEFECT_RATE`; any rate above 0 injects at least one.

    Returns
    -------
    Synthetic
        ``.cascade``, and ``.defects``: the findings the defects must give, one row each.

    Raises
    ------
    UsageError
        If an argument is of the wrong type or out of range, or a period is not a year.

    Examples
    --------
    >>> import cascade
    >>> from cascade.datasets import synthetic
    >>> s = synthetic(employees=200, seed=1)
    >>> s
    <Synthetic: <Cascade: ... units, ... goals, ... indicators, ...>, 0 expected findings>
    >>> s.cascade.counts()["units_by_level"]
    {'pemda': 1, 'perangkat_daerah': 1, 'administrator': ..., 'pengawas': ..., 'pelaksana': 200}
    >>> cascade.check(s.cascade).ok
    True
    >>> broken = synthetic(employees=200, seed=1, defect_rate=0.02)
    >>> broken.defects["check"].tolist()[:4]
    ['orphan-indicator', 'missing-target', 'dangling-reference', 'missing-metadata']
    >>> found = {(f.name, f.subject_id) for f in cascade.check(broken.cascade).findings}
    >>> found == set(zip(broken.defects["check"], broken.defects["subject_id"]))
    True
    >>> synthetic(employees=0)
    Traceback (most recent call last):
    ...
    cascade.errors.UsageError: employees must be at least 1, not 0
    """
    from cascade.model import Cascade

    _whole("employees", employees, 1)
    _whole("seed", seed, 0)
    years = _years(periods)
    _flag("quarters", quarters)
    rate = _rate(defect_rate)
    rng = np.random.default_rng(int(seed))
    build = _Build(rng, int(employees), years, bool(quarters))
    defects = _inject(build, rng, rate) if rate > 0 else _no_defects()
    return Synthetic(Cascade._from_canonical(build.canonical()), defects)


# ------------------------------------------------------------------------ arguments


def _whole(name: str, value: object, least: int) -> None:
    if not isinstance(value, int | np.integer) or isinstance(value, bool | np.bool_):
        msg = f"{name} must be a whole number, not {value!r}"
        raise UsageError(msg)
    if value < least:
        msg = f"{name} must be at least {least}, not {value}"
        raise UsageError(msg)


def _flag(name: str, value: object) -> None:
    if not isinstance(value, bool | np.bool_):
        msg = f"{name} must be True or False, not {value!r}"
        raise UsageError(msg)


def _years(periods: object) -> list[Period]:
    values = [periods] if isinstance(periods, str | Period) else periods
    if not isinstance(values, Sequence):
        msg = f"periods must be a sequence of years such as ('2024',), not {periods!r}"
        raise UsageError(msg)
    if not values:
        msg = "periods must name at least one year"
        raise UsageError(msg)
    years: list[Period] = []
    for value in values:
        try:
            period = Period.parse(value)
        except ValueError as exc:
            msg = f"periods: {exc}"
            raise UsageError(msg) from None
        if period.granularity != "year":
            msg = f"periods must be years such as '2024', not {str(period)!r}"
            raise UsageError(msg)
        if period in years:
            msg = f"periods names {str(period)!r} twice"
            raise UsageError(msg)
        years.append(period)
    return sorted(years)


def _rate(value: object) -> float:
    if not isinstance(value, int | float | np.integer | np.floating) or isinstance(
        value, bool | np.bool_
    ):
        msg = f"defect_rate must be a number, not {value!r}"
        raise UsageError(msg)
    rate = float(value)
    if not 0.0 <= rate <= MAX_DEFECT_RATE:  # also refuses NaN
        msg = f"defect_rate must be between 0 and {MAX_DEFECT_RATE}, not {value!r}"
        raise UsageError(msg)
    return rate


# ---------------------------------------------------------------------------- columns
#
# While a cascade is built, ids are pyarrow text arrays (concatenation and lookups of a
# million of them take milliseconds), descriptions and enum words are codes into a small
# vocabulary (:class:`_Coded`), numbers and flags are numpy arrays.

_STR = pa.large_string()  # the storage of pandas' ``str`` dtype


def _pa(values: object) -> Any:
    """Text as a pyarrow array (``None`` is missing)."""
    return pa.array(values, type=_STR)


def _join(*parts: Any) -> Any:
    """Element-wise concatenation of pyarrow text arrays and plain strings."""
    items = [pa.scalar(p, _STR) if isinstance(p, str) else p for p in parts]
    return pc.binary_join_element_wise(*items, pa.scalar("", _STR))


def _numbered(prefix: str, numbers: np.ndarray) -> Any:
    """``prefix1``, ``prefix2``, … for ``numbers``, through a small lookup table."""
    top = int(numbers.max(initial=0))
    return _pa([f"{prefix}{k}" for k in range(top + 1)]).take(numbers)


def _refs(ids: Any, rows: np.ndarray) -> Any:
    """``ids`` at ``rows``, missing where a row is -1."""
    return ids.take(pa.array(np.maximum(rows, 0), mask=rows < 0))


def _words(values: object) -> np.ndarray:
    """An object array of text (``+`` then concatenates element-wise)."""
    out: np.ndarray = np.asarray(values, dtype=object)
    return out


class _Coded:
    """A text column with few distinct values: codes into a vocabulary (-1: missing)."""

    def __init__(self, vocab: Sequence[str], codes: np.ndarray) -> None:
        self.vocab = list(vocab)
        self.codes = np.asarray(codes, dtype=np.int64)

    @classmethod
    def of(cls, values: object, n: int) -> _Coded:
        """From an array of texts, or one text (``None``: missing) for ``n`` rows."""
        if isinstance(values, np.ndarray):
            codes, uniques = pd.factorize(values.astype(object))
            return cls([str(u) for u in uniques], codes)
        if values is None:
            return cls([], np.full(n, -1))
        return cls([str(values)], np.zeros(n, dtype=np.int64))

    @classmethod
    def mapped(cls, words: Sequence[str], keys: np.ndarray) -> _Coded:
        """The ``words[key]`` for each of ``keys``."""
        codes, uniques = pd.factorize(_words(words))
        return cls([str(u) for u in uniques], codes[keys])

    @classmethod
    def concat(cls, parts: Sequence[_Coded]) -> _Coded:
        vocab: dict[str, int] = {}
        codes = []
        for part in parts:
            lookup = np.array([vocab.setdefault(w, len(vocab)) for w in part.vocab] + [-1])
            codes.append(lookup[part.codes])
        return cls(list(vocab), np.concatenate(codes))

    def __len__(self) -> int:
        return len(self.codes)

    def take(self, rows: np.ndarray) -> _Coded:
        return _Coded(self.vocab, self.codes[rows])

    def words(self, rows: np.ndarray) -> np.ndarray:
        """The texts at ``rows`` (``None`` where missing)."""
        out: np.ndarray = _words([*self.vocab, None])[self.codes[rows]]
        return out

    def set(self, rows: np.ndarray, values: object) -> None:
        """Set the rows to an array of texts, or to one text (``None``: missing)."""
        new = _Coded.of(values, len(rows))
        merged = _Coded.concat([self, new])
        self.vocab = merged.vocab
        self.codes[rows] = merged.codes[len(self) :]

    def text(self) -> pd.Series:
        """As canonical text: pandas ``str``, missing where blank."""
        array = _pa(self.vocab).take(pa.array(np.maximum(self.codes, 0), mask=self.codes < 0))
        return pd.Series(array, dtype="str")

    def categorical(self, dtype: pd.CategoricalDtype) -> pd.Series:
        """As a categorical of ``dtype`` (every text must be one of its categories)."""
        lookup = dtype.categories.get_indexer(pd.Index(self.vocab, dtype=object))
        if (lookup < 0).any():  # pragma: no cover - a mistake in this module
            msg = f"not values of {list(dtype.categories)}: {self.vocab}"
            raise AssertionError(msg)
        codes = np.append(lookup, -1)[self.codes]
        return pd.Series(pd.Categorical.from_codes(codes, dtype=dtype))


def _take(column: Any, rows: np.ndarray) -> Any:
    """Rows of a column of any of the three storages."""
    return column.take(rows) if isinstance(column, pa.Array | _Coded) else column[rows]


def _as_column(like: Any, values: object, n: int) -> Any:
    """``values`` (an array, or one value for all ``n`` rows) in the storage of ``like``."""
    if isinstance(like, _Coded):
        return values if isinstance(values, _Coded) else _Coded.of(values, n)
    if isinstance(like, pa.Array):
        if isinstance(values, pa.Array):
            return values
        return _pa(values if isinstance(values, np.ndarray) else [values] * n)
    if isinstance(values, np.ndarray):
        return values.astype(like.dtype)
    return np.full(n, values, dtype=like.dtype)


def _joined(parts: list[Any]) -> Any:
    """Pieces of one column, end to end."""
    if len(parts) == 1:
        return parts[0]
    if isinstance(parts[0], _Coded):
        return _Coded.concat(parts)
    if isinstance(parts[0], pa.Array):
        return pa.concat_arrays(parts)
    return np.concatenate(parts)


def _rank_sorted(group: np.ndarray) -> np.ndarray:
    """0-based position of each element within its run, for a sorted ``group``."""
    out: np.ndarray = np.arange(len(group)) - np.searchsorted(group, group)
    return out


def _rank(group: np.ndarray) -> np.ndarray:
    """0-based position of each element among those of the same ``group``, in order."""
    order = np.argsort(group, kind="stable")
    out = np.empty(len(group), dtype=np.int64)
    out[order] = _rank_sorted(group[order])
    return out


# ------------------------------------------------------------------------ vocabulary

_AGENCY_NAMES = (
    "Dinas Pendidikan",
    "Dinas Kesehatan",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Perumahan dan Kawasan Permukiman",
    "Satuan Polisi Pamong Praja",
    "Badan Penanggulangan Bencana Daerah",
    "Dinas Sosial",
    "Dinas Tenaga Kerja",
    "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
    "Dinas Ketahanan Pangan",
    "Dinas Lingkungan Hidup",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Pemberdayaan Masyarakat dan Desa",
    "Dinas Pengendalian Penduduk dan Keluarga Berencana",
    "Dinas Perhubungan",
    "Dinas Komunikasi dan Informatika",
    "Dinas Koperasi dan Usaha Mikro",
    "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    "Dinas Kepemudaan dan Olahraga",
    "Dinas Kebudayaan",
    "Dinas Pariwisata",
    "Dinas Perpustakaan dan Kearsipan",
    "Dinas Kelautan dan Perikanan",
    "Dinas Pertanian",
    "Dinas Perindustrian",
    "Dinas Perdagangan",
    "Dinas Pemadam Kebakaran dan Penyelamatan",
    "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah",
    "Badan Pengelolaan Keuangan dan Aset Daerah",
    "Badan Pendapatan Daerah",
    "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    "Badan Kesatuan Bangsa dan Politik",
    "Inspektorat Daerah",
    "Sekretariat Daerah",
    "Sekretariat DPRD",
    "Rumah Sakit Umum Daerah",
    "Dinas Peternakan dan Kesehatan Hewan",
    "Dinas Perkebunan",
    "Dinas Energi dan Sumber Daya Mineral",
    "Dinas Kehutanan",
    "Dinas Sumber Daya Air",
    "Dinas Bina Marga",
    "Dinas Pertanahan",
    "Dinas Persandian dan Statistik",
    "Badan Penghubung Daerah",
)
_BIDANG = ("Perencanaan", "Pelayanan", "Pengembangan", "Pengendalian", "Pembinaan")
_SUBBAGIAN = ("Umum dan Kepegawaian", "Perencanaan", "Keuangan")
_SEKSI = ("Data dan Informasi", "Standardisasi", "Fasilitasi")
_FIRST = (
    "Agus", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gita", "Hendra", "Indah", "Joko",
    "Kartika", "Lestari", "Made", "Nur", "Putu", "Rahmat", "Siti", "Taufik", "Wulan", "Yusuf",
)  # fmt: skip
_LAST = (
    "Saputra", "Wijaya", "Hidayat", "Lubis", "Siregar", "Nasution", "Pratama", "Santoso",
    "Kurniawan", "Rahayu", "Susanti", "Harahap", "Simanjuntak", "Setiawan", "Permana",
    "Utami", "Gunawan", "Hasibuan", "Wibowo", "Marpaung",
)  # fmt: skip
_TUJUAN = (
    "Meningkatnya kualitas sumber daya manusia yang sehat dan cerdas",
    "Meningkatnya kesejahteraan ekonomi masyarakat",
    "Terwujudnya tata kelola pemerintahan yang baik",
    "Meningkatnya kualitas infrastruktur dan lingkungan hidup",
    "Terwujudnya masyarakat yang aman dan tangguh bencana",
)
_SASARAN = (
    "Meningkatnya derajat kesehatan masyarakat",
    "Meningkatnya kualitas dan pemerataan pendidikan",
    "Meningkatnya pertumbuhan ekonomi daerah",
    "Menurunnya angka kemiskinan dan pengangguran",
    "Meningkatnya akuntabilitas kinerja dan keuangan",
    "Meningkatnya kualitas pelayanan publik",
    "Meningkatnya kemantapan jalan dan jaringan",
    "Meningkatnya kualitas lingkungan hidup",
    "Meningkatnya ketenteraman dan ketertiban umum",
    "Meningkatnya ketangguhan terhadap bencana",
)
_KEGIATAN = (
    "Terlaksananya perencanaan dan evaluasi kinerja perangkat daerah",
    "Terlaksananya pelayanan yang memenuhi standar",
    "Terlaksananya pembinaan dan pengawasan teknis",
    "Terlaksananya pengembangan kapasitas layanan",
)
_SUBKEGIATAN = (
    "Tersusunnya dokumen perencanaan dan laporan kinerja",
    "Terlaksananya layanan administrasi umum dan kepegawaian",
    "Terlaksananya fasilitasi dan pendampingan masyarakat",
    "Tersedianya data dan informasi yang mutakhir",
    "Terlaksananya pemantauan dan pengendalian kegiatan",
)
_RHK = (
    "Tersusunnya laporan pelaksanaan kegiatan yang tepat waktu",
    "Terlayaninya permohonan masyarakat sesuai standar",
    "Terverifikasinya data dan dokumen pendukung",
    "Terlaksananya pendampingan kelompok sasaran",
    "Tersusunnya bahan rapat dan telaahan staf",
    "Terselesaikannya pengaduan yang masuk",
    "Terkelolanya arsip dan administrasi kegiatan",
    "Terlaksananya pemantauan lapangan",
)

# Indicator themes: name, measure unit, polarity, period aggregation, family (0: a count, which
# parents sum; 1: a rate or score, which parents average), lowest and highest target of an
# indicator measured by itself, decimals, and how often a new theme is drawn.
_THEMES = (
    ("Jumlah dokumen perencanaan dan pelaporan yang tersusun", "dokumen", "maximize", "sum",
     0, 12, 60, 0, 3),
    ("Jumlah warga yang menerima layanan", "orang", "maximize", "sum", 0, 20, 240, 0, 4),
    ("Jumlah kegiatan pembinaan yang terlaksana", "kegiatan", "maximize", "sum", 0, 12, 48, 0, 3),
    ("Jumlah pengaduan masyarakat yang belum tertangani", "aduan", "minimize", "sum",
     0, 12, 40, 0, 1),
    ("Jumlah pelanggaran ketertiban umum", "kasus", "minimize", "sum", 0, 12, 30, 0, 1),
    ("Panjang jalan yang dipelihara", "km", "maximize", "sum", 0, 12, 80, 0, 2),
    ("Persentase layanan yang memenuhi standar pelayanan minimal", "persen", "maximize",
     "last", 1, 70, 95, 2, 4),
    ("Indeks kepuasan masyarakat", "indeks", "maximize", "mean", 1, 70, 90, 2, 3),
    ("Persentase rekomendasi pengawasan yang belum ditindaklanjuti", "persen", "minimize",
     "last", 1, 5, 20, 2, 1),
    ("Rata-rata waktu penyelesaian layanan", "hari", "minimize", "mean", 1, 3, 14, 2, 2),
    ("Nilai evaluasi akuntabilitas kinerja", "nilai", "maximize", "last", 1, 60, 85, 2, 2),
)  # fmt: skip
_THEME_WORDS = {
    column: [str(t[k]) for t in _THEMES]
    for k, column in enumerate(("name", "measure_unit", "polarity", "period_aggregation"))
}
_THEME_FAMILY = np.array([t[4] for t in _THEMES], dtype=np.int64)
_THEME_LOW = np.array([t[5] for t in _THEMES], dtype=np.float64)
_THEME_HIGH = np.array([t[6] for t in _THEMES], dtype=np.float64)
_THEME_DECIMALS = np.array([t[7] for t in _THEMES], dtype=np.int64)
_THEME_P = np.array([t[8] for t in _THEMES], dtype=np.float64) / sum(t[8] for t in _THEMES)
_THEME_MINIMIZE = np.array([t[2] == "minimize" for t in _THEMES])
#: Realisations in these units do not exceed 100.
_CAPPED = np.array([t[1] in ("persen", "indeks", "nilai") for t in _THEMES])
_FLOW_SUM, _FLOW_LAST, _FLOW_MEAN = range(3)
_PERIOD_CODE = np.array([("sum", "last", "mean").index(t[3]) for t in _THEMES])

#: Goal levels of the build, top down, and their kinds.
_PEMDA_T, _PEMDA_SS, _OPD_T, _OPD_SS, _PROGRAM, _KEG, _SUBKEG, _RHK_L = range(8)
_KINDS = (
    "tujuan",
    "sasaran_strategis",
    "tujuan",
    "sasaran_strategis",
    "sasaran_program",
    "sasaran_kegiatan",
    "sasaran_subkegiatan",
    "rencana_hasil_kerja",
)
_LEVELS = ("pemda", "perangkat_daerah", "administrator", "pengawas", "pelaksana")
_NONE, _SUM, _MEAN = range(3)
_AGGREGATIONS = ("none", "sum", "mean")
#: Share of a year's flow in its first three quarters (the fourth takes the rest).
_FLOW = np.array([0.2, 0.25, 0.25])
#: A position's quarterly target as a share of the year's, maximize and minimize.
_RAMP_UP = np.array([0.85, 0.9, 0.95, 1.0])
_RAMP_DOWN = np.array([1.15, 1.1, 1.05, 1.0])


# ---------------------------------------------------------------------------- build


class _Build:
    """The clean cascade as columns, and the structure the defects need to know."""

    def __init__(
        self, rng: np.random.Generator, employees: int, years: list[Period], quarters: bool
    ) -> None:
        self.rng = rng
        self.years = [str(y) for y in years]
        self.slots = 5 if quarters else 1  # per year: the year, then its quarters
        self.period_names = [
            p
            for y in self.years
            for p in ([y, *(f"{y}Q{q}" for q in range(1, 5))] if quarters else [y])
        ]
        self.tables: dict[str, dict[str, Any]] = {}
        self.added: dict[str, list[dict[str, Any]]] = {}
        self.dropped: dict[str, list[np.ndarray]] = {}
        self._units(employees)
        self._goals()
        self._indicators()
        self._values()
        self._budgets()

    # ------------------------------------------------------------------ owners

    def _units(self, employees: int) -> None:
        rng = self.rng
        agencies = min(MAX_AGENCIES, max(1, math.floor(employees / EMPLOYEES_PER_AGENCY + 0.5)))
        weight = rng.uniform(0.8, 1.2, agencies)
        share = employees * weight / weight.sum()
        staff = np.floor(share).astype(np.int64)
        staff[np.argsort(staff - share, kind="stable")[: employees - int(staff.sum())]] += 1
        adm_agency = np.repeat(np.arange(agencies), rng.integers(2, 5, agencies))
        pgw_admin = np.repeat(np.arange(len(adm_agency)), rng.integers(2, 4, len(adm_agency)))
        pgw_agency = adm_agency[pgw_admin]
        per_pgw = np.zeros(len(pgw_admin), dtype=np.int64)
        first = np.searchsorted(pgw_agency, np.arange(agencies + 1))
        for a in range(agencies):  # the agency's employees over its pengawas units
            p = rng.uniform(0.5, 1.5, first[a + 1] - first[a])
            per_pgw[first[a] : first[a + 1]] = rng.multinomial(staff[a], p / p.sum())
        emp_pgw = np.repeat(np.arange(len(pgw_admin)), per_pgw)
        n_adm, n_pgw = len(adm_agency), len(pgw_admin)
        # unit rows: the pemda, the agencies, administrators, pengawas, employees
        self.opd_row = 1 + np.arange(agencies)
        self.adm_row = 1 + agencies + np.arange(n_adm)
        self.pgw_row = 1 + agencies + n_adm + np.arange(n_pgw)
        self.emp_row = 1 + agencies + n_adm + n_pgw + np.arange(employees)
        parent = np.concatenate(
            [
                [-1],
                np.zeros(agencies, dtype=np.int64),
                self.opd_row[adm_agency],
                self.adm_row[pgw_admin],
                self.pgw_row[emp_pgw],
            ]
        )
        adm_k, pgw_k = _rank_sorted(adm_agency), _rank_sorted(pgw_admin)
        opd_id = _numbered("OPD-", np.arange(1, agencies + 1))
        adm_id = _join(opd_id.take(adm_agency), _numbered("-ADM-", adm_k + 1))
        pgw_id = _join(adm_id.take(pgw_admin), _numbered("-PGW-", pgw_k + 1))
        emp_id = _join(pgw_id.take(emp_pgw), _numbered("-ASN-", _rank_sorted(emp_pgw) + 1))
        unit_id = pa.concat_arrays([_pa(["PEMDA"]), opd_id, adm_id, pgw_id, emp_id])

        self.opd_name = _words(_AGENCY_NAMES)[np.arange(agencies) % len(_AGENCY_NAMES)]
        adm_name = np.where(
            adm_k == 0, "Sekretariat", "Bidang " + _words(_BIDANG)[(adm_k - 1) % len(_BIDANG)]
        )
        pgw_name = np.where(
            adm_k[pgw_admin] == 0,
            "Subbagian " + _words(_SUBBAGIAN)[pgw_k % len(_SUBBAGIAN)],
            "Seksi " + _words(_SEKSI)[pgw_k % len(_SEKSI)],
        )
        people = [f"{a} {b}" for a in _FIRST for b in _LAST]
        units = np.concatenate([["Pemerintah Daerah Sintetis"], self.opd_name, adm_name, pgw_name])
        name = _Coded.concat(
            [
                _Coded.of(units, len(units)),
                _Coded(people, rng.integers(0, len(people), employees)),
            ]
        )
        self.tables["units"] = {
            "unit_id": unit_id,
            "name": name,
            "parent_id": _refs(unit_id, parent),
            "level": _Coded(
                _LEVELS, np.repeat(np.arange(5), [1, agencies, n_adm, n_pgw, employees])
            ),
        }
        self.agencies, self.adm_agency, self.pgw_admin = agencies, adm_agency, pgw_admin
        self.pgw_agency, self.emp_pgw, self.per_pgw = pgw_agency, emp_pgw, per_pgw
        self.emp_agency = pgw_agency[emp_pgw]

    # ------------------------------------------------------------------- goals

    def _goals(self) -> None:
        rng, a = self.rng, self.agencies
        unit_id = self.tables["units"]["unit_id"]
        sasaran = max(1, math.ceil(a / 3))
        tujuan = max(1, math.ceil(sasaran / 3))
        rhk_emp = np.repeat(np.arange(len(self.emp_row)), rng.integers(1, 4, len(self.emp_row)))
        n_adm, n_pgw = len(self.adm_agency), len(self.pgw_admin)
        sizes = [tujuan, sasaran, a, a, a, n_adm, n_pgw, len(rhk_emp)]
        start = np.concatenate([[0], np.cumsum(sizes)])
        level = np.repeat(np.arange(8), sizes)
        opd = np.arange(a)
        owner = np.concatenate(
            [
                np.zeros(tujuan + sasaran, dtype=np.int64),
                np.tile(self.opd_row, 3),
                self.adm_row,
                self.pgw_row,
                self.emp_row[rhk_emp],
            ]
        )
        parent = np.concatenate(
            [
                np.full(tujuan, -1),
                start[_PEMDA_T] + np.arange(sasaran) % tujuan,
                start[_PEMDA_SS] + opd % sasaran,
                start[_OPD_T] + opd,
                start[_OPD_SS] + opd,
                start[_PROGRAM] + self.adm_agency,
                start[_KEG] + self.pgw_admin,
                start[_SUBKEG] + self.emp_pgw[rhk_emp],
            ]
        ).astype(np.int64)
        code = pa.concat_arrays(
            [
                _numbered("-T", np.arange(1, tujuan + 1)),
                _numbered("-SS", np.arange(1, sasaran + 1)),
                _pa(["-T1"] * a + ["-SS1"] * a + ["-P1"] * a),
                _pa(["-K1", "-SK1"]).take(np.repeat([0, 1], [n_adm, n_pgw])),
                _numbered("-RHK", _rank_sorted(rhk_emp) + 1),
            ]
        )
        goal_id = _join(unit_id.take(owner), code)
        planned = np.concatenate(
            [
                _words(_TUJUAN)[np.arange(tujuan) % len(_TUJUAN)],
                _words(_SASARAN)[np.arange(sasaran) % len(_SASARAN)],
                "Meningkatnya kinerja pelayanan " + self.opd_name,
                "Meningkatnya kualitas layanan " + self.opd_name,
                "Meningkatnya efektivitas program " + self.opd_name,
                _words(_KEGIATAN)[_rank_sorted(self.adm_agency) % len(_KEGIATAN)],
                _words(_SUBKEGIATAN)[rng.integers(0, len(_SUBKEGIATAN), n_pgw)],
            ]
        )
        statement = _Coded.concat(
            [
                _Coded.of(planned, len(planned)),
                _Coded(_RHK, rng.integers(0, len(_RHK), len(rhk_emp))),
            ]
        )
        self.tables["goals"] = {
            "goal_id": goal_id,
            "unit_id": unit_id.take(owner),
            "parent_goal_id": _refs(goal_id, parent),
            "statement": statement,
            "kind": _Coded.mapped(_KINDS, level),
            "crosscutting": np.zeros(len(level), dtype=bool),
        }
        self.goal_start, self.goal_level, self.goal_owner = start, level, owner
        self.goal_parent = parent
        self.goal_sibling = np.where(parent >= 0, _rank(parent), 0)

    # -------------------------------------------------------------- indicators

    def _indicators(self) -> None:
        rng, start = self.rng, self.goal_start
        parent, sibling = self.goal_parent, self.goal_sibling
        count = 1 + (rng.random(len(parent)) < 0.5).astype(np.int64)
        for lv in range(1, 8):  # a goal's first child has every indicator of its parent
            g = np.arange(start[lv], start[lv + 1])
            g = g[sibling[g] == 0]
            count[g] = np.maximum(count[g], count[parent[g]])
        goal_first = np.concatenate([[0], np.cumsum(count)[:-1]])
        ind_goal = np.repeat(np.arange(len(parent)), count)
        n = len(ind_goal)
        j = np.arange(n) - goal_first[ind_goal]
        pg = parent[ind_goal]
        linked = pg >= 0
        # child j of a goal's k-th child goal cascades from indicator (k + j) of the parent goal
        ind_parent = np.full(n, -1, dtype=np.int64)
        pgl = pg[linked]
        ind_parent[linked] = goal_first[pgl] + (sibling[ind_goal[linked]] + j[linked]) % count[pgl]
        level = self.goal_level[ind_goal]
        carrier = ~linked | (rng.random(n) >= 0.15)
        theme = rng.choice(len(_THEMES), size=n, p=_THEME_P)
        ind_start = np.searchsorted(level, np.arange(9))
        for lv in range(1, 8):  # carriers measure what their parent measures
            rows = np.arange(ind_start[lv], ind_start[lv + 1])
            rows = rows[carrier[rows]]
            theme[rows] = theme[ind_parent[rows]]
        carried = np.bincount(ind_parent[linked & carrier], minlength=n)
        family = _THEME_FAMILY[theme]
        draw = rng.random(n)
        aggregation = np.where(
            (carried > 0) & (family == 0) & (draw < 0.75),
            _SUM,
            np.where((carried > 0) & (family == 1) & (draw < 0.6), _MEAN, _NONE),
        )
        ind_goal_id = self.tables["goals"]["goal_id"].take(ind_goal)
        ind_id = _join(ind_goal_id, _numbered("-I", j + 1))
        self.tables["indicators"] = {
            "indicator_id": ind_id,
            "goal_id": ind_goal_id,
            "parent_indicator_id": _refs(ind_id, ind_parent),
            **{column: _Coded.mapped(words, theme) for column, words in _THEME_WORDS.items()},
            "aggregation": _Coded.mapped(_AGGREGATIONS, aggregation),
            "role": _Coded(["carrier", "supporting"], (~carrier).astype(np.int64)),
            "weight": np.ones(n),
            "key": level <= _OPD_SS,
        }
        self.ind_goal, self.ind_parent, self.ind_level = ind_goal, ind_parent, level
        self.ind_start, self.carrier, self.theme = ind_start, carrier, theme
        self.aggregation, self.carried = aggregation, carried
        self.goal_first_indicator = goal_first

    # ------------------------------------------------------------------ values

    def _values(self) -> None:
        """Targets and realisations as (indicators x periods) grids, then as two tables."""
        rng, theme = self.rng, self.theme
        n, years, slots = len(theme), len(self.years), self.slots
        scale = 10.0 ** _THEME_DECIMALS[theme]
        minimize = _THEME_MINIMIZE[theme]
        how = _PERIOD_CODE[theme]
        base = _THEME_LOW[theme] + (_THEME_HIGH[theme] - _THEME_LOW[theme]) * rng.random(n)
        typical = rng.uniform(0.85, 1.02, self.agencies + 1)[self._indicator_agency()]
        target = np.empty((n, years * slots))
        real = np.empty((n, years * slots))
        for k in range(years):  # a target a little better each year
            step = 0.02 * min(k, 5)
            year = np.round(base * np.where(minimize, 1 - step, 1 + step) * scale) / scale
            perf = np.clip(typical + rng.normal(0, 0.05, n), 0.6, 1.25)
            col = k * slots
            target[:, col] = year
            if slots == 1:
                real[:, col] = _realised(year, perf, minimize, scale, _CAPPED[theme])
                continue
            quarter = _quarter_targets(year, how, minimize, scale)
            jitter = np.clip(perf[:, None] + rng.normal(0, 0.03, (n, 4)), 0.6, 1.25)
            q_real = _realised(
                quarter, jitter, minimize[:, None], scale[:, None], _CAPPED[theme][:, None]
            )
            target[:, col + 1 : col + 5] = quarter
            real[:, col + 1 : col + 5] = q_real
            real[:, col] = np.select(
                [how == _FLOW_SUM, how == _FLOW_MEAN],
                [q_real.sum(axis=1), np.round(q_real.mean(axis=1), 4)],
                default=q_real[:, 3],
            )
        self._roll_up(target, real)
        self.target_grid, self.real_grid = target, real
        per = len(self.period_names)
        ids = self.tables["indicators"]["indicator_id"]
        if per > 1:
            ids = ids.take(np.repeat(np.arange(n), per))
        period = _Coded(self.period_names, np.tile(np.arange(per), n))
        self.tables["targets"] = {
            "indicator_id": ids,
            "period": period,
            "target": target.ravel(),
            "target_upper": np.full(n * per, np.nan),
        }
        self.tables["realisations"] = {
            "indicator_id": ids,
            "period": period,
            "value": real.ravel(),
        }

    def _indicator_agency(self) -> np.ndarray:
        """Each indicator's agency as 1 + its position (0 for the pemda's)."""
        unit_agency = np.zeros(len(self.tables["units"]["unit_id"]), dtype=np.int64)
        unit_agency[self.opd_row] = np.arange(1, self.agencies + 1)
        unit_agency[self.adm_row] = self.adm_agency + 1
        unit_agency[self.pgw_row] = self.pgw_agency + 1
        unit_agency[self.emp_row] = self.emp_agency + 1
        out: np.ndarray = unit_agency[self.goal_owner[self.ind_goal]]
        return out

    def _roll_up(self, target: np.ndarray, real: np.ndarray) -> None:
        """Parents that sum or average their carriers take their figures, bottom-up."""
        parent, start = self.ind_parent, self.ind_start
        for lv in range(7, 0, -1):
            rows = np.arange(start[lv], start[lv + 1])
            rows = rows[self.carrier[rows]]
            lo, hi = start[lv - 1], start[lv]
            how = self.aggregation[lo:hi]
            if not (how != _NONE).any():
                continue
            up = parent[rows] - lo
            count = np.bincount(up, minlength=hi - lo).astype(np.float64)
            for col in range(target.shape[1]):
                for grid, digits in ((target, 2), (real, 4)):
                    total = np.bincount(up, weights=grid[rows, col], minlength=hi - lo)
                    with np.errstate(invalid="ignore", divide="ignore"):
                        mean = np.round(total / count, digits)
                    own = grid[lo:hi, col]
                    grid[lo:hi, col] = np.select([how == _SUM, how == _MEAN], [total, mean], own)

    # ----------------------------------------------------------------- budgets

    def _budgets(self) -> None:
        """Pagu and spending: per sub kegiatan, summed up to kegiatan and programs."""
        rng, start = self.rng, self.goal_start
        n_pgw, n_adm, a = len(self.pgw_admin), len(self.adm_agency), self.agencies
        base = rng.integers(5, 91, n_pgw) * 10_000_000.0
        typical = rng.uniform(0.7, 0.97, a)
        funded = np.arange(start[_PROGRAM], start[_SUBKEG + 1])
        funded = funded[(funded < start[_PROGRAM + 1]) | (funded >= start[_KEG])]
        columns: dict[str, list[np.ndarray]] = {"allocated": [], "spent": []}
        for k in range(len(self.years)):
            sub = np.round(base * (1 + 0.05 * k) / 1e6) * 1e6
            absorbed = np.clip(typical[self.pgw_agency] + rng.normal(0, 0.05, n_pgw), 0.5, 0.99)
            sub_spent = np.round(sub * absorbed / 1e3) * 1e3
            for name, values in (("allocated", sub), ("spent", sub_spent)):
                keg = np.bincount(self.pgw_admin, weights=values, minlength=n_adm)
                prog = np.bincount(self.adm_agency, weights=keg, minlength=a)
                columns[name].append(np.concatenate([prog, keg, values]))
        self.tables["budgets"] = {
            "goal_id": self.tables["goals"]["goal_id"].take(np.tile(funded, len(self.years))),
            "period": _Coded(self.years, np.repeat(np.arange(len(self.years)), len(funded))),
            "allocated": np.concatenate(columns["allocated"]),
            "spent": np.concatenate(columns["spent"]),
        }

    # ---------------------------------------------------------------- changing

    def append(self, table: str, rows: dict[str, object]) -> None:
        """Add rows at the end of a table: per column an array, or one value for every row.

        The rows are kept aside until :meth:`canonical`, so positions in the table hold.
        """
        n = max(len(v) for v in rows.values() if isinstance(v, np.ndarray | pa.Array))
        chunk = {
            name: _as_column(current, rows.get(name), n)
            for name, current in self.tables[table].items()
        }
        self.added.setdefault(table, []).append(chunk)

    def drop(self, table: str, rows: np.ndarray) -> None:
        """Remove rows (positions) from a table, in :meth:`canonical`."""
        self.dropped.setdefault(table, []).append(rows)

    def canonical(self) -> dict[str, pd.DataFrame]:
        """The six tables in the canonical form a :class:`~cascade.Cascade` holds."""
        from cascade._normalise import enum_dtype
        from cascade.schema import TABLES

        out = {}
        for name, spec in TABLES.items():
            chunks = [self.tables[name], *self.added.get(name, [])]
            columns = {c: _joined([chunk[c] for chunk in chunks]) for c in chunks[0]}
            if name in self.dropped:
                size = len(columns[spec.columns[0].name])
                keep = np.ones(size, dtype=bool)
                keep[np.concatenate(self.dropped[name])] = False
                columns = {c: _take(v, np.flatnonzero(keep)) for c, v in columns.items()}
            data: dict[str, pd.Series] = {}
            for column in spec.columns:
                values = columns[column.name]
                if column.kind == "enum":
                    data[column.name] = values.categorical(enum_dtype(column))
                elif column.kind == "period":
                    order = sorted(values.vocab, key=period_sort_key)
                    data[column.name] = values.categorical(pd.CategoricalDtype(order))
                elif isinstance(values, _Coded):
                    data[column.name] = values.text()
                elif isinstance(values, pa.Array):
                    data[column.name] = pd.Series(values, dtype="str")
                else:
                    data[column.name] = pd.Series(values)
            out[name] = pd.DataFrame(data)
        return out


def _quarter_targets(
    year: np.ndarray, how: np.ndarray, minimize: np.ndarray, scale: np.ndarray
) -> np.ndarray:
    """Quarterly targets consistent with the year's under each period aggregation.

    Flows split the year (the fourth quarter takes what rounding leaves), positions reach it
    in the fourth quarter, averages repeat it.
    """
    flow = np.round(year[:, None] * _FLOW * scale[:, None]) / scale[:, None]
    flow = np.column_stack([flow, year - flow.sum(axis=1)])
    ramp = np.where(minimize[:, None], _RAMP_DOWN, _RAMP_UP)
    last = np.round(year[:, None] * ramp * scale[:, None]) / scale[:, None]
    last[:, 3] = year
    flat = np.repeat(year[:, None], 4, axis=1)
    out: np.ndarray = np.select(
        [how[:, None] == _FLOW_SUM, how[:, None] == _FLOW_LAST], [flow, last], default=flat
    )
    return out


def _realised(
    target: np.ndarray,
    perf: np.ndarray,
    minimize: np.ndarray,
    scale: np.ndarray,
    capped: np.ndarray,
) -> np.ndarray:
    """Realisations whose achievement is about ``perf`` × 100, rounded like their targets."""
    value = target * np.where(minimize, 2 - perf, perf)
    value = np.round(value * scale) / scale
    out: np.ndarray = np.where(capped, np.minimum(value, 100.0), value)
    return out


# --------------------------------------------------------------------------- defects


def _no_defects() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype="str") for c in _DEFECT_COLUMNS})


class _Pool:
    """Subjects handed out at most once, in a random order fixed up front."""

    def __init__(self, rng: np.random.Generator, size: int) -> None:
        self.order = rng.permutation(size)
        self.used = np.zeros(size, dtype=bool)

    def take(self, count: int, suitable: np.ndarray | None = None) -> np.ndarray:
        """Up to ``count`` unused subjects among the ``suitable`` ones (all by default)."""
        free = ~self.used[self.order]
        if suitable is not None:
            free &= suitable[self.order]
        chosen: np.ndarray = self.order[free][:count]
        self.used[chosen] = True
        return chosen


class _Defects:
    """Injects defects into a build and collects the findings they must give.

    Subjects come from pools, so no two defects share one: leaf indicators (the employees'),
    RHK goals, employees and pengawas units; for the value defects only leaves whose figures
    count in no parent's sum or mean (``free``), so that nothing above them changes.
    """

    def __init__(self, build: _Build, rng: np.random.Generator) -> None:
        self.b = b = build
        self.rng = rng
        self.rows: list[tuple[str, str, np.ndarray, object]] = []
        self.leaf_rows = np.arange(b.ind_start[_RHK_L], b.ind_start[_RHK_L + 1])
        self.leaves = _Pool(rng, len(self.leaf_rows))
        parent_how = b.aggregation[b.ind_parent[self.leaf_rows]]
        self.carrier = b.carrier[self.leaf_rows]
        self.free = ~self.carrier | (parent_how == _NONE)
        self.summed = self.carrier & (parent_how == _SUM)
        self.added_up = self.carrier & (parent_how != _NONE)
        self.rhk = np.arange(b.goal_start[_RHK_L], b.goal_start[_RHK_L + 1])
        self.goals = _Pool(rng, len(self.rhk))
        self.employees = _Pool(rng, len(b.emp_row))
        self.pengawas = _Pool(rng, len(b.pgw_row))
        self.parents_used = np.zeros(len(b.ind_parent), dtype=bool)

    def frame(self) -> pd.DataFrame:
        """The expected findings, one row each, in the order of :data:`DEFECT_CHECKS`."""
        parts = []
        for check, kind, ids, description in self.rows:
            n = len(ids)
            text = description if isinstance(description, np.ndarray) else [description] * n
            parts.append(
                pd.DataFrame(
                    {
                        "check": [check] * n,
                        "subject_kind": [kind] * n,
                        "subject_id": ids,
                        "description": text,
                    },
                    dtype="str",
                )
            )
        return pd.concat(parts, ignore_index=True) if parts else _no_defects()

    # ---------------------------------------------------------------- helpers

    def found(self, check: str, kind: str, ids: np.ndarray, description: object) -> None:
        if len(ids):
            self.rows.append((check, kind, ids, description))

    def ids(self, table: str, column: str, rows: np.ndarray) -> np.ndarray:
        """Ids of a table at ``rows``, as an object array."""
        values = self.b.tables[table][column].take(rows)
        return _words(values.to_numpy(zero_copy_only=False))

    def indicator_ids(self, rows: np.ndarray) -> np.ndarray:
        return self.ids("indicators", "indicator_id", rows)

    def goal_ids(self, rows: np.ndarray) -> np.ndarray:
        return self.ids("goals", "goal_id", rows)

    def unit_ids(self, rows: np.ndarray) -> np.ndarray:
        return self.ids("units", "unit_id", rows)

    def value_rows(self, indicators: np.ndarray) -> np.ndarray:
        """Rows of ``targets`` (and of ``realisations``) of the indicators."""
        per = len(self.b.period_names)
        out: np.ndarray = (indicators[:, None] * per + np.arange(per)).ravel()
        return out

    def first_year_rows(self, indicators: np.ndarray) -> np.ndarray:
        """Rows of the indicators' targets (and realisations) for the first year."""
        out: np.ndarray = indicators * len(self.b.period_names)
        return out

    def leaf(self, count: int, suitable: np.ndarray | None = None) -> np.ndarray:
        """Rows of unused leaf indicators."""
        out: np.ndarray = self.leaf_rows[self.leaves.take(count, suitable)]
        return out

    def first_indicator(self, goals: np.ndarray) -> np.ndarray:
        return self.indicator_ids(self.b.goal_first_indicator[goals])

    def add_goals(
        self, owners: np.ndarray, ids: np.ndarray, parents: np.ndarray | None, kind: str
    ) -> None:
        """New goals of the owners (unit rows) under the parents (goal rows, or none)."""
        self.b.append(
            "goals",
            {
                "goal_id": ids,
                "unit_id": self.unit_ids(owners),
                "parent_goal_id": None if parents is None else self.goal_ids(parents),
                "statement": "Terlaksananya tugas tambahan",
                "kind": kind,
                "crosscutting": np.zeros(len(ids), dtype=bool),
            },
        )

    def add_indicators(
        self,
        goal_ids: np.ndarray,
        ids: np.ndarray,
        *,
        parents: np.ndarray | None = None,
        role: str = "carrier",
    ) -> None:
        """New indicators of these goals (in dokumen), each with a target of 10 reached."""
        n, b = len(ids), self.b
        b.append(
            "indicators",
            {
                "indicator_id": ids,
                "goal_id": goal_ids,
                "parent_indicator_id": parents,
                "name": "Jumlah laporan tambahan yang tersusun",
                "measure_unit": "dokumen",
                "polarity": "maximize",
                "aggregation": "none",
                "period_aggregation": "last",
                "role": role,
                "weight": np.ones(n),
                "key": np.zeros(n, dtype=bool),
            },
        )
        per = len(b.period_names)
        rows = {"indicator_id": np.repeat(ids, per), "period": np.tile(b.period_names, n)}
        b.append("targets", {**rows, "target": np.full(n * per, 10.0)})
        b.append("realisations", {**rows, "value": np.full(n * per, 10.0)})

    # ------------------------------------------------------------- the defects

    def orphan_indicator(self, count: int) -> None:
        goals = self.goal_ids(self.rhk[self.goals.take(count)])
        ids = goals + "-I3"
        self.add_indicators(goals, ids)
        self.found(
            "orphan-indicator",
            "indicator",
            ids,
            "A third indicator is added to an employee's RHK without a parent indicator, "
            "although the RHK cascades from a sub kegiatan goal.",
        )

    def missing_target(self, count: int) -> None:
        rows = self.leaf(count, self.free)
        self.b.drop("targets", self.value_rows(rows))
        self.found(
            "missing-target",
            "indicator",
            self.indicator_ids(rows),
            "Every target of the indicator is removed; its realisations remain.",
        )

    def dangling_reference(self, count: int) -> None:
        picked = self.rng.choice(len(self.leaf_rows), min(count, len(self.leaf_rows)), False)
        ghosts = self.indicator_ids(self.leaf_rows[picked]) + "-X"
        half = np.arange(len(ghosts)) % 2 == 0
        rows = {"period": self.b.period_names[0]}
        self.b.append("targets", {**rows, "indicator_id": ghosts[half], "target": 10.0})
        self.b.append("realisations", {**rows, "indicator_id": ghosts[~half], "value": 10.0})
        what = np.where(half, "A target", "A realisation")
        self.found(
            "dangling-reference",
            "indicator",
            ghosts,
            what + " is given for an indicator id that does not exist.",
        )

    def missing_metadata(self, count: int) -> None:
        what = np.arange(count) % 4
        rows = self.leaf(int((what < 2).sum()))
        no_unit = what[what < 2] == 0
        indicators = self.b.tables["indicators"]
        indicators["measure_unit"].set(rows[no_unit], None)
        indicators["name"].set(rows[~no_unit], None)
        goals = self.rhk[self.goals.take(int((what == 2).sum()))]
        self.b.tables["goals"]["statement"].set(goals, None)
        units = self.b.emp_row[self.employees.take(int((what == 3).sum()))]
        self.b.tables["units"]["name"].set(units, None)
        self.found(
            "missing-metadata",
            "indicator",
            self.indicator_ids(rows),
            "The " + np.where(no_unit, "measure unit (satuan)", "name") + " of the indicator "
            "is left blank.",
        )
        self.found(
            "missing-metadata", "goal", self.goal_ids(goals), "The RHK's statement is blank."
        )
        self.found("missing-metadata", "unit", self.unit_ids(units), "The name is left blank.")

    def zero_target(self, count: int) -> None:
        rows = self.leaf(count, self.free)
        where = self.value_rows(rows)
        self.b.tables["targets"]["target"][where] = 0.0
        self.b.tables["realisations"]["value"][where] = 0.0
        self.found(
            "zero-target",
            "indicator",
            self.indicator_ids(rows),
            "Every target of the indicator is 0, and so is its realisation (the achievement "
            "is then 100).",
        )

    def polarity_mismatch(self, count: int) -> None:
        rows = self.leaf(count, self.carrier)
        polarity = self.b.tables["indicators"]["polarity"]
        flipped = np.where(polarity.words(rows) == "maximize", "minimize", "maximize")
        polarity.set(rows, flipped)
        self.found(
            "polarity-mismatch",
            "indicator",
            self.indicator_ids(rows),
            "The polarity of a carrier is reversed, so it is not its parent's.",
        )

    def unit_mismatch(self, count: int) -> None:
        rows = self.leaf(count, self.added_up)
        unit = self.b.tables["indicators"]["measure_unit"]
        old = unit.words(rows)
        unit.set(rows, np.where(old == "orang", "jiwa", np.where(old == "persen", "poin", "buah")))
        self.found(
            "unit-mismatch",
            "indicator",
            self.indicator_ids(rows),
            "A carrier of a summing or averaging parent is measured in another unit.",
        )

    def orphan_goal(self, count: int) -> None:
        half = (count + 1) // 2
        owners = self.b.emp_row[self.employees.take(half)]
        ids = self.unit_ids(owners) + "-RHK4"
        self.add_goals(owners, ids, None, "rencana_hasil_kerja")
        self.add_indicators(ids, ids + "-I1")
        self.found(
            "orphan-goal", "goal", ids, "An RHK is added for an employee without a parent goal."
        )
        owners = self.b.pgw_row[self.pengawas.take(count - half)]
        ids = self.unit_ids(owners) + "-SK2"
        self.add_goals(owners, ids, None, "sasaran_subkegiatan")
        self.add_indicators(ids, ids + "-I1", role="own")
        for year in self.b.years:
            self.b.append(
                "budgets",
                {"goal_id": ids, "period": year, "allocated": 150e6, "spent": 120e6},
            )
        text = "A sub kegiatan with a budget is added for a pengawas unit without a parent goal."
        self.found("orphan-goal", "goal", ids, text)
        self.found("budget-orphan", "goal", ids, text + " Its budget reaches no pemda goal.")

    def duplicate_id(self, count: int) -> None:
        what = np.arange(count) % 3
        units = self.b.emp_row[self.employees.take(int((what == 0).sum()))]
        goals = self.rhk[self.goals.take(int((what == 1).sum()))]
        rows = self.leaf(int((what == 2).sum()))
        for table, picked in (("units", units), ("goals", goals), ("indicators", rows)):
            if len(picked):
                columns = self.b.tables[table].items()
                self.b.append(table, {k: _take(v, picked) for k, v in columns})
        text = "The row is repeated at the end of its table."
        self.found("duplicate-id", "unit", self.unit_ids(units), text)
        self.found("duplicate-id", "goal", self.goal_ids(goals), text)
        self.found("duplicate-id", "indicator", self.indicator_ids(rows), text)

    def missing_indicator(self, count: int) -> None:
        employees = self.employees.take(count)
        owners = self.b.emp_row[employees]
        ids = self.unit_ids(owners) + "-RHK4"
        subkegiatan = self.b.goal_start[_SUBKEG] + self.b.emp_pgw[employees]
        self.add_goals(owners, ids, subkegiatan, "rencana_hasil_kerja")
        self.found(
            "missing-indicator",
            "goal",
            ids,
            "An RHK is added for an employee, under their sub kegiatan, without any indicator.",
        )

    def invalid_value(self, count: int) -> None:
        rows = self.leaf(count, self.free)
        self.b.tables["realisations"]["value"][self.first_year_rows(rows)] = np.inf
        self.found(
            "invalid-value",
            "indicator",
            self.indicator_ids(rows),
            "The first year's realisation of the indicator is infinite (a spreadsheet "
            "division by zero).",
        )

    def not_cascaded(self, count: int) -> None:
        goals = self.b.goal_start[_SUBKEG] + self.pengawas.take(count, self.b.per_pgw > 0)
        ids = self.goal_ids(goals) + "-I3"
        parents = self.first_indicator(self.b.goal_parent[goals])
        self.add_indicators(self.goal_ids(goals), ids, parents=parents, role="supporting")
        self.found(
            "not-cascaded",
            "indicator",
            ids,
            "An indicator is added to the sub kegiatan goal of a pengawas unit with staff, "
            "and no employee's indicator cascades from it.",
        )

    def level_skip(self, count: int) -> None:
        employees = self.employees.take(count)
        owners = self.b.emp_row[employees]
        program = self.b.goal_start[_PROGRAM] + self.b.emp_agency[employees]
        ids = self.unit_ids(owners) + "-RHK4"
        self.add_goals(owners, ids, program, "rencana_hasil_kerja")
        parents = self.first_indicator(program)
        self.add_indicators(ids, ids + "-I1", parents=parents, role="supporting")
        self.found(
            "level-skip",
            "goal",
            ids,
            "An RHK is added for an employee directly under the agency's program goal, "
            "skipping the administrator and pengawas units.",
        )

    def owner_misaligned(self, count: int) -> None:
        employees = self.employees.take(count)
        owners = self.b.emp_row[employees]
        mine = self.b.emp_pgw[employees]
        agency = self.b.pgw_agency[mine]
        first = np.searchsorted(self.b.pgw_agency, agency)
        size = np.bincount(self.b.pgw_agency)[agency]
        other = first + (mine - first + 1) % size  # the next pengawas unit of the agency
        subkegiatan = self.b.goal_start[_SUBKEG] + other
        ids = self.unit_ids(owners) + "-RHK4"
        self.add_goals(owners, ids, subkegiatan, "rencana_hasil_kerja")
        parents = self.first_indicator(subkegiatan)
        self.add_indicators(ids, ids + "-I1", parents=parents, role="supporting")
        self.found(
            "owner-misaligned",
            "goal",
            ids,
            "An RHK is added for an employee under the sub kegiatan goal of another pengawas "
            "unit than their own.",
        )

    def indicator_goal_mismatch(self, count: int) -> None:
        goals = self.rhk[self.goals.take(count)]
        kegiatan = self.b.goal_parent[self.b.goal_parent[goals]]
        ids = self.goal_ids(goals) + "-I3"
        parents = self.first_indicator(kegiatan)
        self.add_indicators(self.goal_ids(goals), ids, parents=parents, role="supporting")
        self.found(
            "indicator-goal-mismatch",
            "indicator",
            ids,
            "An indicator is added to an RHK that cascades from an indicator of the kegiatan "
            "goal, not of the RHK's parent sub kegiatan goal.",
        )

    def kind_level_mismatch(self, count: int) -> None:
        goals = self.rhk[self.goals.take(count)]
        self.b.tables["goals"]["kind"].set(goals, "sasaran_subkegiatan")
        self.found(
            "kind-level-mismatch",
            "goal",
            self.goal_ids(goals),
            "An employee's RHK is typed sasaran_subkegiatan.",
        )

    def key_indicator_not_strategic(self, count: int) -> None:
        rows = self.leaf(count)
        self.b.tables["indicators"]["key"][rows] = True
        self.found(
            "key-indicator-not-strategic",
            "indicator",
            self.indicator_ids(rows),
            "An RHK indicator is marked as a key indicator (IKU).",
        )

    def _one_per_parent(self, count: int, suitable: np.ndarray) -> np.ndarray:
        """Unused leaves whose parents differ from each other and from earlier picks."""
        parent = self.b.ind_parent[self.leaf_rows]
        order = self.leaves.order
        order = order[
            suitable[order] & ~self.leaves.used[order] & ~self.parents_used[parent[order]]
        ]
        _, first = np.unique(parent[order], return_index=True)
        chosen = order[np.sort(first)][:count]
        self.leaves.used[chosen] = True
        self.parents_used[parent[chosen]] = True
        out: np.ndarray = self.leaf_rows[chosen]
        return out

    def target_split_mismatch(self, count: int) -> None:
        rows = self._one_per_parent(count, self.summed)
        parents = self.b.ind_parent[rows]
        target = self.b.tables["targets"]["target"]
        target[self.first_year_rows(rows)] += np.ceil(0.1 * self.b.target_grid[parents, 0]) + 1
        self.found(
            "target-split-mismatch",
            "indicator",
            self.indicator_ids(parents),
            "The first year's target of one of its carrier children is raised by a tenth of "
            "its own, so they no longer add up to it.",
        )

    def realisation_mismatch(self, count: int) -> None:
        rows = self._one_per_parent(count, self.added_up)
        parents = self.b.ind_parent[rows]
        spread = np.where(self.b.aggregation[parents] == _MEAN, self.b.carried[parents], 1)
        value = self.b.tables["realisations"]["value"]
        shift = np.ceil(0.1 * np.abs(self.b.real_grid[parents, 0]) * spread) + 1
        value[self.first_year_rows(rows)] += shift
        self.found(
            "realisation-mismatch",
            "indicator",
            self.indicator_ids(parents),
            "The first year's realisation of one of its carrier children is raised, so its "
            "reported realisation is a tenth off what the children give.",
        )

    def overspent_budget(self, count: int) -> None:
        pengawas = self.pengawas.take(count)
        b = self.b
        lines = b.agencies + len(b.adm_agency) + pengawas  # their first year's lines
        budgets = b.tables["budgets"]
        budgets["spent"][lines] = budgets["allocated"][lines] * 1.1
        self.found(
            "overspent-budget",
            "goal",
            self.goal_ids(b.goal_start[_SUBKEG] + pengawas),
            "The first year's spending on the sub kegiatan is 110 % of its pagu.",
        )


def _inject(build: _Build, rng: np.random.Generator, rate: float) -> pd.DataFrame:
    """Inject about ``rate`` × (indicators) defects; the findings they must give."""
    total = max(1, round(rate * len(build.ind_goal)))
    share, extra = divmod(total, len(DEFECT_CHECKS))
    defects = _Defects(build, rng)
    for k, check in enumerate(DEFECT_CHECKS):
        count = share + (k < extra)
        if count:
            getattr(defects, check.replace("-", "_"))(count)
    return defects.frame()
