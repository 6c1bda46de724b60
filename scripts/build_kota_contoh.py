"""Build the bundled example city, Kota Contoh, as a folder of CSV files.

Kota Contoh is a fictional city. This script is the source of its data: the six CSV files in
``src/cascade/datasets/kota_contoh/`` are its output and are committed, and running it again
reproduces them byte for byte (nothing here depends on the clock, the machine or a random
seed)::

    .venv/bin/python scripts/build_kota_contoh.py          # write the files
    .venv/bin/python scripts/build_kota_contoh.py --check  # fail if they are out of date

How the city is written down
----------------------------
Owners
    The pemda ``PEMKO`` and its perangkat daerah (:class:`Agency`). An agency has
    administrator units (:class:`Division`: the sekretariat, bidang, kelurahan), each with
    pengawas units (:class:`Section`: subbagian, seksi, subbidang) and their employees
    (:class:`Staff`, pelaksana). Ids are built from the codes: ``DINKES``, ``DINKES-P2P``,
    ``DINKES-P2P-SURIM``, ``DINKES-P2P-SURIM-1``; a fungsional placed directly under a bidang
    would be ``<division id>-JF<n>``.
Goals
    Written as a tree with :func:`tujuan`, :func:`sasaran`, :func:`program`,
    :func:`kegiatan`, :func:`subkegiatan` and :func:`rhk`. An agency's top goals name the
    goal they support (``parent="PEMKO-SS1.1"``). Ids come from the position in the tree:
    ``DINKES-T1``, ``DINKES-SS1``, ``DINKES-P2`` (programs are numbered per agency),
    ``DINKES-K2.1`` (first kegiatan of program 2), ``DINKES-SK2.1.1``, ``DINKES-RHK2.1.1.1``;
    an RHK directly under a kegiatan would be ``<kegiatan>.J<n>``. Pemda sasaran are
    ``PEMKO-SS<tujuan>.<n>``.
Indicators
    :class:`Ind`, with a short ``key`` unique within its goal; ``parent`` is the key of an
    indicator of the parent goal. Ids are ``<goal id>-I<n>``. The role is ``carrier`` when
    the parent aggregates and ``supporting`` when it does not, unless stated.
Targets
    ``target`` (and ``upper`` for a range) is the 2024 target. ``quarters`` adds 2024Q1-Q4
    targets: ``flow`` splits the year over the quarters (they sum to it), ``cum`` grows to
    it (25, 50, 75, 100 %), ``flat`` repeats it. An aggregating indicator given no target
    takes its carrier children's, combined by its aggregation, period by period; a ``sum``
    indicator given one is checked against them.
Realisations
    ``real`` gives them explicitly; otherwise they are generated from the target and the
    agency's typical achievement (``performance``) with a deterministic jitter taken from
    the CRC32 of the indicator id and period. Quarterly values make the annual one through
    the indicator's ``period_aggregation``. An aggregating indicator reports exactly its
    derived value (``report``, default for ``sum``, ``min`` and ``max``) or nothing.
    ``data="none"`` leaves an indicator without realisation ("no data"), ``data="annual"``
    without quarterly realisations.
Budgets
    Each sub kegiatan has a pagu (``pagu``, in juta rupiah); a kegiatan's is the sum of its
    sub kegiatan and a program's the sum of its kegiatan. Spending follows the agency's
    typical absorption.
"""

from __future__ import annotations

import argparse
import csv
import functools
import io
import math
import re
import sys
import zlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from cascade.schema import TABLES

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "cascade" / "datasets" / "kota_contoh"

YEAR = "2024"
QUARTERS = tuple(f"{YEAR}Q{q}" for q in range(1, 5))
PERIODS = (YEAR, *QUARTERS)

MAX, MIN, STAB = "maximize", "minimize", "stabilize"
SUM, MEAN, WMEAN, LOWEST, HIGHEST, NONE = "sum", "mean", "weighted_mean", "min", "max", "none"
LAST = "last"

#: Extra columns, after the core columns of each table.
EXTRA_COLUMNS: dict[str, tuple[str, ...]] = {
    "units": ("jabatan", "nip"),
    "goals": ("keterangan",),
    "indicators": ("sumber_data",),
}
#: Units whose values are whole numbers.
COUNT_UNITS = frozenset(
    {
        "berkas",
        "dokumen",
        "inovasi",
        "kali",
        "kelurahan",
        "keluarga",
        "laporan",
        "layanan",
        "meter",
        "orang",
        "paket",
        "pasar",
        "perangkat daerah",
        "perusahaan",
        "pos",
        "rekomendasi",
        "ruang",
        "sekolah",
        "unit",
        "unit usaha",
    }
)
#: How a ``flow`` target is spread over the quarters.
FLOW_SHARES = (0.2, 0.25, 0.25, 0.3)
#: How a ``cum`` target grows over the quarters.
CUM_SHARES = (0.25, 0.5, 0.75, 1.0)

# --------------------------------------------------------------------------- the notation


@dataclass(frozen=True)
class Ind:
    """An indicator of a goal; see the module docstring for the fields."""

    key: str
    name: str
    unit: str
    parent: str | None = None
    polarity: str = MAX
    aggregation: str = NONE
    period_aggregation: str = LAST
    target: float | None = None
    upper: float | None = None
    quarters: Literal["flow", "cum", "flat"] | None = None
    role: str | None = None
    weight: float = 1.0
    iku: bool = False
    source: str | None = None
    real: float | Mapping[str, float] | None = None
    data: Literal["full", "annual", "none"] = "full"
    report: bool | None = None


@dataclass(frozen=True)
class Goal:
    """A goal with its indicators and the goals that cascade from it."""

    kind: str
    owner: str
    statement: str
    indicators: tuple[Ind, ...]
    children: tuple[Goal, ...] = ()
    parent: str | None = None
    crosscutting: bool = False
    note: str | None = None
    pagu: float | None = None


def goal(
    kind: str,
    owner: str,
    statement: str,
    *indicators: Ind,
    sub: Iterable[Goal] = (),
    parent: str | None = None,
    crosscutting: bool = False,
    note: str | None = None,
    pagu: float | None = None,
) -> Goal:
    """A goal of ``kind`` owned by ``owner`` (relative to the agency; ``""`` is its head)."""
    return Goal(kind, owner, statement, indicators, tuple(sub), parent, crosscutting, note, pagu)


tujuan = functools.partial(goal, "tujuan")
sasaran = functools.partial(goal, "sasaran_strategis")
program = functools.partial(goal, "sasaran_program")
kegiatan = functools.partial(goal, "sasaran_kegiatan")
subkegiatan = functools.partial(goal, "sasaran_subkegiatan")
rhk = functools.partial(goal, "rencana_hasil_kerja")


@dataclass(frozen=True)
class Staff:
    """An employee (pelaksana): name, gender (L or P, for the NIP) and position."""

    name: str
    gender: Literal["L", "P"]
    jabatan: str


@dataclass(frozen=True)
class Section:
    """A pengawas unit (subbagian, seksi, subbidang) and its staff."""

    code: str
    name: str
    staff: tuple[Staff, ...]


@dataclass(frozen=True)
class Division:
    """An administrator unit (sekretariat, bidang, kelurahan)."""

    code: str
    name: str
    jabatan: str
    sections: tuple[Section, ...]
    fungsional: tuple[Staff, ...] = ()


@dataclass(frozen=True)
class Agency:
    """A perangkat daerah: its units, its goals and how well it does in 2024."""

    code: str
    name: str
    jabatan: str
    performance: float
    absorption: float
    divisions: tuple[Division, ...]
    goals: tuple[Goal, ...]


def section(code: str, name: str, *staff: Staff) -> Section:
    """A pengawas unit."""
    return Section(code, name, staff)


def sekretariat(
    perencanaan: tuple[Staff, Staff], umum: Staff, *, name: str = "Sekretariat"
) -> Division:
    """The sekretariat every agency has, with its two subbagian."""
    return Division(
        "SEKRE",
        name,
        "Sekretaris Camat" if name == "Sekretariat Kecamatan" else "Sekretaris",
        (
            section("PK", "Subbagian Perencanaan dan Keuangan", *perencanaan),
            section("UK", "Subbagian Umum dan Kepegawaian", umum),
        ),
    )


def penunjang(
    name: str,
    akip: float,
    *,
    dokumen: int = 8,
    laporan: int = 14,
    layanan: int = 480,
    berkas: int = 210,
    adm: float = 95,
    pagu: tuple[float, float] = (620, 3850),
) -> Goal:
    """The governance branch every agency has, supporting the pemda's SAKIP sasaran."""
    return sasaran(
        "",
        f"Meningkatnya akuntabilitas kinerja {name}",
        Ind(
            "akip",
            f"Nilai evaluasi AKIP {name}",
            "nilai",
            parent="akip",
            target=akip,
            iku=True,
            source="LHE AKIP Inspektorat Kota Contoh",
        ),
        parent="PEMKO-SS4.1",
        note="Sasaran penunjang: mendukung sasaran RPJMD tentang akuntabilitas kinerja",
        sub=[
            program(
                "",
                f"Meningkatnya kualitas layanan penunjang urusan pemerintahan {name}",
                Ind(
                    "penunjang",
                    "Persentase capaian layanan penunjang urusan perangkat daerah",
                    "persen",
                    parent="akip",
                    aggregation=WMEAN,
                ),
                sub=[
                    kegiatan(
                        "SEKRE",
                        "Meningkatnya kualitas perencanaan, keuangan dan administrasi umum "
                        "perangkat daerah",
                        Ind(
                            "dokumen",
                            "Persentase dokumen perencanaan, keuangan dan laporan kinerja "
                            "yang disusun tepat waktu",
                            "persen",
                            parent="penunjang",
                            target=100,
                            quarters="flat",
                            weight=0.6,
                        ),
                        Ind(
                            "adm",
                            "Persentase layanan administrasi umum dan kepegawaian yang "
                            "diselesaikan sesuai standar",
                            "persen",
                            parent="penunjang",
                            target=adm,
                            quarters="flat",
                            weight=0.4,
                        ),
                        sub=[
                            subkegiatan(
                                "SEKRE-PK",
                                "Tersusunnya dokumen perencanaan, penganggaran, keuangan dan "
                                "laporan kinerja",
                                Ind(
                                    "dokumen",
                                    "Jumlah dokumen perencanaan, keuangan dan laporan kinerja "
                                    "yang disusun",
                                    "dokumen",
                                    parent="dokumen",
                                    aggregation=SUM,
                                    period_aggregation=SUM,
                                ),
                                pagu=pagu[0],
                                sub=[
                                    rhk(
                                        "SEKRE-PK-1",
                                        "Tersusunnya dokumen perencanaan dan laporan kinerja "
                                        "perangkat daerah",
                                        Ind(
                                            "perencanaan",
                                            "Jumlah dokumen perencanaan dan laporan kinerja "
                                            "yang disusun",
                                            "dokumen",
                                            parent="dokumen",
                                            period_aggregation=SUM,
                                            target=dokumen,
                                            quarters="flow",
                                        ),
                                    ),
                                    rhk(
                                        "SEKRE-PK-2",
                                        "Tersusunnya laporan keuangan perangkat daerah",
                                        Ind(
                                            "keuangan",
                                            "Jumlah laporan keuangan yang disusun",
                                            "dokumen",
                                            parent="dokumen",
                                            period_aggregation=SUM,
                                            target=laporan,
                                            quarters="flow",
                                        ),
                                    ),
                                ],
                            ),
                            subkegiatan(
                                "SEKRE-UK",
                                "Terselenggaranya layanan administrasi umum, kepegawaian dan "
                                "barang milik daerah",
                                Ind(
                                    "layanan",
                                    "Jumlah layanan administrasi umum dan kepegawaian yang "
                                    "diselesaikan",
                                    "layanan",
                                    parent="adm",
                                    period_aggregation=SUM,
                                    target=layanan,
                                    quarters="flow",
                                ),
                                pagu=pagu[1],
                                sub=[
                                    rhk(
                                        "SEKRE-UK-1",
                                        "Terprosesnya usulan layanan kepegawaian tepat waktu",
                                        Ind(
                                            "berkas",
                                            "Jumlah usulan layanan kepegawaian yang diproses",
                                            "berkas",
                                            parent="layanan",
                                            period_aggregation=SUM,
                                            target=berkas,
                                            quarters="flow",
                                        ),
                                    ),
                                ],
                            ),
                        ],
                    ),
                ],
            ),
        ],
    )


# --------------------------------------------------------------------------- the city

PEMDA_GOALS = (
    tujuan(
        "",
        "Meningkatnya kualitas sumber daya manusia yang sehat, cerdas dan berdaya saing",
        Ind(
            "ipm",
            "Indeks Pembangunan Manusia (IPM)",
            "indeks",
            target=78.45,
            real=78.61,
            iku=True,
            source="BPS Kota Contoh",
        ),
        note="Tujuan RPJMD Kota Contoh 2021-2026",
        sub=[
            sasaran(
                "",
                "Meningkatnya derajat kesehatan masyarakat",
                Ind(
                    "ahh",
                    "Angka Harapan Hidup (AHH)",
                    "tahun",
                    parent="ipm",
                    target=74.1,
                    real=74.18,
                    iku=True,
                    source="BPS Kota Contoh",
                ),
                Ind(
                    "stunting",
                    "Prevalensi balita stunting",
                    "persen",
                    parent="ipm",
                    polarity=MIN,
                    target=14.5,
                    real=15.2,
                    iku=True,
                    source="Survei Kesehatan Indonesia (SKI)",
                ),
            ),
            sasaran(
                "",
                "Meningkatnya kualitas dan pemerataan pendidikan",
                Ind(
                    "rls",
                    "Rata-rata Lama Sekolah (RLS)",
                    "tahun",
                    parent="ipm",
                    target=11.32,
                    real=11.35,
                    iku=True,
                    source="BPS Kota Contoh",
                ),
                Ind(
                    "hls",
                    "Harapan Lama Sekolah (HLS)",
                    "tahun",
                    parent="ipm",
                    target=14.25,
                    real=14.27,
                    source="BPS Kota Contoh",
                ),
            ),
        ],
    ),
    tujuan(
        "",
        "Meningkatnya kesejahteraan ekonomi masyarakat yang inklusif",
        Ind(
            "pe",
            "Laju pertumbuhan ekonomi",
            "persen",
            target=5.6,
            real=5.12,
            iku=True,
            source="BPS Kota Contoh",
        ),
        note="Tujuan RPJMD Kota Contoh 2021-2026",
        sub=[
            sasaran(
                "",
                "Menurunnya tingkat kemiskinan",
                Ind(
                    "kemiskinan",
                    "Angka kemiskinan (persentase penduduk miskin)",
                    "persen",
                    parent="pe",
                    polarity=MIN,
                    target=6.85,
                    real=6.92,
                    iku=True,
                    source="BPS Kota Contoh",
                ),
            ),
            sasaran(
                "",
                "Meningkatnya kesempatan kerja",
                Ind(
                    "tpt",
                    "Tingkat Pengangguran Terbuka (TPT)",
                    "persen",
                    parent="pe",
                    polarity=MIN,
                    target=6.2,
                    real=6.55,
                    iku=True,
                    source="BPS Kota Contoh (Sakernas Agustus)",
                ),
            ),
            sasaran(
                "",
                "Terkendalinya inflasi daerah",
                Ind(
                    "inflasi",
                    "Laju inflasi (year on year)",
                    "persen",
                    parent="pe",
                    polarity=STAB,
                    target=2,
                    upper=4,
                    quarters="flat",
                    real={"2024Q1": 3.12, "2024Q2": 2.94, "2024Q3": 2.21, "2024Q4": 2.78},
                    iku=True,
                    source="BPS Kota Contoh",
                ),
            ),
        ],
    ),
    tujuan(
        "",
        "Meningkatnya kualitas lingkungan permukiman, infrastruktur dan ketangguhan kota",
        Ind(
            "iklh",
            "Indeks Kualitas Lingkungan Hidup (IKLH)",
            "indeks",
            target=68.5,
            data="none",
            iku=True,
            source="Kementerian Lingkungan Hidup",
        ),
        note="Tujuan RPJMD Kota Contoh 2021-2026; IKLH 2024 belum dirilis",
        sub=[
            sasaran(
                "",
                "Meningkatnya kualitas infrastruktur jalan dan drainase",
                Ind(
                    "jalan",
                    "Persentase panjang jalan kota dalam kondisi mantap",
                    "persen",
                    parent="iklh",
                    target=88.5,
                    real=82.1,
                    iku=True,
                    source="Dinas Pekerjaan Umum dan Penataan Ruang",
                ),
                Ind(
                    "genangan",
                    "Luas genangan di kawasan permukiman",
                    "hektar",
                    parent="iklh",
                    polarity=MIN,
                    target=42,
                    real=51.3,
                    source="Dinas Pekerjaan Umum dan Penataan Ruang",
                ),
            ),
            sasaran(
                "",
                "Meningkatnya ketangguhan kota terhadap bencana",
                Ind(
                    "irb",
                    "Indeks Risiko Bencana (IRB)",
                    "indeks",
                    parent="iklh",
                    polarity=MIN,
                    target=128.4,
                    real=126.9,
                    iku=True,
                    source="BNPB (InaRISK)",
                ),
            ),
        ],
    ),
    tujuan(
        "",
        "Terwujudnya tata kelola pemerintahan yang baik dan pelayanan publik yang prima",
        Ind(
            "rb",
            "Indeks Reformasi Birokrasi",
            "indeks",
            target=72,
            real=70.35,
            iku=True,
            source="Kementerian PANRB",
        ),
        note="Tujuan RPJMD Kota Contoh 2021-2026",
        sub=[
            sasaran(
                "",
                "Meningkatnya akuntabilitas kinerja pemerintah kota",
                Ind(
                    "sakip",
                    "Nilai SAKIP Pemerintah Kota Contoh",
                    "nilai",
                    parent="rb",
                    target=75,
                    real=73.8,
                    iku=True,
                    source="LHE SAKIP Kementerian PANRB",
                ),
                Ind(
                    "akip",
                    "Rata-rata nilai evaluasi AKIP perangkat daerah",
                    "nilai",
                    parent="rb",
                    aggregation=MEAN,
                    source="LHE AKIP Inspektorat Kota Contoh",
                ),
            ),
            sasaran(
                "",
                "Meningkatnya kualitas pelayanan publik",
                Ind(
                    "ikm",
                    "Indeks Kepuasan Masyarakat (IKM) atas pelayanan publik",
                    "indeks",
                    parent="rb",
                    target=85,
                    real=86.2,
                    iku=True,
                    source="Survei Kepuasan Masyarakat",
                ),
            ),
        ],
    ),
)


def dinkes() -> Agency:
    """Dinas Kesehatan: the reference agency, on target, with the deliberate level skip."""
    divisions = (
        sekretariat(
            (
                Staff("Siti Rahmawati", "P", "Perencana Ahli Pertama"),
                Staff("Agus Setiawan", "L", "Analis Keuangan Pusat dan Daerah Ahli Pertama"),
            ),
            Staff("Dewi Lestari", "P", "Pengadministrasi Perkantoran"),
        ),
        Division(
            "KESMAS",
            "Bidang Kesehatan Masyarakat",
            "Kepala Bidang",
            (
                section(
                    "GIZI",
                    "Seksi Kesehatan Keluarga dan Gizi",
                    Staff("Rina Marlina", "P", "Nutrisionis Ahli Pertama"),
                    Staff("Fitriani Hasibuan", "P", "Bidan Ahli Pertama"),
                ),
                section(
                    "PROMKES",
                    "Seksi Promosi dan Pemberdayaan Masyarakat",
                    Staff("Budi Santoso", "L", "Penyuluh Kesehatan Masyarakat Ahli Pertama"),
                ),
            ),
        ),
        Division(
            "P2P",
            "Bidang Pencegahan dan Pengendalian Penyakit",
            "Kepala Bidang",
            (
                section(
                    "SURIM",
                    "Seksi Surveilans dan Imunisasi",
                    Staff("Hendra Gunawan", "L", "Epidemiolog Kesehatan Ahli Pertama"),
                    Staff("Nur Aisyah", "P", "Pengelola Layanan Kesehatan"),
                    Staff("Muhammad Rizki Pratama", "L", "Epidemiolog Kesehatan Ahli Muda"),
                ),
                section(
                    "PTM",
                    "Seksi Pencegahan dan Pengendalian Penyakit Tidak Menular",
                    Staff("Yohanes Simanjuntak", "L", "Penata Kelola Layanan Kesehatan"),
                ),
            ),
        ),
    )
    kesmas = program(
        "",
        "Meningkatnya cakupan pelayanan kesehatan ibu, anak dan gizi masyarakat",
        Ind(
            "kia",
            "Persentase pelayanan kesehatan ibu dan anak sesuai standar",
            "persen",
            parent="spm",
            aggregation=MEAN,
        ),
        Ind(
            "gizi",
            "Persentase balita gizi kurang yang mendapat pemberian makanan tambahan",
            "persen",
            parent="intervensi",
            target=92,
        ),
        sub=[
            kegiatan(
                "KESMAS",
                "Meningkatnya pelayanan kesehatan keluarga, gizi dan pemberdayaan masyarakat",
                Ind(
                    "anc",
                    "Persentase ibu hamil yang mendapat pelayanan antenatal sesuai standar",
                    "persen",
                    parent="kia",
                    target=95,
                    quarters="cum",
                ),
                Ind(
                    "balita",
                    "Persentase balita yang mendapat pelayanan kesehatan sesuai standar",
                    "persen",
                    parent="kia",
                    target=90,
                    quarters="cum",
                ),
                Ind(
                    "pmt",
                    "Persentase balita gizi kurang yang mendapat PMT lokal",
                    "persen",
                    parent="gizi",
                    target=92,
                    quarters="cum",
                ),
                sub=[
                    subkegiatan(
                        "KESMAS-GIZI",
                        "Terlaksananya pelayanan kesehatan ibu hamil dan pemantauan tumbuh "
                        "kembang balita",
                        Ind(
                            "anc",
                            "Jumlah ibu hamil yang mendapat pelayanan antenatal sesuai standar",
                            "orang",
                            parent="anc",
                            aggregation=SUM,
                            period_aggregation=SUM,
                        ),
                        Ind(
                            "balita",
                            "Jumlah balita yang dipantau pertumbuhan dan perkembangannya",
                            "orang",
                            parent="balita",
                            aggregation=SUM,
                        ),
                        pagu=1250,
                        sub=[
                            rhk(
                                "KESMAS-GIZI-1",
                                "Terlaksananya pelayanan antenatal dan pemantauan balita di "
                                "wilayah Puskesmas Contoh Utara",
                                Ind(
                                    "anc",
                                    "Jumlah ibu hamil yang mendapat pelayanan antenatal di "
                                    "wilayah utara",
                                    "orang",
                                    parent="anc",
                                    period_aggregation=SUM,
                                    target=1840,
                                    quarters="flow",
                                ),
                                Ind(
                                    "balita",
                                    "Jumlah balita yang dipantau pertumbuhannya di wilayah utara",
                                    "orang",
                                    parent="balita",
                                    target=7450,
                                    quarters="flat",
                                ),
                            ),
                            rhk(
                                "KESMAS-GIZI-2",
                                "Terlaksananya pelayanan antenatal dan pemantauan balita di "
                                "wilayah Puskesmas Contoh Selatan",
                                Ind(
                                    "anc",
                                    "Jumlah ibu hamil yang mendapat pelayanan antenatal di "
                                    "wilayah selatan",
                                    "orang",
                                    parent="anc",
                                    period_aggregation=SUM,
                                    target=1620,
                                    quarters="flow",
                                ),
                                Ind(
                                    "balita",
                                    "Jumlah balita yang dipantau pertumbuhannya di wilayah "
                                    "selatan",
                                    "orang",
                                    parent="balita",
                                    target=6980,
                                    quarters="flat",
                                ),
                            ),
                        ],
                    ),
                    subkegiatan(
                        "KESMAS-PROMKES",
                        "Tersalurkannya makanan tambahan bagi balita gizi kurang",
                        Ind(
                            "pmt",
                            "Jumlah balita gizi kurang yang mendapat PMT lokal",
                            "orang",
                            parent="pmt",
                            period_aggregation=SUM,
                            target=640,
                            quarters="flow",
                        ),
                        pagu=980,
                        sub=[
                            rhk(
                                "KESMAS-PROMKES-1",
                                "Terdistribusinya paket PMT lokal ke posyandu",
                                Ind(
                                    "paket",
                                    "Jumlah paket PMT lokal yang didistribusikan",
                                    "paket",
                                    parent="pmt",
                                    period_aggregation=SUM,
                                    target=7680,
                                    quarters="flow",
                                ),
                            ),
                        ],
                    ),
                ],
            ),
        ],
    )
    p2p = program(
        "",
        "Meningkatnya pencegahan dan pengendalian penyakit menular dan tidak menular",
        Ind(
            "p2p",
            "Persentase pelayanan pencegahan dan pengendalian penyakit sesuai standar",
            "persen",
            parent="spm",
            aggregation=MEAN,
        ),
        sub=[
            kegiatan(
                "P2P",
                "Meningkatnya cakupan imunisasi, surveilans dan deteksi dini penyakit",
                Ind(
                    "idl",
                    "Persentase bayi yang mendapat imunisasi dasar lengkap",
                    "persen",
                    parent="p2p",
                    target=95,
                    quarters="cum",
                ),
                Ind(
                    "skrining",
                    "Persentase penduduk usia 15-59 tahun yang mendapat skrining kesehatan "
                    "sesuai standar",
                    "persen",
                    parent="p2p",
                    target=80,
                    quarters="cum",
                ),
                Ind(
                    "klb",
                    "Persentase kejadian luar biasa (KLB) yang ditanggulangi kurang dari 24 jam",
                    "persen",
                    parent="p2p",
                    role="supporting",
                    target=100,
                    quarters="flat",
                ),
                Ind(
                    "satusehat",
                    "Persentase puskesmas yang terintegrasi dengan platform SATUSEHAT",
                    "persen",
                    role="own",
                    target=100,
                    source="Kementerian Kesehatan",
                ),
                sub=[
                    subkegiatan(
                        "P2P-SURIM",
                        "Terlaksananya imunisasi rutin dan surveilans penyakit",
                        Ind(
                            "idl",
                            "Jumlah bayi yang mendapat imunisasi dasar lengkap",
                            "orang",
                            parent="idl",
                            aggregation=SUM,
                            period_aggregation=SUM,
                        ),
                        Ind(
                            "skdr",
                            "Persentase laporan Sistem Kewaspadaan Dini dan Respons (SKDR) yang "
                            "tepat waktu",
                            "persen",
                            parent="klb",
                            period_aggregation=MEAN,
                            target=90,
                            quarters="flat",
                        ),
                        pagu=860,
                        sub=[
                            rhk(
                                "P2P-SURIM-1",
                                "Terlaksananya imunisasi dasar di wilayah Puskesmas Contoh Utara",
                                Ind(
                                    "idl",
                                    "Jumlah bayi yang mendapat imunisasi dasar lengkap di "
                                    "wilayah utara",
                                    "orang",
                                    parent="idl",
                                    period_aggregation=SUM,
                                    target=1720,
                                    quarters="flow",
                                ),
                            ),
                            rhk(
                                "P2P-SURIM-2",
                                "Terlaksananya imunisasi dasar dan pelaporan SKDR di wilayah "
                                "Puskesmas Contoh Selatan",
                                Ind(
                                    "idl",
                                    "Jumlah bayi yang mendapat imunisasi dasar lengkap di "
                                    "wilayah selatan",
                                    "orang",
                                    parent="idl",
                                    period_aggregation=SUM,
                                    target=1580,
                                    quarters="flow",
                                ),
                                Ind(
                                    "skdr",
                                    "Jumlah laporan mingguan SKDR yang dikirim tepat waktu",
                                    "laporan",
                                    parent="skdr",
                                    period_aggregation=SUM,
                                    target=416,
                                    quarters="flow",
                                    data="annual",
                                ),
                            ),
                            rhk(
                                "P2P-SURIM-3",
                                "Tersedianya kajian epidemiologi dan rekomendasi "
                                "penanggulangan KLB",
                                Ind(
                                    "kajian",
                                    "Jumlah kajian epidemiologi yang disusun",
                                    "dokumen",
                                    parent="skdr",
                                    period_aggregation=SUM,
                                    target=8,
                                    quarters="flow",
                                ),
                            ),
                        ],
                    ),
                    subkegiatan(
                        "P2P-PTM",
                        "Terlaksananya deteksi dini penyakit tidak menular",
                        Ind(
                            "skrining",
                            "Jumlah penduduk usia 15-59 tahun yang mendapat skrining penyakit "
                            "tidak menular",
                            "orang",
                            parent="skrining",
                            period_aggregation=SUM,
                            target=96000,
                            quarters="flow",
                        ),
                        pagu=540,
                        sub=[
                            rhk(
                                "P2P-PTM-1",
                                "Terbinanya pos pembinaan terpadu penyakit tidak menular",
                                Ind(
                                    "posbindu",
                                    "Jumlah posbindu PTM yang dibina",
                                    "pos",
                                    parent="skrining",
                                    target=120,
                                    quarters="flat",
                                ),
                            ),
                        ],
                    ),
                ],
            ),
        ],
    )
    goals = (
        tujuan(
            "",
            "Meningkatnya derajat kesehatan masyarakat Kota Contoh",
            Ind(
                "akb",
                "Angka kematian bayi per 1.000 kelahiran hidup",
                "per 1.000 KH",
                parent="ahh",
                polarity=MIN,
                target=7.8,
                source="Profil Kesehatan Kota Contoh",
            ),
            Ind(
                "stunting",
                "Persentase balita stunting hasil pengukuran serentak",
                "persen",
                parent="stunting",
                polarity=MIN,
                target=12.5,
                source="e-PPGBM",
            ),
            parent="PEMKO-SS1.1",
            sub=[
                sasaran(
                    "",
                    "Meningkatnya akses dan mutu pelayanan kesehatan masyarakat",
                    Ind(
                        "spm",
                        "Persentase capaian Standar Pelayanan Minimal (SPM) bidang kesehatan",
                        "persen",
                        parent="akb",
                        aggregation=MEAN,
                        iku=True,
                    ),
                    Ind(
                        "intervensi",
                        "Persentase balita stunting yang mendapat intervensi gizi spesifik",
                        "persen",
                        parent="stunting",
                        target=90,
                        iku=True,
                    ),
                    Ind(
                        "uhc",
                        "Persentase penduduk yang menjadi peserta Jaminan Kesehatan Nasional",
                        "persen",
                        parent="akb",
                        target=97,
                        iku=True,
                        source="BPJS Kesehatan",
                    ),
                    sub=[kesmas, p2p],
                ),
            ],
        ),
        penunjang("Dinas Kesehatan", 72.5, pagu=(640, 4120)),
    )
    return Agency("DINKES", "Dinas Kesehatan", "Kepala Dinas", 1.0, 0.93, divisions, goals)


def disdik() -> Agency:
    """Dinas Pendidikan."""
    divisions = (
        sekretariat(
            (
                Staff("Ayu Wulandari", "P", "Perencana Ahli Pertama"),
                Staff("Dedi Kurniawan", "L", "Analis Keuangan Pusat dan Daerah Ahli Pertama"),
            ),
            Staff("Ratna Sari Dewi", "P", "Pengadministrasi Perkantoran"),
        ),
        Division(
            "SD",
            "Bidang Pembinaan Sekolah Dasar",
            "Kepala Bidang",
            (
                section(
                    "KURIKULUM",
                    "Seksi Kurikulum dan Penilaian Sekolah Dasar",
                    Staff("Andi Firmansyah", "L", "Penelaah Teknis Kebijakan"),
                ),
                section(
                    "SARPRAS",
                    "Seksi Sarana dan Prasarana Sekolah Dasar",
                    Staff("Rudi Hartono", "L", "Teknik Tata Bangunan dan Perumahan Ahli Pertama"),
                ),
            ),
        ),
        Division(
            "SMP",
            "Bidang Pembinaan Sekolah Menengah Pertama",
            "Kepala Bidang",
            (
                section(
                    "PD",
                    "Seksi Peserta Didik dan Pembangunan Karakter",
                    Staff("Sri Wahyuni", "P", "Penata Layanan Operasional"),
                    Staff("I Made Suarjana", "L", "Pengolah Data dan Informasi"),
                ),
                section(
                    "PTK",
                    "Seksi Pendidik dan Tenaga Kependidikan",
                    Staff("Ni Luh Putu Ariani", "P", "Analis SDM Aparatur Ahli Pertama"),
                ),
            ),
        ),
    )
    sd = program(
        "",
        "Meningkatnya mutu pembelajaran dan sarana sekolah dasar",
        Ind(
            "literasi",
            "Nilai literasi dan numerasi peserta didik SD pada rapor pendidikan",
            "nilai",
            parent="mutu",
            target=72.5,
        ),
        Ind(
            "kelas",
            "Persentase ruang kelas SD dalam kondisi baik",
            "persen",
            parent="partisipasi",
            target=85,
        ),
        sub=[
            kegiatan(
                "SD",
                "Meningkatnya kualitas pembelajaran dan kondisi ruang kelas sekolah dasar",
                Ind(
                    "kurikulum",
                    "Persentase SD yang menerapkan Kurikulum Merdeka dengan baik",
                    "persen",
                    parent="literasi",
                    target=90,
                ),
                Ind(
                    "rehab",
                    "Persentase ruang kelas SD rusak yang direhabilitasi",
                    "persen",
                    parent="kelas",
                    target=40,
                ),
                sub=[
                    subkegiatan(
                        "SD-KURIKULUM",
                        "Meningkatnya kemampuan satuan pendidikan SD dalam menerapkan kurikulum",
                        Ind(
                            "dampingan",
                            "Jumlah SD yang didampingi implementasi Kurikulum Merdeka",
                            "sekolah",
                            parent="kurikulum",
                            aggregation=SUM,
                            period_aggregation=SUM,
                        ),
                        pagu=720,
                        sub=[
                            rhk(
                                "SD-KURIKULUM-1",
                                "Terlaksananya pendampingan implementasi kurikulum di SD",
                                Ind(
                                    "dampingan",
                                    "Jumlah SD yang didampingi implementasi kurikulum",
                                    "sekolah",
                                    parent="dampingan",
                                    period_aggregation=SUM,
                                    target=64,
                                    quarters="flow",
                                ),
                            ),
                        ],
                    ),
                    subkegiatan(
                        "SD-SARPRAS",
                        "Meningkatnya kondisi sarana dan prasarana SD",
                        Ind(
                            "ruang",
                            "Jumlah ruang kelas SD yang direhabilitasi",
                            "ruang",
                            parent="rehab",
                            aggregation=SUM,
                        ),
                        pagu=4850,
                        sub=[
                            rhk(
                                "SD-SARPRAS-1",
                                "Terawasinya pelaksanaan rehabilitasi ruang kelas SD",
                                Ind(
                                    "ruang",
                                    "Jumlah ruang kelas SD yang direhabilitasi sesuai spesifikasi",
                                    "ruang",
                                    parent="ruang",
                                    target=48,
                                ),
                            ),
                        ],
                    ),
                ],
            ),
        ],
    )
    smp = program(
        "",
        "Meningkatnya akses dan mutu pendidikan sekolah menengah pertama",
        Ind(
            "literasi",
            "Nilai literasi dan numerasi peserta didik SMP pada rapor pendidikan",
            "nilai",
            parent="mutu",
            target=68,
        ),
        Ind(
            "lanjut",
            "Angka melanjutkan lulusan SD ke SMP/sederajat",
            "persen",
            parent="partisipasi",
            target=99,
        ),
        sub=[
            kegiatan(
                "SMP",
                "Meningkatnya layanan peserta didik dan kompetensi pendidik SMP",
                Ind(
                    "bantuan",
                    "Persentase peserta didik SMP dari keluarga miskin yang menerima bantuan "
                    "pendidikan",
                    "persen",
                    parent="lanjut",
                    target=95,
                ),
                Ind(
                    "guru",
                    "Persentase guru SMP yang mengikuti peningkatan kompetensi",
                    "persen",
                    parent="literasi",
                    target=75,
                    quarters="cum",
                ),
                sub=[
                    subkegiatan(
                        "SMP-PD",
                        "Tersalurkannya bantuan pendidikan bagi peserta didik SMP dari "
                        "keluarga miskin",
                        Ind(
                            "penerima",
                            "Jumlah peserta didik SMP penerima bantuan pendidikan daerah",
                            "orang",
                            parent="bantuan",
                            aggregation=SUM,
                        ),
                        pagu=2150,
                        sub=[
                            rhk(
                                "SMP-PD-1",
                                "Tersalurkannya bantuan pendidikan bagi peserta didik SMP negeri",
                                Ind(
                                    "penerima",
                                    "Jumlah peserta didik SMP negeri penerima bantuan pendidikan",
                                    "orang",
                                    parent="penerima",
                                    target=1250,
                                ),
                            ),
                            rhk(
                                "SMP-PD-2",
                                "Tersalurkannya bantuan pendidikan bagi peserta didik SMP swasta",
                                Ind(
                                    "penerima",
                                    "Jumlah peserta didik SMP swasta penerima bantuan pendidikan",
                                    "orang",
                                    parent="penerima",
                                    target=830,
                                ),
                            ),
                        ],
                    ),
                    subkegiatan(
                        "SMP-PTK",
                        "Meningkatnya kompetensi guru SMP",
                        Ind(
                            "pelatihan",
                            "Jumlah guru SMP yang mengikuti pelatihan peningkatan kompetensi",
                            "orang",
                            parent="guru",
                            aggregation=SUM,
                            period_aggregation=SUM,
                        ),
                        pagu=640,
                        sub=[
                            rhk(
                                "SMP-PTK-1",
                                "Terfasilitasinya pelatihan peningkatan kompetensi guru SMP",
                                Ind(
                                    "pelatihan",
                                    "Jumlah guru SMP yang difasilitasi mengikuti pelatihan",
                                    "orang",
                                    parent="pelatihan",
                                    period_aggregation=SUM,
                                    target=420,
                                    quarters="flow",
                                    data="annual",
                                ),
                            ),
                        ],
                    ),
                ],
            ),
        ],
    )
    goals = (
        tujuan(
            "",
            "Meningkatnya akses dan mutu pendidikan dasar",
            Ind(
                "apk",
                "Angka Partisipasi Kasar (APK) SMP/sederajat",
                "persen",
                parent="rls",
                target=98.5,
                source="Dapodik",
            ),
            Ind(
                "ats",
                "Persentase anak usia 7-15 tahun yang tidak bersekolah",
                "persen",
                parent="hls",
                polarity=MIN,
                target=1.2,
                source="Dapodik dan DTKS",
            ),
            parent="PEMKO-SS1.2",
            sub=[
                sasaran(
                    "",
                    "Meningkatnya mutu dan pemerataan layanan pendidikan dasar",
                    Ind(
                        "mutu",
                        "Rata-rata nilai literasi dan numerasi peserta didik pada rapor "
                        "pendidikan",
                        "nilai",
                        parent="apk",
                        aggregation=MEAN,
                        iku=True,
                        source="Rapor Pendidikan",
                    ),
                    Ind(
                        "partisipasi",
                        "Persentase anak usia sekolah yang terlayani pendidikan dasar",
                        "persen",
                        parent="ats",
                        target=98.8,
                        iku=True,
                    ),
                    sub=[sd, smp],
                ),
            ],
        ),
        penunjang("Dinas Pendidikan", 70.1, layanan=620, berkas=340, pagu=(690, 5230)),
    )
    return Agency("DISDIK", "Dinas Pendidikan", "Kepala Dinas", 0.97, 0.9, divisions, goals)


def dinsos() -> Agency:
    """Dinas Sosial, with the declared crosscutting sasaran supporting Dinas Kesehatan."""
    divisions = (
        sekretariat(
            (
                Staff("Fajar Nugroho", "L", "Perencana Ahli Pertama"),
                Staff("Intan Permatasari", "P", "Analis Keuangan Pusat dan Daerah Ahli Pertama"),
            ),
            Staff("Yusuf Maulana", "L", "Pengadministrasi Perkantoran"),
        ),
        Division(
            "REHSOS",
            "Bidang Rehabilitasi Sosial",
            "Kepala Bidang",
            (
                section(
                    "ANLU",
                    "Seksi Rehabilitasi Sosial Anak dan Lanjut Usia",
                    Staff("Dian Puspitasari", "P", "Pekerja Sosial Ahli Pertama"),
                ),
                section(
                    "DISABILITAS",
                    "Seksi Rehabilitasi Sosial Penyandang Disabilitas",
                    Staff("Bambang Sutrisno", "L", "Penyuluh Sosial Ahli Pertama"),
                ),
            ),
        ),
        Division(
            "LINJAMSOS",
            "Bidang Perlindungan dan Jaminan Sosial",
            "Kepala Bidang",
            (
                section(
                    "JSK",
                    "Seksi Jaminan Sosial Keluarga",
                    Staff("Wahyu Hidayat", "L", "Pengolah Data dan Informasi"),
                    Staff("Maria Magdalena Sinaga", "P", "Penata Layanan Operasional"),
                ),
                section(
                    "PSKB",
                    "Seksi Perlindungan Sosial Korban Bencana",
                    Staff("Eka Saputra", "L", "Pengelola Layanan Operasional"),
                ),
            ),
        ),
    )
    rehsos = program(
        "",
        "Meningkatnya pelayanan rehabilitasi sosial dasar di luar panti",
        Ind(
            "rehab",
            "Jumlah PPKS yang mendapat rehabilitasi sosial dasar di luar panti",
            "orang",
            parent="rehab",
            aggregation=SUM,
            period_aggregation=SUM,
        ),
        sub=[
            kegiatan(
                "REHSOS",
                "Meningkatnya rehabilitasi sosial anak, lanjut usia dan penyandang disabilitas",
                Ind(
                    "rehab",
                    "Jumlah PPKS yang direhabilitasi",
                    "orang",
                    parent="rehab",
                    aggregation=SUM,
                    period_aggregation=SUM,
                ),
                sub=[
                    subkegiatan(
                        "REHSOS-ANLU",
                        "Terlayaninya rehabilitasi sosial anak terlantar dan lanjut usia "
                        "terlantar",
                        Ind(
                            "anlu",
                            "Jumlah anak terlantar dan lanjut usia terlantar yang direhabilitasi",
                            "orang",
                            parent="rehab",
                            aggregation=SUM,
                            period_aggregation=SUM,
                        ),
                        pagu=1150,
                        sub=[
                            rhk(
                                "REHSOS-ANLU-1",
                                "Terlaksananya asesmen dan rehabilitasi sosial anak dan lanjut "
                                "usia terlantar",
                                Ind(
                                    "anlu",
                                    "Jumlah anak dan lanjut usia terlantar yang diasesmen dan "
                                    "direhabilitasi",
                                    "orang",
                                    parent="anlu",
                                    period_aggregation=SUM,
                                    target=360,
                                    quarters="flow",
                                ),
                            ),
                        ],
                    ),
                    subkegiatan(
                        "REHSOS-DISABILITAS",
                        "Terlayaninya rehabilitasi sosial penyandang disabilitas terlantar",
                        Ind(
                            "disabilitas",
                            "Jumlah penyandang disabilitas terlantar yang direhabilitasi",
                            "orang",
                            parent="rehab",
                            aggregation=SUM,
                            period_aggregation=SUM,
                        ),
                        pagu=890,
                        sub=[
                            rhk(
                                "REHSOS-DISABILITAS-1",
                                "Terlaksananya rehabilitasi sosial dan pemberian alat bantu bagi "
                                "penyandang disabilitas",
                                Ind(
                                    "disabilitas",
                                    "Jumlah penyandang disabilitas yang mendapat alat bantu dan "
                                    "rehabilitasi",
                                    "orang",
                                    parent="disabilitas",
                                    period_aggregation=SUM,
                                    target=240,
                                    quarters="flow",
                                ),
                            ),
                        ],
                    ),
                ],
            ),
        ],
    )
    linjamsos = program(
        "",
        "Meningkatnya perlindungan dan jaminan sosial bagi keluarga miskin dan korban bencana",
        Ind(
            "dtks",
            "Jumlah keluarga dalam DTKS yang diverifikasi dan divalidasi",
            "keluarga",
            parent="pbi",
            aggregation=SUM,
            period_aggregation=SUM,
        ),
        Ind(
            "bencana",
            "Persentase korban bencana yang mendapat perlindungan sosial pada masa tanggap "
            "darurat",
            "persen",
            parent="pbi",
            target=100,
        ),
        sub=[
            kegiatan(
                "LINJAMSOS",
                "Meningkatnya akurasi data keluarga miskin dan perlindungan sosial korban bencana",
                Ind(
                    "dtks",
                    "Jumlah keluarga DTKS yang diverifikasi dan divalidasi",
                    "keluarga",
                    parent="dtks",
                    aggregation=SUM,
                    period_aggregation=SUM,
                ),
                Ind(
                    "korban",
                    "Persentase korban bencana yang mendapat bantuan permakanan dan logistik",
                    "persen",
                    parent="bencana",
                    target=100,
                ),
                sub=[
                    subkegiatan(
                        "LINJAMSOS-JSK",
                        "Terverifikasinya data keluarga miskin dan rentan",
                        Ind(
                            "verval",
                            "Jumlah keluarga DTKS yang diverifikasi",
                            "keluarga",
                            parent="dtks",
                            aggregation=SUM,
                            period_aggregation=SUM,
                        ),
                        pagu=760,
                        sub=[
                            rhk(
                                "LINJAMSOS-JSK-1",
                                "Terverifikasinya data keluarga miskin di wilayah I "
                                "(kecamatan utara)",
                                Ind(
                                    "verval",
                                    "Jumlah keluarga DTKS wilayah I yang diverifikasi",
                                    "keluarga",
                                    parent="verval",
                                    period_aggregation=SUM,
                                    target=6200,
                                    quarters="flow",
                                ),
                            ),
                            rhk(
                                "LINJAMSOS-JSK-2",
                                "Terverifikasinya data keluarga miskin di wilayah II "
                                "(kecamatan selatan)",
                                Ind(
                                    "verval",
                                    "Jumlah keluarga DTKS wilayah II yang diverifikasi",
                                    "keluarga",
                                    parent="verval",
                                    period_aggregation=SUM,
                                    target=5400,
                                    quarters="flow",
                                ),
                            ),
                        ],
                    ),
                    subkegiatan(
                        "LINJAMSOS-PSKB",
                        "Tersedianya logistik perlindungan sosial korban bencana",
                        Ind(
                            "stok",
                            "Jumlah paket logistik bencana yang tersedia di gudang",
                            "paket",
                            parent="korban",
                            target=1200,
                            quarters="flat",
                        ),
                        pagu=430,
                        sub=[
                            rhk(
                                "LINJAMSOS-PSKB-1",
                                "Tercatatnya stok dan distribusi logistik bencana",
                                Ind(
                                    "laporan",
                                    "Jumlah laporan stok logistik bencana yang disusun",
                                    "laporan",
                                    parent="stok",
                                    period_aggregation=SUM,
                                    target=12,
                                    quarters="flow",
                                    data="full",
                                ),
                            ),
                        ],
                    ),
                ],
            ),
        ],
    )
    goals = (
        tujuan(
            "",
            "Meningkatnya kesejahteraan sosial penduduk miskin dan rentan",
            Ind(
                "ppks",
                "Persentase Pemerlu Pelayanan Kesejahteraan Sosial (PPKS) yang tertangani",
                "persen",
                parent="kemiskinan",
                target=85,
                source="SIKS-NG",
            ),
            parent="PEMKO-SS2.1",
            sub=[
                sasaran(
                    "",
                    "Meningkatnya kualitas rehabilitasi sosial bagi PPKS",
                    Ind(
                        "rehab",
                        "Persentase PPKS yang mendapat rehabilitasi sosial dasar",
                        "persen",
                        parent="ppks",
                        target=80,
                        iku=True,
                    ),
                    sub=[rehsos],
                ),
            ],
        ),
        sasaran(
            "",
            "Meningkatnya perlindungan jaminan kesehatan bagi penduduk miskin dan rentan",
            Ind(
                "pbi",
                "Persentase penduduk miskin yang terdaftar sebagai peserta PBI Jaminan Kesehatan",
                "persen",
                parent="uhc",
                target=98,
                iku=True,
                source="DTKS dan BPJS Kesehatan",
            ),
            parent="DINKES-SS1",
            crosscutting=True,
            note="Sasaran lintas perangkat daerah (crosscutting): mendukung sasaran Dinas "
            "Kesehatan tentang kepesertaan JKN",
            sub=[linjamsos],
        ),
        penunjang("Dinas Sosial", 68.4, layanan=410, berkas=160, pagu=(520, 2980)),
    )
    return Agency("DINSOS", "Dinas Sosial", "Kepala Dinas", 0.95, 0.9, divisions, goals)


def bappelitbangda() -> Agency:
    """Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah."""
    divisions = (
        sekretariat(
            (
                Staff("Lukman Hakim", "L", "Perencana Ahli Pertama"),
                Staff("Kartika Sari", "P", "Analis Keuangan Pusat dan Daerah Ahli Pertama"),
            ),
            Staff("Syahrul Ramadhan", "L", "Pengadministrasi Perkantoran"),
        ),
        Division(
            "PPE",
            "Bidang Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah",
            "Kepala Bidang",
            (
                section(
                    "MAKRO",
                    "Subbidang Perencanaan Makro dan Pendanaan",
                    Staff("Febriyanti", "P", "Perencana Ahli Pertama"),
                ),
                section(
                    "DALEV",
                    "Subbidang Pengendalian dan Evaluasi",
                    Staff("Andreas Siahaan", "L", "Perencana Ahli Pertama"),
                    Staff("Melati Ayuningtyas", "P", "Penelaah Teknis Kebijakan"),
                ),
            ),
        ),
        Division(
            "LITBANG",
            "Bidang Penelitian dan Pengembangan",
            "Kepala Bidang",
            (
                section(
                    "INOVASI",
                    "Subbidang Inovasi dan Teknologi",
                    Staff("Sutrisno", "L", "Analis Kebijakan Ahli Pertama"),
                ),
                section(
                    "KAJIAN",
                    "Subbidang Kajian Kebijakan",
                    Staff("Riska Amalia", "P", "Analis Kebijakan Ahli Pertama"),
                ),
            ),
        ),
    )
    ppe = program(
        "",
        "Meningkatnya kualitas perencanaan, pengendalian dan evaluasi pembangunan daerah",
        Ind(
            "rkpd",
            "Nilai kualitas dokumen RKPD",
            "indeks",
            parent="kualitas",
            target=85,
            weight=0.6,
        ),
        Ind(
            "evaluasi",
            "Nilai kualitas laporan evaluasi kinerja pembangunan daerah",
            "indeks",
            parent="kualitas",
            target=80,
            weight=0.4,
        ),
        sub=[
            kegiatan(
                "PPE",
                "Meningkatnya ketepatan waktu dan kualitas dokumen perencanaan dan laporan "
                "evaluasi",
                Ind(
                    "dokumen",
                    "Jumlah dokumen perencanaan dan evaluasi pembangunan daerah yang "
                    "ditetapkan tepat waktu",
                    "dokumen",
                    parent="rkpd",
                    aggregation=SUM,
                    period_aggregation=SUM,
                ),
                Ind(
                    "renja",
                    "Persentase perangkat daerah yang menyampaikan laporan evaluasi Renja "
                    "tepat waktu",
                    "persen",
                    parent="evaluasi",
                    target=90,
                    quarters="flat",
                ),
                sub=[
                    subkegiatan(
                        "PPE-MAKRO",
                        "Tersusunnya dokumen perencanaan pembangunan daerah",
                        Ind(
                            "perencanaan",
                            "Jumlah dokumen perencanaan pembangunan daerah yang disusun",
                            "dokumen",
                            parent="dokumen",
                            aggregation=SUM,
                            period_aggregation=SUM,
                        ),
                        pagu=980,
                        sub=[
                            rhk(
                                "PPE-MAKRO-1",
                                "Tersusunnya RKPD, KUA-PPAS dan perubahannya",
                                Ind(
                                    "rkpd",
                                    "Jumlah dokumen RKPD, KUA-PPAS dan perubahannya yang disusun",
                                    "dokumen",
                                    parent="perencanaan",
                                    period_aggregation=SUM,
                                    target=4,
                                    quarters="flow",
                                ),
                            ),
                        ],
                    ),
                    subkegiatan(
                        "PPE-DALEV",
                        "Tersusunnya laporan pengendalian dan evaluasi pembangunan daerah",
                        Ind(
                            "laporan",
                            "Jumlah laporan pengendalian dan evaluasi pembangunan daerah yang "
                            "disusun",
                            "dokumen",
                            parent="dokumen",
                            aggregation=SUM,
                            period_aggregation=SUM,
                        ),
                        Ind(
                            "verifikasi",
                            "Jumlah perangkat daerah yang laporan evaluasi Renjanya diverifikasi",
                            "perangkat daerah",
                            parent="renja",
                            target=32,
                            quarters="flat",
                        ),
                        pagu=760,
                        sub=[
                            rhk(
                                "PPE-DALEV-1",
                                "Tersusunnya laporan evaluasi RKPD triwulanan",
                                Ind(
                                    "triwulan",
                                    "Jumlah laporan evaluasi RKPD triwulanan yang disusun",
                                    "dokumen",
                                    parent="laporan",
                                    period_aggregation=SUM,
                                    target=4,
                                    quarters="flow",
                                ),
                            ),
                            rhk(
                                "PPE-DALEV-2",
                                "Tersusunnya LKPJ, LPPD dan verifikasi evaluasi Renja perangkat "
                                "daerah",
                                Ind(
                                    "lkpj",
                                    "Jumlah dokumen LKPJ, LPPD dan laporan kinerja yang disusun",
                                    "dokumen",
                                    parent="laporan",
                                    period_aggregation=SUM,
                                    target=4,
                                    quarters="flow",
                                ),
                                Ind(
                                    "renja",
                                    "Jumlah laporan evaluasi Renja perangkat daerah yang "
                                    "diverifikasi",
                                    "laporan",
                                    parent="verifikasi",
                                    period_aggregation=SUM,
                                    target=128,
                                    quarters="flow",
                                ),
                            ),
                        ],
                    ),
                ],
            ),
        ],
    )
    litbang = program(
        "",
        "Meningkatnya inovasi dan kualitas kajian kebijakan daerah",
        Ind(
            "inovasi",
            "Jumlah inovasi daerah yang diterapkan",
            "inovasi",
            parent="inovasi",
            aggregation=SUM,
        ),
        sub=[
            kegiatan(
                "LITBANG",
                "Meningkatnya pengembangan inovasi dan kajian kebijakan",
                Ind(
                    "inovasi",
                    "Jumlah inovasi daerah yang diterapkan",
                    "inovasi",
                    parent="inovasi",
                    aggregation=SUM,
                ),
                Ind(
                    "rekomendasi",
                    "Jumlah rekomendasi kebijakan hasil kajian yang ditindaklanjuti",
                    "rekomendasi",
                    parent="inovasi",
                    role="supporting",
                    target=6,
                ),
                sub=[
                    subkegiatan(
                        "LITBANG-INOVASI",
                        "Terfasilitasinya penerapan inovasi daerah",
                        Ind(
                            "inovasi",
                            "Jumlah inovasi daerah yang difasilitasi dan diterapkan",
                            "inovasi",
                            parent="inovasi",
                            aggregation=SUM,
                        ),
                        pagu=540,
                        sub=[
                            rhk(
                                "LITBANG-INOVASI-1",
                                "Terdampinginya inovasi perangkat daerah hingga diterapkan",
                                Ind(
                                    "inovasi",
                                    "Jumlah inovasi perangkat daerah yang didampingi hingga "
                                    "diterapkan",
                                    "inovasi",
                                    parent="inovasi",
                                    target=55,
                                    quarters="cum",
                                ),
                            ),
                        ],
                    ),
                    subkegiatan(
                        "LITBANG-KAJIAN",
                        "Tersusunnya kajian kebijakan pembangunan daerah",
                        Ind(
                            "kajian",
                            "Jumlah kajian kebijakan yang diselesaikan",
                            "dokumen",
                            parent="rekomendasi",
                            target=6,
                        ),
                        pagu=620,
                        sub=[
                            rhk(
                                "LITBANG-KAJIAN-1",
                                "Tersusunnya laporan kajian kebijakan",
                                Ind(
                                    "laporan",
                                    "Jumlah laporan kajian kebijakan yang disusun",
                                    "dokumen",
                                    parent="kajian",
                                    target=6,
                                ),
                            ),
                        ],
                    ),
                ],
            ),
        ],
    )
    name = "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah"
    goals = (
        tujuan(
            "",
            "Meningkatnya kualitas perencanaan, pengendalian dan evaluasi pembangunan daerah",
            Ind(
                "konsistensi",
                "Persentase konsistensi program RPJMD dalam RKPD dan APBD",
                "persen",
                parent="sakip",
                target=95,
                source="SIPD",
            ),
            parent="PEMKO-SS4.1",
            sub=[
                sasaran(
                    "",
                    "Meningkatnya kualitas dokumen perencanaan, evaluasi dan inovasi daerah",
                    Ind(
                        "kualitas",
                        "Indeks kualitas dokumen perencanaan dan evaluasi pembangunan daerah",
                        "indeks",
                        parent="konsistensi",
                        aggregation=WMEAN,
                        iku=True,
                    ),
                    Ind(
                        "inovasi",
                        "Indeks Inovasi Daerah",
                        "indeks",
                        parent="konsistensi",
                        target=60.5,
                        iku=True,
                        source="Kementerian Dalam Negeri (BSKDN)",
                    ),
                    sub=[ppe, litbang],
                ),
            ],
        ),
        penunjang(name, 78.2, layanan=360, berkas=150, pagu=(1150, 3420)),
    )
    return Agency("BAPPELITBANGDA", name, "Kepala Badan", 1.02, 0.92, divisions, goals)


def dinaspu() -> Agency:
    """Dinas Pekerjaan Umum dan Penataan Ruang: the agency behind its targets in 2024."""
    divisions = (
        sekretariat(
            (
                Staff("Rahmat Hidayat", "L", "Perencana Ahli Pertama"),
                Staff("Theresia Wulan", "P", "Analis Keuangan Pusat dan Daerah Ahli Pertama"),
            ),
            Staff("Gede Wirawan", "L", "Pengadministrasi Perkantoran"),
        ),
        Division(
            "BINAMARGA",
            "Bidang Bina Marga",
            "Kepala Bidang",
            (
                section(
                    "JALAN",
                    "Seksi Pembangunan dan Peningkatan Jalan",
                    Staff("Nanda Pratiwi", "P", "Teknik Jalan dan Jembatan Ahli Pertama"),
                ),
                section(
                    "PEMELIHARAAN",
                    "Seksi Pemeliharaan Jalan dan Jembatan",
                    Staff("Zulkifli Nasution", "L", "Teknik Jalan dan Jembatan Ahli Pertama"),
                    Staff("Anisa Rahmadani", "P", "Penata Layanan Operasional"),
                ),
            ),
        ),
        Division(
            "SDA",
            "Bidang Sumber Daya Air dan Drainase",
            "Kepala Bidang",
            (
                section(
                    "DRAINASE",
                    "Seksi Drainase Perkotaan",
                    Staff("Doni Saputra", "L", "Teknik Pengairan Ahli Pertama"),
                ),
                section(
                    "OP",
                    "Seksi Operasi dan Pemeliharaan",
                    Staff("Sulastri", "P", "Operator Layanan Operasional"),
                ),
            ),
        ),
    )
    jalan = program(
        "",
        "Meningkatnya kondisi jalan dan jembatan kota",
        Ind(
            "km",
            "Panjang jalan kota yang ditangani",
            "km",
            parent="km",
            aggregation=SUM,
            report=False,
        ),
        Ind(
            "jembatan",
            "Persentase jembatan kota dalam kondisi baik",
            "persen",
            parent="km",
            role="supporting",
            target=90,
        ),
        sub=[
            kegiatan(
                "BINAMARGA",
                "Meningkatnya pembangunan, peningkatan dan pemeliharaan jalan dan jembatan",
                Ind(
                    "km",
                    "Panjang jalan kota yang ditingkatkan dan dipelihara",
                    "km",
                    parent="km",
                    aggregation=SUM,
                ),
                Ind(
                    "jembatan",
                    "Jumlah jembatan yang diperiksa dan dipelihara",
                    "unit",
                    parent="jembatan",
                    target=14,
                ),
                sub=[
                    subkegiatan(
                        "BINAMARGA-JALAN",
                        "Meningkatnya kapasitas dan kualitas ruas jalan kota",
                        Ind(
                            "peningkatan",
                            "Panjang jalan yang ditingkatkan",
                            "km",
                            parent="km",
                            aggregation=SUM,
                        ),
                        pagu=9450,
                        sub=[
                            rhk(
                                "BINAMARGA-JALAN-1",
                                "Terawasinya pekerjaan peningkatan jalan sesuai kontrak",
                                Ind(
                                    "peningkatan",
                                    "Panjang jalan yang ditingkatkan sesuai kontrak",
                                    "km",
                                    parent="peningkatan",
                                    target=12.4,
                                    quarters="cum",
                                ),
                            ),
                        ],
                    ),
                    subkegiatan(
                        "BINAMARGA-PEMELIHARAAN",
                        "Terpeliharanya jalan dan jembatan kota",
                        Ind(
                            "pemeliharaan",
                            "Panjang jalan yang dipelihara",
                            "km",
                            parent="km",
                            aggregation=SUM,
                        ),
                        Ind(
                            "jembatan",
                            "Jumlah jembatan yang dipelihara",
                            "unit",
                            parent="jembatan",
                            target=14,
                        ),
                        pagu=6200,
                        sub=[
                            rhk(
                                "BINAMARGA-PEMELIHARAAN-1",
                                "Terpeliharanya ruas jalan wilayah utara",
                                Ind(
                                    "utara",
                                    "Panjang jalan yang dipelihara di wilayah utara",
                                    "km",
                                    parent="pemeliharaan",
                                    target=20.1,
                                    quarters="cum",
                                ),
                            ),
                            rhk(
                                "BINAMARGA-PEMELIHARAAN-2",
                                "Terpeliharanya ruas jalan dan jembatan wilayah selatan",
                                Ind(
                                    "selatan",
                                    "Panjang jalan yang dipelihara di wilayah selatan",
                                    "km",
                                    parent="pemeliharaan",
                                    target=18.5,
                                    quarters="cum",
                                ),
                                Ind(
                                    "jembatan",
                                    "Jumlah jembatan yang diperiksa kondisinya",
                                    "unit",
                                    parent="jembatan",
                                    target=14,
                                ),
                            ),
                        ],
                    ),
                ],
            ),
        ],
    )
    drainase = program(
        "",
        "Meningkatnya kinerja sistem drainase perkotaan",
        Ind(
            "drainase",
            "Panjang saluran drainase yang dibangun dan dinormalisasi",
            "meter",
            parent="drainase",
            aggregation=SUM,
        ),
        sub=[
            kegiatan(
                "SDA",
                "Meningkatnya pembangunan dan pemeliharaan saluran drainase",
                Ind(
                    "drainase",
                    "Panjang saluran drainase yang dibangun dan dinormalisasi",
                    "meter",
                    parent="drainase",
                    aggregation=SUM,
                ),
                sub=[
                    subkegiatan(
                        "SDA-DRAINASE",
                        "Terbangunnya saluran drainase perkotaan",
                        Ind(
                            "bangun",
                            "Panjang saluran drainase yang dibangun",
                            "meter",
                            parent="drainase",
                            aggregation=SUM,
                        ),
                        pagu=4800,
                        sub=[
                            rhk(
                                "SDA-DRAINASE-1",
                                "Terawasinya pembangunan saluran drainase sesuai kontrak",
                                Ind(
                                    "bangun",
                                    "Panjang saluran drainase yang dibangun sesuai kontrak",
                                    "meter",
                                    parent="bangun",
                                    target=3200,
                                    quarters="cum",
                                ),
                            ),
                        ],
                    ),
                    subkegiatan(
                        "SDA-OP",
                        "Terpeliharanya saluran drainase dan sungai kota",
                        Ind(
                            "normalisasi",
                            "Panjang saluran drainase dan sungai yang dinormalisasi",
                            "meter",
                            parent="drainase",
                            aggregation=SUM,
                        ),
                        pagu=2150,
                        sub=[
                            rhk(
                                "SDA-OP-1",
                                "Terlaksananya normalisasi saluran secara swakelola",
                                Ind(
                                    "normalisasi",
                                    "Panjang saluran yang dinormalisasi oleh tim swakelola",
                                    "meter",
                                    parent="normalisasi",
                                    target=5400,
                                    quarters="cum",
                                ),
                            ),
                        ],
                    ),
                ],
            ),
        ],
    )
    name = "Dinas Pekerjaan Umum dan Penataan Ruang"
    goals = (
        tujuan(
            "",
            "Meningkatnya kualitas infrastruktur jalan dan drainase kota",
            Ind(
                "mantap",
                "Persentase ruas jalan kota dalam kondisi baik dan sedang",
                "persen",
                parent="jalan",
                target=88.5,
                real=80.9,
                source="Survei kondisi jalan Dinas PUPR",
            ),
            Ind(
                "genangan",
                "Persentase penurunan luas genangan dibanding tahun dasar",
                "persen",
                parent="genangan",
                target=15,
                real=9.8,
            ),
            parent="PEMKO-SS3.1",
            note="Capaian 2024 rendah: beberapa paket pekerjaan fisik terlambat dilelang",
            sub=[
                sasaran(
                    "",
                    "Meningkatnya kemantapan jalan dan kinerja sistem drainase",
                    Ind(
                        "km",
                        "Panjang jalan kota yang ditangani (ditingkatkan dan dipelihara)",
                        "km",
                        parent="mantap",
                        aggregation=SUM,
                        iku=True,
                        report=False,
                    ),
                    Ind(
                        "drainase",
                        "Persentase saluran drainase dalam kondisi baik",
                        "persen",
                        parent="genangan",
                        target=78,
                        real=61.5,
                        iku=True,
                    ),
                    sub=[jalan, drainase],
                ),
            ],
        ),
        penunjang(name, 62.5, layanan=450, berkas=190, pagu=(710, 4480)),
    )
    return Agency("DINASPU", name, "Kepala Dinas", 0.7, 0.64, divisions, goals)


def bpbd() -> Agency:
    """Badan Penanggulangan Bencana Daerah."""
    divisions = (
        sekretariat(
            (
                Staff("Ilham Akbar", "L", "Perencana Ahli Pertama"),
                Staff("Veronika Manurung", "P", "Analis Keuangan Pusat dan Daerah Ahli Pertama"),
            ),
            Staff("Adi Prasetyo", "L", "Pengadministrasi Perkantoran"),
        ),
        Division(
            "PENCEGAHAN",
            "Bidang Pencegahan dan Kesiapsiagaan",
            "Kepala Bidang",
            (
                section(
                    "CEGAH",
                    "Seksi Pencegahan",
                    Staff("Rosmiati", "P", "Penata Penanggulangan Bencana Ahli Pertama"),
                ),
                section(
                    "SIAGA",
                    "Seksi Kesiapsiagaan",
                    Staff("Teguh Wibowo", "L", "Penata Penanggulangan Bencana Ahli Pertama"),
                ),
            ),
        ),
        Division(
            "DARURAT",
            "Bidang Kedaruratan dan Logistik",
            "Kepala Bidang",
            (
                section(
                    "TRC",
                    "Seksi Kedaruratan",
                    Staff("Wulan Sari", "P", "Operator Layanan Operasional"),
                    Staff("Hery Susanto", "L", "Pengelola Layanan Operasional"),
                ),
                section(
                    "LOGISTIK",
                    "Seksi Logistik",
                    Staff("Citra Amelia", "P", "Pengadministrasi Perkantoran"),
                ),
            ),
        ),
    )
    pencegahan = program(
        "",
        "Meningkatnya pencegahan dan kesiapsiagaan bencana",
        Ind(
            "kelurahan",
            "Jumlah kelurahan tangguh bencana yang dibentuk dan dibina",
            "kelurahan",
            parent="katana",
            aggregation=SUM,
        ),
        sub=[
            kegiatan(
                "PENCEGAHAN",
                "Meningkatnya kapasitas masyarakat dalam pencegahan dan kesiapsiagaan bencana",
                Ind(
                    "kelurahan",
                    "Jumlah kelurahan tangguh bencana yang dibentuk dan dibina",
                    "kelurahan",
                    parent="kelurahan",
                    aggregation=SUM,
                ),
                sub=[
                    subkegiatan(
                        "PENCEGAHAN-CEGAH",
                        "Terbentuknya kelurahan tangguh bencana baru",
                        Ind(
                            "baru",
                            "Jumlah kelurahan tangguh bencana yang dibentuk",
                            "kelurahan",
                            parent="kelurahan",
                            aggregation=SUM,
                        ),
                        pagu=640,
                        sub=[
                            rhk(
                                "PENCEGAHAN-CEGAH-1",
                                "Terfasilitasinya pembentukan kelurahan tangguh bencana",
                                Ind(
                                    "baru",
                                    "Jumlah kelurahan tangguh bencana yang difasilitasi "
                                    "pembentukannya",
                                    "kelurahan",
                                    parent="baru",
                                    target=4,
                                    quarters="cum",
                                ),
                            ),
                        ],
                    ),
                    subkegiatan(
                        "PENCEGAHAN-SIAGA",
                        "Meningkatnya kesiapsiagaan kelurahan tangguh bencana",
                        Ind(
                            "bina",
                            "Jumlah kelurahan tangguh bencana yang dibina",
                            "kelurahan",
                            parent="kelurahan",
                            aggregation=SUM,
                        ),
                        pagu=450,
                        sub=[
                            rhk(
                                "PENCEGAHAN-SIAGA-1",
                                "Terdampinginya kelurahan tangguh bencana dalam simulasi "
                                "kesiapsiagaan",
                                Ind(
                                    "bina",
                                    "Jumlah kelurahan tangguh bencana yang didampingi",
                                    "kelurahan",
                                    parent="bina",
                                    target=8,
                                    quarters="cum",
                                ),
                                Ind(
                                    "gladi",
                                    "Jumlah simulasi dan gladi kesiapsiagaan yang dilaksanakan",
                                    "kali",
                                    parent="bina",
                                    role="supporting",
                                    period_aggregation=SUM,
                                    target=8,
                                    quarters="flow",
                                ),
                            ),
                        ],
                    ),
                ],
            ),
        ],
    )
    darurat = program(
        "",
        "Meningkatnya kecepatan dan kualitas penanganan darurat bencana",
        Ind(
            "respon",
            "Waktu tanggap darurat bencana pada tahap kaji cepat",
            "menit",
            parent="respon",
            polarity=MIN,
            aggregation=HIGHEST,
            period_aggregation=MEAN,
        ),
        Ind(
            "logistik",
            "Persentase korban bencana yang terpenuhi kebutuhan dasarnya",
            "persen",
            parent="respon",
            role="supporting",
            target=100,
        ),
        sub=[
            kegiatan(
                "DARURAT",
                "Meningkatnya penanganan kedaruratan dan pemenuhan logistik bencana",
                Ind(
                    "respon",
                    "Waktu tanggap tim reaksi cepat",
                    "menit",
                    parent="respon",
                    polarity=MIN,
                    aggregation=HIGHEST,
                    period_aggregation=MEAN,
                ),
                Ind(
                    "logistik",
                    "Persentase permintaan logistik darurat yang dipenuhi dalam 24 jam",
                    "persen",
                    parent="logistik",
                    target=95,
                    quarters="flat",
                ),
                sub=[
                    subkegiatan(
                        "DARURAT-TRC",
                        "Meningkatnya kecepatan respons tim reaksi cepat",
                        Ind(
                            "trc",
                            "Waktu tanggap tim reaksi cepat sejak laporan diterima",
                            "menit",
                            parent="respon",
                            polarity=MIN,
                            aggregation=HIGHEST,
                            period_aggregation=MEAN,
                        ),
                        pagu=620,
                        sub=[
                            rhk(
                                "DARURAT-TRC-1",
                                "Terlaksananya respons cepat regu TRC I",
                                Ind(
                                    "regu",
                                    "Waktu tanggap regu TRC I sejak laporan diterima",
                                    "menit",
                                    parent="trc",
                                    polarity=MIN,
                                    period_aggregation=MEAN,
                                    target=25,
                                    quarters="flat",
                                ),
                            ),
                            rhk(
                                "DARURAT-TRC-2",
                                "Terlaksananya respons cepat regu TRC II",
                                Ind(
                                    "regu",
                                    "Waktu tanggap regu TRC II sejak laporan diterima",
                                    "menit",
                                    parent="trc",
                                    polarity=MIN,
                                    period_aggregation=MEAN,
                                    target=30,
                                    quarters="flat",
                                ),
                            ),
                        ],
                    ),
                    subkegiatan(
                        "DARURAT-LOGISTIK",
                        "Tersedianya logistik dan peralatan penanganan darurat",
                        Ind(
                            "stok",
                            "Persentase ketersediaan logistik sesuai standar minimal",
                            "persen",
                            parent="logistik",
                            target=90,
                            quarters="flat",
                        ),
                        pagu=740,
                        sub=[
                            rhk(
                                "DARURAT-LOGISTIK-1",
                                "Tersusunnya laporan stok opname logistik",
                                Ind(
                                    "opname",
                                    "Jumlah laporan stok opname logistik yang disusun",
                                    "laporan",
                                    parent="stok",
                                    period_aggregation=SUM,
                                    target=12,
                                    quarters="flow",
                                ),
                            ),
                        ],
                    ),
                ],
            ),
        ],
    )
    name = "Badan Penanggulangan Bencana Daerah"
    goals = (
        tujuan(
            "",
            "Meningkatnya ketangguhan masyarakat dan kota dalam menghadapi bencana",
            Ind(
                "ikd",
                "Indeks Ketahanan Daerah (IKD)",
                "indeks",
                parent="irb",
                target=0.62,
                data="none",
                source="BNPB",
            ),
            parent="PEMKO-SS3.2",
            sub=[
                sasaran(
                    "",
                    "Meningkatnya kesiapsiagaan masyarakat dan kecepatan penanganan darurat "
                    "bencana",
                    Ind(
                        "katana",
                        "Persentase kelurahan tangguh bencana",
                        "persen",
                        parent="ikd",
                        target=40,
                        iku=True,
                    ),
                    Ind(
                        "respon",
                        "Waktu tanggap darurat bencana (terlama)",
                        "menit",
                        parent="ikd",
                        polarity=MIN,
                        aggregation=HIGHEST,
                        period_aggregation=MEAN,
                        iku=True,
                    ),
                    Ind(
                        "spm",
                        "Persentase warga yang memperoleh layanan informasi rawan bencana (SPM)",
                        "persen",
                        role="own",
                        target=100,
                        source="Laporan SPM sub urusan bencana",
                    ),
                    sub=[pencegahan, darurat],
                ),
            ],
        ),
        penunjang(name, 67.8, layanan=300, berkas=120, pagu=(480, 2650)),
    )
    return Agency("BPBD", name, "Kepala Pelaksana", 0.93, 0.88, divisions, goals)


def kecamatan() -> Agency:
    """Kecamatan Contoh Tengah, whose administrator units are two kelurahan."""

    def kelurahan(code: str, name: str, ikm: float, hari: float, numbers: tuple[int, int]) -> Goal:
        pembinaan, layanan = numbers
        return kegiatan(
            code,
            f"Meningkatnya kualitas pelayanan dan ketenteraman masyarakat {name}",
            Ind("ikm", f"Indeks Kepuasan Masyarakat {name}", "indeks", parent="ikm", target=ikm),
            Ind(
                "waktu",
                f"Rata-rata waktu penyelesaian layanan administrasi {name}",
                "hari",
                parent="waktu",
                polarity=MIN,
                period_aggregation=MEAN,
                target=hari,
                quarters="flat",
            ),
            sub=[
                subkegiatan(
                    f"{code}-PEM",
                    f"Terselenggaranya ketenteraman dan ketertiban lingkungan {name}",
                    Ind(
                        "pembinaan",
                        "Jumlah kegiatan pembinaan ketenteraman dan ketertiban lingkungan",
                        "kali",
                        parent="ikm",
                        period_aggregation=SUM,
                        target=pembinaan,
                        quarters="flow",
                    ),
                    pagu=310 if code == "SUKAMAJU" else 285,
                    sub=[
                        rhk(
                            f"{code}-PEM-1",
                            "Tersusunnya laporan situasi ketenteraman dan ketertiban",
                            Ind(
                                "laporan",
                                "Jumlah laporan situasi ketenteraman dan ketertiban yang disusun",
                                "laporan",
                                parent="pembinaan",
                                period_aggregation=SUM,
                                target=12,
                                quarters="flow",
                                data="full",
                            ),
                        ),
                    ],
                ),
                subkegiatan(
                    f"{code}-YANUM",
                    f"Meningkatnya pelayanan administrasi umum {name}",
                    Ind(
                        "layanan",
                        "Jumlah layanan administrasi (surat pengantar dan rekomendasi) yang "
                        "diselesaikan",
                        "dokumen",
                        parent="waktu",
                        aggregation=SUM,
                        period_aggregation=SUM,
                    ),
                    pagu=420 if code == "SUKAMAJU" else 390,
                    sub=[
                        rhk(
                            f"{code}-YANUM-1",
                            "Terselesaikannya surat pengantar dan rekomendasi warga",
                            Ind(
                                "layanan",
                                "Jumlah surat pengantar dan rekomendasi yang diselesaikan",
                                "dokumen",
                                parent="layanan",
                                period_aggregation=SUM,
                                target=layanan,
                                quarters="flow",
                            ),
                        ),
                    ],
                ),
            ],
        )

    def kelurahan_units(code: str, name: str, pem: Staff, yanum: Staff) -> Division:
        return Division(
            code,
            name,
            "Lurah",
            (
                section("PEM", "Seksi Pemerintahan, Ketenteraman dan Ketertiban", pem),
                section("YANUM", "Seksi Pelayanan Umum dan Kesejahteraan Sosial", yanum),
            ),
        )

    divisions = (
        sekretariat(
            (
                Staff("Bayu Aji Nugraha", "L", "Perencana Ahli Pertama"),
                Staff("Halimah", "P", "Pengelola Keuangan"),
            ),
            Staff("Reza Mahendra", "L", "Pengadministrasi Perkantoran"),
            name="Sekretariat Kecamatan",
        ),
        kelurahan_units(
            "SUKAMAJU",
            "Kelurahan Sukamaju",
            Staff("Yuni Astuti", "P", "Pengadministrasi Perkantoran"),
            Staff("Daniel Situmorang", "L", "Penata Layanan Operasional"),
        ),
        kelurahan_units(
            "MEKARSARI",
            "Kelurahan Mekarsari",
            Staff("Erna Susilawati", "P", "Pengadministrasi Perkantoran"),
            Staff("Firdaus Lubis", "L", "Penata Layanan Operasional"),
        ),
    )
    name = "Kecamatan Contoh Tengah"
    goals = (
        tujuan(
            "",
            "Meningkatnya kualitas pelayanan publik dan penyelenggaraan pemerintahan di kecamatan",
            Ind(
                "ikm",
                f"Indeks Kepuasan Masyarakat (IKM) atas layanan {name}",
                "indeks",
                parent="ikm",
                target=86,
                source="Survei Kepuasan Masyarakat kecamatan",
            ),
            parent="PEMKO-SS4.2",
            sub=[
                sasaran(
                    "",
                    "Meningkatnya kualitas pelayanan administrasi dan ketenteraman di kecamatan "
                    "dan kelurahan",
                    Ind(
                        "ikm",
                        "Nilai IKM terendah unit layanan kecamatan dan kelurahan",
                        "indeks",
                        parent="ikm",
                        aggregation=LOWEST,
                        iku=True,
                    ),
                    Ind(
                        "waktu",
                        "Rata-rata waktu penyelesaian layanan rekomendasi dan perizinan "
                        "non-berusaha",
                        "hari",
                        parent="ikm",
                        polarity=MIN,
                        period_aggregation=MEAN,
                        target=7,
                        upper=8,
                        quarters="flat",
                        real={"2024Q1": 7.8, "2024Q2": 7.5, "2024Q3": 7.2, "2024Q4": 7.1},
                        iku=True,
                    ),
                    sub=[
                        program(
                            "",
                            "Meningkatnya penyelenggaraan pemerintahan dan pelayanan publik "
                            "kewilayahan",
                            Ind(
                                "ikm",
                                "Nilai IKM terendah unit layanan kelurahan",
                                "indeks",
                                parent="ikm",
                                aggregation=LOWEST,
                            ),
                            Ind(
                                "waktu",
                                "Waktu penyelesaian layanan administrasi terlama di kelurahan",
                                "hari",
                                parent="waktu",
                                polarity=MIN,
                                aggregation=HIGHEST,
                                period_aggregation=MEAN,
                            ),
                            Ind(
                                "paten",
                                "Persentase layanan PATEN yang diselesaikan sesuai SOP",
                                "persen",
                                role="own",
                                target=95,
                                quarters="flat",
                                source="Aplikasi PATEN",
                            ),
                            sub=[
                                kelurahan("SUKAMAJU", "Kelurahan Sukamaju", 85, 2, (24, 2400)),
                                kelurahan("MEKARSARI", "Kelurahan Mekarsari", 84, 2.5, (20, 1900)),
                            ],
                        ),
                    ],
                ),
            ],
        ),
        penunjang(name, 71.6, layanan=240, berkas=80, adm=90, pagu=(260, 1380)),
    )
    return Agency("KEC-CONTOH", name, "Camat", 1.03, 0.94, divisions, goals)


def disnaker() -> Agency:
    """Dinas Tenaga Kerja: somewhat behind its placement targets."""
    divisions = (
        sekretariat(
            (
                Staff("Arief Rahman Hakim", "L", "Perencana Ahli Pertama"),
                Staff("Nurhayati", "P", "Analis Keuangan Pusat dan Daerah Ahli Pertama"),
            ),
            Staff("Taufik Hidayatullah", "L", "Pengadministrasi Perkantoran"),
        ),
        Division(
            "PENTA",
            "Bidang Penempatan dan Pelatihan Tenaga Kerja",
            "Kepala Bidang",
            (
                section(
                    "PENEMPATAN",
                    "Seksi Penempatan Tenaga Kerja",
                    Staff("Putri Handayani", "P", "Pengantar Kerja Ahli Pertama"),
                    Staff("Irwan Syahputra", "L", "Pengantar Kerja Ahli Pertama"),
                ),
                section(
                    "PELATIHAN",
                    "Seksi Pelatihan dan Produktivitas Tenaga Kerja",
                    Staff("Desi Ratnasari", "P", "Instruktur Ahli Pertama"),
                ),
            ),
        ),
        Division(
            "HI",
            "Bidang Hubungan Industrial",
            "Kepala Bidang",
            (
                section(
                    "SYAKER",
                    "Seksi Persyaratan Kerja dan Pengupahan",
                    Staff("Ahmad Fauzi", "L", "Penelaah Teknis Kebijakan"),
                ),
                section(
                    "PPHI",
                    "Seksi Penyelesaian Perselisihan Hubungan Industrial",
                    Staff("Indah Permata Sari", "P", "Mediator Hubungan Industrial Ahli Pertama"),
                ),
            ),
        ),
    )
    penta = program(
        "",
        "Meningkatnya penempatan dan kompetensi pencari kerja",
        Ind(
            "tempat",
            "Jumlah pencari kerja yang ditempatkan melalui layanan antarkerja",
            "orang",
            parent="tempat",
            aggregation=SUM,
            period_aggregation=SUM,
        ),
        Ind(
            "kompeten",
            "Persentase peserta pelatihan berbasis kompetensi yang lulus uji kompetensi",
            "persen",
            parent="tempat",
            role="supporting",
            target=80,
        ),
        sub=[
            kegiatan(
                "PENTA",
                "Meningkatnya layanan penempatan dan pelatihan berbasis kompetensi",
                Ind(
                    "tempat",
                    "Jumlah pencari kerja yang ditempatkan",
                    "orang",
                    parent="tempat",
                    aggregation=SUM,
                    period_aggregation=SUM,
                ),
                Ind(
                    "lulus",
                    "Jumlah peserta pelatihan yang lulus uji kompetensi",
                    "orang",
                    parent="kompeten",
                    period_aggregation=SUM,
                    target=256,
                    quarters="flow",
                ),
                sub=[
                    subkegiatan(
                        "PENTA-PENEMPATAN",
                        "Meningkatnya penempatan pencari kerja melalui bursa kerja dan antarkerja",
                        Ind(
                            "tempat",
                            "Jumlah pencari kerja yang ditempatkan melalui bursa kerja dan "
                            "antarkerja",
                            "orang",
                            parent="tempat",
                            aggregation=SUM,
                            period_aggregation=SUM,
                        ),
                        pagu=540,
                        sub=[
                            rhk(
                                "PENTA-PENEMPATAN-1",
                                "Terselenggaranya bursa kerja dan penempatan tenaga kerja lokal",
                                Ind(
                                    "bursa",
                                    "Jumlah pencari kerja yang ditempatkan melalui bursa kerja",
                                    "orang",
                                    parent="tempat",
                                    period_aggregation=SUM,
                                    target=1150,
                                    quarters="flow",
                                ),
                            ),
                            rhk(
                                "PENTA-PENEMPATAN-2",
                                "Terlaksananya penempatan tenaga kerja antarkerja antardaerah",
                                Ind(
                                    "akad",
                                    "Jumlah pencari kerja yang ditempatkan melalui AKAD dan AKL",
                                    "orang",
                                    parent="tempat",
                                    period_aggregation=SUM,
                                    target=650,
                                    quarters="flow",
                                ),
                            ),
                        ],
                    ),
                    subkegiatan(
                        "PENTA-PELATIHAN",
                        "Terselenggaranya pelatihan berbasis kompetensi bagi pencari kerja",
                        Ind(
                            "alumni",
                            "Jumlah alumni pelatihan yang ditempatkan",
                            "orang",
                            parent="tempat",
                            aggregation=SUM,
                            period_aggregation=SUM,
                        ),
                        Ind(
                            "peserta",
                            "Jumlah peserta pelatihan berbasis kompetensi",
                            "orang",
                            parent="lulus",
                            period_aggregation=SUM,
                            target=320,
                            quarters="flow",
                        ),
                        pagu=1380,
                        sub=[
                            rhk(
                                "PENTA-PELATIHAN-1",
                                "Terlaksananya pelatihan dan penempatan alumni pelatihan",
                                Ind(
                                    "alumni",
                                    "Jumlah alumni pelatihan yang ditempatkan kerja",
                                    "orang",
                                    parent="alumni",
                                    period_aggregation=SUM,
                                    target=220,
                                    quarters="flow",
                                ),
                                Ind(
                                    "uji",
                                    "Jumlah peserta pelatihan yang difasilitasi uji kompetensi",
                                    "orang",
                                    parent="peserta",
                                    period_aggregation=SUM,
                                    target=320,
                                    quarters="flow",
                                ),
                            ),
                        ],
                    ),
                ],
            ),
        ],
    )
    hi = program(
        "",
        "Meningkatnya kondusivitas hubungan industrial",
        Ind(
            "mediasi",
            "Persentase kasus perselisihan hubungan industrial yang diselesaikan melalui mediasi",
            "persen",
            parent="phi",
            target=85,
        ),
        sub=[
            kegiatan(
                "HI",
                "Meningkatnya penyelesaian perselisihan dan kepatuhan norma kerja",
                Ind(
                    "tepat",
                    "Persentase kasus perselisihan yang selesai dalam 30 hari kerja",
                    "persen",
                    parent="mediasi",
                    target=80,
                    quarters="flat",
                ),
                Ind(
                    "pp",
                    "Jumlah peraturan perusahaan dan perjanjian kerja bersama yang disahkan",
                    "dokumen",
                    parent="mediasi",
                    period_aggregation=SUM,
                    target=64,
                    quarters="flow",
                ),
                Ind(
                    "wlkp",
                    "Jumlah perusahaan yang melaksanakan wajib lapor ketenagakerjaan",
                    "perusahaan",
                    role="own",
                    target=850,
                    source="WLKP Online Kemnaker",
                ),
                sub=[
                    subkegiatan(
                        "HI-SYAKER",
                        "Meningkatnya kepatuhan perusahaan terhadap persyaratan kerja",
                        Ind(
                            "pp",
                            "Jumlah rancangan peraturan perusahaan yang diverifikasi",
                            "dokumen",
                            parent="pp",
                            period_aggregation=SUM,
                            target=72,
                            quarters="flow",
                        ),
                        pagu=520,
                        sub=[
                            rhk(
                                "HI-SYAKER-1",
                                "Terverifikasinya rancangan peraturan perusahaan",
                                Ind(
                                    "verifikasi",
                                    "Jumlah rancangan peraturan perusahaan yang diperiksa",
                                    "dokumen",
                                    parent="pp",
                                    period_aggregation=SUM,
                                    target=72,
                                    quarters="flow",
                                ),
                            ),
                        ],
                    ),
                    subkegiatan(
                        "HI-PPHI",
                        "Terselesaikannya perselisihan hubungan industrial melalui mediasi",
                        Ind(
                            "waktu",
                            "Rata-rata waktu penyelesaian mediasi perselisihan hubungan "
                            "industrial",
                            "hari",
                            parent="tepat",
                            polarity=MIN,
                            period_aggregation=MEAN,
                            target=30,
                            quarters="flat",
                        ),
                        pagu=490,
                        sub=[
                            rhk(
                                "HI-PPHI-1",
                                "Terselesaikannya risalah mediasi perselisihan hubungan "
                                "industrial",
                                Ind(
                                    "risalah",
                                    "Jumlah risalah mediasi yang diselesaikan",
                                    "dokumen",
                                    parent="waktu",
                                    period_aggregation=SUM,
                                    target=48,
                                    quarters="flow",
                                    data="full",
                                ),
                            ),
                        ],
                    ),
                ],
            ),
        ],
    )
    goals = (
        tujuan(
            "",
            "Meningkatnya penyerapan tenaga kerja lokal",
            Ind(
                "tempat",
                "Persentase pencari kerja terdaftar yang ditempatkan",
                "persen",
                parent="tpt",
                target=45,
                source="SIAPkerja Kemnaker",
            ),
            parent="PEMKO-SS2.2",
            sub=[
                sasaran(
                    "",
                    "Meningkatnya penempatan tenaga kerja dan kondusivitas hubungan industrial",
                    Ind(
                        "tempat",
                        "Jumlah pencari kerja yang ditempatkan",
                        "orang",
                        parent="tempat",
                        aggregation=SUM,
                        period_aggregation=SUM,
                        iku=True,
                        report=False,
                    ),
                    Ind(
                        "phi",
                        "Persentase perselisihan hubungan industrial yang diselesaikan",
                        "persen",
                        parent="tempat",
                        target=85,
                        iku=True,
                    ),
                    sub=[penta, hi],
                ),
            ],
        ),
        penunjang("Dinas Tenaga Kerja", 66.2, layanan=280, berkas=110, pagu=(450, 2210)),
    )
    return Agency("DISNAKER", "Dinas Tenaga Kerja", "Kepala Dinas", 0.88, 0.86, divisions, goals)


def disperindag() -> Agency:
    """Dinas Perindustrian dan Perdagangan, supporting both inflation and jobs."""
    divisions = (
        sekretariat(
            (
                Staff("Robert Tambunan", "L", "Perencana Ahli Pertama"),
                Staff("Novi Andriani", "P", "Analis Keuangan Pusat dan Daerah Ahli Pertama"),
            ),
            Staff("Slamet Riyadi", "L", "Pengadministrasi Perkantoran"),
        ),
        Division(
            "PERDAG",
            "Bidang Perdagangan",
            "Kepala Bidang",
            (
                section(
                    "HARGA",
                    "Seksi Stabilisasi Harga dan Distribusi Barang",
                    Staff("Yuliana Pakpahan", "P", "Pengawas Perdagangan Ahli Pertama"),
                    Staff("Hasanuddin", "L", "Pengolah Data dan Informasi"),
                ),
                section(
                    "PASAR",
                    "Seksi Pengelolaan Pasar Rakyat",
                    Staff("Mega Kusuma Wardani", "P", "Pengelola Layanan Operasional"),
                ),
            ),
        ),
        Division(
            "INDUSTRI",
            "Bidang Perindustrian",
            "Kepala Bidang",
            (
                section(
                    "BINA",
                    "Seksi Pembinaan Industri Kecil dan Menengah",
                    Staff("Joko Purnomo", "L", "Pembina Industri Ahli Pertama"),
                ),
                section(
                    "SARANA",
                    "Seksi Sarana dan Standardisasi Industri",
                    Staff("Ika Yuliana", "P", "Penguji Mutu Barang Ahli Pertama"),
                ),
            ),
        ),
    )

    def harga(n: int, wilayah: str, *extra: Ind) -> Goal:
        return rhk(
            f"PERDAG-HARGA-{n}",
            f"Terlaksananya operasi pasar dan pemantauan harga di pasar wilayah {wilayah}",
            Ind(
                "operasi",
                f"Jumlah operasi pasar yang dilaksanakan di wilayah {wilayah}",
                "kali",
                parent="operasi",
                period_aggregation=SUM,
                target=12,
                quarters="flow",
            ),
            *extra,
        )

    perdagangan = program(
        "",
        "Meningkatnya stabilitas harga dan kualitas pengelolaan pasar rakyat",
        Ind(
            "acuan",
            "Persentase komoditas pokok dengan harga sesuai harga acuan",
            "persen",
            parent="cv",
            target=80,
            quarters="flat",
        ),
        sub=[
            kegiatan(
                "PERDAG",
                "Meningkatnya pemantauan harga, distribusi barang dan sarana pasar rakyat",
                Ind(
                    "pantau",
                    "Persentase komoditas bahan pokok yang harganya terpantau harian",
                    "persen",
                    parent="acuan",
                    target=100,
                    quarters="flat",
                ),
                Ind(
                    "pasar",
                    "Persentase pasar rakyat dalam kondisi baik",
                    "persen",
                    parent="acuan",
                    target=75,
                ),
                sub=[
                    subkegiatan(
                        "PERDAG-HARGA",
                        "Terlaksananya pemantauan harga dan operasi pasar",
                        Ind(
                            "operasi",
                            "Jumlah operasi pasar dan gerakan pangan murah yang dilaksanakan",
                            "kali",
                            parent="pantau",
                            aggregation=SUM,
                            period_aggregation=SUM,
                        ),
                        Ind(
                            "laporan",
                            "Jumlah laporan harga bahan pokok harian yang dipublikasikan",
                            "laporan",
                            parent="pantau",
                            period_aggregation=SUM,
                            target=250,
                            quarters="flow",
                        ),
                        pagu=690,
                        sub=[
                            harga(
                                1,
                                "utara",
                                Ind(
                                    "publikasi",
                                    "Jumlah laporan harga harian yang diunggah ke SP2KP",
                                    "laporan",
                                    parent="laporan",
                                    period_aggregation=SUM,
                                    target=250,
                                    quarters="flow",
                                ),
                            ),
                            harga(2, "selatan"),
                        ],
                    ),
                    subkegiatan(
                        "PERDAG-PASAR",
                        "Meningkatnya kualitas pengelolaan pasar rakyat",
                        Ind(
                            "revitalisasi",
                            "Jumlah pasar rakyat yang dipelihara dan direvitalisasi",
                            "pasar",
                            parent="pasar",
                            target=6,
                        ),
                        pagu=1850,
                        sub=[
                            rhk(
                                "PERDAG-PASAR-1",
                                "Terkelolanya administrasi dan pemeliharaan pasar rakyat",
                                Ind(
                                    "laporan",
                                    "Jumlah laporan pengelolaan pasar yang disusun",
                                    "laporan",
                                    parent="revitalisasi",
                                    period_aggregation=SUM,
                                    target=12,
                                    quarters="flow",
                                ),
                            ),
                        ],
                    ),
                ],
            ),
        ],
    )
    industri = program(
        "",
        "Meningkatnya kapasitas dan sertifikasi produk industri kecil dan menengah",
        Ind(
            "binaan",
            "Jumlah IKM yang dibina",
            "unit usaha",
            parent="omzet",
            aggregation=SUM,
            period_aggregation=SUM,
        ),
        sub=[
            kegiatan(
                "INDUSTRI",
                "Meningkatnya pembinaan dan fasilitasi sertifikasi IKM",
                Ind(
                    "binaan",
                    "Jumlah IKM yang dibina",
                    "unit usaha",
                    parent="binaan",
                    aggregation=SUM,
                    period_aggregation=SUM,
                ),
                Ind(
                    "sertifikasi",
                    "Jumlah IKM yang memperoleh sertifikat halal, SNI atau merek",
                    "unit usaha",
                    parent="binaan",
                    role="supporting",
                    period_aggregation=SUM,
                    target=120,
                    quarters="flow",
                ),
                sub=[
                    subkegiatan(
                        "INDUSTRI-BINA",
                        "Meningkatnya kapasitas usaha IKM binaan",
                        Ind(
                            "binaan",
                            "Jumlah IKM yang mengikuti bimbingan teknis dan pendampingan",
                            "unit usaha",
                            parent="binaan",
                            aggregation=SUM,
                            period_aggregation=SUM,
                        ),
                        pagu=820,
                        sub=[
                            rhk(
                                "INDUSTRI-BINA-1",
                                "Terlaksananya bimbingan teknis dan pendampingan IKM",
                                Ind(
                                    "bimtek",
                                    "Jumlah IKM peserta bimbingan teknis yang didampingi",
                                    "unit usaha",
                                    parent="binaan",
                                    period_aggregation=SUM,
                                    target=300,
                                    quarters="flow",
                                ),
                            ),
                        ],
                    ),
                    subkegiatan(
                        "INDUSTRI-SARANA",
                        "Terfasilitasinya sertifikasi produk IKM",
                        Ind(
                            "fasilitasi",
                            "Jumlah IKM yang difasilitasi sertifikasi produk",
                            "unit usaha",
                            parent="sertifikasi",
                            period_aggregation=SUM,
                            target=140,
                            quarters="flow",
                        ),
                        pagu=560,
                        sub=[
                            rhk(
                                "INDUSTRI-SARANA-1",
                                "Terverifikasinya berkas permohonan sertifikasi produk IKM",
                                Ind(
                                    "berkas",
                                    "Jumlah berkas permohonan sertifikasi IKM yang diverifikasi",
                                    "berkas",
                                    parent="fasilitasi",
                                    period_aggregation=SUM,
                                    target=150,
                                    quarters="flow",
                                ),
                            ),
                        ],
                    ),
                ],
            ),
        ],
    )
    name = "Dinas Perindustrian dan Perdagangan"
    goals = (
        tujuan(
            "",
            "Terjaganya stabilitas harga dan ketersediaan barang kebutuhan pokok",
            Ind(
                "inflasi",
                "Laju inflasi kelompok makanan, minuman dan tembakau",
                "persen",
                parent="inflasi",
                polarity=STAB,
                target=2.5,
                upper=4.5,
                quarters="flat",
                real={"2024Q1": 4.12, "2024Q2": 3.65, "2024Q3": 2.94, "2024Q4": 3.31},
                source="BPS Kota Contoh",
            ),
            parent="PEMKO-SS2.3",
            sub=[
                sasaran(
                    "",
                    "Terkendalinya harga barang kebutuhan pokok",
                    Ind(
                        "cv",
                        "Koefisien variasi harga barang kebutuhan pokok antarwaktu",
                        "persen",
                        parent="inflasi",
                        polarity=MIN,
                        period_aggregation=MEAN,
                        target=9,
                        quarters="flat",
                        iku=True,
                        source="SP2KP Kementerian Perdagangan",
                    ),
                    sub=[perdagangan],
                ),
            ],
        ),
        tujuan(
            "",
            "Meningkatnya daya saing industri kecil dan menengah",
            Ind(
                "tenaga",
                "Pertumbuhan tenaga kerja sektor industri kecil dan menengah",
                "persen",
                parent="tpt",
                target=3.5,
                source="SIINas",
            ),
            parent="PEMKO-SS2.2",
            sub=[
                sasaran(
                    "",
                    "Meningkatnya produktivitas industri kecil dan menengah",
                    Ind(
                        "omzet",
                        "Persentase IKM binaan yang meningkat omzetnya",
                        "persen",
                        parent="tenaga",
                        target=60,
                        iku=True,
                    ),
                    sub=[industri],
                ),
            ],
        ),
        penunjang(name, 69.3, layanan=330, berkas=130, pagu=(560, 2890)),
    )
    return Agency("DISPERINDAG", name, "Kepala Dinas", 0.98, 0.91, divisions, goals)


def agencies() -> tuple[Agency, ...]:
    """The perangkat daerah of Kota Contoh, in table order."""
    return (
        dinkes(),
        disdik(),
        dinsos(),
        bappelitbangda(),
        dinaspu(),
        bpbd(),
        kecamatan(),
        disnaker(),
        disperindag(),
    )


# --------------------------------------------------------------------------- the builder

_PREFIX = {
    "tujuan": "T",
    "sasaran_strategis": "SS",
    "sasaran_program": "P",
    "sasaran_kegiatan": "K",
    "sasaran_subkegiatan": "SK",
    "rencana_hasil_kerja": "RHK",
}
Row = dict[str, object]
Values = dict[str, float]


def jitter(*parts: str) -> float:
    """A deterministic number in [-1, 1] from the text of ``parts``."""
    return zlib.crc32("|".join(parts).encode()) / 0xFFFFFFFF * 2 - 1


def nip(staff: Staff) -> str:
    """A plausible, deterministic NIP (18 digits) for an employee."""
    h = zlib.crc32(staff.name.encode())
    born = 1975 + h % 22
    month, day = 1 + (h >> 5) % 12, 1 + (h >> 9) % 28
    hired = min(born + 23 + (h >> 14) % 8, 2022)
    hired_month = (1, 3, 4)[(h >> 18) % 3]
    gender = 1 if staff.gender == "L" else 2
    return f"{born}{month:02d}{day:02d}{hired}{hired_month:02d}{gender}{1 + (h >> 21) % 3:03d}"


class Builder:
    """Turns the written-down city into the rows of the six tables."""

    def __init__(self) -> None:
        self.units: list[Row] = []
        self.goals: list[Row] = []
        self.indicators: list[Row] = []
        self.specs: dict[str, Ind] = {}
        self.roles: dict[str, str] = {}
        self.performance: dict[str, float] = {}
        self.children: dict[str, list[str]] = defaultdict(list)
        self.keys: dict[str, dict[str, str]] = {}
        self.goal_specs: dict[str, Goal] = {}
        self.goal_children: dict[str, list[str]] = defaultdict(list)
        self.absorption: dict[str, float] = {}
        self.targets: dict[str, dict[str, tuple[float, float | None]]] = {}
        self.values: dict[str, Values] = {}
        self.reported: dict[str, Values] = {}

    # ---------------------------------------------------------------- owners

    def _unit(self, unit_id: str, name: str, parent: str | None, level: str, **extra: str) -> None:
        row: Row = {"unit_id": unit_id, "name": name, "parent_id": parent, "level": level}
        self.units.append(row | {"jabatan": extra.get("jabatan"), "nip": extra.get("nip")})

    def add_pemda(self) -> None:
        """The root owner: the pemda."""
        self._unit("PEMKO", "Pemerintah Kota Contoh", None, "pemda", jabatan="Wali Kota")

    def add_units(self, agency: Agency) -> None:
        """The agency, its divisions, sections and staff, depth first."""
        code = agency.code
        self._unit(code, agency.name, "PEMKO", "perangkat_daerah", jabatan=agency.jabatan)
        for division in agency.divisions:
            div_id = f"{code}-{division.code}"
            self._unit(div_id, division.name, code, "administrator", jabatan=division.jabatan)
            for sec in division.sections:
                sec_id = f"{div_id}-{sec.code}"
                head = "Kepala " + sec.name.split()[0]
                self._unit(sec_id, sec.name, div_id, "pengawas", jabatan=head)
                for n, staff in enumerate(sec.staff, 1):
                    self._staff(f"{sec_id}-{n}", staff, sec_id)
            for n, staff in enumerate(division.fungsional, 1):
                self._staff(f"{div_id}-JF{n}", staff, div_id)

    def _staff(self, unit_id: str, staff: Staff, parent: str) -> None:
        self._unit(unit_id, staff.name, parent, "pelaksana", jabatan=staff.jabatan, nip=nip(staff))

    # ----------------------------------------------------------------- goals

    def add_goals(self, owner: str, goals: Iterable[Goal], performance: float) -> None:
        """An owner's top goals and everything below them."""
        counters: dict[str, int] = defaultdict(int)
        for spec in goals:
            counters[spec.kind] += 1
            path = (str(counters[spec.kind]),)
            self._goal(spec, owner, spec.parent, path, counters, performance)

    def _goal(
        self,
        spec: Goal,
        agency: str,
        parent: str | None,
        path: tuple[str, ...],
        counters: dict[str, int],
        performance: float,
    ) -> str:
        goal_id = f"{agency}-{_PREFIX[spec.kind]}{'.'.join(path)}"
        if goal_id in self.goal_specs:
            msg = f"duplicate goal id {goal_id}"
            raise ValueError(msg)
        owner = f"{agency}-{spec.owner}" if spec.owner else agency
        self.goals.append(
            {
                "goal_id": goal_id,
                "unit_id": owner,
                "parent_goal_id": parent,
                "statement": spec.statement,
                "kind": spec.kind,
                "crosscutting": spec.crosscutting,
                "keterangan": spec.note,
            }
        )
        self.goal_specs[goal_id] = spec
        if parent is not None:
            self.goal_children[parent].append(goal_id)
        self._indicators(goal_id, parent, spec, performance)
        local: dict[str, int] = defaultdict(int)
        for child in spec.children:
            local[child.kind] += 1
            self._goal(
                child,
                agency,
                goal_id,
                self._child_path(agency, spec, child, path, local[child.kind], counters),
                counters,
                performance,
            )
        return goal_id

    @staticmethod
    def _child_path(
        agency: str,
        spec: Goal,
        child: Goal,
        path: tuple[str, ...],
        n: int,
        counters: dict[str, int],
    ) -> tuple[str, ...]:
        if child.kind in ("tujuan", "sasaran_program") or (
            child.kind == "sasaran_strategis" and agency != "PEMKO"
        ):
            counters[child.kind] += 1
            return (str(counters[child.kind]),)
        if child.kind == "rencana_hasil_kerja" and spec.kind == "sasaran_kegiatan":
            return (*path, f"J{n}")
        return (*path, str(n))

    def _indicators(self, goal_id: str, parent_goal: str | None, spec: Goal, perf: float) -> None:
        keys: dict[str, str] = {}
        for n, ind in enumerate(spec.indicators, 1):
            ind_id = f"{goal_id}-I{n}"
            if ind.key in keys:
                msg = f"indicator key {ind.key!r} used twice in goal {goal_id}"
                raise ValueError(msg)
            keys[ind.key] = ind_id
            parent_id = None
            if ind.parent is not None:
                assert parent_goal is not None, goal_id
                parent_id = self.keys[parent_goal][ind.parent]
                self.children[parent_id].append(ind_id)
            role = ind.role or self._role(parent_id)
            self.specs[ind_id] = ind
            self.roles[ind_id] = role
            self.performance[ind_id] = perf
            self.indicators.append(
                {
                    "indicator_id": ind_id,
                    "goal_id": goal_id,
                    "parent_indicator_id": parent_id,
                    "name": ind.name,
                    "measure_unit": ind.unit,
                    "polarity": ind.polarity,
                    "aggregation": ind.aggregation,
                    "period_aggregation": ind.period_aggregation,
                    "role": role,
                    "weight": ind.weight,
                    "key": ind.iku,
                    "sumber_data": ind.source,
                }
            )
        self.keys[goal_id] = keys

    def _role(self, parent_id: str | None) -> str:
        if parent_id is None:
            return "carrier"
        return "supporting" if self.specs[parent_id].aggregation == NONE else "carrier"

    # --------------------------------------------------------- numbers: targets

    def carriers(self, ind_id: str) -> list[str]:
        """The carrier children of an indicator."""
        return [c for c in self.children[ind_id] if self.roles[c] == "carrier"]

    def compute(self) -> None:
        """Targets and realisations, children before parents."""
        for row in reversed(self.indicators):
            ind_id = str(row["indicator_id"])
            self.targets[ind_id] = self._targets(ind_id)
        for row in reversed(self.indicators):
            self._realise(str(row["indicator_id"]))

    def _combine(self, ind_id: str, columns: list[Values], *, rounded: bool) -> Values:
        spec = self.specs[ind_id]
        weights = [self.specs[c].weight for c in self.carriers(ind_id)]
        out: Values = {}
        for period in PERIODS:
            if not all(period in column for column in columns):
                continue
            xs = [column[period] for column in columns]
            if spec.aggregation == SUM:
                value = round(math.fsum(xs), 6)
            elif spec.aggregation == MEAN:
                value = math.fsum(xs) / len(xs)
            elif spec.aggregation == WMEAN:
                value = math.fsum(w * x for w, x in zip(weights, xs, strict=True)) / sum(weights)
            else:
                value = min(xs) if spec.aggregation == LOWEST else max(xs)
            out[period] = round(value, 2) if rounded and spec.aggregation != SUM else value
        return out

    def _targets(self, ind_id: str) -> dict[str, tuple[float, float | None]]:
        spec = self.specs[ind_id]
        carriers = self.carriers(ind_id)
        derived: Values = {}
        if spec.aggregation != NONE and carriers:
            columns = [{p: t[0] for p, t in self.targets[c].items()} for c in carriers]
            derived = self._combine(ind_id, columns, rounded=True)
        if spec.target is None:
            if not derived:
                msg = f"{ind_id} has no target and no carrier children to derive one from"
                raise ValueError(msg)
            return {p: (v, None) for p, v in derived.items()}
        own = self._own_targets(ind_id, spec)
        if spec.aggregation == SUM and carriers and {p: v[0] for p, v in own.items()} != derived:
            msg = f"{ind_id}: target {own} is not the sum of its carriers' {derived}"
            raise ValueError(msg)
        return own

    @staticmethod
    def _own_targets(ind_id: str, spec: Ind) -> dict[str, tuple[float, float | None]]:
        assert spec.target is not None
        out: dict[str, tuple[float, float | None]] = {YEAR: (float(spec.target), spec.upper)}
        digits = 0 if spec.unit in COUNT_UNITS else 2
        if spec.quarters == "flat":
            out |= {q: (float(spec.target), spec.upper) for q in QUARTERS}
        elif spec.quarters == "cum":
            if spec.period_aggregation != LAST:
                msg = f"{ind_id}: cumulative quarters need period_aggregation last"
                raise ValueError(msg)
            out |= {
                q: (float(round(spec.target * share, digits)), None)
                for q, share in zip(QUARTERS, CUM_SHARES, strict=True)
            }
        elif spec.quarters == "flow":
            if spec.period_aggregation != SUM:
                msg = f"{ind_id}: flow quarters need period_aggregation sum"
                raise ValueError(msg)
            parts = [float(round(spec.target * share, digits)) for share in FLOW_SHARES[:3]]
            parts.append(round(spec.target - math.fsum(parts), 6))
            out |= {q: (v, None) for q, v in zip(QUARTERS, parts, strict=True)}
        if any(low == 0 for low, _ in out.values()):
            msg = f"{ind_id}: a zero target ({out})"
            raise ValueError(msg)
        return out

    # ---------------------------------------------------- numbers: realisations

    def _realise(self, ind_id: str) -> None:
        spec = self.specs[ind_id]
        carriers = self.carriers(ind_id)
        if spec.aggregation != NONE and carriers:
            derived = self._combine(ind_id, [self.values[c] for c in carriers], rounded=False)
            report = spec.report
            if report is None:
                report = spec.aggregation in (SUM, LOWEST, HIGHEST)
            periods: tuple[str, ...] = () if spec.data == "none" or not report else PERIODS
            if periods and spec.data == "annual":
                periods = (YEAR,)
            self.values[ind_id] = derived
            self.reported[ind_id] = {p: v for p, v in derived.items() if p in periods}
            return
        if spec.data == "none":
            values: Values = {}
        elif isinstance(spec.real, Mapping):
            values = self._explicit(ind_id, spec, spec.real)
        elif spec.real is not None:
            values = {YEAR: float(spec.real)}
        else:
            values = self._generate(ind_id, spec)
        self.values[ind_id] = values
        self.reported[ind_id] = values

    @staticmethod
    def _annual(spec: Ind, quarters: Values) -> float:
        xs = [quarters[q] for q in QUARTERS]
        if spec.period_aggregation == SUM:
            return round(math.fsum(xs), 6)
        if spec.period_aggregation == MEAN:
            return round(math.fsum(xs) / len(xs), 6)
        return xs[-1]

    def _explicit(self, ind_id: str, spec: Ind, real: Mapping[str, float]) -> Values:
        if set(real) != set(QUARTERS):
            msg = f"{ind_id}: explicit realisations are given for the four quarters"
            raise ValueError(msg)
        quarters = {q: float(real[q]) for q in QUARTERS}
        return {YEAR: self._annual(spec, quarters), **quarters}

    def _generate(self, ind_id: str, spec: Ind) -> Values:
        if spec.upper is not None or spec.polarity == STAB:
            msg = f"{ind_id}: give the realisation of a range or stabilize target explicitly"
            raise ValueError(msg)
        if ind_id.startswith("PEMKO-"):
            msg = f"{ind_id}: give the pemda's realisations explicitly"
            raise ValueError(msg)
        targets = self.targets[ind_id]
        digits = 0 if spec.unit in COUNT_UNITS else 2

        def one(period: str) -> float:
            factor = self.performance[ind_id] + 0.06 * jitter(ind_id, period)
            target = targets[period][0]
            value = target * factor if spec.polarity == MAX else target * (2 - factor)
            if spec.unit == "persen" and spec.polarity == MAX:
                value = min(value, 100.0)
            return float(round(max(value, 0.0), digits))

        if spec.quarters is None or spec.data == "annual":
            return {YEAR: one(YEAR)}
        quarters = {q: one(q) for q in QUARTERS}
        return {YEAR: self._annual(spec, quarters), **quarters}

    # --------------------------------------------------------------- numbers: budgets

    def budgets(self) -> list[Row]:
        """Pagu and spending of every program, kegiatan and sub kegiatan goal."""
        allocated: dict[str, float] = {}
        spent: dict[str, float] = {}
        for row in reversed(self.goals):
            goal_id, kind = str(row["goal_id"]), row["kind"]
            spec = self.goal_specs[goal_id]
            if kind == "sasaran_subkegiatan":
                if spec.pagu is None:
                    msg = f"{goal_id}: a sub kegiatan needs a pagu"
                    raise ValueError(msg)
                allocated[goal_id] = spec.pagu * 1_000_000
                rate = min(0.995, self.absorption[goal_id] + 0.05 * jitter(goal_id, "serapan"))
                spent[goal_id] = round(allocated[goal_id] * rate / 1000) * 1000.0
            elif kind in ("sasaran_kegiatan", "sasaran_program"):
                funded = [c for c in self.goal_children[goal_id] if c in allocated]
                allocated[goal_id] = math.fsum(allocated[c] for c in funded)
                spent[goal_id] = math.fsum(spent[c] for c in funded)
        return [
            {
                "goal_id": row["goal_id"],
                "period": YEAR,
                "allocated": allocated[str(row["goal_id"])],
                "spent": spent[str(row["goal_id"])],
            }
            for row in self.goals
            if row["goal_id"] in allocated
        ]

    # ------------------------------------------------------------------- tables

    def tables(self) -> dict[str, list[Row]]:
        """The six tables as lists of rows."""
        targets = [
            {"indicator_id": ind_id, "period": p, "target": low, "target_upper": high}
            for ind_id in self._indicator_ids()
            for p, (low, high) in sorted(self.targets[ind_id].items(), key=_period_order)
        ]
        realisations = [
            {"indicator_id": ind_id, "period": p, "value": value}
            for ind_id in self._indicator_ids()
            for p, value in sorted(self.reported[ind_id].items(), key=_period_order)
        ]
        return {
            "units": self.units,
            "goals": self.goals,
            "indicators": self.indicators,
            "targets": targets,
            "realisations": realisations,
            "budgets": self.budgets(),
        }

    def _indicator_ids(self) -> list[str]:
        return [str(row["indicator_id"]) for row in self.indicators]


def _period_order(item: tuple[str, object]) -> int:
    return PERIODS.index(item[0])


def build() -> dict[str, list[Row]]:
    """Build Kota Contoh: the rows of each table."""
    builder = Builder()
    builder.add_pemda()
    city = agencies()
    for agency in city:
        builder.add_units(agency)
    builder.add_goals("PEMKO", PEMDA_GOALS, performance=1.0)
    for agency in city:
        start = len(builder.goals)
        builder.add_goals(agency.code, agency.goals, agency.performance)
        for row in builder.goals[start:]:
            builder.absorption[str(row["goal_id"])] = agency.absorption
    nips = [row["nip"] for row in builder.units if row["nip"]]
    if len(nips) != len(set(nips)):
        msg = "two employees have the same NIP"
        raise ValueError(msg)
    builder.compute()
    return builder.tables()


# --------------------------------------------------------------------------- writing

_AMBIGUOUS = re.compile(r"-?\d{1,3}\.\d{3}")


def format_number(value: float) -> str:
    """Plain number text that reads back exactly: ``12.5``, ``1200000``, ``1.2340``."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    text = repr(value)
    if "e" in text or "n" in text:
        msg = f"cannot write {value!r} as plain number text"
        raise ValueError(msg)
    return text + "0" if _AMBIGUOUS.fullmatch(text) else text


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float | int):
        return format_number(float(value))
    return str(value)


def render() -> dict[str, str]:
    """The text of each CSV file, by file name."""
    files: dict[str, str] = {}
    for table, rows in build().items():
        header = [c.name for c in TABLES[table].columns] + list(EXTRA_COLUMNS.get(table, ()))
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([_cell(row[column]) for column in header] for row in rows)
        files[f"{table}.csv"] = buffer.getvalue()
    return files


def main(argv: list[str] | None = None) -> int:
    """Write the CSV files, or with ``--check`` verify that they are up to date."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare, do not write")
    parser.add_argument("--out", type=Path, default=OUT, help="the folder to write")
    args = parser.parse_args(argv)
    files = render()
    if args.check:
        stale = [
            name
            for name, text in files.items()
            if not (args.out / name).is_file() or (args.out / name).read_bytes() != text.encode()
        ]
        for name in stale:
            print(f"out of date: {args.out / name}", file=sys.stderr)
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (args.out / name).write_bytes(text.encode())
        print(f"wrote {args.out / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
