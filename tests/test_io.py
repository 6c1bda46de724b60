"""Reading and writing workbooks: xlsx, a folder of CSV files and JSON."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from openpyxl.styles import Font

import cascade.io
from cascade import Cascade
from cascade.errors import FileFormatError, InputError, UsageError
from cascade.io import read, write

Rows = list[list[Any]]
FORMATS = ["xlsx", "csv", "json"]
DISK_FULL = "disk full"


# ----------------------------------------------------------------------------------- helpers


def make_xlsx(path: Path, sheets: dict[str, Rows]) -> Path:
    """An xlsx file written by openpyxl in its ordinary (not write-only) mode."""
    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def make_csv(
    folder: Path,
    files: dict[str, Rows],
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
    lineterminator: str = "\n",
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in files.items():
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator=lineterminator)
        writer.writerows(["" if v is None else v for v in row] for row in rows)
        (folder / f"{name}.csv").write_bytes(buffer.getvalue().encode(encoding))
    return folder


def make(fmt: str, path: Path, tables: dict[str, Rows]) -> Path:
    """Write raw tables (a header row, then data rows) as a workbook in ``fmt``."""
    if fmt == "xlsx":
        return make_xlsx(path.with_suffix(".xlsx"), tables)
    if fmt == "csv":
        return make_csv(path, tables)
    records = {
        name: [dict(zip(rows[0], row, strict=True)) for row in rows[1:] if row]
        for name, rows in tables.items()
    }
    target = path.with_suffix(".json")
    target.write_text(json.dumps(records), encoding="utf-8")
    return target


def source_of(fmt: str, path: Path, table_file: str) -> str:
    """The file a problem names: the workbook, or the table's own CSV file."""
    return str(path / f"{table_file}.csv") if fmt == "csv" else str(path)


MINIMAL: dict[str, Rows] = {
    "units": [["unit_id", "name", "level"], ["P", "Pemko", "pemda"]],
    "goals": [["goal_id", "unit_id", "statement"], ["G", "P", "Tujuan"]],
    "indicators": [
        ["indicator_id", "goal_id", "name", "measure_unit"],
        ["I", "G", "IPM", "indeks"],
    ],
}


def city() -> Cascade:
    """A small cascade using every column, with extra columns and awkward values."""
    return Cascade(
        units=pd.DataFrame(
            {
                "unit_id": ["PEMKO", "DINKES", "001", "2024"],
                "name": ["Pemerintah Kota", "Dinas Kesehatan", "Bidang P2P", "Seksi Ü"],
                "parent_id": [None, "PEMKO", "DINKES", "001"],
                "level": ["pemda", "perangkat_daerah", "administrator", "pengawas"],
                "sumber_data": ["SOTK 2023", None, "=SUM(A1:A3)", "#N/A"],
                "keterangan": ["baris\npertama", "  spasi  ", None, "tab\there"],
            }
        ),
        goals=pd.DataFrame(
            {
                "goal_id": ["T1", "S1", "SP1"],
                "unit_id": ["PEMKO", "PEMKO", "DINKES"],
                "parent_goal_id": [None, "T1", "S1"],
                "statement": ["Meningkatnya kualitas hidup", "Meningkatnya kesehatan", None],
                "kind": ["tujuan", "sasaran_strategis", None],
                "crosscutting": [False, True, False],
            }
        ),
        indicators=pd.DataFrame(
            {
                "indicator_id": ["I1", "I2", "I3"],
                "goal_id": ["T1", "S1", "SP1"],
                "parent_indicator_id": [None, "I1", "I2"],
                "name": ["IPM", "AHH", "Cakupan imunisasi"],
                "measure_unit": ["indeks", None, "persen"],
                "polarity": ["maximize", "minimize", "stabilize"],
                "aggregation": ["none", "mean", "weighted_mean"],
                "period_aggregation": ["last", "sum", "mean"],
                "role": ["own", "carrier", "supporting"],
                "weight": [1.0, 0.1 + 0.2, 2.5],
                "key": [True, False, True],
                "keterangan": ["x", "y", "z"],
            }
        ),
        targets=pd.DataFrame(
            {
                "indicator_id": ["I1", "I2", "I3", "I3"],
                "period": ["2024", "2024Q1", "2024-03", "2025"],
                "target": [72.5, 1e-300, 80.0, 1.234],
                "target_upper": [None, None, 90.0, 1e300],
            }
        ),
        realisations=pd.DataFrame(
            {
                "indicator_id": ["I1", "I3"],
                "period": ["2024", "2024-03"],
                "value": [73.25, -0.5],
            }
        ),
        budgets=pd.DataFrame(
            {
                "goal_id": ["S1", "SP1"],
                "period": ["2024", "2024"],
                "allocated": [1_500_000_000.0, 123456789.123],
                "spent": [1_200_000_000.0, None],
            }
        ),
    )


def suffix(fmt: str) -> str:
    return {"xlsx": "kota.xlsx", "json": "kota.json", "csv": "kota"}[fmt]


# ------------------------------------------------------------------------- write, then read


@pytest.mark.parametrize("fmt", FORMATS)
def test_write_then_read_is_identical(fmt: str, tmp_path: Path) -> None:
    original = city()
    target = write(original, tmp_path / suffix(fmt))
    assert detect(target) == fmt
    back = read(target)
    assert back == original
    assert back.units["unit_id"].tolist() == ["PEMKO", "DINKES", "001", "2024"]
    assert back.units["sumber_data"].tolist()[2:] == ["=SUM(A1:A3)", "#N/A"]
    assert back.units["keterangan"].tolist()[:2] == ["baris\npertama", "  spasi  "]
    assert back.indicators["weight"].tolist() == [1.0, 0.1 + 0.2, 2.5]
    assert back.targets["target_upper"].tolist()[3] == 1e300
    assert back.extra_columns("units") == ["sumber_data", "keterangan"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_write_then_read_an_empty_cascade(fmt: str, tmp_path: Path) -> None:
    empty = Cascade(units=[], goals=[], indicators=[])
    back = read(write(empty, tmp_path / suffix(fmt)))
    assert back == empty
    assert len(back.targets) == 0


@pytest.mark.parametrize("fmt", FORMATS)
def test_write_replaces_an_existing_workbook(fmt: str, tmp_path: Path) -> None:
    target = tmp_path / suffix(fmt)
    write(city(), target)
    smaller = Cascade(units=[], goals=[], indicators=[])
    write(smaller, target)
    assert read(target) == smaller


def detect(path: Path) -> str:
    return cascade.io.detect_format(path)


def test_format_can_be_given(tmp_path: Path) -> None:
    original = city()
    for fmt in FORMATS:
        target = tmp_path / f"kota-{fmt}.data"
        write(original, target, format=fmt)  # type: ignore[arg-type]
        assert read(target, format=fmt) == original  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="unknown format"):
        read(tmp_path / "kota-json.data", format="yaml")  # type: ignore[arg-type]


def test_cascade_read_and_write_methods(tmp_path: Path) -> None:
    original = city()
    original.write(tmp_path / "kota.xlsx")
    assert Cascade.read(tmp_path / "kota.xlsx") == original


def test_the_written_xlsx(tmp_path: Path) -> None:
    path = write(city(), tmp_path / "kota.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        "units",
        "goals",
        "indicators",
        "targets",
        "realisations",
        "budgets",
    ]
    units = book["units"]
    assert [c.value for c in units[1]] == [
        "unit_id",
        "name",
        "parent_id",
        "level",
        "sumber_data",
        "keterangan",
    ]
    assert all(c.font.b for c in units[1])
    assert units.freeze_panes == "A2"
    assert units.column_dimensions["A"].width >= 8
    # ids and periods that look like numbers are text; numbers are numbers; yes/no are booleans
    assert units["A4"].value == "001"
    assert units["A4"].data_type == "s"
    assert units["E4"].value == "=SUM(A1:A3)"
    assert units["E4"].data_type == "s"  # text, not a formula
    targets = book["targets"]
    assert targets["B2"].value == "2024"
    assert targets["B2"].data_type == "s"
    assert targets["C2"].value == 72.5
    assert targets["D2"].value is None
    assert book["indicators"]["J3"].value == 0.1 + 0.2  # all 17 digits
    assert book["indicators"]["K2"].value is True
    assert book["budgets"].max_row == 3
    assert book["realisations"]["C3"].value == -0.5
    assert [c.value for c in book["budgets"][1]] == ["goal_id", "period", "allocated", "spent"]


def test_the_written_json(tmp_path: Path) -> None:
    path = write(city(), tmp_path / "kota.json")
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["format"] == "cascade-workbook"
    assert document["version"] == 1
    assert list(document["tables"]) == [
        "units",
        "goals",
        "indicators",
        "targets",
        "realisations",
        "budgets",
    ]
    assert document["tables"]["units"][3] == {
        "unit_id": "2024",
        "name": "Seksi Ü",
        "parent_id": "001",
        "level": "pengawas",
        "sumber_data": "#N/A",
        "keterangan": "tab\there",
    }
    assert list(document["tables"]["indicators"][0]) == [
        "indicator_id",
        "goal_id",
        "parent_indicator_id",
        "name",
        "measure_unit",
        "polarity",
        "aggregation",
        "period_aggregation",
        "role",
        "weight",
        "key",
        "keterangan",
    ]
    assert document["tables"]["targets"][0] == {
        "indicator_id": "I1",
        "period": "2024",
        "target": 72.5,
        "target_upper": None,
    }
    assert document["tables"]["indicators"][0]["key"] is True
    assert document["tables"]["realisations"][1]["period"] == "2024-03"
    assert "Seksi Ü" in path.read_text(encoding="utf-8")  # not \u-escaped


def test_json_infinity_is_a_string(tmp_path: Path) -> None:
    c = Cascade(
        units=[],
        goals=[],
        indicators=[],
        realisations=[
            {"indicator_id": "I", "period": "2024", "value": v} for v in ("inf", "-inf")
        ],
    )
    path = write(c, tmp_path / "kota.json")
    text = path.read_text(encoding="utf-8")
    assert "Infinity" not in text
    document = json.loads(text)
    assert [r["value"] for r in document["tables"]["realisations"]] == ["inf", "-inf"]
    assert read(path) == c
    assert read(write(c, tmp_path / "kota.xlsx")) == c


@pytest.mark.parametrize("fmt", FORMATS)
def test_row_order_is_kept(fmt: str, tmp_path: Path) -> None:
    ids = ["Z", "A", "M", "10", "9", "B"]
    c = Cascade(
        units=[{"unit_id": i, "name": i, "level": "pelaksana"} for i in ids],
        goals=[],
        indicators=[],
    )
    assert read(write(c, tmp_path / suffix(fmt))).units["unit_id"].tolist() == ids


@pytest.mark.parametrize("fmt", FORMATS)
def test_extra_columns_are_kept_in_order(fmt: str, tmp_path: Path) -> None:
    tables = {
        **MINIMAL,
        "indicators": [
            ["sumber_data", "indicator_id", "goal_id", "keterangan", "name", "satuan", "catatan"],
            ["BPS", "I", "G", "naik tiap tahun", "IPM", "indeks", None],
            [None, "J", "G", "", "AHH", "tahun", "cek lagi"],
        ],
    }
    c = read(make(fmt, tmp_path / "kota", tables))
    assert list(c.indicators.columns)[-3:] == ["sumber_data", "keterangan", "catatan"]
    assert c.extra_columns("indicators") == ["sumber_data", "keterangan", "catatan"]
    assert c.indicators["sumber_data"].tolist()[0] == "BPS"
    assert pd.isna(c.indicators["sumber_data"].iat[1])
    assert c.indicators["keterangan"].tolist()[0] == "naik tiap tahun"
    assert pd.isna(c.indicators["keterangan"].iat[1])
    assert c.indicators["catatan"].tolist()[1] == "cek lagi"
    assert read(write(c, tmp_path / f"again-{suffix(fmt)}")) == c


def test_extra_columns_keep_excel_types(tmp_path: Path) -> None:
    tables = {
        **MINIMAL,
        "units": [
            ["unit_id", "name", "level", "jumlah_pegawai", "dibentuk", "aktif", "nomor_sk"],
            ["P", "Pemko", "pemda", 1200, dt.datetime(2001, 5, 7), True, "007"],
            ["D", "Dinkes", "opd", 85.5, None, False, "008"],
        ],
    }
    c = read(make_xlsx(tmp_path / "kota.xlsx", tables))
    assert c.units["jumlah_pegawai"].tolist() == [1200, 85.5]
    assert c.units["dibentuk"].tolist()[0] == dt.datetime(2001, 5, 7)
    assert c.units["aktif"].tolist() == [True, False]
    assert c.units["nomor_sk"].tolist() == ["007", "008"]
    assert read(write(c, tmp_path / "again.xlsx")).units["dibentuk"].tolist()[0] == dt.datetime(
        2001, 5, 7
    )


# ----------------------------------------------------------------------- what people type


INDONESIAN: dict[str, Rows] = {
    "Unit Kerja": [
        ["Kode Unit", "Nama Unit", "Induk", "Jenjang"],
        ["PEMKO", "Pemerintah Kota", None, "Pemda"],
        ["DINKES", "Dinas Kesehatan", "PEMKO", "OPD"],
    ],
    "Sasaran": [
        ["Kode Sasaran", "Kode Unit", "Sasaran Induk", "Uraian", "Jenis", "Lintas Sektor"],
        ["S1", "PEMKO", None, "Meningkatnya kesehatan", "sasaran", "tidak"],
        ["S2", "DINKES", "S1", "Meningkatnya layanan", "program", "ya"],
    ],
    "Indikator": [
        [
            "ID Indikator",
            "Kode Sasaran",
            "Indikator Induk",
            "Nama Indikator",
            "Satuan",
            "Polaritas",
            "Bobot",
            "IKU",
            "Peran",
        ],
        ["I1", "S1", None, "AHH", "tahun", "naik", "1", "ya", None],
        ["I2", "S2", "I1", "Angka kematian", "per 1000", "turun", "0,5", "tidak", "pendukung"],
    ],
    "Target": [
        ["ID Indikator", "Periode", "Target", "Target Atas"],
        ["I1", "2024", "72,5", None],
        ["I2", "2024Q1", "80-90", None],
        ["I2", "2024Q2", "12", "15,5"],
    ],
    "Realisasi": [
        ["ID Indikator", "Periode", "Realisasi"],
        ["I1", "2024", "73,1"],
    ],
    "Anggaran": [
        ["Kode Sasaran", "Tahun", "Pagu", "Realisasi Anggaran"],
        ["S2", "2024", "Rp 1.500.000.000", "1.200.000.000"],
    ],
}


def check_indonesian(c: Cascade) -> None:
    assert c.units["level"].tolist() == ["pemda", "perangkat_daerah"]
    assert c.goals["statement"].tolist() == ["Meningkatnya kesehatan", "Meningkatnya layanan"]
    assert c.goals["kind"].tolist() == ["sasaran_strategis", "sasaran_program"]
    assert c.goals["crosscutting"].tolist() == [False, True]
    assert c.indicators["measure_unit"].tolist() == ["tahun", "per 1000"]
    assert c.indicators["polarity"].tolist() == ["maximize", "minimize"]
    assert c.indicators["weight"].tolist() == [1.0, 0.5]
    assert c.indicators["key"].tolist() == [True, False]
    assert c.indicators["role"].tolist() == ["carrier", "supporting"]
    assert c.targets["target"].tolist() == [72.5, 80.0, 12.0]
    assert c.targets["target_upper"].tolist()[1:] == [90.0, 15.5]
    assert c.realisations["value"].tolist() == [73.1]
    assert c.budgets["allocated"].tolist() == [1.5e9]
    assert c.budgets["spent"].tolist() == [1.2e9]
    assert c.extra_columns("indicators") == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_indonesian_headers_and_table_names(fmt: str, tmp_path: Path) -> None:
    check_indonesian(read(make(fmt, tmp_path / "kota", INDONESIAN)))


def test_indonesian_names_any_case(tmp_path: Path) -> None:
    sheets = {name.upper(): rows for name, rows in INDONESIAN.items()}
    check_indonesian(read(make_xlsx(tmp_path / "kota.xlsx", sheets)))


@pytest.mark.parametrize("fmt", FORMATS)
def test_optional_tables_may_be_absent(fmt: str, tmp_path: Path) -> None:
    c = read(make(fmt, tmp_path / "kota", MINIMAL))
    for table in ("targets", "realisations", "budgets"):
        assert len(c.table(table)) == 0
    assert list(c.targets.columns) == ["indicator_id", "period", "target", "target_upper"]
    assert c.targets["target"].dtype == "float64"
    assert c.units["unit_id"].tolist() == ["P"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("missing", ["units", "goals", "indicators"])
def test_a_required_table_is_missing(fmt: str, missing: str, tmp_path: Path) -> None:
    tables = {k: v for k, v in MINIMAL.items() if k != missing}
    with pytest.raises(InputError) as excinfo:
        read(make(fmt, tmp_path / "kota", tables))
    assert not isinstance(excinfo.value, FileFormatError)
    (problem,) = excinfo.value.problems
    assert problem.table == missing
    assert f"the required table {missing} is missing" in problem.message


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_required_column_is_missing(fmt: str, tmp_path: Path) -> None:
    tables = {**MINIMAL, "units": [["unit_id", "name"], ["P", "Pemko"]]}
    with pytest.raises(InputError) as excinfo:
        read(make(fmt, tmp_path / "kota", tables))
    (problem,) = excinfo.value.problems
    assert (problem.file, problem.table, problem.row, problem.column) == (
        source_of(fmt, tmp_path / "kota", "units")
        if fmt == "csv"
        else str((tmp_path / "kota").with_suffix("." + fmt)),
        "units",
        None,
        "level",
    )
    assert problem.message == "the required column level is missing"


@pytest.mark.parametrize("fmt", FORMATS)
def test_blank_descriptions_are_not_errors(fmt: str, tmp_path: Path) -> None:
    tables = {
        **MINIMAL,
        "indicators": [
            ["indicator_id", "goal_id", "name", "satuan"],
            ["I", "G", "IPM", ""],
            ["J", "G", None, None],
            ["K", "G", "   ", "persen"],
        ],
    }
    c = read(make(fmt, tmp_path / "kota", tables))
    assert c.indicators["measure_unit"].isna().tolist() == [True, True, False]
    assert c.indicators["name"].isna().tolist() == [False, True, True]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_blank_id_is_an_error(fmt: str, tmp_path: Path) -> None:
    tables = {
        **MINIMAL,
        "goals": [
            ["goal_id", "unit_id", "statement"],
            ["G", "P", "a"],
            ["", "P", "b"],
            ["H", None, "c"],
        ],
    }
    path = make(fmt, tmp_path / "kota", tables)
    with pytest.raises(InputError) as excinfo:
        read(path)
    first_row = 1 if fmt == "json" else 2
    found = [(p.table, p.row, p.column) for p in excinfo.value.problems]
    assert found == [("goals", first_row + 1, "goal_id"), ("goals", first_row + 2, "unit_id")]
    assert all("blank" in p.message for p in excinfo.value.problems)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_repeated_header_is_reported(fmt: str, tmp_path: Path) -> None:
    tables = {
        **MINIMAL,
        "units": [
            ["unit_id", "name", "level", "unit_id", "catatan", "catatan"],
            ["P", "Pemko", "pemda", "Q", "a", "b"],
        ],
    }
    with pytest.raises(InputError) as excinfo:
        read(make(fmt, tmp_path / "kota", tables))
    messages = [(p.column, p.message) for p in excinfo.value.problems]
    assert messages == [
        ("unit_id", "'unit_id' and 'unit_id' both stand for column unit_id"),
        ("catatan", "the header appears twice"),
    ]


# ------------------------------------------------------------- twenty bad cells, one error

# A workbook as typed, with blank rows, Indonesian names and exactly twenty bad cells.
BAD: dict[str, Rows] = {
    "Unit Kerja": [
        ["Kode Unit", "Nama Unit", "Induk", "Jenjang", "keterangan"],
        ["PEMKO", "Pemerintah Kota", None, "pemda", None],
        [],
        ["DINKES", "Dinas Kesehatan", "PEMKO", "raja", None],  # 1: row 4 Jenjang
        [None, "Bidang P2P", "DINKES", "eselon iii", "tanpa kode"],  # 2: row 5 Kode Unit
    ],
    "Sasaran": [
        ["Kode Sasaran", "Kode Unit", "Sasaran Induk", "Uraian", "Jenis", "Lintas Sektor"],
        ["S1", "PEMKO", None, "Meningkatnya kesehatan", "tujuan", "tidak"],
        ["S2", "DINKES", "S1", "Layanan", "bukan jenis", "mungkin"],  # 3, 4: row 3
        ["S3", None, "S2", "Tanpa pemilik", "program", None],  # 5: row 4 Kode Unit
    ],
    "Indikator": [
        [
            "Kode Indikator",
            "Kode Sasaran",
            "Indikator Induk",
            "Nama Indikator",
            "Satuan",
            "Polaritas",
            "Bobot",
            "IKU",
            "sumber_data",
        ],
        ["I1", "S1", None, "AHH", "tahun", "naik", "1", "ya", "BPS"],
        ["I2", "S2", "I1", "Cakupan", None, "menyamping", "berat", "mungkin", None],  # 6-8
        ["I3", None, "I2", "Kunjungan", "orang", "naik", "2", "tidak", None],  # 9: row 4
    ],
    "Target": [
        ["Kode Indikator", "Periode", "Target", "Target Atas"],
        ["I1", "2024", "12,5", None],
        ["I1", "Q1 2024", "abc", None],  # 10, 11: row 3
        ["I2", "2024", "90-80", None],  # 12: row 4
        ["I2", "2024Q2", "12,5,1", "x"],  # 13, 14: row 5
    ],
    "Realisasi": [
        ["Kode Indikator", "Periode", "Realisasi"],
        ["I1", "2024", "80-90"],  # 15: row 2, a range outside a target
        [],
        ["I1", "2024Q1", None],  # 16: row 4, blank value
        [None, "2024", "5"],  # 17: row 5, blank indicator
    ],
    "Anggaran": [
        ["Kode Sasaran", "Periode", "Pagu", "Serapan"],
        ["S1", "2024", "Rp 1.500.000", "satu juta"],  # 18: row 2 Serapan
        [],
        [],
        ["S1", "2024-13", "banyak", None],  # 19, 20: row 5
    ],
}

EXPECTED_BAD = [
    ("units", "Unit Kerja", 4, "Jenjang"),
    ("units", "Unit Kerja", 5, "Kode Unit"),
    ("goals", "Sasaran", 3, "Jenis"),
    ("goals", "Sasaran", 3, "Lintas Sektor"),
    ("goals", "Sasaran", 4, "Kode Unit"),
    ("indicators", "Indikator", 3, "Polaritas"),
    ("indicators", "Indikator", 3, "Bobot"),
    ("indicators", "Indikator", 3, "IKU"),
    ("indicators", "Indikator", 4, "Kode Sasaran"),
    ("targets", "Target", 3, "Periode"),
    ("targets", "Target", 3, "Target"),
    ("targets", "Target", 4, "Target"),
    ("targets", "Target", 5, "Target"),
    ("targets", "Target", 5, "Target Atas"),
    ("realisations", "Realisasi", 2, "Realisasi"),
    ("realisations", "Realisasi", 4, "Realisasi"),
    ("realisations", "Realisasi", 5, "Kode Indikator"),
    ("budgets", "Anggaran", 2, "Serapan"),
    ("budgets", "Anggaran", 5, "Periode"),
    ("budgets", "Anggaran", 5, "Pagu"),
]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_twenty_bad_cells_one_error(fmt: str, tmp_path: Path) -> None:
    path = make(fmt, tmp_path / "kota", BAD)
    with pytest.raises(InputError) as excinfo:
        read(path)
    error = excinfo.value
    assert type(error) is InputError
    assert len(error.problems) == 20
    found = [(p.file, p.table, p.row, p.column) for p in error.problems]
    expected = [
        (source_of(fmt, path, file), table, row, column)
        for table, file, row, column in EXPECTED_BAD
    ]
    assert found == expected
    assert error.source == str(path)
    assert str(error).startswith(f"cannot read {path}: 20 problems\n")
    by_cell = {(p.table, p.row, p.column): p for p in error.problems}
    assert by_cell["targets", 3, "Target"].value == "abc"
    assert by_cell["targets", 4, "Target"].message == "range lower bound is above its upper bound"
    assert by_cell["realisations", 2, "Realisasi"].value == "80-90"
    assert by_cell["units", 4, "Jenjang"].value == "raja"
    assert "blank" in by_cell["units", 5, "Kode Unit"].message


def test_json_problems_are_numbered_by_record(tmp_path: Path) -> None:
    document = {
        "units": [{"unit_id": "P", "name": "Pemko", "level": "pemda"}],
        "goals": [],
        "indicators": [],
        "realisasi": [
            {"indicator_id": "I", "period": "2024", "realisasi": 1},
            {"indicator_id": "I", "period": "2025", "realisasi": "satu"},
            {"indicator_id": "I", "period": "20261", "realisasi": True},
        ],
    }
    path = tmp_path / "kota.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(InputError) as excinfo:
        read(path)
    found = [(p.file, p.table, p.row, p.column) for p in excinfo.value.problems]
    assert found == [
        (str(path), "realisations", 2, "realisasi"),
        (str(path), "realisations", 3, "period"),
        (str(path), "realisations", 3, "realisasi"),
    ]


# ---------------------------------------------------------------------------------------- CSV


def test_csv_with_bom_semicolons_and_crlf(tmp_path: Path) -> None:
    folder = tmp_path / "kota"
    make_csv(folder, MINIMAL, lineterminator="\r\n")
    make_csv(
        folder,
        {
            "indicators": [
                ["indicator_id", "goal_id", "name", "satuan", "bobot"],
                ["I", "G", "Indeks; gabungan", "indeks", "0,5"],
                ["J", "G", "AHH", "tahun", "1.200"],
            ]
        },
        encoding="utf-8-sig",
        delimiter=";",
        lineterminator="\r\n",
    )
    assert (folder / "indicators.csv").read_bytes().startswith(b"\xef\xbb\xbfindicator_id;")
    c = read(folder)
    assert list(c.indicators.columns[:2]) == ["indicator_id", "goal_id"]
    assert c.indicators["name"].tolist() == ["Indeks; gabungan", "AHH"]
    assert c.indicators["weight"].tolist() == [0.5, 1200.0]
    assert c.units["level"].tolist() == ["pemda"]  # CRLF does not leak into the last column


def test_csv_in_windows_1252(tmp_path: Path) -> None:
    folder = make_csv(tmp_path / "kota", MINIMAL)
    make_csv(
        folder,
        {"units": [["unit_id", "name", "level"], ["P", "Dinas Pariwisata – Café", "pemda"]]},
        encoding="cp1252",
    )
    raw = (folder / "units.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert read(folder).units["name"].tolist() == ["Dinas Pariwisata – Café"]


def test_csv_with_tabs_and_quoted_newlines(tmp_path: Path) -> None:
    folder = make_csv(tmp_path / "kota", MINIMAL)
    make_csv(
        folder,
        {"goals": [["goal_id", "unit_id", "statement"], ["G", "P", "baris satu\nbaris dua"]]},
        delimiter="\t",
    )
    assert read(folder).goals["statement"].tolist() == ["baris satu\nbaris dua"]


def test_csv_folder_ignores_other_files(tmp_path: Path) -> None:
    folder = make_csv(tmp_path / "kota", MINIMAL)
    (folder / "catatan.csv").write_text("apa,saja\n1,2\n", encoding="utf-8")
    (folder / "README.txt").write_text("hello", encoding="utf-8")
    assert read(folder).units["unit_id"].tolist() == ["P"]


def test_csv_two_files_for_one_table(tmp_path: Path) -> None:
    folder = make_csv(tmp_path / "kota", MINIMAL)
    make_csv(folder, {"Unit": MINIMAL["units"]})
    with pytest.raises(FileFormatError, match="hold table units"):
        read(folder)


def test_csv_write_leaves_other_files_alone(tmp_path: Path) -> None:
    folder = tmp_path / "kota"
    folder.mkdir()
    (folder / "catatan.txt").write_text("milik saya", encoding="utf-8")
    write(city(), folder)
    assert (folder / "catatan.txt").read_text(encoding="utf-8") == "milik saya"
    assert sorted(p.name for p in folder.iterdir()) == [
        "budgets.csv",
        "catatan.txt",
        "goals.csv",
        "indicators.csv",
        "realisations.csv",
        "targets.csv",
        "units.csv",
    ]


# --------------------------------------------------------------------------------------- xlsx


def test_xlsx_unknown_sheets_are_ignored(tmp_path: Path) -> None:
    sheets = {"Petunjuk": [["Isi tabel di sheet lain"], [1, 2, 3]], **MINIMAL, "Rekap": [[]]}
    c = read(make_xlsx(tmp_path / "kota.xlsx", sheets))
    assert c.units["unit_id"].tolist() == ["P"]


def test_xlsx_two_sheets_for_one_table(tmp_path: Path) -> None:
    sheets = {**MINIMAL, "Indikator": MINIMAL["indicators"]}
    with pytest.raises(FileFormatError) as excinfo:
        read(make_xlsx(tmp_path / "kota.xlsx", sheets))
    (problem,) = excinfo.value.problems
    assert problem.table == "indicators"
    assert "'indicators' and 'Indikator'" in problem.message


def test_xlsx_numbers_and_text_cells(tmp_path: Path) -> None:
    sheets = {
        **MINIMAL,
        "units": [["unit_id", "name", "level"], [1, "Pemko", "pemda"], [2.0, 3, "OPD"]],
        "targets": [
            ["indicator_id", "period", "target", "target_upper"],
            ["I", 2024, 12.5, None],
            ["I", 2025, "12,5", "15"],
            ["I", "2026", 1200, 1500.5],
        ],
    }
    c = read(make_xlsx(tmp_path / "kota.xlsx", sheets))
    assert c.units["unit_id"].tolist() == ["1", "2"]
    assert c.units["name"].tolist() == ["Pemko", "3"]
    assert c.targets["period"].tolist() == ["2024", "2025", "2026"]
    assert c.targets["target"].tolist() == [12.5, 12.5, 1200.0]
    assert c.targets["target_upper"].tolist()[1:] == [15.0, 1500.5]


def test_xlsx_dates(tmp_path: Path) -> None:
    sheets = {
        **MINIMAL,
        "targets": [
            ["indicator_id", "period", "target"],
            ["I", dt.datetime(2024, 3, 1), 10],  # Excel's reading of a typed 2024-03
            ["I", "2024-04", dt.datetime(2024, 5, 17)],  # a date where a number belongs
        ],
    }
    path = make_xlsx(tmp_path / "kota.xlsx", sheets)
    with pytest.raises(InputError) as excinfo:
        read(path)
    (problem,) = excinfo.value.problems
    assert (problem.file, problem.table, problem.row, problem.column) == (
        str(path),
        "targets",
        3,
        "target",
    )
    assert problem.message.endswith("found a date")
    sheets["targets"].pop()
    assert read(make_xlsx(path, sheets)).targets["period"].tolist() == ["2024-03"]


def test_xlsx_formula_cells_read_their_cached_value(tmp_path: Path) -> None:
    sheets = {
        **MINIMAL,
        "realisations": [
            ["indicator_id", "period", "value", "catatan"],
            ["I", "2024", "=1+1", "=A1"],
            ["I", "2025", 7, "=1/0"],
        ],
    }
    path = make_xlsx(tmp_path / "kota.xlsx", sheets)
    # openpyxl stores no cached values: a formula without one reads as blank
    with pytest.raises(InputError) as excinfo:
        read(path)
    (problem,) = excinfo.value.problems
    assert (problem.table, problem.row, problem.column) == ("realisations", 2, "value")
    assert "blank" in problem.message
    # give the formulas the values Excel would have cached when it saved the file
    patch_sheet(
        path,
        "realisations",
        lambda xml: cache(cache(cache(xml, "C2", "2"), "D2", "P", "str"), "D3", "#DIV/0!", "e"),
    )
    c = read(path)
    assert c.realisations["value"].tolist() == [2.0, 7.0]
    assert c.realisations["catatan"].tolist() == ["P", "#DIV/0!"]


def cache(xml: str, ref: str, value: str, kind: str | None = None) -> str:
    """Give the formula cell ``ref`` a cached value, as Excel stores one."""
    typed = f' t="{kind}"' if kind else ""
    pattern = rf'<c r="{ref}"[^>]*>(<f>[^<]*</f>)(?:<v ?/>|<v></v>)?'
    new, count = re.subn(pattern, rf'<c r="{ref}"{typed}>\1<v>{value}</v>', xml)
    assert count == 1
    return new


def patch_sheet(path: Path, title: str, change: Callable[[str], str]) -> None:
    """Rewrite one sheet's XML inside an xlsx file."""
    book = openpyxl.load_workbook(path, read_only=True)
    index = book.sheetnames.index(title) + 1
    book.close()
    part = f"xl/worksheets/sheet{index}.xml"
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts[part] = change(parts[part].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def test_xlsx_blank_rows_keep_sheet_row_numbers(tmp_path: Path) -> None:
    sheets = {
        **MINIMAL,
        "targets": [
            ["indicator_id", "period", "target"],
            [],
            [None, None, None],
            ["   ", "", None],
            ["I", "2024", "x"],
        ],
    }
    with pytest.raises(InputError) as excinfo:
        read(make_xlsx(tmp_path / "kota.xlsx", sheets))
    assert [(p.row, p.column) for p in excinfo.value.problems] == [(5, "target")]


def test_xlsx_formatted_blank_rows_and_columns(tmp_path: Path) -> None:
    path = tmp_path / "kota.xlsx"
    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for title, rows in MINIMAL.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    units = book["units"]
    bold = Font(bold=True)
    for row in range(3, 2000):  # formatted, empty rows and columns after the data
        units.cell(row=row, column=1).font = bold
        units.cell(row=row, column=40).font = bold
    units.cell(row=1, column=30).font = bold
    book.save(path)
    # claim the sheet spans the whole grid, as some writers do
    patch_sheet(path, "units", lambda xml: re.sub(r'<dimension ref="[^"]*"', _huge, xml))
    c = read(path)
    assert c.units["unit_id"].tolist() == ["P"]
    assert list(c.units.columns) == ["unit_id", "name", "parent_id", "level"]


def _huge(match: re.Match[str]) -> str:
    return '<dimension ref="A1:XFD1048576"'


def test_xlsx_values_without_a_header_are_reported(tmp_path: Path) -> None:
    sheets = {**MINIMAL, "units": [["unit_id", "name", "level"], ["P", "Pemko", "pemda", "?"]]}
    with pytest.raises(InputError) as excinfo:
        read(make_xlsx(tmp_path / "kota.xlsx", sheets))
    (problem,) = excinfo.value.problems
    assert (problem.table, problem.column) == ("units", "#4")
    assert "no header" in problem.message


def test_xlsx_without_styles_does_not_warn(tmp_path: Path) -> None:
    # openpyxl warns about a workbook without a stylesheet; the warning must not leak
    path = make_xlsx(tmp_path / "kota.xlsx", MINIMAL)
    with zipfile.ZipFile(path) as source:
        parts = {n: source.read(n) for n in source.namelist() if n != "xl/styles.xml"}
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    assert read(path).units["unit_id"].tolist() == ["P"]


def test_xlsx_text_needing_escapes(tmp_path: Path) -> None:
    texts = ["a\rb", "nul\x00here", "bell\x07", "_x0041_", "_x005F_", "\ufffe", "x_x00"]
    c = Cascade(
        units=[{"unit_id": f"U{i}", "name": t, "level": "pemda"} for i, t in enumerate(texts)],
        goals=[],
        indicators=[],
    )
    back = read(write(c, tmp_path / "kota.xlsx"))
    assert back.units["name"].tolist() == texts


def test_xlsx_text_that_excel_escapes(tmp_path: Path) -> None:
    # Excel stores a carriage return as _x000D_ and a literal _x000D_ as _x005F_x000D_
    sheets = {**MINIMAL, "units": [["unit_id", "name", "level"], ["P", "a_x000D_b", "pemda"]]}
    sheets["goals"] = [["goal_id", "unit_id", "statement"], ["G", "P", "_x005F_x000D_"]]
    c = read(make_xlsx(tmp_path / "kota.xlsx", sheets))
    assert c.units["name"].tolist() == ["a\rb"]
    assert c.goals["statement"].tolist() == ["_x000D_"]


def test_xlsx_text_too_long_for_a_cell(tmp_path: Path) -> None:
    c = Cascade(
        units=[{"unit_id": "P", "name": "x" * 40_000, "level": "pemda"}], goals=[], indicators=[]
    )
    with pytest.raises(UsageError, match="does not fit in an xlsx cell"):
        write(c, tmp_path / "kota.xlsx")
    assert not (tmp_path / "kota.xlsx").exists()
    assert read(write(c, tmp_path / "kota.json")) == c


# --------------------------------------------------------------------------------------- JSON


def write_json_text(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kota.json"
    path.write_text(text, encoding="utf-8")
    return path


def test_json_bare_tables_and_indonesian_names(tmp_path: Path) -> None:
    document = {
        name: [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
        for name, rows in INDONESIAN.items()
    }
    check_indonesian(read(write_json_text(tmp_path, json.dumps(document))))


def test_json_numbers_and_nulls(tmp_path: Path) -> None:
    document = {
        **{k: [dict(zip(v[0], r, strict=True)) for r in v[1:]] for k, v in MINIMAL.items()},
        "targets": [
            {"indicator_id": "I", "period": 2024, "target": 12, "target_upper": None},
            {"indicator_id": "I", "period": "2025", "target": "12,5"},
            {"indicator_id": "I", "period": "2026", "target": 1e300, "target_upper": "inf"},
        ],
    }
    c = read(write_json_text(tmp_path, json.dumps(document)))
    assert c.targets["period"].tolist() == ["2024", "2025", "2026"]
    assert c.targets["target"].tolist() == [12.0, 12.5, 1e300]
    assert c.targets["target_upper"].tolist()[2] == float("inf")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"units": [}', "not valid JSON: Expecting value at line 1, column 12"),
        ('{\n "units": [\n  {"a": 1,}\n ]\n}', "at line 3, column 11"),
        ("", "not valid JSON: Expecting value at line 1, column 1"),
        ("[]", "expected a JSON object of tables at the top level, found a list"),
        ('"units"', "expected a JSON object of tables at the top level, found str"),
        ('{"units": {"unit_id": "P"}}', "table units must be a list of row objects"),
        ('{"tables": []}', '"tables" must be an object of tables'),
        ('{"format": "other", "tables": {}}', "not a cascade workbook"),
        ('{"version": 2, "tables": {}}', "unsupported version 2"),
        ('{"units": [], "units": []}', "a key appears twice in one JSON object: 'units'"),
        ('{"units": [], "unit": []}', "both 'units' and 'unit' hold table units"),
        ("[" * 100_000 + "]" * 100_000, "not valid JSON"),
        ('{"units": [{"unit_id": ' + "9" * 5000 + "}]}", "not valid JSON"),
    ],
)
def test_json_that_is_not_a_workbook(text: str, message: str, tmp_path: Path) -> None:
    path = write_json_text(tmp_path, text)
    with pytest.raises(FileFormatError) as excinfo:
        read(path)
    assert excinfo.value.problems[0].file == str(path)
    assert message in str(excinfo.value)


def test_json_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "kota.json"
    path.write_bytes(b'{"units": "\xff"}')
    with pytest.raises(FileFormatError, match="not UTF-8"):
        read(path)


def test_json_cells_must_be_scalars(tmp_path: Path) -> None:
    document = {
        "units": [
            {"unit_id": "P", "name": {"id": "x"}, "level": "pemda"},
            "not a row",
            {"unit_id": "Q", "name": "Dinas", "level": ["opd"]},
        ],
        "goals": [],
        "indicators": [],
    }
    path = write_json_text(tmp_path, json.dumps(document))
    with pytest.raises(FileFormatError) as excinfo:
        read(path)
    found = [(p.table, p.row, p.column) for p in excinfo.value.problems]
    assert found == [("units", 1, "name"), ("units", 2, None), ("units", 3, "level")]
    assert "found an object" in excinfo.value.problems[0].message
    assert "found a list" in excinfo.value.problems[2].message


def test_json_with_bom(tmp_path: Path) -> None:
    document = {k: [dict(zip(v[0], r, strict=True)) for r in v[1:]] for k, v in MINIMAL.items()}
    path = tmp_path / "kota.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(document).encode("utf-8"))
    assert read(path).units["unit_id"].tolist() == ["P"]


def test_json_empty_table_keeps_its_extra_columns(tmp_path: Path) -> None:
    c = Cascade(
        units=pd.DataFrame({"unit_id": [], "name": [], "level": [], "keterangan": []}),
        goals=[],
        indicators=[],
    )
    assert c.extra_columns("units") == ["keterangan"]
    assert read(write(c, tmp_path / "kota.json")).extra_columns("units") == ["keterangan"]


# ----------------------------------------------------------------------- not a workbook


def test_a_missing_path(tmp_path: Path) -> None:
    for name in ("kota.xlsx", "kota.json", "kota"):
        with pytest.raises(FileFormatError, match="no such file or folder"):
            read(tmp_path / name)


def test_an_unknown_suffix(tmp_path: Path) -> None:
    path = tmp_path / "kota.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(FileFormatError, match="cannot tell the workbook format"):
        read(path)
    with pytest.raises(FileFormatError, match="cannot tell the workbook format"):
        write(city(), tmp_path / "kota.ods")


def test_a_single_csv_file(tmp_path: Path) -> None:
    folder = make_csv(tmp_path / "kota", MINIMAL)
    with pytest.raises(FileFormatError, match="give the folder, not one file"):
        read(folder / "units.csv")


def xlsx_bytes(tmp_path: Path) -> bytes:
    return make_xlsx(tmp_path / "good.xlsx", MINIMAL).read_bytes()


def zip_of(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def corrupt_sheet(tmp_path: Path) -> bytes:
    path = make_xlsx(tmp_path / "corrupt.xlsx", MINIMAL)
    patch_sheet(path, "units", lambda xml: xml.replace("</sheetData>", "<row><c></sheetData>"))
    return path.read_bytes()


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(lambda _: os.urandom(4096), id="random-bytes"),
        pytest.param(lambda _: b"", id="empty"),
        pytest.param(lambda _: b"unit_id,name,level\nP,Pemko,pemda\n", id="csv-renamed"),
        pytest.param(lambda p: xlsx_bytes(p)[: len(xlsx_bytes(p)) // 2], id="truncated"),
        pytest.param(lambda p: xlsx_bytes(p)[:-30], id="truncated-end"),
        pytest.param(lambda _: zip_of({"hello.txt": b"hi"}), id="zip-not-xlsx"),
        pytest.param(corrupt_sheet, id="corrupt-sheet-xml"),
    ],
)
def test_not_an_xlsx_file(content: Callable[[Path], bytes], tmp_path: Path) -> None:
    path = tmp_path / "kota.xlsx"
    path.write_bytes(content(tmp_path))
    with pytest.raises(FileFormatError) as excinfo:
        read(path)
    (problem,) = excinfo.value.problems
    assert problem.file == str(path)
    assert problem.message.startswith("cannot read the workbook")


def test_an_xlsx_path_that_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "kota.xlsx").mkdir()
    with pytest.raises(FileFormatError):
        read(tmp_path / "kota.xlsx", format="xlsx")


# ------------------------------------------------------------------------------ atomic writes


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_writing_leaves_no_temporary_files(fmt: str, tmp_path: Path) -> None:
    target = write(city(), tmp_path / suffix(fmt))
    assert leftovers(tmp_path) == []
    if fmt == "csv":
        assert leftovers(target) == []


def test_a_failed_xlsx_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = write(city(), tmp_path / "kota.xlsx")
    before = target.read_bytes()

    def broken_save(self: object, filename: str) -> None:
        Path(filename).write_bytes(b"half a workbook")
        raise OSError(DISK_FULL)

    monkeypatch.setattr(openpyxl.Workbook, "save", broken_save)
    with pytest.raises(OSError, match="disk full"):
        write(Cascade(units=[], goals=[], indicators=[]), target)
    assert target.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_a_failed_json_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cascade.io import _json

    target = write(city(), tmp_path / "kota.json")
    before = target.read_bytes()
    real = _json._lines

    def broken(c: Cascade) -> Any:
        for i, line in enumerate(real(c)):
            if i == 5:
                raise OSError(DISK_FULL)
            yield line

    monkeypatch.setattr(_json, "_lines", broken)
    with pytest.raises(OSError, match="disk full"):
        write(city(), target)
    assert target.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_a_failed_csv_write_keeps_the_old_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cascade.io import _atomic

    folder = write(city(), tmp_path / "kota")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    def broken_replace(*args: Any, **kwargs: Any) -> None:
        raise OSError(DISK_FULL)

    # the new text is written in full, but cannot be moved into place
    monkeypatch.setattr(_atomic.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write(Cascade(units=[], goals=[], indicators=[]), folder)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_semicolon_in_an_extra_header_does_not_change_the_delimiter(tmp_path: Path) -> None:
    c = city()
    units = c.units
    units["catatan; lihat lampiran; hal 2"] = "x"
    changed = Cascade(**{**c.tables, "units": units})
    folder = tmp_path / "wb"
    write(changed, folder)
    assert read(folder) == changed


@pytest.mark.parametrize("fmt", FORMATS)
def test_written_files_get_ordinary_permissions(fmt: str, tmp_path: Path) -> None:
    """Not the owner-only mode of the temporary file they were written as."""
    old = os.umask(0o022)
    try:
        target = write(city(), tmp_path / suffix(fmt))
    finally:
        os.umask(old)
    files = [target] if target.is_file() else list(target.iterdir())
    assert {f.stat().st_mode & 0o777 for f in files} == {0o644}
    target_file = files[0]
    target_file.chmod(0o640)  # a rewrite keeps the mode the file had
    write(city(), tmp_path / suffix(fmt))
    assert target_file.stat().st_mode & 0o777 == 0o640
