"""CSV as spreadsheets and people save it: every delimiter, line ending, byte-order mark and
encoding Excel writes reads the same; what is not text, or mixes encodings, is refused with
the file named; malformed CSV says where.
"""

from __future__ import annotations

import codecs
import itertools
from pathlib import Path

import pytest
from tests.io._hostile import TINY, Rows, csv_text, deadline, outcome, tiny

from cascade import Cascade
from cascade.errors import FileFormatError, InputError
from cascade.io import read, write

#: TINY with letters beyond ASCII that Windows-1252 also holds.
ACCENTED: dict[str, Rows] = {name: [row[:] for row in rows] for name, rows in TINY.items()}
ACCENTED["units"][2][1] = "Dinas Kesehatan – Kota Médan"
ACCENTED["indicators"][2][3] = "Cakupan layanan “dasar”"


def accented() -> Cascade:
    frames = {
        name: [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
        for name, rows in ACCENTED.items()
    }
    return Cascade(**frames)


def folder_of(
    tmp_path: Path,
    tables: dict[str, Rows],
    *,
    sep: str = ",",
    newline: str = "\n",
    encoding: str = "utf-8",
    bom: bool = False,
) -> Path:
    folder = tmp_path / "kota"
    folder.mkdir(exist_ok=True)
    for name, rows in tables.items():
        data = csv_text(rows, sep=sep, newline=newline).encode(encoding)
        if bom:
            data = codecs.BOM_UTF8 + data
        (folder / f"{name}.csv").write_bytes(data)
    return folder


DIALECTS = list(
    itertools.product([",", ";", "\t"], ["\n", "\r\n", "\r"], ["utf-8", "utf-8-sig", "cp1252"])
)


@pytest.mark.parametrize(
    ("sep", "newline", "encoding"),
    DIALECTS,
    ids=[f"{s!r}-{n!r}-{e}" for s, n, e in DIALECTS],
)
def test_every_dialect_reads_the_same(
    sep: str, newline: str, encoding: str, tmp_path: Path
) -> None:
    folder = folder_of(tmp_path, ACCENTED, sep=sep, newline=newline, encoding=encoding)
    assert read(folder) == accented()


def test_utf16_with_a_byte_order_mark(tmp_path: Path) -> None:
    # Excel's "Unicode text": UTF-16 with a byte-order mark, tab-delimited
    folder = folder_of(tmp_path, ACCENTED, sep="\t", newline="\r\n", encoding="utf-16")
    assert read(folder) == accented()


def test_utf16_without_a_byte_order_mark_is_not_text(tmp_path: Path) -> None:
    folder = folder_of(tmp_path, TINY, encoding="utf-16-le")
    with pytest.raises(FileFormatError) as excinfo:
        read(folder)
    (problem,) = excinfo.value.problems
    assert problem.file is not None
    assert problem.file.endswith(".csv")
    assert problem.message == "not a text file"


def test_mixed_encodings_are_refused_with_the_line(tmp_path: Path) -> None:
    folder = folder_of(tmp_path, TINY)
    good = "unit_id,name,parent_id,level\nPEMKO,Pemerintah Kota Médan,,pemda\n".encode()
    bad = "DINKES,Dinas Kesehatan Médan,PEMKO,perangkat_daerah\n".encode("cp1252")
    (folder / "units.csv").write_bytes(good + bad)
    with pytest.raises(FileFormatError) as excinfo:
        read(folder)
    (problem,) = excinfo.value.problems
    assert problem.file == str(folder / "units.csv")
    assert "mixes UTF-8 with another encoding: line 3" in problem.message


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (bytes(range(256)) * 20, "not a text file"),
        (b"\x00" * 5000, "not a text file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "not a text file"),
        (b"PK\x03\x04" + bytes(3000), "not a text file"),
        # random bytes hold UTF-8 letters by chance: binary all the same, not "mixed" text
        ("é".encode() + bytes(range(256)) * 4, "not a text file"),
    ],
    ids=["all-bytes", "zeros", "png", "zip", "binary-with-a-utf8-letter"],
)
def test_a_binary_file_as_a_table(content: bytes, words: str, tmp_path: Path) -> None:
    folder = folder_of(tmp_path, TINY)
    (folder / "units.csv").write_bytes(content)
    with pytest.raises(FileFormatError) as excinfo:
        read(folder)
    (problem,) = excinfo.value.problems
    assert problem.file == str(folder / "units.csv")
    assert words in problem.message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('unit_id,name,parent_id,level\nP,"Pemko,,pemda\n', "not well-formed CSV"),
        ("unit_id,name,parent_id,level\nP,Pemko,,pemda,extra,more\n\nQ,x,P,opd\n", "line"),
    ],
    ids=["unclosed-quote", "ragged-rows"],
)
def test_malformed_csv_says_so(text: str, words: str, tmp_path: Path) -> None:
    folder = folder_of(tmp_path, TINY)
    (folder / "units.csv").write_text(text, encoding="utf-8")
    with pytest.raises(FileFormatError) as excinfo:
        read(folder)
    (problem,) = excinfo.value.problems
    assert problem.file == str(folder / "units.csv")
    assert words in problem.message


def test_an_empty_file_and_a_header_only_file(tmp_path: Path) -> None:
    folder = folder_of(tmp_path, TINY)
    (folder / "budgets.csv").write_text("goal_id,period,allocated,spent\n")
    (folder / "realisations.csv").write_text("indicator_id,period,value\r\n\r\n\r\n")
    city = read(folder)
    assert (len(city.budgets), len(city.realisations)) == (0, 0)
    (folder / "targets.csv").write_bytes(b"")
    result = outcome(folder)
    assert isinstance(result, InputError)
    assert {p.file for p in result.problems} == {str(folder / "targets.csv")}
    assert {p.column for p in result.problems} == {"indicator_id", "period", "target"}


def test_blank_lines_keep_row_numbers_and_nul_characters_are_text(tmp_path: Path) -> None:
    units = [row[:] for row in TINY["units"]]
    units[2][1] = "Dinas\x00Kesehatan"
    text = csv_text(units).replace("\nDINKES", "\n\n , ,,\nDINKES")
    folder = folder_of(tmp_path, TINY)
    (folder / "units.csv").write_text(text, encoding="utf-8")
    city = read(folder)
    assert city.units["name"].tolist() == ["Pemerintah Kota", "Dinas\x00Kesehatan"]
    # and a cascade holding one writes a folder that reads back the same
    assert read(write(city, tmp_path / "again")) == city


def test_a_header_with_too_many_columns(tmp_path: Path) -> None:
    folder = folder_of(tmp_path, TINY)
    (folder / "goals.csv").write_text(",".join(f"c{i}" for i in range(20_000)) + "\n")
    with deadline(10), pytest.raises(FileFormatError) as excinfo:
        read(folder)
    assert "more than 16,384 columns" in str(excinfo.value.problems[0])


def test_ids_with_spaces_and_unicode(tmp_path: Path) -> None:
    tables = {name: [row[:] for row in rows] for name, rows in TINY.items()}
    tables["units"][1][0] = "  PEMKO\u00a0"  # padded, with a no-break space
    tables["units"][2][2] = "PEMKO"
    tables["goals"][1][0] = "Sasaran 1 · Kota"  # a space inside an id is kept
    tables["goals"][2][2] = "Sasaran 1 · Kota"
    tables["indicators"][1][1] = "Sasaran 1 · Kota"
    folder = folder_of(tmp_path, tables, sep=";", newline="\r\n", bom=True)
    city = read(folder)
    assert city.units["unit_id"].tolist() == ["PEMKO", "DINKES"]
    assert city.goals["goal_id"].tolist()[0] == "Sasaran 1 · Kota"
    assert read(write(city, tmp_path / "again")) == city


def test_a_lone_csv_file_and_a_file_that_is_a_folder(tmp_path: Path) -> None:
    folder = folder_of(tmp_path, TINY)
    with pytest.raises(FileFormatError, match="give the folder"):
        read(folder / "units.csv")
    (folder / "units.csv").unlink()
    (folder / "units.csv").mkdir()  # a folder named units.csv is not a table
    result = outcome(folder)
    assert isinstance(result, InputError)
    assert "required table units is missing" in str(result)


def test_the_tiny_cascade_in_csv(tmp_path: Path) -> None:
    assert read(folder_of(tmp_path, TINY)) == tiny()


@pytest.mark.parametrize(
    ("path", "format", "words"),
    [
        ("kota.json", "csv", "this is not a folder"),  # once NotADirectoryError
        ("", None, "no path given"),  # once read the working folder as a workbook
        ("a\x00b", None, "cannot hold a NUL"),  # once ValueError
        ("/dev/null", None, "a device, a pipe or a socket"),
    ],
)
def test_paths_that_are_no_workbook(
    path: str, format: str | None, words: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tiny(), tmp_path / "kota.json")
    with pytest.raises(FileFormatError) as excinfo:
        read(path, format=format)  # type: ignore[arg-type]
    (problem,) = excinfo.value.problems
    assert words in problem.message
