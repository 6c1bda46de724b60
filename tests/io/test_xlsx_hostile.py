"""xlsx files built to hurt: entity declarations, zip bombs, sheets beyond Excel's limits,
formulas without a saved value, merged cells, dates where numbers belong, a million blank rows.

Each either reads correctly or raises a CascadeError that says where; none hangs.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.io._hostile import (
    DATE_STYLE,
    TINY,
    Raw,
    deadline,
    outcome,
    parts_of,
    sheet_xml,
    tiny,
    xlsx_bytes,
    zip_parts,
)

import cascade.io._package as package
import cascade.io._sheet as sheet_module
from cascade.errors import FileFormatError, InputError
from cascade.io import read, write

DOCTYPE = '<!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
EXTERNAL = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def save(tmp_path: Path, data: bytes, name: str = "kota.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def with_tables(**changes: list[list[object]] | str) -> dict[str, list[list[object]] | str]:
    sheets: dict[str, list[list[object]] | str] = dict(TINY)
    sheets.update(changes)
    return sheets


def only_problem(excinfo: pytest.ExceptionInfo[InputError]) -> str:
    (problem,) = excinfo.value.problems
    return str(problem)


def test_the_minimal_package_reads(tmp_path: Path) -> None:
    assert read(save(tmp_path, xlsx_bytes(TINY))) == tiny()


# ------------------------------------------------------------------------- XML entities


def _parts() -> list[str]:
    return sorted(parts_of(xlsx_bytes(TINY)))


def _with_doctype(xml: bytes, doctype: str) -> bytes:
    text = xml.decode("utf-8")
    if text.startswith("<?xml"):
        end = text.index("?>") + 2
        return (text[:end] + doctype + text[end:]).encode("utf-8")
    return (doctype + text).encode("utf-8")


@pytest.mark.parametrize("part", _parts())
@pytest.mark.parametrize("doctype", [DOCTYPE, EXTERNAL], ids=["entities", "external"])
def test_a_doctype_in_any_part_is_refused(part: str, doctype: str, tmp_path: Path) -> None:
    parts = parts_of(xlsx_bytes(TINY))
    parts[part] = _with_doctype(parts[part], doctype)
    with pytest.raises(FileFormatError) as excinfo:
        read(save(tmp_path, zip_parts(parts)))
    message = only_problem(excinfo)
    assert "DOCTYPE" in message
    assert part in message
    assert "passwd" not in message


def test_a_doctype_after_a_long_comment_is_refused(tmp_path: Path) -> None:
    parts = parts_of(xlsx_bytes(TINY))
    padding = "<!--" + "x" * 300_000 + "-->"
    parts["xl/workbook.xml"] = _with_doctype(parts["xl/workbook.xml"], padding + DOCTYPE)
    with pytest.raises(FileFormatError, match="DOCTYPE"):
        read(save(tmp_path, zip_parts(parts)))


def test_a_doctype_in_a_utf16_part_is_refused(tmp_path: Path) -> None:
    parts = parts_of(xlsx_bytes(TINY))
    xml = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    xml = xml.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    parts["xl/worksheets/sheet1.xml"] = (
        _with_doctype(xml.encode("utf-8"), DOCTYPE).decode("utf-8").encode("utf-16")
    )
    with pytest.raises(FileFormatError, match="DOCTYPE"):
        read(save(tmp_path, zip_parts(parts)))


def test_entities_are_refused_even_without_defusedxml(tmp_path: Path) -> None:
    # openpyxl parses through defusedxml unless OPENPYXL_DEFUSEDXML says otherwise: the
    # refusal must not depend on it.
    parts = parts_of(xlsx_bytes(TINY))
    parts["xl/workbook.xml"] = _with_doctype(parts["xl/workbook.xml"], DOCTYPE)
    path = save(tmp_path, zip_parts(parts))
    code = (
        "import sys, cascade\n"
        "try:\n"
        f"    cascade.read({str(path)!r})\n"
        "except cascade.errors.FileFormatError as e:\n"
        "    sys.exit(0 if 'DOCTYPE' in str(e) else 1)\n"
        "sys.exit(1)\n"
    )
    env = {**os.environ, "OPENPYXL_DEFUSEDXML": "False"}
    done = subprocess.run([sys.executable, "-c", code], env=env, timeout=60, check=False)
    assert done.returncode == 0


# ---------------------------------------------------------------------------- zip bombs


def test_a_part_that_inflates_a_thousand_times_is_a_zip_bomb(tmp_path: Path) -> None:
    parts = parts_of(xlsx_bytes(TINY))
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    spaces = " " * 8_000_000
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(
        "</worksheet>", f"{spaces}</worksheet>"
    ).encode()
    with deadline(10), pytest.raises(FileFormatError) as excinfo:
        read(save(tmp_path, zip_parts(parts)))
    assert "zip bomb" in only_problem(excinfo)


@pytest.mark.parametrize(
    ("limit", "value", "words"),
    [
        ("MAX_PART_BYTES", 50_000, "too large to read"),
        ("MAX_TOTAL_BYTES", 50_000, "more than 50,000"),
        ("MAX_PARTS", 5, "parts"),
        ("MAX_METADATA_BYTES", 100, "such a part ever needs"),
    ],
)
def test_package_limits(
    limit: str, value: int, words: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(package, limit, value)
    big = sheet_xml(TINY["units"] * 400)
    data = xlsx_bytes(with_tables(units=big))
    with pytest.raises(FileFormatError) as excinfo:
        read(save(tmp_path, data))
    assert words in only_problem(excinfo)


def _lie_about_sizes(data: bytes, name: str, size: int) -> bytes:
    """Rewrite the sizes a zip declares for one part (local header and central directory)."""
    out = bytearray(data)
    encoded = name.encode("utf-8")
    start = 0
    while (at := out.find(b"PK\x03\x04", start)) >= 0:  # local headers: size at offset 22
        if out[at + 30 : at + 30 + len(encoded)] == encoded:
            out[at + 22 : at + 26] = struct.pack("<I", size)
        start = at + 4
    start = 0
    while (at := out.find(b"PK\x01\x02", start)) >= 0:  # central directory: offset 24
        if out[at + 46 : at + 46 + len(encoded)] == encoded:
            out[at + 24 : at + 28] = struct.pack("<I", size)
        start = at + 4
    return bytes(out)


def test_a_part_that_lies_about_its_size_is_refused(tmp_path: Path) -> None:
    data = _lie_about_sizes(xlsx_bytes(TINY), "xl/worksheets/sheet1.xml", 100)
    with deadline(10), pytest.raises(FileFormatError) as excinfo:
        read(save(tmp_path, data))
    assert "cannot read the workbook" in only_problem(excinfo)


# ------------------------------------------------------------------- beyond Excel's limits


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ('<row r="99999999999"><c r="A99999999999"><v>1</v></c></row>', "beyond the rows"),
        ('<row r="1048577"><c r="A1048577"><v>1</v></c></row>', "beyond the rows"),
        ('<row r="0"><c r="A0"><v>1</v></c></row>', "beyond the rows"),
        ('<row r="x"/>', "not a whole number"),
        ('<row r="7"><c r="XFE7"><v>1</v></c></row>', "beyond the last column"),
        ('<row r="7"><c r="7A"><v>1</v></c></row>', "not a cell such as B7"),
        ('<row r="7"><c r="A7" t="s"><v>99</v></c></row>', "shared string '99'"),
    ],
)
def test_rows_and_cells_beyond_limits(extra: str, words: str, tmp_path: Path) -> None:
    data = xlsx_bytes(with_tables(units=sheet_xml(TINY["units"], extra=extra)))
    with deadline(10), pytest.raises(FileFormatError) as excinfo:
        read(save(tmp_path, data))
    message = only_problem(excinfo)
    assert words in message
    assert "sheet 'units'" in message


def test_a_sheet_too_large_for_memory_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # one value far to the right on every row would make a table of rows × 16,384 cells
    monkeypatch.setattr(sheet_module, "MAX_CELLS", 1_000)
    rows = "".join(f'<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>' for r in range(4, 10))
    data = xlsx_bytes(with_tables(units=sheet_xml(TINY["units"], extra=rows)))
    with pytest.raises(FileFormatError) as excinfo:
        read(save(tmp_path, data))
    assert "16,384 columns" in only_problem(excinfo)


def test_a_sheet_that_is_not_xml(tmp_path: Path) -> None:
    data = xlsx_bytes(with_tables(goals="<worksheet><sheetData><row r='1'>"))
    with pytest.raises(FileFormatError) as excinfo:
        read(save(tmp_path, data))
    assert "sheet 'goals'" in only_problem(excinfo)
    assert "not well-formed XML (no element found, line 1" in only_problem(excinfo)


def test_an_old_or_encrypted_workbook(tmp_path: Path) -> None:
    path = save(tmp_path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000))
    with pytest.raises(FileFormatError) as excinfo:
        read(path)
    assert "password" in only_problem(excinfo)


# --------------------------------------------------------------------------- blank rows


def _million_blank_rows(tmp_path: Path) -> Path:
    """The tiny workbook whose units sheet is formatted down to row 1,048,576."""
    parts = parts_of(xlsx_bytes(TINY))
    first = len(TINY["units"]) + 1
    blank = "".join(
        f'<row r="{r}" s="0" customFormat="1"><c r="A{r}" s="0"/><c r="B{r}" s="0"/></row>'
        for r in range(first, sheet_module.MAX_ROWS + 1)
    )
    parts["xl/worksheets/sheet1.xml"] = sheet_xml(TINY["units"], extra=blank).encode()
    path = tmp_path / "blank.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_a_million_blank_rows_read_fast(
    tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    path = _million_blank_rows(tmp_path)
    start = time.perf_counter()
    with deadline(30):
        city = read(path)
    seconds = time.perf_counter() - start
    record_property("seconds", round(seconds, 2))
    print(f"a million formatted blank rows: read in {seconds:.2f} s")
    assert city == tiny()
    assert seconds < 15  # about 1.5 s on an idle machine; the figure is in the report


def test_a_row_without_a_number_after_blank_rows_keeps_its_number(tmp_path: Path) -> None:
    # Blank rows are cut before parsing, but a row without r="" counts from the row before
    # it: cutting must not shift it.
    extra = '<row r="4"/><row r="5" s="0"><c r="A5" s="0"/></row><row><c t="inlineStr">'
    extra += '<is><t>X</t></is></c><c/><c/><c t="inlineStr"><is><t>planet</t></is></c></row>'
    data = xlsx_bytes(with_tables(units=sheet_xml(TINY["units"], extra=extra)))
    with pytest.raises(InputError) as excinfo:
        read(save(tmp_path, data))
    (problem,) = excinfo.value.problems
    assert (problem.table, problem.row, problem.column) == ("units", 6, "level")


def test_row_markup_inside_cdata_is_text(tmp_path: Path) -> None:
    name = Raw('<c r="B3" t="inlineStr"><is><t><![CDATA[a<row r="9"/>b]]></t></is></c>')
    units = [row[:] for row in TINY["units"]]
    units[2][1] = name
    city = read(save(tmp_path, xlsx_bytes(with_tables(units=units))))
    assert city.units["name"].tolist() == ["Pemerintah Kota", 'a<row r="9"/>b']


# ------------------------------------------------------------------------------ formulas


def _targets_with(cell: Raw) -> dict[str, list[list[object]] | str]:
    targets = [row[:] for row in TINY["targets"]]
    targets[1][2] = cell
    return with_tables(targets=targets)


def test_a_formula_reads_as_its_saved_value(tmp_path: Path) -> None:
    cell = Raw('<c r="C2"><f>70+2.5</f><v>72.5</v></c>')
    assert read(save(tmp_path, xlsx_bytes(_targets_with(cell)))) == tiny()


def test_a_formula_without_a_saved_value_is_reported(tmp_path: Path) -> None:
    cell = Raw('<c r="C2"><f>SUM(D2:D9)</f></c>')
    with pytest.raises(InputError) as excinfo:
        read(save(tmp_path, xlsx_bytes(_targets_with(cell))))
    (problem,) = excinfo.value.problems
    assert (problem.table, problem.row, problem.column) == ("targets", 2, "target")
    assert problem.value == "=SUM(D2:D9)"
    assert "formula without a saved value in cell C2" in problem.message
    assert "open and save the file in Excel" in problem.message


def test_a_formula_whose_saved_value_is_empty_text_is_blank(tmp_path: Path) -> None:
    # =IF(x,"",y) saved as an empty string: a blank cell, not a missing value
    cell = Raw('<c r="D3" t="str"><f>IF(1,"",2)</f><v></v></c>')
    targets = [row[:] for row in TINY["targets"]]
    targets[2][3] = cell
    city = read(save(tmp_path, xlsx_bytes(with_tables(targets=targets))))
    assert city.targets["target_upper"].isna().all()


def test_every_formula_without_a_value_is_listed_with_the_other_problems(
    tmp_path: Path,
) -> None:
    units = [row[:] for row in TINY["units"]]
    units[0][3] = Raw('<c r="D1"><f>"le"&amp;"vel"</f></c>')  # the header itself
    targets = [row[:] for row in TINY["targets"]]
    targets[2][2] = Raw('<c r="C3"><f t="shared" si="0"/></c>')  # a shared formula's cell
    targets[1][2] = "lots"
    with pytest.raises(InputError) as excinfo:
        read(save(tmp_path, xlsx_bytes(with_tables(units=units, targets=targets))))
    found = [(p.table, p.row, p.column) for p in excinfo.value.problems]
    assert ("units", 1, "D") in found  # no header text to name it by: the column letter
    assert ("targets", 2, "target") in found  # "lots" is not a number
    assert ("targets", 3, "target") in found
    shared = next(p for p in excinfo.value.problems if p.row == 3)
    assert shared.value is None
    assert "C3" in shared.message


# ------------------------------------------------------------------ what sheets hold


def test_merged_cells_say_so(tmp_path: Path) -> None:
    goals = [row[:] for row in TINY["goals"]]
    goals[2][1] = None  # G1.1's owner: merged with the cell above, so blank
    tail = '<mergeCells count="1"><mergeCell ref="B2:B3"/></mergeCells>'
    data = xlsx_bytes(with_tables(goals=sheet_xml(goals, tail=tail)))
    with pytest.raises(InputError) as excinfo:
        read(save(tmp_path, data))
    (problem,) = excinfo.value.problems
    assert (problem.table, problem.row, problem.column) == ("goals", 3, "unit_id")
    assert "inside the merged cells B2:B3" in problem.message


def test_a_date_where_a_number_belongs(tmp_path: Path) -> None:
    cell = Raw(f'<c r="C2" s="{DATE_STYLE}"><v>45292</v></c>')
    with pytest.raises(InputError) as excinfo:
        read(save(tmp_path, xlsx_bytes(_targets_with(cell))))
    (problem,) = excinfo.value.problems
    assert (problem.row, problem.column) == (2, "target")
    assert "found a date" in problem.message


def test_a_date_cell_in_a_period_column_is_its_month(tmp_path: Path) -> None:
    targets = [row[:] for row in TINY["targets"]]
    targets[1][1] = Raw('<c r="B2" t="d"><v>2024-03-01T00:00:00</v></c>')
    targets[2][1] = Raw(f'<c r="B3" s="{DATE_STYLE}"><v>45352</v></c>')  # 1 March 2024
    city = read(save(tmp_path, xlsx_bytes(with_tables(targets=targets))))
    assert city.targets["period"].astype(str).tolist() == ["2024-03", "2024-03"]


@pytest.mark.parametrize(
    ("cell", "words"),
    [
        (Raw('<c r="C2" t="b"><v>1</v></c>'), "found a true/false value"),
        (Raw('<c r="C2"><v>NaN</v></c>'), "expected a number"),
        (Raw('<c r="C2"><v>1e400</v></c>'), "too large"),
        (Raw('<c r="C2"><v>12abc</v></c>'), "expected a number"),
        (Raw('<c r="C2" t="e"><v>#DIV/0!</v></c>'), "expected a number"),
        (Raw('<c r="C2" t="d"><v>not a date</v></c>'), "expected a number"),
    ],
)
def test_cells_that_are_not_numbers(cell: Raw, words: str, tmp_path: Path) -> None:
    with pytest.raises(InputError) as excinfo:
        read(save(tmp_path, xlsx_bytes(_targets_with(cell))))
    (problem,) = excinfo.value.problems
    assert (problem.table, problem.row, problem.column) == ("targets", 2, "target")
    assert words in problem.message


def test_numbers_at_the_edge_of_the_float_range(tmp_path: Path) -> None:
    targets = [row[:] for row in TINY["targets"]]
    targets[1][2] = 1e308
    targets[2][2] = -0.0
    targets[2][3] = 5e-324
    city = read(save(tmp_path, xlsx_bytes(with_tables(targets=targets))))
    assert city.targets["target"].tolist() == [1e308, 0.0]
    assert city.targets["target_upper"].tolist()[1] == 5e-324
    again = read(write(city, tmp_path / "again.xlsx"))
    assert again == city


def test_missing_and_extra_sheets(tmp_path: Path) -> None:
    sheets = with_tables(Catatan=[["apa saja"], ["bebas"]])
    del sheets["indicators"]
    with pytest.raises(InputError) as excinfo:
        read(save(tmp_path, xlsx_bytes(sheets)))
    (problem,) = excinfo.value.problems
    assert problem.table == "indicators"
    assert "required table indicators is missing" in problem.message


def test_duplicate_and_empty_headers(tmp_path: Path) -> None:
    units = [[*row, None] for row in TINY["units"]]
    units[0][1] = "unit_id"
    units[1][4] = "a value under no header"
    with pytest.raises(InputError) as excinfo:
        read(save(tmp_path, xlsx_bytes(with_tables(units=units))))
    messages = [str(p) for p in excinfo.value.problems]
    assert any("both stand for column unit_id" in m for m in messages)
    assert any("has values but no header" in m for m in messages)


def test_a_workbook_of_empty_sheets(tmp_path: Path) -> None:
    data = xlsx_bytes({"units": [], "goals": [], "indicators": []})
    result = outcome(save(tmp_path, data))
    assert isinstance(result, InputError)
    assert {p.table for p in result.problems} == {"units", "goals", "indicators"}


@pytest.mark.parametrize(
    ("part", "content", "words"),
    [
        ("xl/worksheets/sheet4.xml", None, "sheet 'targets' is listed, but its part"),
        ("[Content_Types].xml", None, "a part is missing"),
        ("xl/workbook.xml", None, "a part is missing"),
        ("[Content_Types].xml", b"<Types", "[Content_Types].xml is not well-formed XML"),
        ("xl/workbook.xml", b"<workbook", "the workbook part (xl/workbook.xml)"),
        ("xl/styles.xml", b"<styleSheet", "xl/styles.xml is not well-formed XML"),
    ],
)
def test_parts_missing_or_broken(
    part: str, content: bytes | None, words: str, tmp_path: Path
) -> None:
    # a sheet's part missing from the archive once read as an absent (empty) table
    parts = parts_of(xlsx_bytes(TINY))
    if content is None:
        del parts[part]
    else:
        parts[part] = content
    with pytest.raises(FileFormatError) as excinfo:
        read(save(tmp_path, zip_parts(parts)))
    assert words in only_problem(excinfo)


def test_shared_strings_are_unescaped_once(tmp_path: Path) -> None:
    # openpyxl turned the escape of a literal "_x000D_" into "_x000D_" and the reader then
    # into a carriage return; the shared strings are read here now
    parts = parts_of(xlsx_bytes(TINY))
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    parts["xl/sharedStrings.xml"] = (
        f'<sst xmlns="{main}"><si><t>_x005F_x000D_</t></si>'
        "<si><r><t>a_x000D_</t></r><r><t>b</t></r><rPh><t>furigana</t></rPh></si></sst>"
    ).encode()
    types = (
        parts["[Content_Types].xml"]
        .decode()
        .replace(
            "</Types>",
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        )
    )
    parts["[Content_Types].xml"] = types.encode()
    units = [row[:] for row in TINY["units"]]
    units[1][1] = Raw('<c r="B2" t="s"><v>0</v></c>')
    units[2][1] = Raw('<c r="B3" t="s"><v>1</v></c>')
    parts["xl/worksheets/sheet1.xml"] = sheet_xml(units).encode()
    city = read(save(tmp_path, zip_parts(parts)))
    assert city.units["name"].tolist() == ["_x000D_", "a\rb"]


def test_long_cell_text_is_cut_in_messages(tmp_path: Path) -> None:
    targets = [row[:] for row in TINY["targets"]]
    targets[1][2] = "x" * 5000
    with pytest.raises(InputError) as excinfo:
        read(save(tmp_path, xlsx_bytes(with_tables(targets=targets))))
    (problem,) = excinfo.value.problems
    assert problem.value == "x" * 79 + "…"
